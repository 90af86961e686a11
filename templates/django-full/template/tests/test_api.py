from django.db import connection
from django.test.utils import CaptureQueriesContext

from blog.models import Post


def test_p14_api_posts_returns_published_posts_as_json(client, make_post):
    make_post("Shown", slug="shown")
    make_post("Hidden", slug="hidden", status=Post.Status.DRAFT)
    response = client.get("/api/posts")
    assert response.status_code == 200
    posts = response.json()["posts"]
    assert [post["slug"] for post in posts] == ["shown"]
    assert posts[0]["title"] == "Shown"
    assert posts[0]["author"] == "ada"


def test_p26_api_posts_is_paginated_and_names_the_next_and_previous_pages(client, make_post):
    for number in range(1, 13):
        make_post(f"Post {number}")
    first = client.get("/api/posts").json()
    assert len(first["posts"]) == 10
    assert (first["page"], first["pages"]) == (1, 2)
    assert (first["next"], first["previous"]) == ("/api/posts?page=2", None)
    second = client.get(first["next"]).json()
    assert [post["title"] for post in second["posts"]] == ["Post 2", "Post 1"]
    assert (second["next"], second["previous"]) == (None, "/api/posts?page=1")
    assert client.get("/api/posts?page=3").status_code == 404


def test_p15_healthz_is_ok_after_a_database_round_trip(client, db):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert [query["sql"] for query in queries] == ["SELECT 1"]
