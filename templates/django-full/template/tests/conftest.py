"""Each test runs in a transaction on a fresh test database (pytest-django)."""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
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
        fields.setdefault("body", "Text.")
        if status == Post.Status.PUBLISHED:
            fields.setdefault("published_at", timezone.now())
        return Post.objects.create(
            title=title,
            slug=slug if slug is not None else title.lower().replace(" ", "-"),
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


@pytest.fixture
def log_in_as(client):
    """Log a user in without the login form, for the tests of what a logged-in user does.

    The form and its throttling have tests of their own (test_accounts.py,
    test_throttling.py); for the others, it would be one more request each.
    """

    def log_in(username="ada"):
        client.force_login(get_user_model().objects.get(username=username))

    return log_in


def copy_of_session(client):
    """Another client holding a copy of ``client``'s session cookie, as a thief would."""
    thief = Client()
    name = settings.SESSION_COOKIE_NAME
    thief.cookies[name] = client.cookies[name].value
    return thief
