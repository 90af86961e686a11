import html
import re

from django.conf import settings
from django.contrib.auth import get_user_model, hashers
from django.test import Client, RequestFactory

from blog.forms import RegisterForm
from blog.views import RegisterView

from .conftest import PASSWORD, copy_of_session

User = get_user_model()


def registration(username="grace", email=None, password=PASSWORD, confirm=None):
    return {
        "username": username,
        "email": email or f"{username}@example.com",
        "password1": password,
        "password2": confirm or password,
    }


def register(client, username="grace", **fields):
    return client.post("/accounts/register/", registration(username, **fields))


def test_p03_register_creates_a_user_with_a_hashed_password(client, db):
    response = register(client)
    assert response.status_code == 302
    user = User.objects.get(username="grace")
    assert PASSWORD not in user.password
    assert user.check_password(PASSWORD)
    assert user.email == "grace@example.com"
    assert not user.is_staff


def test_p03_duplicate_username_is_refused(client, make_user):
    make_user("grace")
    response = register(client, "grace", email="other@example.com")
    assert response.status_code == 200
    assert "A user with that username already exists." in response.content.decode()
    assert User.objects.count() == 1


def test_register_refuses_mismatched_passwords(client, db):
    response = register(client, confirm="something else entirely")
    assert "didn’t match" in response.content.decode()


def test_the_login_page_is_titled_with_the_projects_name(client):
    # Django's login view names the site after the request's host, which is no title.
    page = client.get("/accounts/login/").content.decode()
    title = re.search(r"<title>(.*?)</title>", page, re.DOTALL).group(1)
    assert html.unescape(title) == f"Log in · {settings.SITE_NAME}"


def test_p04_log_in_with_the_right_credentials(client, make_user, login):
    make_user()
    response = login()
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    assert "Log out ada" in client.get("/").content.decode()


def test_p04_wrong_password_and_unknown_user_get_the_same_message(client, make_user, login):
    make_user()
    wrong_password = login(password="not the password").content.decode()
    unknown_user = login(username="nobody").content.decode()
    message = "Please enter a correct username and password."
    assert message in wrong_password and message in unknown_user
    assert "Log out" not in wrong_password + unknown_user


def test_p05_log_out_ends_the_session(client, make_user, login):
    make_user()
    login()
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert "Log in" in client.get("/").content.decode()


def test_logout_is_post_only(client, db):
    assert client.get("/accounts/logout/").status_code == 405


def test_p10_next_after_login_stays_on_this_site(client, make_user, login):
    make_user()
    assert login(next_url="/healthz").headers["Location"] == "/healthz"


def test_p10_an_external_next_is_ignored(client, make_user, login):
    make_user()
    for target in ("https://evil.example/", "//evil.example/", "/\\evil.example"):
        client.post("/accounts/logout/")
        assert login(next_url=target).headers["Location"] == "/"


def is_logged_in(client) -> bool:
    return client.get("/posts/new/").status_code == 200


def test_p21_logging_out_ends_every_copy_of_the_session(client, make_user, login):
    make_user()
    login()
    thief = copy_of_session(client)
    assert is_logged_in(thief)
    client.post("/accounts/logout/")
    # Django's sessions live in the database: logging out deletes the row the cookie names.
    assert not is_logged_in(thief)


def test_p21_an_admin_setting_a_new_password_ends_the_users_sessions(client, make_user, login):
    ada = make_user()
    login()
    thief = copy_of_session(client)
    admin = Client()
    admin.force_login(make_user("boss", is_staff=True))
    new_password = {"password1": "a brand new password", "password2": "a brand new password"}
    response = admin.post(f"/admin/blog/user/{ada.pk}/password/", new_password)
    assert response.status_code == 302
    # Each session keeps a hash of the password it was opened with; it no longer matches.
    assert not is_logged_in(client) and not is_logged_in(thief)


def change_password(client, old=PASSWORD, new="a brand new password", again=None):
    fields = {"old_password": old, "new_password1": new, "new_password2": again or new}
    return client.post("/accounts/password_change/", fields)


def test_p29_a_user_changes_their_own_password(client, make_user, login):
    make_user()
    login()
    assert "/accounts/password_change/" in client.get("/").content.decode()
    assert 'name="old_password"' in client.get("/accounts/password_change/").content.decode()
    response = change_password(client)
    assert response.headers["Location"] == "/accounts/password_change/done/"
    assert "Password changed" in client.get("/accounts/password_change/done/").content.decode()
    assert User.objects.get(username="ada").check_password("a brand new password")


def test_p29_changing_the_password_ends_the_other_sessions_and_keeps_this_one(
    client, make_user, login
):
    make_user()
    login()
    thief = copy_of_session(client)
    assert change_password(client).status_code == 302
    assert is_logged_in(client) and not is_logged_in(thief)


def test_p29_the_old_password_and_the_registration_rules_are_checked(client, make_user, login):
    make_user()
    login()
    cases = {
        "wrong old password": change_password(client, old="not the password"),
        "mismatch": change_password(client, again="something else entirely"),
        "too short": change_password(client, new="short"),
        "too long": change_password(client, new="p" * 129),
    }
    assert {case: response.status_code for case, response in cases.items()} == dict.fromkeys(
        cases, 200
    )
    assert User.objects.get(username="ada").check_password(PASSWORD)


def test_p29_a_visitor_is_sent_to_log_in(client, db):
    response = client.get("/accounts/password_change/")
    assert response.headers["Location"] == "/accounts/login/?next=/accounts/password_change/"


def test_p30_an_unknown_username_costs_a_password_hash_as_a_known_one_does(
    client, make_user, login, monkeypatch
):
    """ModelBackend hashes the password for an unknown user too: the time tells nothing."""
    make_user()
    hasher = type(hashers.get_hasher())
    hashed = []
    real_encode = hasher.encode

    def encode(self, password, salt, *args, **kwargs):
        hashed.append(password)
        return real_encode(self, password, salt, *args, **kwargs)

    monkeypatch.setattr(hasher, "encode", encode)
    login(password="not the password")
    login(username="nobody", password="also not it")
    assert hashed == ["not the password", "also not it"]


def test_p22_every_account_field_has_a_length_limit(client, db):
    cases = {
        "username": registration("u" * 151),
        "email": registration(email="e" * 250 + "@example.com"),
        "password": registration(password="p" * 129),
    }
    for field, fields in cases.items():
        response = client.post("/accounts/register/", fields)
        assert response.status_code == 200, field
        assert "at most" in response.content.decode(), field
    assert not User.objects.exists()


def test_p24_usernames_and_emails_are_unique_whatever_their_case(client, make_user):
    make_user("CaseUser")
    page = register(client, "caseuser").content.decode()
    assert "A user with that username already exists." in page
    page = register(client, "other", email="CASEUSER@EXAMPLE.COM").content.decode()
    assert "A user with that email already exists." in page
    assert User.objects.count() == 1


def test_p24_account_input_is_stripped_and_a_trailing_newline_makes_no_new_user(client, db):
    assert register(client, " nluser\n", email=" nl@example.com\n").status_code == 302
    assert User.objects.get().username == "nluser"
    assert User.objects.get().email == "nl@example.com"
    client.post("/accounts/logout/")
    page = register(client, "nluser\n", email="nl2@example.com").content.decode()
    assert "A user with that username already exists." in page
    assert User.objects.count() == 1


def test_p24_blank_and_control_characters_are_refused(client, db):
    for username in ("   ", "bell\x07user", "nul\x00user", "new\nline"):
        response = register(client, username, email="x@example.com")
        assert response.status_code == 200, repr(username)
    assert not User.objects.exists()


def lost_race(fields: dict, take) -> str:
    """Check the form, let ``take`` store the same value first, then save: a lost race."""
    form = RegisterForm(data=fields)
    assert form.is_valid()
    take()
    view = RegisterView()
    view.setup(RequestFactory().post("/accounts/register/", fields))
    view.object = None  # as CreateView.post() starts
    response = view.form_valid(form)
    assert response.status_code == 200
    return response.rendered_content


def test_p23_a_username_taken_by_a_concurrent_request_gives_the_form_error(make_user):
    page = lost_race(registration("grace"), lambda: make_user("Grace"))
    assert "A user with that username already exists." in page
    assert User.objects.count() == 1


def test_p23_an_email_taken_by_a_concurrent_request_gives_the_form_error(make_user):
    fields = registration("grace", email="ada@example.com")
    page = lost_race(fields, lambda: make_user("ada"))
    assert "A user with that email already exists." in page
    assert User.objects.count() == 1
