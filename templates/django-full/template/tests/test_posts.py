from django.test import Client, RequestFactory

from blog.forms import PostForm
from blog.models import Post
from blog.views import PostCreateView

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


def test_p07_a_logged_in_user_creates_a_post_through_the_form(client, make_user, log_in_as):
    make_user()
    log_in_as()
    response = client.post("/posts/new/", NEW_POST)
    assert response.headers["Location"] == "/posts/my-first-post/"
    post = Post.objects.get(slug="my-first-post")
    assert post.author.username == "ada"
    assert post.status == Post.Status.PUBLISHED and post.published_at is not None
    assert "My first post" in client.get("/").content.decode()


def test_p07_invalid_input_shows_the_form_again_with_errors(client, make_user, log_in_as):
    make_user()
    log_in_as()
    response = client.post("/posts/new/", {**NEW_POST, "title": "", "slug": "Not A Slug"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "This field is required." in page
    assert "Enter a valid “slug”" in page
    assert not Post.objects.exists()


def test_p07_a_slug_must_be_unique(client, make_post, log_in_as):
    make_post("Taken", slug="my-first-post")
    log_in_as()
    response = client.post("/posts/new/", NEW_POST)
    assert "Post with this Slug already exists." in response.content.decode()


def test_p08_an_author_edits_their_own_post(client, make_post, log_in_as):
    make_post("Mine", slug="mine")
    log_in_as()
    edited = {**NEW_POST, "title": "Mine, edited", "slug": "mine"}
    assert client.post("/posts/mine/edit/", edited).status_code == 302
    assert Post.objects.get(slug="mine").title == "Mine, edited"


def test_p08_editing_another_authors_post_is_refused(client, make_user, make_post, log_in_as):
    make_post("Ada's", slug="adas")
    make_user("mallory")
    log_in_as("mallory")
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


def test_p22_an_oversized_request_is_refused_and_nothing_is_stored(client, make_user, log_in_as):
    make_user()
    log_in_as()
    # Over DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB): Django answers 400 before the view runs.
    response = client.post("/posts/new/", {**NEW_POST, "body": "x" * 3_000_000})
    assert response.status_code == 400
    assert not Post.objects.exists()


def test_p22_every_post_field_has_a_length_limit(client, make_user, log_in_as):
    make_user()
    log_in_as()
    for field, size in (("title", 201), ("slug", 201), ("body", 50_001)):
        response = client.post("/posts/new/", {**NEW_POST, field: "x" * size})
        assert response.status_code == 200, field
        assert "at most" in response.content.decode(), field
    assert not Post.objects.exists()


def test_p23_a_slug_taken_by_a_concurrent_request_gives_the_form_error(make_user, make_post):
    author = make_user()
    form = PostForm(data=NEW_POST)
    assert form.is_valid()
    # Another request stores the same slug after this form checked it, before it saves.
    make_post("Faster", slug=NEW_POST["slug"], author=author)
    view = PostCreateView()
    view.setup(RequestFactory().post("/posts/new/", NEW_POST))
    view.request.user = author
    view.object = None  # as CreateView.post() starts
    response = view.form_valid(form)
    assert response.status_code == 200
    assert "Post with this Slug already exists." in response.rendered_content
    assert Post.objects.count() == 1


def test_p24_post_input_is_stripped(client, make_user, log_in_as):
    make_user()
    log_in_as()
    fields = {**NEW_POST, "title": "  Spaced  ", "slug": "trailing\n", "body": " Hi. \n"}
    assert client.post("/posts/new/", fields).headers["Location"] == "/posts/trailing/"
    post = Post.objects.get()
    assert (post.title, post.slug, post.body) == ("Spaced", "trailing", "Hi.")


def test_p24_blank_and_control_characters_are_refused(client, make_user, log_in_as):
    make_user()
    log_in_as()
    refused = [
        {"title": "   "},
        {"body": " \n\t "},
        {"title": "NUL\x00byte"},
        {"body": "NUL\x00byte"},
        {"title": "bell\x07"},
        {"title": "two\nlines"},
        {"body": "escape\x1b[31m"},
        {"slug": "inner\nnewline"},
    ]
    for change in refused:
        response = client.post("/posts/new/", {**NEW_POST, **change})
        assert response.status_code == 200, change
    assert not Post.objects.exists()
    body = "Tabs\tand\r\nline breaks stay."
    client.post("/posts/new/", {**NEW_POST, "body": body})
    assert Post.objects.get().body == body


def test_p25_the_slug_is_made_from_the_title_when_left_empty(client, make_user, log_in_as):
    make_user()
    log_in_as()
    for title in ("Hello, World!", "Hello world", "Hello World"):
        client.post("/posts/new/", {**NEW_POST, "title": title, "slug": ""})
    slugs = list(Post.objects.order_by("id").values_list("slug", flat=True))
    assert slugs == ["hello-world", "hello-world-2", "hello-world-3"]


def test_p25_a_title_without_ascii_letters_still_gets_a_slug(client, make_user, log_in_as):
    make_user()
    log_in_as()
    for title in ("日本語", "!!!"):
        response = client.post("/posts/new/", {**NEW_POST, "title": title, "slug": "  "})
        assert response.status_code == 302
    assert list(Post.objects.order_by("id").values_list("slug", flat=True)) == ["post", "post-2"]
    assert client.get("/posts/post-2/").status_code == 200


def test_p25_emptying_the_slug_when_editing_makes_a_new_one(client, make_post, log_in_as):
    make_post("Mine", slug="old-slug")
    log_in_as()
    edited = {**NEW_POST, "title": "Mine, renamed", "slug": ""}
    response = client.post("/posts/old-slug/edit/", edited)
    assert response.headers["Location"] == "/posts/mine-renamed/"


def test_p25_a_long_title_gives_a_slug_that_fits(make_user):
    author = make_user()
    for _ in range(2):
        post = Post.objects.create(title="word " * 40, body="x", author=author)
        assert 0 < len(post.slug) <= 200 and not post.slug.endswith("-")
    assert Post.objects.filter(slug__endswith="-2").exists()
