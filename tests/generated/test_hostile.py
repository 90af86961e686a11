"""Both full templates attacked the way the internet will.

Each project is served as its README says for production, by gunicorn with four
workers on 127.0.0.1, and its SQLite database is read directly to see what was
stored. Cookies are replayed after logout and after a password change, on the
same instance and on a second one sharing the database; bodies of 10 MB are
sent; eight clients submit the same unique value at once; blank, NUL,
trailing-newline and case-variant input is typed; the lists are paged; logins
are timed and passwords guessed; and axe-core and the Nu HTML checker check
every page, the admin's included. Loads are bounded (eight clients at most) and
every server stops when its test module ends.
"""

import contextlib
import http.client
import json
import re
import secrets
import socket
import sqlite3
import statistics
import threading
import time
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest
from accessibility import axe_violations, html_errors
from logins import ACCOUNTS, Store, guess_then_wait_out_the_lockout
from page_numbers import answers_to_bad_pages, expected_answer
from projects import GeneratedProject
from serving import (
    ADMIN_PASSWORD,
    SETUPS,
    USER_PASSWORD,
    Browser,
    Server,
    Setup,
    gunicorn,
    prepare,
    production_env,
    query,
    race,
)

WORKERS = 4
RACERS = 8
TEN_MB = 10 * 1024 * 1024
# Figures an attack measured, kept for the reader (the assertions judge them).
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "hostile"


@dataclass
class Served:
    name: str
    setup: Setup
    project: GeneratedProject
    env: dict[str, str]
    database: Path
    server: Server

    def browser(self) -> Browser:
        return Browser(self.server.port)

    def store(self) -> Store:
        return Store(self.name, sqlite=self.database)

    def rows(self, sql: str, *parameters):
        sql = sql.format(users=self.setup.users_table, posts=self.setup.posts_table)
        return query(self.database, sql, *parameters)


@pytest.fixture(scope="module", params=list(SETUPS))
def served(request, installed_template, tmp_path_factory):
    name = request.param
    project = installed_template(name, project_name="Prod Blog")
    database = tmp_path_factory.mktemp("hostile") / "hostile.sqlite3"
    # Behind a proxy for the HTTP clients (which say https); plain HTTP for Chromium.
    env = production_env(database, SECURE_SSL_REDIRECT="false")
    prepare(project, name, env)
    with gunicorn(project, name, env, workers=WORKERS) as server:
        yield Served(name, SETUPS[name], project, env, database, server)
        # Whatever else happened, no worker hit a locked SQLite database (P28).
        assert "database is locked" not in server.errors()


@pytest.fixture(scope="module")
def second(served):
    """A second instance of four workers on the same database, started for the first test
    that asks and kept for the others (P21, P31): what one instance knows, both must."""
    with gunicorn(served.project, served.name, served.env, workers=WORKERS) as server:
        yield server
        assert "database is locked" not in server.errors()


@pytest.fixture(scope="module")
def without_posts_table(served, tmp_path_factory):
    """Another server on a copy of the database whose posts table is gone: the pages
    that list posts fail, unexpectedly (P27, P33)."""
    broken = tmp_path_factory.mktemp("broken") / "broken.sqlite3"
    with (
        closing(sqlite3.connect(served.database)) as source,
        closing(sqlite3.connect(broken)) as copy,
    ):
        source.backup(copy)
        copy.execute(f"DROP TABLE {served.setup.posts_table}")
    env = {**served.env, "DATABASE_URL": f"sqlite:///{broken}"}
    with gunicorn(served.project, served.name, env) as server:
        yield server


def unique(prefix: str) -> str:
    return f"{prefix}-{secrets.token_hex(3)}"


def register(served: Served, username: str, email: str | None = None) -> Browser:
    browser = served.browser()
    form = served.setup.register_form(username, email or f"{unique('mail')}@example.com")
    response, page = browser.post_form("/accounts/register/", served.setup.csrf_field, form)
    assert response.status in (200, 302), page[-2000:]
    return browser


def log_in(served: Served, username: str, password: str = USER_PASSWORD) -> Browser:
    browser = served.browser()
    form = {"username": username, "password": password}
    response, page = browser.post_form("/accounts/login/", served.setup.csrf_field, form)
    assert response.status == 302, f"{username} could not log in: {page[-2000:]}"
    return browser


def new_user(served: Served, prefix: str) -> tuple[str, Browser]:
    """A freshly registered user, and a client logged in as them."""
    username = unique(prefix)
    register(served, username)
    return username, log_in(served, username)


def logged_in(port: int, cookies: dict[str, str]) -> bool:
    """Whether these cookies, replayed by a new client, open the logged-in-only form."""
    replay = Browser(port)
    replay.cookies = dict(cookies)
    response, _ = replay.request("GET", "/posts/new/")
    assert response.status in (200, 302), response.status
    return response.status == 200


def new_post(served: Served, browser: Browser, **fields: str):
    form = {"title": "A title", "body": "A body.", "status": "published", **fields}
    return browser.post_form("/posts/new/", served.setup.csrf_field, form)


def test_p21_logout_and_a_password_change_end_every_copy_of_the_session(served, second):
    username = unique("replay")
    register(served, username)
    ports = {"same instance": served.server.port, "second instance": second.port}

    user = log_in(served, username)
    saved = dict(user.cookies)
    assert {where: logged_in(port, saved) for where, port in ports.items()} == {
        "same instance": True,
        "second instance": True,
    }
    # The log-out button is in every page's header.
    token = user.csrf_token("/", served.setup.csrf_field)
    response, _ = user.request("POST", "/accounts/logout/", {served.setup.csrf_field: token})
    assert response.status == 302
    after_logout = {where: logged_in(port, saved) for where, port in ports.items()}

    saved = dict(log_in(served, username).cookies)
    boss = log_in(served, "boss", ADMIN_PASSWORD)
    row = served.rows("SELECT * FROM {users} WHERE username = ?", username)[0]
    path = served.setup.password_change_path(row["id"])
    form = served.setup.password_change_form(dict(row), "a brand new password")
    response, page = boss.post_form(path, served.setup.csrf_field, form)
    assert response.status == 302, page[-3000:]
    after_password_change = {where: logged_in(port, saved) for where, port in ports.items()}

    assert after_logout == {"same instance": False, "second instance": False}
    assert after_password_change == {"same instance": False, "second instance": False}
    log_in(served, username, "a brand new password")


def test_p29_a_password_change_logs_out_a_replayed_session_cookie(served):
    username = unique("changer")
    register(served, username)
    user = log_in(served, username)
    stolen = dict(user.cookies)
    form = ACCOUNTS[served.name].password_change_form(USER_PASSWORD, "another long password")
    response, page = user.post_form("/accounts/password_change/", served.setup.csrf_field, form)
    assert response.status == 302, page[-3000:]
    assert response.getheader("Location").endswith("/accounts/password_change/done/")
    assert logged_in(served.server.port, user.cookies)
    assert not logged_in(served.server.port, stolen)
    log_in(served, username, "another long password")


def test_p30_an_unknown_username_takes_as_long_as_a_wrong_password(served):
    """20 logins each way, taken in turns so that both see the same load; medians compared."""
    username = unique("timed")
    register(served, username)
    store = served.store()
    seconds: dict[str, list[float]] = {"existing user": [], "unknown user": []}
    for _ in range(20):
        for case, name in (("existing user", username), ("unknown user", unique("nobody"))):
            # Five failures would throttle the next login, answered at once: start afresh.
            store.forget_failures()
            browser = served.browser()
            field = served.setup.csrf_field
            form = {"username": name, "password": "not the password"}
            form[field] = browser.csrf_token("/accounts/login/", field)
            start = time.perf_counter()
            response, _ = browser.request("POST", "/accounts/login/", form)
            seconds[case].append(time.perf_counter() - start)
            assert response.status == 200
    store.forget_failures()
    medians = {case: statistics.median(times) for case, times in seconds.items()}
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    figures = {case: round(median * 1000, 1) for case, median in medians.items()}
    (ARTIFACTS / f"p30-login-milliseconds-{served.name}.json").write_text(json.dumps(figures))
    assert max(medians.values()) / min(medians.values()) < 1.5, medians


def test_p31_thirty_wrong_passwords_then_429_until_the_window_passes(served, second):
    username = unique("guessed")
    register(served, username)
    guess_then_wait_out_the_lockout(
        served.server.port, served.name, served.store(), username, USER_PASSWORD, second.port
    )


def send_oversized(served: Served, browser: Browser, path: str, form: dict[str, str], size: int):
    """POST ``form`` plus a ``body`` field of ``size`` bytes; return the status the server gave.

    The body is sent from a thread while the response is read: a server may answer
    as soon as it has read the headers, and close the connection on the rest.
    """
    head = urlencode(
        {**form, served.setup.csrf_field: browser.csrf_token(path, served.setup.csrf_field)}
    )
    prefix = f"{head}&body=".encode()
    headers = browser.headers(path, form=True) | {"Content-Length": str(len(prefix) + size)}
    lines = [
        f"POST {path} HTTP/1.1",
        f"Host: 127.0.0.1:{served.server.port}",
        *(f"{k}: {v}" for k, v in headers.items()),
    ]
    connection = socket.create_connection(("127.0.0.1", served.server.port), timeout=60)

    def send_body() -> None:
        chunk = b"x" * 65536
        # The server may answer and close before the body is all sent: what it refuses
        # need not be read, so a closed connection ends the sending.
        with contextlib.suppress(OSError):
            connection.sendall(("\r\n".join(lines) + "\r\n\r\n").encode() + prefix)
            for _ in range(size // len(chunk)):
                connection.sendall(chunk)

    sender = threading.Thread(target=send_body, daemon=True)
    sender.start()
    try:
        response = http.client.HTTPResponse(connection)
        response.begin()
        return response.status
    finally:
        connection.shutdown(socket.SHUT_RDWR)
        connection.close()
        sender.join(timeout=30)


def test_p22_oversized_requests_are_refused_and_store_nothing(served):
    username, user = new_user(served, "big")
    slug = unique("ten-mb")
    status = send_oversized(
        served, user, "/posts/new/", {"title": "Big", "slug": slug, "status": "published"}, TEN_MB
    )
    assert status in (400, 413)
    assert served.rows("SELECT id FROM {posts} WHERE slug = ?", slug) == []
    assert log_in(served, username)  # the refused request did no harm to the session

    # A password of a million characters is refused, not hashed.
    huge = "p" * 1_000_000
    name = unique("hugepw")
    form = served.setup.register_form(name, f"{name}@example.com")
    form = {
        key: huge if "password" in key or key == "confirm" else value for key, value in form.items()
    }
    response, _ = served.browser().post_form("/accounts/register/", served.setup.csrf_field, form)
    assert response.status in (200, 400, 413)
    assert served.rows("SELECT id FROM {users} WHERE username = ?", name) == []


def test_p23_eight_concurrent_posts_of_one_slug_make_one_post_and_no_error(served):
    slug = unique("same-slug")
    form = {"title": "Race", "slug": slug, "body": "Fast.", "status": "published"}
    posts = []
    for _ in range(RACERS):
        _, author = new_user(served, "racer")
        token = author.csrf_token("/posts/new/", served.setup.csrf_field)
        posts.append((author, "/posts/new/", {**form, served.setup.csrf_field: token}))

    assert race(posts) == [200] * (RACERS - 1) + [302]
    assert len(served.rows("SELECT id FROM {posts} WHERE slug = ?", slug)) == 1


def test_p23_eight_concurrent_registrations_of_one_username_make_one_user_and_no_error(served):
    username = unique("same-name")
    posts = []
    for number in range(RACERS):
        browser = served.browser()
        token = browser.csrf_token("/accounts/register/", served.setup.csrf_field)
        form = served.setup.register_form(username, f"{username}-{number}@example.com")
        posts.append((browser, "/accounts/register/", {**form, served.setup.csrf_field: token}))

    assert race(posts) == [200] * (RACERS - 1) + [302]
    assert len(served.rows("SELECT id FROM {users} WHERE username = ?", username)) == 1


def test_p23_eight_concurrent_admin_saves_of_one_slug_make_one_post_and_no_error(served):
    """The admin is a form too: staff racing on one slug get its error, never a 500."""
    slug = unique("admin-slug")
    (boss,) = served.rows("SELECT id FROM {users} WHERE username = 'boss'")
    path = served.setup.admin_add_post
    posts = []
    for _ in range(RACERS):
        staff = log_in(served, "boss", ADMIN_PASSWORD)
        token = staff.csrf_token(path, served.setup.csrf_field)
        form = served.setup.admin_post_form(boss["id"], slug)
        posts.append((staff, path, {**form, served.setup.csrf_field: token}))

    assert race(posts) == [200] * (RACERS - 1) + [302]
    assert len(served.rows("SELECT id FROM {posts} WHERE slug = ?", slug)) == 1


def test_p24_blank_nul_trailing_newline_and_case_variant_input_is_refused(served):
    _, author = new_user(served, "typist")
    refused_posts = {
        "blank title": {"title": "   ", "slug": unique("blank-title")},
        "blank body": {"body": " \n ", "slug": unique("blank-body")},
        "NUL in the title": {"title": "nul\x00title", "slug": unique("nul-title")},
        "NUL in the body": {"body": "nul\x00body", "slug": unique("nul-body")},
    }
    stored = {}
    for case, fields in refused_posts.items():
        response, _ = new_post(served, author, **fields)
        assert response.status != 500, case
        stored[case] = served.rows("SELECT id FROM {posts} WHERE slug = ?", fields["slug"])
    assert stored == {case: [] for case in refused_posts}

    response, _ = new_post(served, author, slug=unique("trailing") + "\n")
    assert response.status != 500
    assert served.rows("SELECT slug FROM {posts} WHERE slug LIKE ?", "%\n%") == []

    def usernames(where: str, *parameters) -> list[str]:
        rows = served.rows(f"SELECT username FROM {{users}} WHERE {where}", *parameters)
        return [row["username"] for row in rows]

    for username in ("   ", "nul\x00user"):
        register(served, username)
    assert usernames("trim(username) = '' OR instr(username, char(0))") == []

    newline = unique("nluser")
    register(served, newline)
    register(served, newline + "\n")
    assert usernames("username LIKE ?", f"{newline}%") == [newline]

    case = unique("CaseUser")
    for variant in (case, case.lower(), case.upper()):
        register(served, variant)
    assert usernames("lower(username) = ?", case.lower()) == [case]


def test_p27_an_unexpected_error_is_logged_with_its_traceback_and_the_page_renders(
    without_posts_table,
):
    logged_before = len(without_posts_table.errors())
    response, page = Browser(without_posts_table.port).request("GET", "/")
    logged = without_posts_table.errors()[logged_before:]
    assert response.status == 500
    assert "Something went wrong" in page and "no such table" not in page
    assert "Traceback (most recent call last)" in logged and "no such table" in logged


def page_path(link) -> str:
    """A next or previous page as the JSON names it: a URL, or a page number."""
    if isinstance(link, int):
        return f"/api/posts?page={link}"
    parts = urlsplit(link)
    return f"{parts.path or '/api/posts'}?{parts.query}"


def test_p26_the_home_page_and_the_api_are_paginated(served):
    _, author = new_user(served, "writer")
    for number in range(25):
        response, _ = new_post(served, author, title=f"Paged post {number}", slug=unique("paged"))
        assert response.status == 302

    published = {
        row["slug"] for row in served.rows("SELECT slug FROM {posts} WHERE status = 'published'")
    }
    browser = served.browser()
    pages, seen, path = [], [], "/api/posts"
    while path and len(pages) < 100:
        response, text = browser.request("GET", path)
        assert response.status == 200, path
        payload = json.loads(text)
        pages.append(payload)
        seen += [post["slug"] for post in payload["posts"]]
        path = page_path(payload["next"]) if payload.get("next") else None
    assert len(pages) > 1 and all(len(page["posts"]) < len(published) for page in pages)
    assert sorted(seen) == sorted(published)
    assert pages[0].get("previous") is None and pages[1]["previous"]
    _, text = browser.request("GET", page_path(pages[1]["previous"]))
    assert json.loads(text)["posts"] == pages[0]["posts"]

    _, first = browser.request("GET", "/")
    response, second = browser.request("GET", "/?page=2")
    assert response.status == 200
    titles = lambda page: set(re.findall(r"Paged post \d+", page))  # noqa: E731
    assert titles(first) and titles(second) and not titles(first) & titles(second)
    assert re.search(r'href="[^"]*\?page=2"', first)


@pytest.mark.npm
def test_every_page_passes_axe_and_the_html_checker(served, browser):
    """No axe-core violation of any impact, and no Nu HTML checker error, on any page."""
    base = f"http://127.0.0.1:{served.server.port}"
    # axe-core goes in as an inline script, which the pages' own CSP (P35) rightly blocks.
    page = browser.new_page(bypass_csp=True)
    problems, html = [], {}
    slugs = [unique("checked-post"), unique("checked-post")]
    # A second user: the admin's lists show several rows, and a page's per-row parts
    # (a delete form on each) must not repeat an id.
    register(served, unique("checked-user"))

    def check(path: str) -> None:
        response = page.goto(f"{base}{path}")
        assert response.status < 500, f"{path}: {response.status}"
        html[path] = response.text()  # what the server sent, before any script ran
        problems.extend(axe_violations(page))
        if not path.startswith("/admin/"):
            description = page.locator('meta[name="description"]')
            if description.count() != 1 or not description.get_attribute("content").strip():
                problems.append(f"{path}: no meta description")

    for path in ("/", "/accounts/login/", "/accounts/register/", "/no/such/page/"):
        check(path)
    page.goto(f"{base}/accounts/login/")
    # The project's name, not the host's (Django's login view names the site after it).
    assert page.title() == "Log in · Prod Blog"
    page.fill("[name=username]", "boss")
    page.fill("[name=password]", ADMIN_PASSWORD)
    page.click("main button[type=submit]")
    for slug in slugs:
        page.goto(f"{base}/posts/new/")
        page.fill("[name=title]", "Checked by axe and vnu")
        page.fill("[name=slug]", slug)
        page.fill("[name=body]", "Every page, the admin's too.")
        page.select_option("[name=status]", "published")
        page.click("main button[type=submit]")
    for path in ("/", "/posts/new/", f"/posts/{slugs[0]}/", f"/posts/{slugs[0]}/edit/"):
        check(path)
    post_id = served.rows("SELECT id FROM {posts} WHERE slug = ?", slugs[0])[0]["id"]
    user_id = served.rows("SELECT id FROM {users} WHERE username = 'boss'")[0]["id"]
    for path in served.setup.admin_pages(post_id, user_id):
        check(path)
    page.close()
    problems.extend(html_errors(html))
    assert problems == [], "\n".join(problems)


def test_p32_huge_negative_zero_and_text_page_numbers_are_404_never_500(served):
    logged_before = len(served.server.errors())  # the module's earlier attacks logged theirs
    _, author = new_user(served, "pager")
    assert new_post(served, author, title="A post to page", slug=unique("pager"))[0].status == 302
    answers = answers_to_bad_pages(served.server.port, served.name)
    wrong = {path: got for path, got in answers.items() if got != expected_answer(path)}
    assert wrong == {}
    assert "Traceback" not in served.server.errors()[logged_before:]


def test_p33_every_error_under_api_is_json(served, without_posts_table):
    browser = served.browser()
    answers = {
        "GET /api/posts?page=abc": browser.request("GET", "/api/posts?page=abc")[0],
        "GET /api/no-such-thing": browser.request("GET", "/api/no-such-thing")[0],
        "POST /api/posts": browser.request("POST", "/api/posts", {"title": "no"})[0],
        "DELETE /api/posts": browser.request("DELETE", "/api/posts")[0],
    }
    response, text = Browser(without_posts_table.port).request("GET", "/api/posts")
    answers["GET /api/posts, its table gone"] = response
    got = {what: (r.status, r.headers["Content-Type"]) for what, r in answers.items()}
    assert got == {
        "GET /api/posts?page=abc": (400, "application/json"),
        "GET /api/no-such-thing": (404, "application/json"),
        "POST /api/posts": (405, "application/json"),
        "DELETE /api/posts": (405, "application/json"),
        "GET /api/posts, its table gone": (500, "application/json"),
    }
    assert "GET" in answers["POST /api/posts"].headers["Allow"]
    assert "no such table" not in text and json.loads(text)["error"]


class OtherSite(Browser):
    """A page of https://evil.example that posts to the site, with the user's cookies."""

    def headers(self, path: str, form: bool = False) -> dict[str, str]:
        return {
            **super().headers(path, form),
            "Origin": "https://evil.example",
            "Referer": "https://evil.example/",
        }


def plain_http(port: int, path: str) -> http.client.HTTPResponse:
    """A request as it reaches the app from the proxy's plain-HTTP side, or from inside."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", path, headers={"Host": f"127.0.0.1:{port}"})
    response = connection.getresponse()
    response.read()
    connection.close()
    return response


def test_p34_behind_a_proxy_https_is_enforced_and_other_origins_refused(served):
    # The production default: HTTP redirected to HTTPS (the module's server turns it off),
    # on a server of its own; one worker, as the README serves it, is all these requests need.
    env = {**served.env, "SECURE_SSL_REDIRECT": "true", "BEHIND_PROXY": "true"}
    with gunicorn(served.project, served.name, env) as server:
        plain = plain_http(server.port, "/posts/new/?x=1")
        health = plain_http(server.port, "/healthz")
        secure, _ = Browser(server.port).request("GET", "/")
        username = unique("origin")
        user = Browser(server.port)
        form = served.setup.register_form(username, f"{username}@example.com")
        assert user.post_form("/accounts/register/", served.setup.csrf_field, form)[0].status == 302
        token = user.csrf_token("/posts/new/", served.setup.csrf_field)
        attacker = OtherSite(server.port)
        attacker.cookies = dict(user.cookies)
        post = {"title": "Planted", "body": "From elsewhere.", "status": "published"}
        forged, _ = attacker.request(
            "POST", "/posts/new/", {**post, served.setup.csrf_field: token}
        )
        own, _ = user.request("POST", "/posts/new/", {**post, served.setup.csrf_field: token})
    assert plain.status == 301
    assert plain.headers["Location"] == f"https://127.0.0.1:{server.port}/posts/new/?x=1"
    assert health.status == 200
    assert secure.status == 200
    assert secure.headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert "Strict-Transport-Security" not in plain.headers
    assert forged.status == 403
    assert own.status == 302
    # The user's own post, and not the forged one.
    assert len(served.rows("SELECT title FROM {posts} WHERE title = 'Planted'")) == 1


def content_security_policy(response) -> dict[str, list[str]]:
    policy = response.headers["Content-Security-Policy"]
    return {name: values for name, *values in (d.split() for d in policy.split(";"))}


def test_p35_every_page_has_a_content_security_policy_and_nothing_breaks_it(served, browser):
    slug = unique("csp-post")
    boss = log_in(served, "boss", ADMIN_PASSWORD)
    assert new_post(served, boss, title="Under a policy", slug=slug)[0].status == 302
    post_id = served.rows("SELECT id FROM {posts} WHERE slug = ?", slug)[0]["id"]
    user_id = served.rows("SELECT id FROM {users} WHERE username = 'boss'")[0]["id"]
    pages = ["/", "/accounts/login/", "/accounts/register/", "/no/such/page/", "/healthz"]
    pages += ["/posts/new/", f"/posts/{slug}/", f"/posts/{slug}/edit/", "/api/posts"]
    pages += served.setup.admin_pages(post_id, user_id)
    weak = {}
    for path in pages:
        response, _ = boss.request("GET", path)
        policy = content_security_policy(response)
        scripts_run_by = policy.get("script-src", ["'unsafe-inline'"])
        scripts_run_by += policy.get("script-src-attr", [])
        if policy.get("frame-ancestors") != ["'none'"] or "'unsafe-inline'" in scripts_run_by:
            weak[path] = response.headers["Content-Security-Policy"]
    assert weak == {}

    # The same pages in a real browser: whatever the policy blocks is reported.
    base = f"http://127.0.0.1:{served.server.port}"
    page = browser.new_page()
    blocked = []
    page.expose_function("cspViolation", lambda where, what: blocked.append(f"{where}: {what}"))
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', (event) => window.cspViolation("
        "location.pathname, `${event.effectiveDirective} ${event.blockedURI}`))"
    )
    page.goto(f"{base}/accounts/login/")
    page.fill("[name=username]", "boss")
    page.fill("[name=password]", ADMIN_PASSWORD)
    page.click("main button[type=submit]")
    for path in pages:
        if path != "/api/posts":
            page.goto(f"{base}{path}")
            page.wait_for_load_state("load")
    page.close()
    assert blocked == []
