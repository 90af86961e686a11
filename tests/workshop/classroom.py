"""What the workshop tests share: the classroom's names, and git and pytest run in its apps."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from projects import GeneratedProject

PROJECT_NAME = "Tea Room"
PACKAGE_NAME = "tea_room"
FLASK, DJANGO = "flask-app", "django-app"


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


def as_a_student_has_it(project: GeneratedProject, framework: str, classroom_app: Path) -> None:
    """Give a worktree of an app what a student's copy has: its .env and a migrated database.

    ``.env`` is git-ignored, so a worktree lacks it; the checks that look at the
    student's own database (migration applied) need both.
    """
    shutil.copy2(classroom_app / ".env", project.path / ".env")
    made = subprocess.run(
        [str(project.python), *CREATE_DATABASE[framework]],
        cwd=project.path, env=project.env(), capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr[-3000:]
