"""django-full, rendered and run on Django 5.2 LTS (Python 3.11) and the newest Django."""

import re
import secrets

import pytest
from projects import install_project, newer_python

from scaffold import registry
from scaffold.compare.features import FEATURES

TEMPLATE = registry.get("django-full")
PYTHONS = {"default": None, "newer": newer_python()}
# Production as the README describes it: DEBUG off, a fresh 50-character secret.
PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": secrets.token_urlsafe(50)[:50],
    "ALLOWED_HOSTS": "example.com",
}


@pytest.mark.install
@pytest.mark.parametrize("python", sorted(PYTHONS))
def test_project_passes_its_tests_ruff_migrations_and_deploy_check(render_template, python):
    interpreter = PYTHONS[python]
    if python == "newer" and interpreter is None:
        pytest.skip("no Python 3.12 or later on this machine")
    path = render_template("django-full", project_name="Django Blog")
    project = install_project(path, interpreter) if interpreter else install_project(path)

    version = project.run("python", "-c", "import django; print(django.VERSION[0])")
    assert int(version.stdout) == (5 if python == "default" else 6)
    tests = project.run("python", "-m", "pytest", "-q", "-p", "no:cacheprovider")
    assert re.search(r"\d+ passed", tests.stdout) and "failed" not in tests.stdout
    project.run("ruff", "check", ".")
    project.run("ruff", "format", "--check", ".")
    project.run("python", "manage.py", "makemigrations", "--check", "--dry-run", env=PRODUCTION)
    check = project.run(
        "python", "manage.py", "check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION
    )
    assert "no issues" in check.stdout


def test_postgresql_adds_its_driver_and_passes_the_deploy_check(installed_template):
    project = installed_template("django-full", project_name="Prod Blog", database="postgresql")
    assert '"psycopg[binary]' in (project.path / "pyproject.toml").read_text()
    project.run("ruff", "check", ".")
    project.run("ruff", "format", "--check", ".")
    # System checks load the PostgreSQL backend (and so psycopg) without connecting;
    # tests/generated/test_postgresql.py runs the project against a real server.
    database = {"DATABASE_URL": "postgresql://blog:secret@db.example:5432/blog"}
    check = project.run(
        "python", "manage.py", "check", "--deploy", "--fail-level", "WARNING",
        env={**PRODUCTION, **database},
    )  # fmt: skip
    assert "no issues" in check.stdout


def test_both_full_templates_declare_the_same_features():
    flask_full = registry.get("flask-full").metadata["features"]
    assert sorted(TEMPLATE.metadata["features"]) == sorted(flask_full) == sorted(FEATURES)
