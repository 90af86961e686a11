"""The full templates served for real: gunicorn, production settings, checked over HTTP.

Each project gets a fresh secret, DEBUG off, its migrations applied, an admin
made with its own command, and runs under one gunicorn worker on a free port
of 127.0.0.1; the server is stopped when the test ends.
"""

import json

import pytest
from serving import ADMIN_PASSWORD, SETUPS, Browser, serve


@pytest.fixture(params=sorted(SETUPS))
def served(request, installed_template, tmp_path):
    name = request.param
    project = installed_template(name, project_name="Prod Blog")
    with serve(project, name, tmp_path / "prod.sqlite3") as port:
        yield name, SETUPS[name], port


def test_production_checks(served):
    name, setup, port = served
    browser = Browser(port)

    response, page = browser.request("GET", "/")
    assert response.status == 200, page
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert browser.request("GET", "/static/style.css")[0].status == 200
    assert json.loads(browser.request("GET", "/healthz")[1]) == {"status": "ok"}

    response, page = browser.request("GET", "/no/such/page/")
    assert response.status == 404 and "Traceback" not in page

    response, _ = browser.request("GET", "/admin/")
    assert response.status == 302 and "login" in response.headers["Location"]

    response, _ = browser.post_form(
        "/accounts/login/?next=https://evil.example/", setup.csrf_field,
        {"username": "boss", "password": ADMIN_PASSWORD},
    )  # fmt: skip
    assert response.status == 302
    assert "evil.example" not in response.headers["Location"]
    for cookie in browser.set_cookies.values():
        assert "Secure" in cookie and "HttpOnly" in cookie, cookie
    assert browser.request("GET", "/admin/")[0].status == 200

    joe = Browser(port)
    response, page = joe.post_form("/accounts/register/", setup.csrf_field, setup.register)
    assert response.status == 302, page
    assert joe.request("GET", "/admin/")[0].status in setup.not_staff

    response, _ = joe.request("POST", "/accounts/logout/", {setup.csrf_field: "forged"})
    assert response.status in (400, 403), f"{name}: a forged CSRF token was accepted"
