"""After an update: the commands it asks for (reinstall, migrate), and --install/--check."""

import subprocess
import sys
from pathlib import Path

import pytest
from projects import uv_binary
from serving import query

from scaffold import follow_up


def last_lines(output: str, count: int) -> list[str]:
    return output.rstrip("\n").splitlines()[-count:]


def test_a_dependency_change_ends_with_the_commands_to_run(user):
    """The issue's case: --data use_admin=true, then pytest failed on flask_admin."""
    made = user.run("new", "blog", "-t", "flask-full", "--defaults", "--data", "use_admin=false",
                    "--install", "--installer", "uv")  # fmt: skip
    assert made.returncode == 0, made.stderr
    project = user.cwd / "blog"

    pretend = user.run("update", "--data", "use_admin=true", "--pretend", cwd=project)
    assert "It would then need: new dependencies installed." in pretend.stdout

    result = user.run("update", "--data", "use_admin=true", cwd=project)
    assert result.returncode == 0, result.stderr
    # uv made this venv, seeded with pip (scaffold new asks uv for --seed): the venv's own pip.
    assert last_lines(result.stdout, 2) == [
        "This update needs new dependencies installed; run (or next time, "
        "`scaffold update --install`):",
        "  .venv/bin/python -m pip install -e '.[dev]'",
    ]
    missing = user.shell(".venv/bin/python -c 'import flask_admin'", cwd=project)
    assert missing.returncode == 1
    uv_on_path = f"{Path(uv_binary()).parent}:{user.env()['PATH']}"
    reinstall = user.shell(last_lines(result.stdout, 1)[0], cwd=project, PATH=uv_on_path)
    assert reinstall.returncode == 0, reinstall.stderr
    tests = user.shell(".venv/bin/python -m pytest -q -p no:cacheprovider", cwd=project)
    assert tests.returncode == 0, tests.stdout[-3000:]


def test_an_update_that_changes_no_dependency_or_migration_asks_for_nothing(user):
    assert user.run("new", "hello", "-t", "flask-minimal", "--defaults").returncode == 0
    project = user.cwd / "hello"
    # pyproject.toml changes (its description), its dependencies do not.
    result = user.run("update", "--data", "description=Another site", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "updated    pyproject.toml" in result.stdout
    assert "needs" not in result.stdout and ".venv" not in result.stdout


def test_install_and_check_reinstall_migrate_and_test_after_the_update(user):
    made = user.run("new", "blog", "-t", "flask-full", "--defaults", "--data", "use_admin=false")
    assert made.returncode == 0, made.stderr
    project = user.cwd / "blog"
    assert not (project / ".venv").exists()

    result = user.run("update", "--data", "use_admin=true", "--install", "--check", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "added      blog/admin.py" in result.stdout
    assert "Installed the project into .venv; migrated its database." in result.stdout
    assert "The project's own tests pass:" in result.stdout and " passed" in result.stdout
    database = project / "instance" / "blog.sqlite3"
    assert query(database, "select version_num from alembic_version")[0][0] == "0003"


@pytest.mark.install  # it makes venvs
@pytest.mark.parametrize(
    ("make_venv", "command"),
    [
        ([sys.executable, "-m", "venv", ".venv"], ".venv/bin/python -m pip install -e '.[dev]'"),
        ([uv_binary(), "venv", "--quiet", ".venv"],
         "uv pip install --python .venv/bin/python -e '.[dev]'"),
        (None, "python -m venv .venv && .venv/bin/python -m pip install -e '.[dev]'"),
    ],
    ids=["pip", "uv", "no-venv"],
)  # fmt: skip
def test_the_reinstall_command_uses_the_venvs_own_installer(tmp_path, make_venv, command):
    if make_venv:
        subprocess.run(make_venv, cwd=tmp_path, check=True, capture_output=True)
    assert follow_up.reinstall_command(tmp_path) == command


def test_new_answers_that_rewrite_a_migration_are_merged_with_a_warning(user):
    """flask-full's first migration holds the users' table only with use_accounts."""
    made = user.run("new", "blog", "-t", "flask-full", "--defaults", "--data", "use_accounts=false",
                    "--data", "use_forms=false", "--data", "use_admin=false")  # fmt: skip
    assert made.returncode == 0, made.stderr
    project = user.cwd / "blog"
    result = user.run("update", "--data", "use_accounts=true", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "updated    migrations/versions/0001_initial.py" in result.stdout
    assert result.stderr.startswith(
        "Warning: the new answers change migrations/versions/0001_initial.py, which a database "
        "may have applied already"
    )
