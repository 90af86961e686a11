"""The blog's pages, registration, the answer to a throttled login, and the JSON API."""

import math

from django.conf import settings
from django.contrib.auth import login
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse, reverse_lazy
from django.utils.decorators import method_decorator
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET
from django.views.generic import CreateView, DetailView, ListView, UpdateView

from .forms import PostForm, RegisterForm
from .models import Post


class SaveOrShowConflictMixin:
    """Save the form; if another request stored the same unique value since the form
    checked it, show the form's own error instead of a 500.

    The form's check and the insert are two steps, so under load another worker can
    slip in between; the database's unique constraint is what refuses the second row.
    """

    attempts = 3

    def form_valid(self, form):
        for attempt in range(1, self.attempts + 1):
            try:
                # A savepoint: the failed insert is undone, and the connection stays usable.
                with transaction.atomic():
                    return super().form_valid(form)
            except IntegrityError:
                # The other row is committed now, so checking again finds it and says so.
                form.full_clean()
                if not form.is_valid():
                    return self.form_invalid(form)
                # Still valid: what was taken was a slug made from the title; make another.
                if attempt == self.attempts:
                    raise


class PostListView(ListView):
    queryset = Post.published.select_related("author")
    context_object_name = "posts"
    # ?page=2 and so on; a page that does not exist is 404.
    paginate_by = 10


class PostDetailView(DetailView):
    def get_queryset(self):
        visible = Q(status=Post.Status.PUBLISHED)
        if self.request.user.is_authenticated:
            visible |= Q(author=self.request.user)
        return Post.objects.filter(visible).select_related("author")


class PostCreateView(LoginRequiredMixin, SaveOrShowConflictMixin, CreateView):
    model = Post
    form_class = PostForm

    def form_valid(self, form):
        form.instance.author = self.request.user
        return super().form_valid(form)


class PostUpdateView(LoginRequiredMixin, SaveOrShowConflictMixin, UpdateView):
    model = Post
    form_class = PostForm

    def get_queryset(self):
        # Another author's post is not found: 404, and nothing said about it.
        return Post.objects.filter(author=self.request.user)


class RegisterView(SaveOrShowConflictMixin, CreateView):
    form_class = RegisterForm
    template_name = "registration/register.html"
    success_url = reverse_lazy("blog:post_list")

    def form_valid(self, form):
        response = super().form_valid(form)
        if form.is_valid():  # and not refused after a conflict
            # Which backend the session names: axes' only throttles, it never logs anyone in.
            login(self.request, self.object, backend="django.contrib.auth.backends.ModelBackend")
        return response


def locked_out(request, original_response=None, credentials=None):
    """django-axes' answer to a login it throttles: 429, and when to try again.

    The wait runs from the last failed attempt, which was at most now: the time
    given is the longest it can be.
    """
    seconds = int(settings.AXES_COOLOFF_TIME.total_seconds())
    context = {"minutes": math.ceil(seconds / 60)}
    response = render(request, "registration/locked_out.html", context, status=429)
    response["Retry-After"] = str(seconds)
    return response


def client_address(request) -> str:
    """The client's address behind one proxy: the last entry the proxy added to
    X-Forwarded-For. The entries before it are whatever the client sent, so they
    are not trusted."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    return forwarded.rsplit(",", 1)[-1].strip() or request.META.get("REMOTE_ADDR", "")


# The API takes no unsafe request at all, so the CSRF check has nothing to protect
# there: a POST is answered 405, which says what is wrong, rather than 403.
@method_decorator(csrf_exempt, name="dispatch")
class PostListJSONView(PostListView):
    """The same posts and pages as the index, as JSON."""

    def get(self, request, *args, **kwargs):
        # A page past the last one is 404, as on the index; text where a number belongs
        # is the client's mistake, 400.
        if not request.GET.get(self.page_kwarg, "1").lstrip("-").isdecimal():
            message = "The page must be a whole number."
            return JsonResponse({"error": "Bad Request", "message": message}, status=400)
        return super().get(request, *args, **kwargs)

    def render_to_response(self, context, **response_kwargs):
        page = context["page_obj"]
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
                    for post in page
                ],
                "page": page.number,
                "pages": page.paginator.num_pages,
                "next": self.page_url(page.next_page_number()) if page.has_next() else None,
                "previous": (
                    self.page_url(page.previous_page_number()) if page.has_previous() else None
                ),
            }
        )

    def page_url(self, number: int) -> str:
        return f"{reverse('api_posts')}?page={number}"


@require_GET
def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return JsonResponse({"status": "ok"})
