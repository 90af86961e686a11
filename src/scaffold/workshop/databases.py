"""The student's SQLite database across ``scaffold exercise reset``: a copy kept, then taken back.

The database the dev server uses holds the student's rows, migrated by their
own migrations. At the start of an exercise those migration files are gone,
and the app then fails on the database (Flask-Migrate cannot find the revision
it is at; Django's models lack a column the table has, or the other way round).
So before git moves anything, ``reset`` copies each database into
``saved-databases/`` (a folder that git ignores, so no commit takes them), named
for the branch that keeps the work, and migrates it back to the newest
migrations ``workshop-start`` has, while the student's migration files are
still there to say how. Rows stay; only what their migrations added goes.
"""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

from scaffold import git, processes
from scaffold.errors import ScaffoldError
from scaffold.workshop.exercises import START_TAG

SAVED_FOLDER = "saved-databases"
SUFFIX = ".sqlite3"
FLASK_VERSIONS = "migrations/versions"
# `revision = "0002"` or, as Alembic's newer templates write it, `revision: str = "0002"`.
ALEMBIC_ID = r"^{name}(?::[^=]*)?\s*=\s*['\"]([^'\"]+)['\"]"
DJANGO_MIGRATION = re.compile(r"(?:^|/)(?P<app>\w+)/migrations/(?P<name>\d{4}_\w+)\.py$")


class DatabaseError(ScaffoldError):
    """The database could not be taken back to the start; nothing was changed in git."""


def found(top: Path) -> list[Path]:
    """The app's SQLite databases where the templates put them: instance/ (Flask), top (Django)."""
    return sorted(path for folder in (top, top / "instance") for path in folder.glob(f"*{SUFFIX}"))


def keep(top: Path, databases: list[Path], branch: str) -> list[Path]:
    """Copy ``databases`` into saved-databases/, named for ``branch``; return the copies.

    SQLite's backup copies a consistent database even while a dev server has it open.
    """
    folder = top / SAVED_FOLDER
    folder.mkdir(exist_ok=True)
    # The folder ignores itself: django-full's .gitignore names db.sqlite3 only.
    (folder / ".gitignore").write_text("*\n", encoding="utf-8")
    copies = []
    for database in databases:
        which = "" if len(databases) == 1 else f"-{database.stem}"
        copy = folder / f"{branch.replace('/', '-')}{which}{SUFFIX}"
        with closing(sqlite3.connect(database)) as source, closing(sqlite3.connect(copy)) as target:
            source.backup(target)
        copies.append(copy)
    return copies


def migrate_to_start(top: Path) -> None:
    """Migrate the app's database to the newest migrations of ``workshop-start``."""
    if (top / "manage.py").is_file():
        for app, name in _django_start(top).items():
            _run(top, "manage.py", "migrate", app, name)
    else:
        _run(top, "-m", "flask", "--app", _package(top), "db", "downgrade", _alembic_start(top))


def _alembic_start(top: Path) -> str:
    """The head revision of the Flask app's migrations at the start."""
    listed = git.run("ls-tree", "-r", "--name-only", START_TAG, "--", FLASK_VERSIONS, cwd=top)
    revisions: set[str] = set()
    below: set[str] = set()
    for path in listed.stdout.split():
        if path.endswith(".py"):
            text = git.run("show", f"{START_TAG}:{path}", cwd=top).stdout
            revisions.update(re.findall(ALEMBIC_ID.format(name="revision"), text, re.M))
            below.update(re.findall(ALEMBIC_ID.format(name="down_revision"), text, re.M))
    heads = revisions - below
    if len(heads) != 1:
        raise DatabaseError(
            f"the migrations at {START_TAG} have {len(heads)} heads, not one; "
            "your work is where it was"
        )
    return heads.pop()


def _django_start(top: Path) -> dict[str, str]:
    """Each app's newest migration at the start, by app label."""
    newest: dict[str, str] = {}
    for path in git.run("ls-tree", "-r", "--name-only", START_TAG, cwd=top).stdout.split():
        match = DJANGO_MIGRATION.search(path)
        if match:
            newest[match["app"]] = max(newest.get(match["app"], ""), match["name"])
    return newest


def _package(top: Path) -> str:
    """The Flask app's package, as its answers file records it."""
    answers = (top / ".copier-answers.yml").read_text(encoding="utf-8")
    found = re.search(r"^package_name:\s*['\"]?(\w+)", answers, re.M)
    if found is None:
        raise DatabaseError("the app's .copier-answers.yml has no package_name")
    return found[1]


def _python(top: Path) -> Path:
    """The app's Python: its .venv, or the virtual environment the student activated."""
    scripts, name = ("Scripts", "python.exe") if sys.platform == "win32" else ("bin", "python")
    for venv in (top / ".venv", os.environ.get("VIRTUAL_ENV")):
        if venv and (Path(venv) / scripts / name).is_file():
            return Path(venv) / scripts / name
    return Path(sys.executable)


def _run(top: Path, *args: str) -> None:
    command = [str(_python(top)), *args]
    result = subprocess.run(
        command, cwd=top, capture_output=True, text=True, stdin=subprocess.DEVNULL, check=False
    )
    if result.returncode != 0:
        raise DatabaseError(
            f"cannot take your database back to the start of the exercises "
            f"({' '.join(args)}): {processes.failure_line(result)}; your work is where it was"
        )
