"""The site's URLs: the blog, accounts, the admin and the JSON API."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from blog import views

# django.contrib.auth's own views, named one by one rather than include("django.contrib.auth.urls"):
# its password reset pages need an e-mail server this project does not set up.
accounts = [
    path("register/", views.RegisterView.as_view(), name="register"),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    # Own template names: the admin renders its password change with Django's defaults.
    path(
        "password_change/",
        auth_views.PasswordChangeView.as_view(template_name="registration/change_password.html"),
        name="password_change",
    ),
    path(
        "password_change/done/",
        auth_views.PasswordChangeDoneView.as_view(
            template_name="registration/password_changed.html"
        ),
        name="password_change_done",
    ),
]

urlpatterns = [
    path("", include("blog.urls")),
    path("accounts/", include(accounts)),
    path("admin/", admin.site.urls),
    path("api/posts", views.PostListJSONView.as_view(), name="api_posts"),
    path("healthz", views.healthz, name="healthz"),
]
