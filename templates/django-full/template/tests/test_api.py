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


def test_p15_healthz_is_ok_after_a_database_round_trip(client, db):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert [query["sql"] for query in queries] == ["SELECT 1"]
