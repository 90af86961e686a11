import re

from django.contrib.auth import get_user_model

from blog.models import Post

User = get_user_model()


def test_p11_admin_sends_anonymous_users_to_log_in(client, db):
    for url in ("/admin/", "/admin/blog/post/", "/admin/blog/user/add/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/admin/login/?next=")


def test_p12_admin_keeps_a_logged_in_non_staff_user_out(client, make_user, log_in_as):
    make_user()
    log_in_as()
    for url in ("/admin/", "/admin/blog/post/", "/admin/blog/user/"):
        response = client.get(url)
        # Django's admin sends a non-staff user to its own login page: kept out all the same.
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/admin/login/")


def test_the_users_admin_pages_are_valid_html(client, make_user, log_in_as):
    # What blog/admin.py changes in Django's user forms (the browser tests run the Nu checker).
    boss = make_user("boss", is_staff=True)
    log_in_as("boss")
    change = client.get(f"/admin/blog/user/{boss.pk}/change/").content.decode()
    assert 'id="id_password"' in change
    assert not re.search(r"<div[^>]*\sdisabled[\s>]", change)
    password = client.get(f"/admin/blog/user/{boss.pk}/password/").content.decode()
    # The warning, inside the help text's paragraph: phrasing content, not a list.
    assert re.search(r'<p>[^<]*<strong id="id_unusable_warning" class="messagelist">', password)


def test_p13_staff_list_search_and_filter_posts(client, make_user, make_post, log_in_as):
    make_user("boss", is_staff=True)
    make_post("Apples", slug="apples")
    make_post("Pears", slug="pears", status=Post.Status.DRAFT)
    log_in_as("boss")
    listing = client.get("/admin/blog/post/").content.decode()
    assert "Apples" in listing and "Pears" in listing
    found = client.get("/admin/blog/post/?q=apples").content.decode()
    assert "Apples" in found and "Pears" not in found
    drafts = client.get("/admin/blog/post/?status__exact=draft").content.decode()
    assert "Pears" in drafts and "Apples" not in drafts


def test_p13_staff_create_edit_and_delete_posts(client, make_user, log_in_as):
    boss = make_user("boss", is_staff=True)
    log_in_as("boss")
    fields = {
        "title": "From admin",
        "slug": "from-admin",
        "body": "Hi.",
        "author": boss.pk,
        "status": "published",
        "created_at_0": "2026-01-01",
        "created_at_1": "10:00:00",
    }
    assert client.post("/admin/blog/post/add/", fields).status_code == 302
    post = Post.objects.get(slug="from-admin")
    assert post.published_at is not None
    response = client.post(f"/admin/blog/post/{post.pk}/change/", {**fields, "title": "Edited"})
    assert response.status_code == 302
    assert Post.objects.get(pk=post.pk).title == "Edited"
    response = client.post(f"/admin/blog/post/{post.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Post.objects.filter(pk=post.pk).exists()


def test_p13_staff_delete_the_posts_selected_in_the_list(client, make_user, make_post, log_in_as):
    make_user("boss", is_staff=True)
    make_post("Kept", slug="kept")
    selected = [str(make_post(title, slug=title.lower()).pk) for title in ("Apples", "Pears")]
    log_in_as("boss")
    listing = client.get("/admin/blog/post/").content.decode()
    assert set(selected) < set(re.findall(r'name="_selected_action" value="(\d+)"', listing))
    action = {"action": "delete_selected", "_selected_action": selected}
    confirmation = client.post("/admin/blog/post/", action)
    assert "<title>Delete multiple objects" in confirmation.content.decode()
    assert client.post("/admin/blog/post/", {**action, "post": "yes"}).status_code == 302
    assert list(Post.objects.values_list("slug", flat=True)) == ["kept"]


def test_p13_staff_create_edit_and_delete_users_without_raw_passwords(client, make_user, log_in_as):
    make_user("boss", is_staff=True)
    log_in_as("boss")
    fields = {
        "username": "newbie",
        "email": "newbie@example.com",
        "password1": "a long password",
        "password2": "a long password",
        "usable_password": "true",
    }
    assert client.post("/admin/blog/user/add/", fields).status_code == 302
    user = User.objects.get(username="newbie")
    assert user.check_password("a long password") and "a long password" not in user.password
    listing = client.get("/admin/blog/user/?q=newbie").content.decode()
    assert "newbie" in listing and user.password not in listing
    form = client.get(f"/admin/blog/user/{user.pk}/change/").content.decode()
    assert user.password not in form
    edited = {
        "username": "newbie",
        "email": "changed@example.com",
        "is_active": "on",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "10:00:00",
    }
    assert client.post(f"/admin/blog/user/{user.pk}/change/", edited).status_code == 302
    user.refresh_from_db()
    assert user.email == "changed@example.com" and user.check_password("a long password")
    response = client.post(f"/admin/blog/user/{user.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not User.objects.filter(pk=user.pk).exists()


def test_p13_staff_delete_a_user_who_has_posts_and_the_posts_go_too(
    client, make_user, make_post, log_in_as
):
    make_user("boss", is_staff=True)
    author = make_user("author")
    make_post("One", author=author)
    make_post("Two", author=author)
    log_in_as("boss")
    confirm = client.get(f"/admin/blog/user/{author.pk}/delete/").content.decode()
    assert "One" in confirm and "Two" in confirm
    response = client.post(f"/admin/blog/user/{author.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not User.objects.filter(pk=author.pk).exists()
    assert not Post.objects.exists()


def admin_post(author, **changes):
    return {
        "title": "From admin",
        "slug": "",
        "body": "Hi.",
        "author": author.pk,
        "status": "published",
        "created_at_0": "2026-01-01",
        "created_at_1": "10:00:00",
        **changes,
    }


def test_p25_the_admin_makes_the_slug_from_the_title_too(client, make_user, make_post, log_in_as):
    boss = make_user("boss", is_staff=True)
    make_post("Taken", slug="from-admin")
    log_in_as("boss")
    assert client.post("/admin/blog/post/add/", admin_post(boss)).status_code == 302
    assert Post.objects.filter(slug="from-admin-2").exists()


def test_p25_the_admin_refuses_what_the_form_refuses(client, make_user, log_in_as):
    boss = make_user("boss", is_staff=True)
    log_in_as("boss")
    refused = [
        {"slug": "a/b"},
        {"slug": "with spaces"},
        {"slug": "日本語"},
        {"title": "   "},
        {"title": "NUL\x00byte"},
        {"body": "bell\x07"},
        {"body": "x" * 50_001},
    ]
    for change in refused:
        response = client.post("/admin/blog/post/add/", admin_post(boss, **change))
        assert response.status_code == 200, change
    assert not Post.objects.exists()


def test_p24_the_admin_refuses_a_username_or_email_taken_in_another_case(
    client, make_user, log_in_as
):
    make_user("boss", is_staff=True)
    log_in_as("boss")
    fields = {
        "username": "BOSS",
        "email": "new@example.com",
        "password1": "a long password",
        "password2": "a long password",
        "usable_password": "true",
    }
    page = client.post("/admin/blog/user/add/", fields).content.decode()
    assert "A user with that username already exists." in page
    fields |= {"username": "newbie", "email": "Boss@Example.com"}
    page = client.post("/admin/blog/user/add/", fields).content.decode()
    assert "A user with that email already exists." in page
    assert User.objects.count() == 1
