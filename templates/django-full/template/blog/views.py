"""The blog's pages, registration, and the JSON API."""

from django.contrib.auth import login
from django.contrib.auth.forms import UserCreationForm
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db import connection
from django.db.models import Q
from django.http import JsonResponse
from django.urls import reverse_lazy
from django.views.decorators.http import require_GET
from django.views.generic import CreateView, DetailView, ListView, UpdateView

from .forms import PostForm
from .models import Post


class PostListView(ListView):
    queryset = Post.published.select_related("author")
    context_object_name = "posts"


class PostDetailView(DetailView):
    def get_queryset(self):
        visible = Q(status=Post.Status.PUBLISHED)
        if self.request.user.is_authenticated:
            visible |= Q(author=self.request.user)
        return Post.objects.filter(visible).select_related("author")


class PostCreateView(LoginRequiredMixin, CreateView):
    model = Post
    form_class = PostForm

    def form_valid(self, form):
        form.instance.author = self.request.user
        return super().form_valid(form)


class PostUpdateView(LoginRequiredMixin, UpdateView):
    model = Post
    form_class = PostForm

    def get_queryset(self):
        # Another author's post is not found: 404, and nothing said about it.
        return Post.objects.filter(author=self.request.user)


class RegisterView(CreateView):
    form_class = UserCreationForm
    template_name = "registration/register.html"
    success_url = reverse_lazy("blog:post_list")

    def form_valid(self, form):
        response = super().form_valid(form)
        login(self.request, self.object)
        return response


@require_GET
def api_posts(request):
    posts = Post.published.select_related("author")
    return JsonResponse(
        {
            "posts": [
                {
                    "title": post.title,
                    "slug": post.slug,
                    "body": post.body,
                    "author": post.author.get_username(),
                    "published_at": post.published_at.isoformat(),
                }
                for post in posts
            ]
        }
    )


@require_GET
def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return JsonResponse({"status": "ok"})
