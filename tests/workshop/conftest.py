"""One classroom per test run, made by the installed `scaffold workshop` as a teacher types it.

Making it (both projects, the ladder, the report, the solution branches) and
installing each app take most of these tests' time, so they are done once per
run, in the folder all xdist workers share (tests/shared.py), and every worker
uses them. Tests look at the classroom and never change it: solution branches
and rungs are checked out in worktrees of their own, added to its repositories
under a lock, and copies are taken under the same lock.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from filelock import FileLock
from projects import GeneratedProject, install_project
from shared import built_once
from users import User, make_home

from workshop.classroom import APPS, PROJECT_NAME, copy_of_app, git


@pytest.fixture(scope="session")
def teacher(installed_venv, tmp_path_factory) -> User:
    """Someone with the installed scaffold, a git identity, and a folder to prepare a class in."""
    root = tmp_path_factory.mktemp("teacher")
    (root / "work").mkdir()
    return User(venv=installed_venv, home=make_home(root / "home"), cwd=root / "work")


@pytest.fixture(scope="session")
def classroom(installed_venv, shared_folder) -> Path:
    def make(folder: Path) -> None:
        (folder / "work").mkdir()
        maker = User(venv=installed_venv, home=make_home(folder / "home"), cwd=folder / "work")
        made = maker.run("workshop", "class", "--project-name", PROJECT_NAME)
        assert made.returncode == 0, made.stderr

    return built_once(shared_folder, "classroom", make) / "work" / "class"


@pytest.fixture(scope="session")
def classroom_lock(shared_folder) -> FileLock:
    """Held while a worktree is added to the classroom's repositories or they are copied."""
    return FileLock(shared_folder / "classroom-git.lock")


@pytest.fixture(scope="session")
def installed(classroom, shared_folder) -> dict[str, GeneratedProject]:
    """Each app of the classroom installed into its own .venv, by framework name."""

    def install(_: Path) -> None:
        for app in APPS.values():
            install_project(classroom / app)

    built_once(shared_folder, "classroom-venvs", install)
    return {
        framework: GeneratedProject(path=classroom / app, venv=classroom / app / ".venv")
        for framework, app in APPS.items()
    }


@pytest.fixture
def checkout(installed, classroom_lock, tmp_path):
    """A worktree of one app at a revision, run with that app's venv; the classroom stays as is."""

    def check_out(framework: str, revision: str) -> GeneratedProject:
        app = installed[framework]
        folder = tmp_path / f"{framework}-{revision.replace('/', '-')}"
        with classroom_lock:
            git("worktree", "add", "--detach", str(folder), revision, cwd=app.path)
        return GeneratedProject(path=folder, venv=app.venv)

    return check_out


@pytest.fixture
def student_app(classroom, classroom_lock, tmp_path):
    """A student's copy of one app, as the guide installs it, in a venv of its own."""

    def copy(framework: str) -> GeneratedProject:
        app = APPS[framework]
        return install_project(copy_of_app(classroom, app, tmp_path / app, classroom_lock))

    return copy
