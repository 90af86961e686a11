"""Serving a generated full project for real: prepared, under gunicorn, on 127.0.0.1.

``serve`` does it all for one instance; ``production_env``, ``prepare`` and
``gunicorn`` are its steps, for tests that start a second instance on the same
database. ``Browser`` is just enough of a browser to talk to it over HTTP.
"""

import http.client
import re
import secrets
import signal
import sqlite3
import subprocess
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing, contextmanager, suppress
from dataclasses import dataclass
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import pytest
from filelock import FileLock

from scaffold.compare.serving import free_port, stop

ADMIN_PASSWORD = "a long admin password"
USER_PASSWORD = "a long user password"


@dataclass(frozen=True)
class Setup:
    """How one template is prepared, served, and what its forms and tables call things."""

    prepare: list[list[str]]
    serve: str
    csrf_field: str
    not_staff: tuple[int, ...]
    # The registration form's fields for a new user (``email`` is ignored where not asked).
    register_form: Callable[[str, str], dict[str, str]]
    users_table: str
    posts_table: str
    # Where staff set a user's password, and the fields that do it (given the user's row).
    password_change_path: Callable[[int], str]
    password_change_form: Callable[[dict, str], dict[str, str]]
    # The admin's pages, given a post's and a user's id.
    admin_pages: Callable[[int, int], list[str]]
    # Where staff add a post in the admin, and its fields given the author's id and a slug.
    admin_add_post: str
    admin_post_form: Callable[[int, str], dict[str, str]]

    @property
    def register(self) -> dict[str, str]:
        """The registration form for joe, the user most tests sign up."""
        return self.register_form("joe", "joe@example.com")


def flask_password_change(user: dict, password: str) -> dict[str, str]:
    form = {"username": user["username"], "email": user["email"], "new_password": password}
    return {**form, "is_admin": "y"} if user["is_admin"] else form


SETUPS = {
    "flask-full": Setup(
        prepare=[
            ["flask", "--app", "prod_blog", "db", "upgrade"],
            [
                "flask",
                "--app",
                "prod_blog",
                "create-admin",
                "--username",
                "boss",
                "--email",
                "boss@example.com",
            ],
        ],
        serve="wsgi:app",
        csrf_field="csrf_token",
        not_staff=(403,),
        register_form=lambda username, email: {
            "username": username,
            "email": email,
            "password": USER_PASSWORD,
            "confirm": USER_PASSWORD,
        },
        users_table="users",
        posts_table="posts",
        admin_add_post="/admin/post/new/",
        admin_post_form=lambda author_id, slug: {
            "title": "Admin race",
            "slug": slug,
            "body": "Fast.",
            "author": str(author_id),
            "status": "published",
        },
        password_change_path=lambda user_id: f"/admin/user/edit/?id={user_id}",
        password_change_form=flask_password_change,
        admin_pages=lambda post_id, user_id: [
            "/admin/",
            "/admin/post/",
            "/admin/post/?search=a",
            "/admin/post/new/",
            f"/admin/post/edit/?id={post_id}",
            "/admin/user/",
            "/admin/user/new/",
            f"/admin/user/edit/?id={user_id}",
        ],
    ),
    "django-full": Setup(
        prepare=[
            ["python", "manage.py", "collectstatic", "--no-input"],
            ["python", "manage.py", "migrate", "--no-input"],
            ["python", "manage.py", "createsuperuser", "--no-input"],
        ],
        serve="prod_blog.wsgi",
        csrf_field="csrfmiddlewaretoken",
        not_staff=(302,),
        register_form=lambda username, email: {
            "username": username,
            "email": email,
            "password1": USER_PASSWORD,
            "password2": USER_PASSWORD,
        },
        # django-full's own user model (blog.User), as Django advises for a new project.
        users_table="blog_user",
        posts_table="blog_post",
        admin_add_post="/admin/blog/post/add/",
        admin_post_form=lambda author_id, slug: {
            "title": "Admin race",
            "slug": slug,
            "body": "Fast.",
            "author": str(author_id),
            "status": "published",
            "created_at_0": "2026-01-01",
            "created_at_1": "12:00:00",
            "published_at_0": "",
            "published_at_1": "",
            "_save": "Save",
        },
        password_change_path=lambda user_id: f"/admin/blog/user/{user_id}/password/",
        # Django 5.1+ asks whether password-based authentication stays enabled.
        password_change_form=lambda user, password: {
            "password1": password,
            "password2": password,
            "usable_password": "true",
        },
        admin_pages=lambda post_id, user_id: [
            "/admin/",
            "/admin/blog/post/",
            "/admin/blog/post/?q=a",
            "/admin/blog/post/add/",
            f"/admin/blog/post/{post_id}/change/",
            f"/admin/blog/post/{post_id}/delete/",
            "/admin/blog/user/",
            "/admin/blog/user/add/",
            f"/admin/blog/user/{user_id}/change/",
            f"/admin/blog/user/{user_id}/password/",
        ],
    ),
}


def production_env(database: Path, **overrides: str) -> dict[str, str]:
    """The settings a production deployment gives: DEBUG off, a fresh secret, one database."""
    return {
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "BEHIND_PROXY": "true",
        "DATABASE_URL": f"sqlite:///{database}",
        "DJANGO_SUPERUSER_USERNAME": "boss",
        "DJANGO_SUPERUSER_EMAIL": "boss@example.com",
        "DJANGO_SUPERUSER_PASSWORD": ADMIN_PASSWORD,
        **overrides,
    }


def prepare(project, name: str, env: dict[str, str]) -> None:
    """What the project's README asks before serving: static files, the database, an admin.

    A project installed once per run is served by tests on every xdist worker, each
    with a database of its own; one of them at a time prepares it, so that two
    collectstatic runs never write into its static folder at once.
    """
    with FileLock(project.path.parent / "prepare.lock"):
        for command in SETUPS[name].prepare:
            project.run(*command, env=env, input=f"{ADMIN_PASSWORD}\n{ADMIN_PASSWORD}\n")


@dataclass
class Server:
    port: int
    log: Path

    def errors(self) -> str:
        """What gunicorn and the app wrote to stderr so far."""
        return self.log.read_text(errors="replace")


def worker_answers(port: int) -> None:
    """Any HTTP answer to /healthz (a redirect to HTTPS counts); OSError until then."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.request("GET", "/healthz")
        connection.getresponse().read()
    finally:
        connection.close()


@contextmanager
def gunicorn(project, name: str, env: dict[str, str], workers: int = 1):
    """Serve a prepared project on a free port of 127.0.0.1; yield the Server; stop it after."""
    port = free_port()
    log = project.path.parent / f"gunicorn-{port}.log"
    with log.open("wb") as errors:
        server = subprocess.Popen(
            # Threads: a browser holds idle connections open, which would stall one sync worker.
            [project.venv / "bin" / "gunicorn", "--workers", str(workers), "--threads", "4",
             "--graceful-timeout", "2", "--bind", f"127.0.0.1:{port}", SETUPS[name].serve],
            cwd=project.path, env=project.env(**env), stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL, stderr=errors, start_new_session=True,
        )  # fmt: skip
    try:
        # Until a worker answers, not just until the master listens: on a busy machine
        # workers take a while to boot, and a test's first request would wait for them.
        deadline = time.monotonic() + 90
        while True:
            try:
                worker_answers(port)
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"gunicorn did not answer: {log.read_text()[-3000:]}")
                time.sleep(0.1)
        yield Server(port, log)
    finally:
        # gunicorn's quick shutdown: no test waits on a request still in flight, and the
        # graceful one (SIGTERM) costs about a second more per server.
        with suppress(ProcessLookupError, subprocess.TimeoutExpired):
            server.send_signal(signal.SIGQUIT)
            server.wait(timeout=10)
        stop(server)


@contextmanager
def serve(project, name: str, database: Path, **overrides: str):
    """Prepare ``project`` as its README says for production, and serve it; yield the port."""
    env = production_env(database, **overrides)
    prepare(project, name, env)
    with gunicorn(project, name, env) as server:
        yield server.port


class Browser:
    """Just enough of a browser: cookies, and the headers a TLS-terminating proxy adds."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}
        self.set_cookies: dict[str, str] = {}

    def request(self, method: str, path: str, form: dict[str, str | list[str]] | None = None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        body = None if form is None else urlencode(form, doseq=True)
        connection.request(method, path, body=body, headers=self.headers(path, form is not None))
        response = connection.getresponse()
        text = response.read().decode("utf-8", "replace")
        self.keep_cookies(response.headers.get_all("Set-Cookie") or [])
        connection.close()
        return response, text

    def headers(self, path: str, form: bool = False) -> dict[str, str]:
        origin = f"https://127.0.0.1:{self.port}"
        headers = {"X-Forwarded-Proto": "https", "Referer": f"{origin}{path}", "Origin": origin}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if form:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        return headers

    def keep_cookies(self, set_cookie_headers: list[str]) -> None:
        for header in set_cookie_headers:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
                self.set_cookies[name] = header

    def csrf_token(self, path: str, field: str) -> str:
        _, page = self.request("GET", path)
        pattern = rf'name="{field}"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="{field}"'
        match = re.search(pattern, page)
        assert match, f"no {field} on {path}: {page[:2000]}"
        return match.group(1) or match.group(2)

    def post_form(self, path: str, field: str, form: dict[str, str | list[str]]):
        return self.request("POST", path, {**form, field: self.csrf_token(path, field)})


def query(database: Path, sql: str, *parameters) -> list[sqlite3.Row]:
    """Rows from the served project's SQLite database, read as its own workers see it."""
    with closing(sqlite3.connect(database, timeout=30)) as connection:
        connection.row_factory = sqlite3.Row
        return connection.execute(sql, parameters).fetchall()


def race(posts: list[tuple[Browser, str, dict[str, str]]]) -> list[int]:
    """Send the prepared POSTs at once (each thread waits for the others); their statuses."""
    barrier = threading.Barrier(len(posts))

    def send(post) -> int:
        browser, path, form = post
        barrier.wait(timeout=60)
        return browser.request("POST", path, form)[0].status

    with ThreadPoolExecutor(len(posts)) as pool:
        return sorted(pool.map(send, posts))
