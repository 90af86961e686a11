from django.contrib.auth import get_user_model

from blog.models import Post

User = get_user_model()


def test_p11_admin_sends_anonymous_users_to_log_in(client, db):
    for url in ("/admin/", "/admin/blog/post/", "/admin/auth/user/add/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/admin/login/?next=")


def test_p12_admin_keeps_a_logged_in_non_staff_user_out(client, make_user, login):
    make_user()
    login()
    for url in ("/admin/", "/admin/blog/post/", "/admin/auth/user/"):
        response = client.get(url)
        # Django's admin sends a non-staff user to its own login page: kept out all the same.
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/admin/login/")


def test_p13_staff_list_search_and_filter_posts(client, make_user, make_post, login):
    make_user("boss", is_staff=True)
    make_post("Apples", slug="apples")
    make_post("Pears", slug="pears", status=Post.Status.DRAFT)
    login("boss")
    listing = client.get("/admin/blog/post/").content.decode()
    assert "Apples" in listing and "Pears" in listing
    found = client.get("/admin/blog/post/?q=apples").content.decode()
    assert "Apples" in found and "Pears" not in found
    drafts = client.get("/admin/blog/post/?status__exact=draft").content.decode()
    assert "Pears" in drafts and "Apples" not in drafts


def test_p13_staff_create_edit_and_delete_posts(client, make_user, login):
    boss = make_user("boss", is_staff=True)
    login("boss")
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


def test_p13_staff_create_edit_and_delete_users_without_raw_passwords(client, make_user, login):
    make_user("boss", is_staff=True)
    login("boss")
    fields = {"username": "newbie", "password1": "a long password", "password2": "a long password"}
    fields["usable_password"] = "true"
    assert client.post("/admin/auth/user/add/", fields).status_code == 302
    user = User.objects.get(username="newbie")
    assert user.check_password("a long password") and "a long password" not in user.password
    listing = client.get("/admin/auth/user/?q=newbie").content.decode()
    assert "newbie" in listing and user.password not in listing
    form = client.get(f"/admin/auth/user/{user.pk}/change/").content.decode()
    assert user.password not in form
    edited = {
        "username": "newbie",
        "email": "changed@example.com",
        "is_active": "on",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "10:00:00",
    }
    assert client.post(f"/admin/auth/user/{user.pk}/change/", edited).status_code == 302
    user.refresh_from_db()
    assert user.email == "changed@example.com" and user.check_password("a long password")
    response = client.post(f"/admin/auth/user/{user.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not User.objects.filter(pk=user.pk).exists()
