"""Projects made by an earlier release, brought up to today's with the installed wheel.

The earlier release is this repository at commit 8855b64 (scaffold 0.1.0),
taken from git history: its source archived, installed into a venv of its own,
and its own ``scaffold new`` run, as a user did then. That is built once per
test run (tests/shared.py); each test works on a copy of the project it made.
"""

import hashlib
import json
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from projects import install_project, uv_binary
from serving import Browser, gunicorn, production_env, query
from shared import built_once
from users import ROOT, make_home

# The last commit before django-full's custom user model; it calls itself 0.1.0.
OLD_RELEASE = "8855b64"
# The release 0.2.0, whose flask-full 0001 has the session token column in it.
RELEASE_0_2_0 = "e1fed85"
PROJECT_NAME = "Prod Blog"
PACKAGE = "prod_blog"  # as 0.1.0 names the package, and as tests/serving.py serves it


def run(*args, cwd, env=None):
    result = subprocess.run(
        [str(arg) for arg in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, (
        f"{args} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    )
    return result


def git(*args, cwd):
    return run("git", *args, cwd=cwd).stdout


def build_release(folder: Path, commit: str, templates: tuple[str, ...]) -> None:
    """Install the scaffold of ``commit`` from git history into ``folder``, and make projects."""
    if subprocess.run(["git", "cat-file", "-e", commit], cwd=ROOT).returncode:
        pytest.fail(f"commit {commit} is not in {ROOT}: a full clone is needed")
    source = folder / "source"
    source.mkdir()
    archive = subprocess.run(
        ["git", "archive", commit], cwd=ROOT, capture_output=True, check=True
    ).stdout
    subprocess.run(["tar", "-x"], cwd=source, input=archive, check=True)
    venv = folder / "venv"
    run(uv_binary(), "venv", "--quiet", "--python", sys.executable, venv, cwd=folder)
    run(uv_binary(), "pip", "install", "--quiet", "--python", venv / "bin" / "python", source,
        cwd=folder)  # fmt: skip
    env = {"HOME": str(make_home(folder / "home")), "PATH": f"{venv / 'bin'}:/usr/bin:/bin",
           "GIT_CONFIG_NOSYSTEM": "1"}  # fmt: skip
    for template in templates:
        (folder / template).mkdir()
        named = f"project_name={PROJECT_NAME}"
        run(venv / "bin" / "scaffold", "new", "blog", "-t", template, "--defaults",
            "--data", named, cwd=folder / template, env=env)  # fmt: skip


@pytest.fixture(scope="session")
def old_release(shared_folder):
    """0.1.0's scaffold, installed from git history, and the two full projects it made."""

    def build(folder: Path) -> None:
        build_release(folder, OLD_RELEASE, ("flask-full", "django-full"))

    return built_once(shared_folder, f"scaffold-{OLD_RELEASE}", build)


@pytest.fixture(scope="session")
def release_0_2_0(shared_folder):
    """0.2.0's scaffold, installed from git history, and the flask-full project it made."""

    def build(folder: Path) -> None:
        build_release(folder, RELEASE_0_2_0, ("flask-full",))

    return built_once(shared_folder, f"scaffold-{RELEASE_0_2_0}", build)


def copy_of(old_release, template, user) -> Path:
    """The user's own copy of the project an old release made, its history and all."""
    project = user.cwd / "blog"
    shutil.copytree(old_release / template / "blog", project, symlinks=True)
    return project


def state(project: Path, database: Path) -> tuple[str, str, str, str]:
    """What the user would see change: the refs, the status, HEAD's tree, the database."""
    return (
        git("for-each-ref", cwd=project),
        git("status", "--porcelain", "--ignored", cwd=project),
        git("rev-parse", "HEAD^{tree}", cwd=project),
        hashlib.sha256(database.read_bytes()).hexdigest(),
    )


def last_lines(output: str, count: int) -> list[str]:
    return output.rstrip("\n").splitlines()[-count:]


FLASK_DATA = f"""
from datetime import datetime
from {PACKAGE} import create_app
from {PACKAGE}.extensions import db
from {PACKAGE}.models import Post, User

app = create_app()
with app.app_context():
    ada = User(username="ada", email="ada@example.com", is_admin=True)
    ada.set_password("a long password of ada's")
    db.session.add(ada)
    db.session.add(Post(title="Hello", slug="hello", body="From 0.1.0.", author=ada,
                        status="published", published_at=datetime(2026, 11, 24)))
    db.session.add(Post(title="Draft", slug="draft", body="Later.", author=ada))
    db.session.commit()
"""


def test_a_flask_full_project_of_0_1_0_is_adopted_and_updated_keeping_its_data(old_release, user):
    project = copy_of(old_release, "flask-full", user)
    built = install_project(project)
    database = project / "instance" / f"{PACKAGE}.sqlite3"
    built.run("python", "-m", "flask", "--app", PACKAGE, "db", "upgrade")
    built.run("python", "-c", FLASK_DATA)
    readme = project / "README.md"
    readme.write_text(readme.read_text().replace("A small blog", "Our team's blog", 1))
    git("rm", "--quiet", "migrations/README", cwd=project)  # a file 0.2.0 did not change
    git("commit", "--quiet", "--all", "-m", "Our wording; no migrations README", cwd=project)

    refused = user.run("update", cwd=project)
    assert refused.returncode == 1 and "scaffold update --adopt" in refused.stderr

    adopted = user.run("update", "--adopt", cwd=project)
    assert adopted.returncode == 0, adopted.stdout + adopted.stderr
    assert "its first commit, scaffold's own render, is the base" in adopted.stdout
    assert "(release 0.1.0 -> " in adopted.stdout
    for new_file in ("Dockerfile", ".github/workflows/ci.yml", f"{PACKAGE}/sessions.py",
                     "migrations/versions/0002_session_tokens.py"):  # fmt: skip
        assert (project / new_file).is_file(), new_file
    assert "added      Dockerfile" in adopted.stdout
    assert "deleted" not in adopted.stdout and not (project / "migrations" / "README").exists()
    assert "Our team's blog" in readme.read_text()
    assert not git("status", "--porcelain", cwd=project)

    # The last lines: what to run, with the venv's own Python (uv made it: no pip in it).
    commands = last_lines(adopted.stdout, 2)
    assert commands == [
        "  uv pip install --python .venv/bin/python -e '.[dev]'",
        f"  .venv/bin/python -m flask --app {PACKAGE} db upgrade",
    ]
    uv_on_path = f"{Path(uv_binary()).parent}:{user.env()['PATH']}"
    for command in commands:
        done = user.shell(command.strip(), cwd=project, PATH=uv_on_path)
        assert done.returncode == 0, done.stderr
    assert "0001 -> 0002" in done.stderr  # the migration ran, on the database with the rows

    assert [row[0] for row in query(database, "select username from users")] == ["ada"]
    assert len(query(database, "select id from posts")) == 2
    assert query(database, "select version_num from alembic_version")[0][0] == "0003"
    assert len(query(database, "select session_token from users")[0][0]) >= 32

    with gunicorn(built, "flask-full", production_env(database)) as server:
        browser = Browser(server.port)
        for path in ("/", "/posts/hello/", "/api/posts"):
            response, page = browser.request("GET", path)
            assert response.status == 200, (path, page[:500], server.errors()[-2000:])
        assert "Hello" in page

    built.run("python", "-m", "pytest", "-q", "-p", "no:cacheprovider")
    again = user.run("update", cwd=project)
    assert again.returncode == 0 and "Already up to date" in again.stdout


SHIPPED = json.loads((ROOT / "src" / "scaffold" / "shipped_migrations.json").read_text())
INITIAL = "migrations/versions/0001_initial.py"


def test_a_flask_full_project_of_0_2_0_keeps_its_first_migration_and_is_updated(
    release_0_2_0, user
):
    project = copy_of(release_0_2_0, "flask-full", user)
    initial = (project / INITIAL).read_bytes()
    shipped_forms = [
        entry.get("also_shipped", []) for entry in SHIPPED["flask-full"][INITIAL].values()
    ]
    assert {"sha256": hashlib.sha256(initial).hexdigest(), "shipped_in": "0.2.0"} in [
        {"sha256": form["sha256"], "shipped_in": form["shipped_in"]}
        for forms in shipped_forms
        for form in forms
    ], "0.2.0's 0001 is recorded as shipped"
    assert b"session_token" in initial
    built = install_project(project)
    database = project / "instance" / f"{PACKAGE}.sqlite3"
    built.run("python", "-m", "flask", "--app", PACKAGE, "db", "upgrade")
    built.run("python", "-c", FLASK_DATA)
    tokens = query(database, "select username, session_token from users")
    readme = project / "README.md"
    readme.write_text(readme.read_text().replace("A small blog", "Our team's blog", 1))
    git("commit", "--quiet", "--all", "-m", "Our wording", cwd=project)

    updated = user.run("update", cwd=project)
    assert updated.returncode == 0, updated.stdout + updated.stderr
    assert "(release 0.2.0 -> " in updated.stdout
    assert (project / INITIAL).read_bytes() == initial
    for new_file in ("migrations/versions/0002_session_tokens.py",
                     "migrations/versions/0003_login_attempts.py"):  # fmt: skip
        assert (project / new_file).is_file(), new_file
    assert INITIAL not in updated.stdout
    assert "Our team's blog" in readme.read_text()
    assert not git("status", "--porcelain", cwd=project)

    uv_on_path = f"{Path(uv_binary()).parent}:{user.env()['PATH']}"
    for command in last_lines(updated.stdout, 2):
        done = user.shell(command.strip(), cwd=project, PATH=uv_on_path)
        assert done.returncode == 0, done.stderr
    assert "0001 -> 0002" in done.stderr and "0002 -> 0003" in done.stderr
    assert query(database, "select version_num from alembic_version")[0][0] == "0003"
    assert (
        query(database, "select username, session_token from users") == tokens
    )  # kept as they were
    assert query(database, "select count(*) from login_attempts")[0][0] == 0
    assert len(query(database, "select id from posts")) == 2

    with gunicorn(built, "flask-full", production_env(database)) as server:
        response, page = Browser(server.port).request("GET", "/")
        assert response.status == 200, (page[:500], server.errors()[-2000:])
        assert "Hello" in page
    built.run("python", "-m", "pytest", "-q", "-p", "no:cacheprovider")
    again = user.run("update", cwd=project)
    assert again.returncode == 0 and "Already up to date" in again.stdout
    # 0002 added nothing here, so going back below it leaves 0001's column in place.
    built.run("python", "-m", "flask", "--app", PACKAGE, "db", "downgrade", "0001")
    assert query(database, "select username, session_token from users") == tokens


def django_project_of_0_1_0_with_ada(old_release, user):
    """A copy of the 0.1.0 django-full project, installed and migrated, with ada as its admin."""
    project = copy_of(old_release, "django-full", user)
    built = install_project(project)
    built.run("python", "manage.py", "migrate", "--no-input")
    built.run("python", "manage.py", "createsuperuser", "--no-input",
              env={"DJANGO_SUPERUSER_USERNAME": "ada", "DJANGO_SUPERUSER_EMAIL": "ada@example.com",
                   "DJANGO_SUPERUSER_PASSWORD": "a long password of ada's"})  # fmt: skip
    return project, built


def test_a_django_full_project_of_0_1_0_is_refused_and_left_as_it_was(old_release, user):
    project, _ = django_project_of_0_1_0_with_ada(old_release, user)
    database = project / "db.sqlite3"
    assert database.is_file()
    (project / "README.md").write_text((project / "README.md").read_text() + "\nOurs.\n")
    git("commit", "--quiet", "--all", "-m", "Our note", cwd=project)
    before = state(project, database)

    for args in (["--adopt", "--pretend"], ["--adopt"], ["--adopt", "--install", "--check"]):
        refused = user.run("update", *args, cwd=project)
        assert refused.returncode == 1, refused.stdout
        assert refused.stdout == ""
        assert len(refused.stderr.splitlines()) == 1, refused.stderr
        assert "blog/migrations/0001_initial.py" in refused.stderr
        assert "docs/update.md, section 'A migration the template changed'" in refused.stderr
        assert state(project, database) == before
    assert [row[0] for row in query(database, "select username from auth_user")] == ["ada"]


def test_a_0_1_0_project_names_todays_template_not_the_path_it_recorded(old_release, user):
    project = copy_of(old_release, "flask-full", user)
    answers = (project / ".copier-answers.yml").read_text()
    assert f"scaffold-{OLD_RELEASE}/venv/lib/" in answers  # _src_path: 0.1.0's own venv
    result = user.run("update", "--adopt", "--pretend", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "Would update the project from scaffold's flask-full template (release 0.1.0 ->" in (
        result.stdout
    )
    assert "added      Dockerfile" in result.stdout


def walk_through() -> list[str]:
    """The commands of docs/update.md's section on the changed migration, in order."""
    guide = (ROOT / "docs" / "update.md").read_text()
    section = guide.split("## A migration the template changed", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"\n   ```\n(.*?)\n   ```", section, re.S)
    return [textwrap.dedent("\n".join(line[3:] for line in block.splitlines())) for block in blocks]


DJANGO_DATA = """
from django.contrib.auth.models import User
from django.utils import timezone
from blog.models import Post
ada = User.objects.get(username="ada")
Post.objects.create(title="Hello", slug="hello", body="From 0.1.0.", author=ada,
                    status="published", published_at=timezone.now())
"""


def test_a_django_full_project_of_0_1_0_follows_the_guide_by_hand(old_release, user):
    project, built = django_project_of_0_1_0_with_ada(old_release, user)
    built.run("python", "manage.py", "shell", "-c", DJANGO_DATA)
    readme = project / "README.md"
    readme.write_text(readme.read_text().replace("A small blog", "Our team's blog", 1))
    git("commit", "--quiet", "--all", "-m", "Our wording", cwd=project)
    database = project / "db.sqlite3"

    rename_tables, take_the_migration = walk_through()
    assert user.shell(rename_tables, cwd=project).returncode == 0
    reference = user.cwd / "reference"
    by_hand = user.shell(take_the_migration.replace("/tmp/reference", str(reference)), cwd=project)
    assert by_hand.returncode == 0, by_hand.stderr

    adopted = user.run("update", "--adopt", cwd=project)
    assert adopted.returncode == 0, adopted.stdout + adopted.stderr
    assert "added      blog/validators.py" in adopted.stdout and "deleted" not in adopted.stdout
    assert "Our team's blog" in readme.read_text()
    uv_on_path = f"{Path(uv_binary()).parent}:{user.env()['PATH']}"
    reinstall = last_lines(adopted.stdout, 1)[0].strip()
    assert user.shell(reinstall, cwd=project, PATH=uv_on_path).returncode == 0
    migrated = built.run("python", "manage.py", "migrate", "--no-input")
    # The blog's own migrations all match the database; only django-axes (new in 0.3.0) has
    # tables to make.
    applied = [line.split()[1] for line in migrated.stdout.splitlines() if "Applying" in line]
    assert applied and all(name.startswith("axes.") for name in applied), migrated.stdout
    built.run("python", "manage.py", "makemigrations", "--check", "--dry-run")

    assert [row[0] for row in query(database, "select username from blog_user")] == ["ada"]
    assert len(query(database, "select id from blog_post")) == 1
    production = production_env(database)
    built.run("python", "manage.py", "collectstatic", "--no-input", env=production)
    with gunicorn(built, "django-full", production) as server:
        browser = Browser(server.port)
        for path in ("/", "/posts/hello/", "/api/posts"):
            response, page = browser.request("GET", path)
            assert response.status == 200, (path, page[:500], server.errors()[-2000:])
        ada = {"username": "ada", "password": "a long password of ada's"}
        login = browser.post_form("/accounts/login/", "csrfmiddlewaretoken", ada)
        assert login[0].status == 302, login[1][:500]
        assert browser.request("GET", "/admin/blog/user/")[0].status == 200
    built.run("python", "-m", "pytest", "-q", "-p", "no:cacheprovider")
