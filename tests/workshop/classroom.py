"""What the workshop tests share: the classroom's names, and git and pytest run in its apps."""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import AbstractContextManager
from pathlib import Path

from projects import GeneratedProject

PROJECT_NAME = "Tea Room"
PACKAGE_NAME = "tea_room"
FLASK, DJANGO = "flask-app", "django-app"
# Each app's folder in the classroom, by framework name.
APPS = {"flask": FLASK, "django": DJANGO}
# The author MAKE_POST stores, and the password they log in with.
AUTHOR, AUTHOR_PASSWORD = "ada", "correct horse battery"
# The hidden field each framework's forms carry their CSRF token in.
CSRF_FIELD = {"flask": "csrf_token", "django": "csrfmiddlewaretoken"}

# A post with tags, made in the app's own database as its code would (a `python -c` script).
MAKE_POST = {
    "flask": (
        "from {package} import create_app\n"
        "from {package}.extensions import db\n"
        "from {package}.models import Post, User, utcnow\n"
        "with create_app().app_context():\n"
        "    ada = User(username='ada', email='ada@example.com')\n"
        "    ada.set_password('{password}')\n"
        "    db.session.add(Post(title='Tagged', slug='tagged', body='Text.', author=ada,\n"
        "                        status='published', published_at=utcnow(),\n"
        "                        tags='python, classroom'))\n"
        "    db.session.commit()\n"
    ),
    "django": (
        "import django, os\n"
        "os.environ.setdefault('DJANGO_SETTINGS_MODULE', '{package}.settings')\n"
        "django.setup()\n"
        "from django.contrib.auth import get_user_model\n"
        "from blog.models import Post\n"
        "ada = get_user_model().objects.create_user('ada', 'ada@example.com', '{password}')\n"
        "Post.objects.create(title='Tagged', slug='tagged', body='Text.', author=ada,\n"
        "                    status='published', tags='python, classroom')\n"
    ),
}


def git(*args: str, cwd: Path, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=check)


def run_tests(project: GeneratedProject, *args: str) -> subprocess.CompletedProcess[str]:
    """``python -m pytest ARGS`` in the project, whatever its outcome.

    ``python -m`` puts the project's folder first on sys.path, so a worktree's
    own code is imported rather than the checkout the venv was installed from.
    The run gets temporary folders of its own (see :func:`own_temp`).
    """
    with tempfile.TemporaryDirectory(prefix="nested-pytest-") as scratch:
        return subprocess.run(
            [str(project.python), "-m", "pytest", "-q", "-p", "no:cacheprovider",
             "--basetemp", str(Path(scratch) / "basetemp"), *args],
            cwd=project.path,
            env=project.env(**own_temp(Path(scratch))),
            capture_output=True,
            text=True,
            timeout=600,
        )  # fmt: skip


def own_temp(folder: Path) -> dict[str, str]:
    """The environment that gives a pytest run inside a test its temporary folders in ``folder``.

    pytest keeps its three newest run folders under $TMPDIR/pytest-of-USER and
    deletes the older ones: a students' suite run there would delete the folders
    of the outer run, the shared classroom among them, while its tests use them.
    """
    folder.mkdir(parents=True, exist_ok=True)
    return {"TMPDIR": str(folder)}


# What a student runs before the class to make the app's database (GUIDE.md, "Before the class").
CREATE_DATABASE = {
    "flask": ["-m", "flask", "--app", PACKAGE_NAME, "db", "upgrade"],
    "django": ["manage.py", "migrate"],
}
# Where that database is, from the app's top folder.
DATABASE = {"flask": f"instance/{PACKAGE_NAME}.sqlite3", "django": "db.sqlite3"}


def copy_of_app(classroom: Path, app: str, folder: Path, lock: AbstractContextManager) -> Path:
    """A student's copy of one of the classroom's apps in ``folder``, without its venv.

    Taken under ``lock``: other workers add worktrees to the apps' repositories.
    """
    with lock:
        shutil.copytree(classroom / app, folder, ignore=shutil.ignore_patterns(".venv"))
    return folder


def create_database(project: GeneratedProject, framework: str) -> None:
    """Make the app's own database as a student does before the class (CREATE_DATABASE)."""
    made = subprocess.run(
        [str(project.python), *CREATE_DATABASE[framework]],
        cwd=project.path, env=project.env(), capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr[-3000:]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def page_from_dev_server(
    app: GeneratedProject, framework: str, path: str, *, logged_in: bool = False
) -> tuple[int, str]:
    """GET ``path`` from the dev server the guide starts, on a free port.

    ``logged_in``: first log in as MAKE_POST's author through the login form, as
    a student does in the browser (the form's CSRF token, the session cookie).
    """
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
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if logged_in:
                    log_in(browser, base, framework)
                with browser.open(f"{base}{path}", timeout=10) as reply:
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


def log_in(browser: urllib.request.OpenerDirector, base: str, framework: str) -> None:
    """Post the login form as AUTHOR; the opener keeps the session cookie it sets."""
    field = CSRF_FIELD[framework]
    with browser.open(f"{base}/accounts/login/", timeout=10) as reply:
        form = reply.read().decode()
    # Both frameworks write the hidden input's name before its value.
    token = re.search(rf'name="{field}"[^>]*value="([^"]+)"', form)
    assert token, form[-2000:]
    data = {"username": AUTHOR, "password": AUTHOR_PASSWORD, field: token[1]}
    body = urllib.parse.urlencode(data).encode()
    with browser.open(f"{base}/accounts/login/", data=body, timeout=10) as reply:
        landed = reply.geturl()
    assert not landed.endswith("/accounts/login/"), f"{AUTHOR} could not log in"
