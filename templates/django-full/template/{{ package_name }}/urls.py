"""The site's URLs: the blog, accounts, the admin and the JSON API."""

from django.contrib import admin
from django.urls import include, path

from blog import views

urlpatterns = [
    path("", include("blog.urls")),
    path("accounts/register/", views.RegisterView.as_view(), name="register"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
    path("api/posts", views.PostListJSONView.as_view(), name="api_posts"),
    path("healthz", views.healthz, name="healthz"),
]
