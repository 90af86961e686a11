"""flask-full, rendered rung by rung and run: each rung's own tests, ruff, and migrations."""

import re

import pytest
from projects import install_project

from scaffold import ladder, registry, render
from scaffold.answers import AnswerError

TEMPLATE = registry.get("flask-full")
LADDER = ladder.rungs()


@pytest.mark.install
@pytest.mark.parametrize("rung", LADDER, ids=[rung.name for rung in LADDER])
def test_each_rung_passes_its_own_tests_and_ruff(render_template, rung):
    project = install_project(render_template("flask-full", project_name="Rung Blog", **rung.data))
    tests = project.run("python", "-m", "pytest", "-q", "-p", "no:cacheprovider")
    assert re.search(r"\d+ passed", tests.stdout) and "failed" not in tests.stdout
    project.run("ruff", "check", ".")
    project.run("ruff", "format", "--check", ".")
    # Each rung's own test_p17 compares its migrations with its models; the commands
    # the README gives are the same code on every rung, so the top one runs them.
    if rung is LADDER[-1]:
        project.run("flask", "--app", "rung_blog", "db", "upgrade")
        project.run("flask", "--app", "rung_blog", "db", "check")


def test_ladder_climbs_one_option_at_a_time():
    options = [sum(rung.data.values()) for rung in LADDER]
    assert [rung.name for rung in LADDER] == [
        "minimal", "+database", "+accounts", "+forms", "+admin",
    ]  # fmt: skip
    assert options == [0, 1, 2, 3, 4]


@pytest.mark.parametrize(
    "data",
    [
        {"use_database": False, "use_accounts": True},
        {"use_accounts": False, "use_forms": True},
        {"use_forms": False, "use_admin": True},
    ],
)
def test_impossible_combinations_are_refused_and_leave_nothing(tmp_path, data):
    with pytest.raises(AnswerError, match="need"):
        render.render(TEMPLATE.path, tmp_path / "project", data, defaults=True)
    assert list(tmp_path.iterdir()) == []


def test_postgresql_adds_its_driver_and_stays_lint_clean(installed_template):
    project = installed_template("flask-full", project_name="Prod Blog", database="postgresql")
    assert '"psycopg[binary]' in (project.path / "pyproject.toml").read_text()
    project.run("python", "-c", "import psycopg")
    project.run("ruff", "check", ".")
    project.run("ruff", "format", "--check", ".")
