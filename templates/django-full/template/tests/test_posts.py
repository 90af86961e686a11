from django.test import Client

from blog.models import Post

NEW_POST = {
    "title": "My first post",
    "slug": "my-first-post",
    "body": "Hello.",
    "status": "published",
}


def test_p06_writing_a_post_while_logged_out_redirects_to_log_in(client, make_post):
    make_post("Hello", slug="hello")
    for url in ("/posts/new/", "/posts/hello/edit/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/accounts/login/?next=")
    assert client.post("/posts/new/", NEW_POST).status_code == 302
    assert not Post.objects.filter(slug="my-first-post").exists()


def test_p07_a_logged_in_user_creates_a_post_through_the_form(client, make_user, login):
    make_user()
    login()
    response = client.post("/posts/new/", NEW_POST)
    assert response.headers["Location"] == "/posts/my-first-post/"
    post = Post.objects.get(slug="my-first-post")
    assert post.author.username == "ada"
    assert post.status == Post.Status.PUBLISHED and post.published_at is not None
    assert "My first post" in client.get("/").content.decode()


def test_p07_invalid_input_shows_the_form_again_with_errors(client, make_user, login):
    make_user()
    login()
    response = client.post("/posts/new/", {**NEW_POST, "title": "", "slug": "Not A Slug"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "This field is required." in page
    assert "Enter a valid “slug”" in page
    assert not Post.objects.exists()


def test_p07_a_slug_must_be_unique(client, make_post, login):
    make_post("Taken", slug="my-first-post")
    login()
    response = client.post("/posts/new/", NEW_POST)
    assert "Post with this Slug already exists." in response.content.decode()


def test_p08_an_author_edits_their_own_post(client, make_post, login):
    make_post("Mine", slug="mine")
    login()
    edited = {**NEW_POST, "title": "Mine, edited", "slug": "mine"}
    assert client.post("/posts/mine/edit/", edited).status_code == 302
    assert Post.objects.get(slug="mine").title == "Mine, edited"


def test_p08_editing_another_authors_post_is_refused(client, make_user, make_post, login):
    make_post("Ada's", slug="adas")
    make_user("mallory")
    login("mallory")
    assert client.get("/posts/adas/edit/").status_code == 404
    response = client.post("/posts/adas/edit/", {**NEW_POST, "slug": "adas"})
    assert response.status_code == 404
    assert Post.objects.get(slug="adas").title == "Ada's"


def test_p09_a_post_without_a_valid_csrf_token_is_rejected(make_user):
    make_user()
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"username": "ada", "password": "x"})
    assert response.status_code == 403
    client.force_login(make_user("bob"))
    response = client.post("/posts/new/", {**NEW_POST, "csrfmiddlewaretoken": "forged"})
    assert response.status_code == 403
    assert client.post("/accounts/logout/").status_code == 403
