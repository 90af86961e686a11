from django.contrib.auth import get_user_model

from .conftest import PASSWORD

User = get_user_model()


def register(client, username="grace", password=PASSWORD, confirm=None):
    return client.post(
        "/accounts/register/",
        {"username": username, "password1": password, "password2": confirm or password},
    )


def test_p03_register_creates_a_user_with_a_hashed_password(client, db):
    response = register(client)
    assert response.status_code == 302
    user = User.objects.get(username="grace")
    assert PASSWORD not in user.password
    assert user.check_password(PASSWORD)
    assert not user.is_staff


def test_p03_duplicate_username_is_refused(client, make_user):
    make_user("grace")
    response = register(client, "grace")
    assert response.status_code == 200
    assert "A user with that username already exists." in response.content.decode()
    assert User.objects.count() == 1


def test_register_refuses_mismatched_passwords(client, db):
    response = register(client, confirm="something else entirely")
    assert "didn’t match" in response.content.decode()


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
