"""Exercise 1 as a student does it, from the guide: their edits, the guide's commands in order.

The student's edits are the solution's, less its migration: the migration is
the one the guide's own command writes (`flask db migrate`, `makemigrations`).
Then the exercise's check, the app's suite and linters pass, and the dev
server shows the page the exercise changed.
"""

from __future__ import annotations

import re
import shlex
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from projects import GeneratedProject, install_project

from scaffold.workshop.exercises import START_TAG, exercises
from workshop.classroom import DJANGO, FLASK, PACKAGE_NAME, git

TAGS = next(exercise for exercise in exercises() if exercise.name == "tags")
APPS = {"flask": FLASK, "django": DJANGO}
MIGRATIONS = ":(exclude,glob)**/migrations/**"
# What the page of a tagged post is served from, and a post to show on it.
MAKE_POST = {
    "flask": (
        "from {package} import create_app\n"
        "from {package}.extensions import db\n"
        "from {package}.models import Post, User\n"
        "with create_app().app_context():\n"
        "    ada = User(username='ada', email='ada@example.com')\n"
        "    ada.set_password('correct horse battery')\n"
        "    db.session.add(Post(title='Tagged', slug='tagged', body='Text.', author=ada,\n"
        "                        status='published', tags='python, classroom'))\n"
        "    db.session.commit()\n"
    ),
    "django": (
        "import django, os\n"
        "os.environ.setdefault('DJANGO_SETTINGS_MODULE', '{package}.settings')\n"
        "django.setup()\n"
        "from django.contrib.auth import get_user_model\n"
        "from blog.models import Post\n"
        "ada = get_user_model().objects.create_user('ada', 'ada@example.com', 'x' * 20)\n"
        "Post.objects.create(title='Tagged', slug='tagged', body='Text.', author=ada,\n"
        "                    status='published', tags='python, classroom')\n"
    ),
}


@pytest.fixture
def student_app(classroom, classroom_lock, tmp_path):
    """A student's copy of one app, as the guide installs it, in a venv of its own."""

    def copy(framework: str) -> GeneratedProject:
        folder = tmp_path / APPS[framework]
        with classroom_lock:
            shutil.copytree(
                classroom / APPS[framework], folder, ignore=shutil.ignore_patterns(".venv")
            )
        return install_project(folder)

    return copy


def guide_commands(classroom: Path, framework: str) -> dict[str, list[str]]:
    """The commands GUIDE.md gives a student of ``framework``, by where they stand."""
    text = (classroom / "GUIDE.md").read_text()
    column = 0 if framework == "flask" else 1
    # The first table of both apps' commands: creating the databases, before the class.
    table = re.findall(r"^\| Flask, in `flask-app/` \| Django.*?\n\n", text, flags=re.S | re.M)[0]
    before = [re.findall(r"`([^`]+)`", row.split(" | ")[column])[0]
              for row in table.strip().splitlines()[2:]]  # fmt: skip
    section = text.split(f"### 1. {TAGS.title}")[1].split("\n### ")[0]
    heading = "Flask:" if framework == "flask" else "Django:"
    steps = section.split(heading)[1].split("\n\n", 2)[1]
    exercise = [
        command
        for command in re.findall(r"`([^`]+)`", steps)
        if command.startswith(("flask --app", "python manage.py"))
    ]
    (after,) = re.findall(r"as its CI requires:\n\n```console\n(.*?)```", text, flags=re.S)
    check = f"pytest {TAGS.check}"
    assert f"Check: `{check}`" in section
    after_lines = after.splitlines()
    return {"before": before, "exercise": exercise, "check": [check], "after": after_lines}


def run(app: GeneratedProject, command: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        shlex.split(command), cwd=app.path, env=app.env(**env),
        capture_output=True, text=True, timeout=600, stdin=subprocess.DEVNULL,
    )  # fmt: skip


def must(app: GeneratedProject, command: str) -> str:
    result = run(app, command)
    assert result.returncode == 0, (command, result.stdout[-3000:], result.stderr[-3000:])
    return result.stdout


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def page_from_dev_server(app: GeneratedProject, framework: str, path: str) -> tuple[int, str]:
    """GET ``path`` from the dev server the guide starts, on a free port."""
    port = free_port()
    command = (
        ["flask", "--app", PACKAGE_NAME, "run", "--port", str(port)]
        if framework == "flask"
        else ["python", "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"]
    )
    server = subprocess.Popen(
        command, cwd=app.path, env=app.env(), stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE, text=True, start_new_session=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as reply:
                    return reply.status, reply.read().decode()
            except urllib.error.HTTPError as error:
                return error.code, error.read().decode()
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.3)
    finally:
        server.terminate()
        server.wait(timeout=30)


def without_stamps(migration: str) -> str:
    """A generated migration less what changes each time it is made: its date and revision id."""
    migration = re.sub(r"^# Generated by Django .*$", "", migration, flags=re.M)
    migration = re.sub(r"(Create Date: ).*", r"\1", migration)
    return re.sub(r"\b[0-9a-f]{12}\b", "REVISION", migration)


@pytest.mark.parametrize("framework", ["flask", "django"])
def test_a_student_does_tags_with_the_guides_commands(classroom, student_app, framework):
    app = student_app(framework)
    commands = guide_commands(classroom, framework)
    assert commands["exercise"], "the guide gives no command to make and apply the migration"
    assert any("upgrade" in line or line.endswith("migrate") for line in commands["exercise"])
    assert commands["after"] == ["ruff format", "ruff check", "pytest"]
    for command in commands["before"]:
        if "admin" not in command and "superuser" not in command:  # they ask for a password
            must(app, command)

    edits = git("diff", START_TAG, TAGS.branch, "--", ".", MIGRATIONS, cwd=app.path).stdout
    subprocess.run(["git", "apply"], input=edits, cwd=app.path, text=True, check=True)
    for command in commands["exercise"]:
        must(app, command)
    made = git("ls-files", "--others", "--exclude-standard", cwd=app.path).stdout.split()
    (migration,) = [path for path in made if "/migrations/" in f"/{path}"]
    solution = git("diff", "--name-only", START_TAG, TAGS.branch, "--", "*migrations/*",
                   cwd=app.path).stdout.split()  # fmt: skip
    (shipped,) = solution
    # The solution's migration is the one the command writes, less its date and revision id.
    shown = git("show", f"{TAGS.branch}:{shipped}", cwd=app.path).stdout
    assert without_stamps((app.path / migration).read_text()) == without_stamps(shown)

    for command in [*commands["check"], *commands["after"], "ruff format --check"]:
        must(app, command)
    assert git("status", "--porcelain", "--", ".", MIGRATIONS, cwd=app.path).stdout.strip()

    must(app, f"python -c {shlex.quote(MAKE_POST[framework].format(package=PACKAGE_NAME))}")
    status, page = page_from_dev_server(app, framework, "/posts/tagged/")
    assert status == 200 and "python, classroom" in page
