"""The full templates against a real PostgreSQL server: driver, migrations, their own tests.

.ci/postgres starts the server; without one the tests skip, except in CI. The attacks
share one served project per template, as tests/generated/test_hostile.py does on SQLite.
"""

import secrets
import subprocess
from dataclasses import dataclass

import pytest
from logins import Store, guess_then_wait_out_the_lockout
from page_numbers import answers_to_bad_pages, expected_answer
from projects import GeneratedProject, fresh_postgres_database, require_postgres
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
    race,
)

from scaffold import registry

pytestmark = [pytest.mark.install, pytest.mark.postgres]

# How each template brings an empty database up to date.
MIGRATE = {
    "flask-full": ["flask", "--app", "{package_name}", "db", "upgrade"],
    "django-full": ["python", "manage.py", "migrate", "--no-input"],
}
FULL_TEMPLATES = [name for name in MIGRATE if name in {t.name for t in registry.available()}]


@pytest.mark.parametrize("name", FULL_TEMPLATES)
def test_generated_project_runs_on_postgresql(installed_template, name):
    server = require_postgres()
    project = installed_template(name, project_name="Prod Blog", database="postgresql")
    url = fresh_postgres_database(server, f"pg_{name.replace('-', '_')}")

    migrate = [part.format(package_name="prod_blog") for part in MIGRATE[name]]
    project.run(*migrate, env={"DATABASE_URL": url, "SECRET_KEY": "x" * 50})
    tables = project.run(
        "python", "-c",
        "import os, psycopg; c = psycopg.connect(os.environ['DATABASE_URL']);"
        "print(sorted(r[0] for r in c.execute("
        "\"select tablename from pg_tables where schemaname = 'public'\")))",
        env={"DATABASE_URL": url},
    )  # fmt: skip
    assert "posts" in tables.stdout or "blog_post" in tables.stdout

    # flask-full's tests drop every table, so they use a server only when TEST_DATABASE_URL
    # names one; Django's test runner makes its own test database beside DATABASE_URL's.
    tests = project.run(
        "python", "-m", "pytest", "-q", "-p", "no:cacheprovider",
        env={"DATABASE_URL": url, "TEST_DATABASE_URL": url},
    )  # fmt: skip
    assert " passed" in tests.stdout and "failed" not in tests.stdout


@dataclass
class ServedOnPostgres:
    name: str
    setup: Setup
    project: GeneratedProject
    env: dict[str, str]
    url: str
    server: Server

    def rows(self, sql: str) -> list[str]:
        sql = sql.format(users=self.setup.users_table, posts=self.setup.posts_table)
        result = subprocess.run(
            ["psql", self.url, "-Atc", sql], capture_output=True, text=True, check=True
        )
        return result.stdout.split()


@pytest.fixture(scope="module", params=FULL_TEMPLATES)
def served(request, installed_template, tmp_path_factory):
    """The project made for PostgreSQL, prepared as for production on a database of its own
    and served by four workers, once per template: the tests below only attack it, each
    with names of its own (a test that needs a second instance starts one beside it)."""
    name = request.param
    server_url = require_postgres()
    project = installed_template(name, project_name="Prod Blog", database="postgresql")
    url = fresh_postgres_database(
        server_url, f"served_{name.replace('-', '_')}_{secrets.token_hex(3)}"
    )
    env = production_env(tmp_path_factory.mktemp("unused") / "unused.sqlite3", DATABASE_URL=url)
    prepare(project, name, env)
    with gunicorn(project, name, env, workers=4) as server:
        yield ServedOnPostgres(name, SETUPS[name], project, env, url, server)


def test_p23_races_on_postgresql_end_in_the_forms_error_not_a_500(served):
    """Where a check and an insert are not serialised (SQLite's IMMEDIATE transactions
    are), the database's unique constraint refuses the loser: site form and admin alike."""
    setup, port = served.setup, served.server.port
    logged_before = len(served.server.errors())
    registrations = []
    for number in range(8):
        browser = Browser(port)
        token = browser.csrf_token("/accounts/register/", setup.csrf_field)
        form = setup.register_form("sameuser", f"same-{number}@example.com")
        form[setup.csrf_field] = token
        registrations.append((browser, "/accounts/register/", form))
    assert race(registrations) == [200] * 7 + [302]

    (boss,) = served.rows("SELECT id FROM {users} WHERE username = 'boss'")
    saves = []
    for _ in range(8):
        staff = Browser(port)
        form = {"username": "boss", "password": ADMIN_PASSWORD}
        assert staff.post_form("/accounts/login/", setup.csrf_field, form)[0].status == 302
        token = staff.csrf_token(setup.admin_add_post, setup.csrf_field)
        form = {**setup.admin_post_form(int(boss), "same-slug"), setup.csrf_field: token}
        saves.append((staff, setup.admin_add_post, form))
    assert race(saves) == [200] * 7 + [302]
    assert "Traceback" not in served.server.errors()[logged_before:]

    users = "SELECT username FROM {users} WHERE username = 'sameuser'"
    assert served.rows(users) == ["sameuser"]
    assert served.rows("SELECT slug FROM {posts} WHERE slug = 'same-slug'") == ["same-slug"]


def test_p31_password_guessing_is_throttled_on_postgresql(served):
    """The failed logins are rows in PostgreSQL, shared by two instances of four workers."""
    setup, first = served.setup, served.server
    logged_before = len(first.errors())
    with gunicorn(served.project, served.name, served.env, workers=4) as second:
        form = setup.register_form("guessed", "guessed@example.com")
        response, _ = Browser(first.port).post_form("/accounts/register/", setup.csrf_field, form)
        assert response.status == 302
        store = Store(served.name, postgres_url=served.url)
        guess_then_wait_out_the_lockout(
            first.port, served.name, store, "guessed", USER_PASSWORD, second.port
        )
        assert "Traceback" not in first.errors()[logged_before:] + second.errors()


def test_p32_page_numbers_on_postgresql_are_404_never_500(served):
    """PostgreSQL refuses a negative OFFSET, and one past 64 bits, where SQLite shrugs or
    overflows: every list checks the number first."""
    logged_before = len(served.server.errors())
    answers = answers_to_bad_pages(served.server.port, served.name)
    assert "Traceback" not in served.server.errors()[logged_before:]
    assert {path: got for path, got in answers.items() if got != expected_answer(path)} == {}


# The list's "Delete" action on the selected posts: where it posts, and its form given the ids.
BULK_DELETE = {
    "flask-full": ("/admin/post/action/", lambda ids: {"action": "delete", "rowid": ids}),
    # Django asks to confirm first; "post" is the confirmation page's answer.
    "django-full": (
        "/admin/blog/post/",
        lambda ids: {"action": "delete_selected", "_selected_action": ids, "post": "yes"},
    ),
}


def test_p13_staff_delete_the_posts_selected_in_the_list_on_postgresql(served):
    """Flask-Admin queries the selected ids as text, which PostgreSQL will not compare
    with an integer column (Flask-Admin issue #2951); SQLite converts them."""
    setup = served.setup
    logged_before = len(served.server.errors())
    (boss,) = served.rows("SELECT id FROM {users} WHERE username = 'boss'")
    kept, *picked = (f"{fruit}-{secrets.token_hex(3)}" for fruit in ("kept", "apples", "pears"))
    staff = Browser(served.server.port)
    form = {"username": "boss", "password": ADMIN_PASSWORD}
    assert staff.post_form("/accounts/login/", setup.csrf_field, form)[0].status == 302
    for slug in (kept, *picked):
        post = setup.admin_post_form(int(boss), slug)
        response, _ = staff.post_form(setup.admin_add_post, setup.csrf_field, post)
        assert response.status == 302
    selected = served.rows(f"SELECT id FROM {{posts}} WHERE slug IN ('{picked[0]}', '{picked[1]}')")
    path, action = BULK_DELETE[served.name]
    response, _ = staff.post_form(path, setup.csrf_field, action(selected))
    assert response.status == 302
    assert "Traceback" not in served.server.errors()[logged_before:]
    ours = f"SELECT slug FROM {{posts}} WHERE slug IN ('{kept}', '{picked[0]}', '{picked[1]}')"
    assert served.rows(ours) == [kept]
