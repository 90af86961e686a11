"""P31: password guessing is throttled (django-axes), on the site's login and the admin's."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.core.management import call_command
from django.db.models import F
from django.test import Client, override_settings

from .conftest import PASSWORD

LOGIN_PAGES = ["/accounts/login/", "/admin/login/"]


def guess(client, path, username="ada", password="not the password", address="127.0.0.1"):
    data = {"username": username, "password": password}
    return client.post(path, data, REMOTE_ADDR=address)


def the_window_passes():
    """Time travel: every failure recorded so far happened a window and a minute ago."""
    past = settings.AXES_COOLOFF_TIME + timedelta(minutes=1)
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - past)


@pytest.mark.parametrize("path", LOGIN_PAGES)
def test_p31_failed_logins_for_one_account_are_throttled_with_429(client, make_user, path):
    make_user(is_staff=True)
    limit = settings.AXES_FAILURE_LIMIT
    statuses = [guess(client, path).status_code for _ in range(limit + 2)]
    assert statuses == [200] * (limit - 1) + [429] * 3
    refused = guess(client, path, password=PASSWORD)
    assert refused.status_code == 429
    assert refused.headers["Retry-After"] == str(15 * 60)
    assert "try again in 15 minutes" in refused.content.decode()
    # From another address too: the account itself is throttled.
    assert guess(Client(), path, password=PASSWORD, address="192.0.2.1").status_code == 429


def test_p31_failed_logins_from_one_address_are_throttled_whatever_the_username(client, make_user):
    make_user()
    for number in range(settings.AXES_FAILURE_LIMIT):
        guess(client, "/accounts/login/", username=f"guess{number}")
    assert guess(client, "/accounts/login/", password=PASSWORD).status_code == 429
    # Another address is not held back by this one.
    elsewhere = guess(Client(), "/accounts/login/", password=PASSWORD, address="192.0.2.1")
    assert elsewhere.status_code == 302


@override_settings(AXES_CLIENT_IP_CALLABLE="blog.views.client_address")
def test_p31_behind_a_proxy_the_address_is_the_one_the_proxy_saw(client, make_user):
    make_user()
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    for number in range(settings.AXES_FAILURE_LIMIT):
        # What a client puts first in X-Forwarded-For is not trusted: only the proxy's entry.
        data = {"username": f"guess{number}", "password": "not the password"}
        client.post(
            "/accounts/login/",
            data,
            HTTP_X_FORWARDED_FOR=f"198.51.100.{number}, 203.0.113.7",
            **proxy,
        )
    data = {"username": "ada", "password": PASSWORD}
    refused = client.post("/accounts/login/", data, HTTP_X_FORWARDED_FOR="203.0.113.7", **proxy)
    assert refused.status_code == 429
    other = Client().post("/accounts/login/", data, HTTP_X_FORWARDED_FOR="192.0.2.1", **proxy)
    assert other.status_code == 302


def test_p31_the_user_gets_in_once_the_window_has_passed(client, make_user):
    make_user()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        guess(client, "/accounts/login/")
    assert guess(client, "/accounts/login/", password=PASSWORD).status_code == 429
    the_window_passes()
    assert guess(client, "/accounts/login/", password=PASSWORD).status_code == 302


def test_p31_an_admin_clears_the_throttle_with_axes_reset(client, make_user):
    make_user()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        guess(client, "/accounts/login/")
    call_command("axes_reset", verbosity=0)
    assert guess(client, "/accounts/login/", password=PASSWORD).status_code == 302


def test_p31_an_admin_sees_and_deletes_the_attempts_in_the_admin(client, make_user):
    make_user()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        guess(client, "/accounts/login/")
    admin = Client()
    admin.force_login(make_user("boss", is_staff=True))
    attempt = AccessAttempt.objects.get(username="ada")
    assert "ada" in admin.get("/admin/axes/accessattempt/").content.decode()
    response = admin.post(f"/admin/axes/accessattempt/{attempt.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert guess(client, "/accounts/login/", password=PASSWORD).status_code == 302
