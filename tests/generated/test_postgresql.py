"""The full templates against a real PostgreSQL server: driver, migrations, their own tests.

.ci/postgres starts the server; without one the tests skip, except in CI.
"""

import pytest
from projects import fresh_postgres_database, install_project, require_postgres

from scaffold import templates

pytestmark = pytest.mark.slow

# How each template brings an empty database up to date.
MIGRATE = {
    "flask-full": ["flask", "--app", "{package_name}", "db", "upgrade"],
    "django-full": ["python", "manage.py", "migrate", "--no-input"],
}
FULL_TEMPLATES = [name for name in MIGRATE if name in {t.name for t in templates.available()}]


@pytest.mark.parametrize("name", FULL_TEMPLATES)
def test_generated_project_runs_on_postgresql(render_template, name):
    server = require_postgres()
    package = f"pg_{name.replace('-', '_')}"
    project = install_project(render_template(name, project_name=package, database="postgresql"))
    url = fresh_postgres_database(server, package)

    migrate = [part.format(package_name=package) for part in MIGRATE[name]]
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
