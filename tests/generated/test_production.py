"""The full templates served for real: gunicorn, production settings, checked over HTTP.

Each project gets a fresh secret, DEBUG off, its migrations applied, an admin
made with its own command, and runs under one gunicorn worker on a free port
of 127.0.0.1; the server is stopped when the test ends.
"""

import http.client
import json
import re
from http.cookies import SimpleCookie
from urllib.parse import urlencode

import pytest
from projects import install_project
from serving import ADMIN_PASSWORD, SETUPS, serve

pytestmark = pytest.mark.slow


class Browser:
    """Just enough of a browser: cookies, and the headers a TLS-terminating proxy adds."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}
        self.set_cookies: dict[str, str] = {}

    def request(self, method: str, path: str, form: dict[str, str] | None = None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        origin = f"https://127.0.0.1:{self.port}"
        headers = {"X-Forwarded-Proto": "https", "Referer": f"{origin}{path}", "Origin": origin}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        text = response.read().decode("utf-8", "replace")
        for header in response.headers.get_all("Set-Cookie") or []:
            cookie = SimpleCookie(header)
            for name, morsel in cookie.items():
                self.cookies[name] = morsel.value
                self.set_cookies[name] = header
        connection.close()
        return response, text

    def csrf_token(self, path: str, field: str) -> str:
        _, page = self.request("GET", path)
        pattern = rf'name="{field}"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="{field}"'
        match = re.search(pattern, page)
        return match.group(1) or match.group(2)

    def post_form(self, path: str, field: str, form: dict[str, str]):
        return self.request("POST", path, {**form, field: self.csrf_token(path, field)})


@pytest.fixture(params=sorted(SETUPS))
def served(request, render_template, tmp_path):
    name = request.param
    project = install_project(render_template(name, project_name="Prod Blog"))
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
