"""django-full's Dockerfile built with podman, migrated and served as its README says.

One template only, to keep the suite in CI's budget: django-full's image does
the most (static files collected in the build, host checking, the HTTPS
redirect that the health check must get past). The base image is made on this
machine (tests/containers.py); the container listens on 127.0.0.1 only and is
removed, with its volume and image, when the test ends.
"""

import http.client
import json
import re
import secrets
import socket
import time

import pytest
from containers import base_image, build, limits, podman, require_podman
from serving import free_port

pytestmark = [pytest.mark.install, pytest.mark.podman]

HOST = "blog.test"
START_TIMEOUT = 60


def get(port: int, path: str, **headers: str) -> tuple[int, dict[str, str], str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path, headers={"Host": HOST, **headers})
    response = connection.getresponse()
    body = response.read().decode("utf-8", "replace")
    connection.close()
    return response.status, dict(response.headers), body


def wait_for_port(port: int, container: str) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            if time.monotonic() > deadline:
                logs = podman("logs", container, check=False)
                pytest.fail(f"the container did not listen:\n{logs.stdout}{logs.stderr}")
            time.sleep(0.5)


def health(container: str) -> int:
    """The exit status of the image's own HEALTHCHECK, run now."""
    return podman("healthcheck", "run", container, check=False).returncode


@pytest.fixture
def containers():
    """Start containers of an image on free ports of 127.0.0.1; all are removed at the end."""
    names, volume = [], f"scaffold-test-{secrets.token_hex(4)}"
    podman("volume", "create", volume)

    def start(image: str, *command: str, detach: bool = True, **environment: str):
        env = {"SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": HOST, **environment}
        name = f"scaffold-test-{secrets.token_hex(4)}"
        port = free_port()
        flags = [f"--env={key}={value}" for key, value in env.items()]
        if detach:
            names.append(name)
            flags += ["--detach", "--publish", f"127.0.0.1:{port}:8000"]
        else:
            flags += ["--rm"]
        result = podman(
            "run", "--name", name, *limits(), "--volume", f"{volume}:/data", *flags,
            image, *command,
        )  # fmt: skip
        return name, port, result

    yield start
    for name in names:
        podman("rm", "--force", "--time", "2", name, check=False)
    podman("volume", "rm", "--force", volume, check=False)


# One test, so that pytest-xdist never builds the image twice on two workers.
def test_image_builds_migrates_serves_and_checks_its_health(render_template, containers):
    require_podman()
    base = base_image()
    image = f"localhost/scaffold-test-boxed-blog:{secrets.token_hex(4)}"
    build(render_template("django-full", project_name="Boxed Blog"), image, base)
    try:
        check_image(image, containers)
    finally:
        podman("rmi", "--force", image, check=False)


def check_image(image: str, containers) -> None:
    # Unprivileged, no secret, nothing local: what the Dockerfile and .dockerignore promise.
    (inspected,) = json.loads(podman("image", "inspect", image).stdout)
    config = inspected["Config"]
    assert config["User"] == "10001"
    assert not any(variable.startswith("SECRET_KEY=") for variable in config["Env"])
    assert "/healthz" in " ".join(inspected["Healthcheck"]["Test"])
    assert config["Cmd"] == ["gunicorn", "--bind", "0.0.0.0:8000", "boxed_blog.wsgi"]
    inside = podman(
        "run", "--rm", *limits(), image, "python", "-c",
        "import json, os; print(json.dumps([os.getuid(), sorted(os.listdir('/app')),"
        " os.path.isfile('/app/staticfiles/staticfiles.json')]))",
    )  # fmt: skip
    uid, files, collected = json.loads(inside.stdout)
    assert uid == 10001
    assert not {".env", ".venv", ".git", "tests", "db.sqlite3"} & set(files), files
    assert collected, "collectstatic did not run in the build"

    # The README's commands: migrate once on the volume, then serve.
    _, _, migrate = containers(image, "python", "manage.py", "migrate", "--no-input", detach=False)
    assert "Applying blog.0001_initial... OK" in migrate.stdout
    name, port, _ = containers(image, BEHIND_PROXY="true")
    wait_for_port(port, name)
    deadline = time.monotonic() + START_TIMEOUT
    while health(name) != 0:
        assert time.monotonic() < deadline, "the health check never passed"
        time.sleep(1)

    status, _, body = get(port, "/healthz")
    assert (status, json.loads(body)) == (200, {"status": "ok"})
    status, headers, _ = get(port, "/")
    assert status == 301 and headers["Location"] == f"https://{HOST}/"
    status, _, page = get(port, "/", **{"X-Forwarded-Proto": "https"})
    assert status == 200, page
    (stylesheet,) = re.findall(r'href="(/static/style\.[0-9a-f]+\.css)"', page)
    status, headers, _ = get(port, stylesheet, **{"X-Forwarded-Proto": "https"})
    assert status == 200 and headers["Content-Type"].startswith("text/css")
    assert get(port, "/healthz", Host="evil.example")[0] == 400

    # The health check is a database round trip: /app belongs to root, so SQLite
    # cannot create a database there, and the check fails.
    name, port, _ = containers(image, DATABASE_URL="sqlite:////app/blocked.sqlite3")
    wait_for_port(port, name)
    assert get(port, "/healthz")[0] == 500
    assert health(name) != 0
