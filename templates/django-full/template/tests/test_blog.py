import re
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.html import escape

from blog.models import Post


def test_p01_index_lists_published_posts_only_newest_first(client, make_post):
    now = timezone.now()
    make_post("Older", published_at=now - timedelta(days=2))
    make_post("Newer", published_at=now - timedelta(days=1))
    make_post("Secret draft", status=Post.Status.DRAFT)
    page = client.get("/").content.decode()
    assert page.index("Newer") < page.index("Older")
    assert "Secret draft" not in page


def test_p02_a_published_post_has_its_page(client, make_post):
    make_post("Hello world", slug="hello-world")
    response = client.get("/posts/hello-world/")
    assert response.status_code == 200
    assert "Hello world" in response.content.decode()


def test_p02_a_draft_or_unknown_slug_is_404(client, make_post):
    make_post("Draft", slug="draft", status=Post.Status.DRAFT)
    assert client.get("/posts/draft/").status_code == 404
    assert client.get("/posts/no-such-post/").status_code == 404


def test_a_path_that_cannot_be_a_slug_is_404(client, db):
    # Refused by the URL's converter: a NUL byte would make PostgreSQL refuse the query.
    for path in ("/posts/a%00b/", "/posts/a%20b/", "/posts/%C3%A9t%C3%A9/"):
        assert client.get(path).status_code == 404, path


def test_an_author_sees_their_own_draft(client, make_post, log_in_as):
    make_post("Draft", slug="draft", status=Post.Status.DRAFT)
    log_in_as()
    assert client.get("/posts/draft/").status_code == 200


def test_p18_created_at_is_set_per_row_at_insert(make_post):
    first = make_post("First")
    second = make_post("Second")
    assert second.created_at > first.created_at
    fresh = Post(title="Unsaved", slug="unsaved", body="x", author=first.author)
    assert fresh.created_at > second.created_at


def test_unknown_page_is_404_with_the_site_layout(client, db):
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert "Not Found" in response.content.decode()


def test_security_headers_on_every_response(client, db):
    response = client.get("/")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"


def make_posts(make_post, count):
    now = timezone.now()
    for number in range(1, count + 1):
        make_post(f"Post {number}", published_at=now - timedelta(minutes=number))


def titles(page: str) -> list[str]:
    return re.findall(r"<h2><a [^>]*>([^<]+)</a></h2>", page)


def test_p26_the_index_is_paginated(client, make_post):
    make_posts(make_post, 12)
    first = client.get("/").content.decode()
    assert titles(first) == [f"Post {number}" for number in range(1, 11)]
    assert 'href="?page=2"' in first
    second = client.get("/?page=2").content.decode()
    assert titles(second) == ["Post 11", "Post 12"]
    assert 'href="?page=1"' in second and "?page=3" not in second
    assert client.get("/?page=3").status_code == 404
    assert client.get("/?page=abc").status_code == 404


def test_pages_have_a_meta_description(client, make_post):
    make_post("Described", body="What this post is about.")
    for url, description in (
        ("/", settings.SITE_DESCRIPTION),
        ("/accounts/login/", settings.SITE_DESCRIPTION),
        ("/posts/described/", "What this post is about."),
    ):
        page = client.get(url).content.decode()
        assert f'<meta name="description" content="{escape(description)}">' in page, url
