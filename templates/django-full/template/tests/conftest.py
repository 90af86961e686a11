"""Each test runs in a transaction on a fresh test database (pytest-django)."""

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from blog.models import Post

PASSWORD = "correct horse battery"


@pytest.fixture
def make_user(db):
    def make(username="ada", password=PASSWORD, is_staff=False):
        return get_user_model().objects.create_user(
            username=username,
            email=f"{username}@example.com",
            password=password,
            is_staff=is_staff,
            is_superuser=is_staff,
        )

    return make


@pytest.fixture
def make_post(make_user):
    def make(title="Hello", slug=None, status=Post.Status.PUBLISHED, author=None, **fields):
        if author is None:
            author = get_user_model().objects.filter(username="ada").first() or make_user()
        if status == Post.Status.PUBLISHED:
            fields.setdefault("published_at", timezone.now())
        return Post.objects.create(
            title=title,
            slug=slug or title.lower().replace(" ", "-"),
            body="Text.",
            status=status,
            author=author,
            **fields,
        )

    return make


@pytest.fixture
def login(client):
    def log_in(username="ada", password=PASSWORD, next_url=None):
        url = "/accounts/login/" + (f"?next={next_url}" if next_url else "")
        return client.post(url, {"username": username, "password": password})

    return log_in
