"""Serving a generated full project for real: prepared, under gunicorn, on 127.0.0.1."""

import secrets
import socket
import subprocess
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from scaffold.compare.measure import stop

ADMIN_PASSWORD = "a long admin password"
USER_PASSWORD = "a long user password"


@dataclass(frozen=True)
class Setup:
    """How one template is prepared, served, and what its forms call things."""

    prepare: list[list[str]]
    serve: str
    csrf_field: str
    register: dict[str, str]
    not_staff: tuple[int, ...]


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
        register={
            "username": "joe",
            "email": "joe@example.com",
            "password": USER_PASSWORD,
            "confirm": USER_PASSWORD,
        },
        not_staff=(403,),
    ),
    "django-full": Setup(
        prepare=[
            ["python", "manage.py", "collectstatic", "--no-input"],
            ["python", "manage.py", "migrate", "--no-input"],
            ["python", "manage.py", "createsuperuser", "--no-input"],
        ],
        serve="prod_blog.wsgi",
        csrf_field="csrfmiddlewaretoken",
        register={
            "username": "joe",
            "email": "joe@example.com",
            "password1": USER_PASSWORD,
            "password2": USER_PASSWORD,
        },
        not_staff=(302,),
    ),
}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def serve(project, name: str, database: Path, **overrides: str):
    """Prepare ``project`` as its README says for production, and serve it; yield the port."""
    setup = SETUPS[name]
    env = {
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
    for command in setup.prepare:
        project.run(*command, env=env, input=f"{ADMIN_PASSWORD}\n{ADMIN_PASSWORD}\n")
    port = free_port()
    server = subprocess.Popen(
        # Threads: a browser holds idle connections open, which would stall one sync worker.
        [project.venv / "bin" / "gunicorn", "--workers", "1", "--threads", "4",
         "--graceful-timeout", "2", "--bind", f"127.0.0.1:{port}", setup.serve],
        cwd=project.path, env=project.env(**env),
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"gunicorn did not start: {server.stderr.read().decode()[-3000:]}")
                time.sleep(0.1)
        yield port
    finally:
        stop(server)
