"""One classroom per test run, made by the installed `scaffold workshop` as a teacher types it.

Making it (both projects, the ladder, the report, the solution branches) and
installing each app take most of these tests' time, so they are done once and
shared: every test that uses the classroom is put in one xdist group, so one
worker makes it and runs them all. Tests look at the classroom and never change
it (solution branches and rungs are checked out in worktrees of their own).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from projects import GeneratedProject, install_project
from users import User, make_home

from workshop.classroom import DJANGO, FLASK, PROJECT_NAME, git


def pytest_collection_modifyitems(items):
    for item in items:
        if "classroom" in item.fixturenames:
            item.add_marker(pytest.mark.xdist_group("classroom"))


@pytest.fixture(scope="session")
def teacher(installed_venv, tmp_path_factory) -> User:
    """Someone with the installed scaffold, a git identity, and a folder to prepare a class in."""
    root = tmp_path_factory.mktemp("teacher")
    (root / "work").mkdir()
    return User(venv=installed_venv, home=make_home(root / "home"), cwd=root / "work")


@pytest.fixture(scope="session")
def classroom(teacher) -> Path:
    made = teacher.run("workshop", "class", "--project-name", PROJECT_NAME)
    assert made.returncode == 0, made.stderr
    return teacher.cwd / "class"


@pytest.fixture(scope="session")
def installed(classroom):
    """Each app of the classroom installed into its own .venv, by framework name."""
    return {
        "flask": install_project(classroom / FLASK),
        "django": install_project(classroom / DJANGO),
    }


@pytest.fixture
def checkout(installed, tmp_path):
    """A worktree of one app at a revision, run with that app's venv; the classroom stays as is."""

    def check_out(framework: str, revision: str) -> GeneratedProject:
        app = installed[framework]
        folder = tmp_path / f"{framework}-{revision.replace('/', '-')}"
        git("worktree", "add", "--detach", str(folder), revision, cwd=app.path)
        return GeneratedProject(path=folder, venv=app.venv)

    return check_out
