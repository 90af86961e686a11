"""Shipped migrations are append-only: a template adds new ones and never changes one.

A project's database records which migrations it has applied by name, not by
content: a migration file that changes after a project applied it is never run
again, and the database silently stops matching the models. So ``scaffold
update`` refuses, before it changes anything, a render that changes or removes
a migration the project already holds; new migration files merge like any
other file. Our own test suite keeps the digests of every migration each
template has shipped (shipped_migrations.json, checked by
tests/test_shipped_migrations.py), so that a release cannot change one in the
first place.

One file has shipped in two forms, both applied by databases today: flask-full's
0001 had the session token column in 0.2.0, and has it not in 0.1.0 and 0.3.0
(0002 adds it where it is missing). A project that holds a form some release
shipped keeps it: the render takes the project's file (:func:`keep_shipped_forms`),
so the merge leaves it as it is and the guard has nothing to refuse.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from functools import cache
from importlib import resources
from pathlib import Path, PurePosixPath
from typing import Any

from scaffold import git

# The docs/update.md section that walks through the one known case by hand.
# git's statuses for a file changed in place, deleted, or changed in type.
CHANGED = {"M", "D", "T"}
GUIDE = "docs/update.md, section 'A migration the template changed'"


def is_migration(path: str) -> bool:
    """Whether ``path`` (relative, with /) is a migration: Alembic's or Django's.

    Alembic keeps them in ``migrations/versions/``; Django in an app's
    ``migrations/`` package, named from a number (``0001_initial.py``), beside
    files that are not migrations (``__init__.py``, and Alembic's ``env.py``).
    """
    parts = PurePosixPath(path).parts
    if len(parts) < 2 or not parts[-1].endswith(".py") or parts[-1] == "__init__.py":
        return False
    folder, name = parts[-2], parts[-1]
    alembic = folder == "versions" and "migrations" in parts[:-2]
    django = folder == "migrations" and name[0].isdigit()
    return alembic or django


def changed(project: Path, old: str, new: str, env: dict[str, str] | None = None) -> list[str]:
    """Migrations that ``old`` (a tree or commit) holds and ``new`` would change or remove.

    A migration the project's HEAD already holds as ``new`` has it (brought over
    by hand, as docs/update.md walks through): the merge leaves it as it is.
    """
    listed = git.run(
        "diff-tree", "-r", "--no-renames", "--name-status", "-z", old, new,
        cwd=project, env=env,
    ).stdout.split("\0")  # fmt: skip
    pairs = zip(listed[0::2], listed[1::2], strict=False)
    candidates = [path for status, path in pairs if status in CHANGED and is_migration(path)]
    if not candidates:
        return []
    differing = git.run(
        "diff-tree", "-r", "--no-renames", "--name-only", "-z", "HEAD", new, "--", *candidates,
        cwd=project, env=env,
    ).stdout.split("\0")  # fmt: skip
    return sorted(set(candidates) & set(differing))


def refusal(paths: list[str], template: str, version: str) -> str:
    """The one line that refuses an update which would change shipped migrations."""
    named = ", ".join(paths)
    return (
        f"scaffold {version}'s {template} template differs from this project in {named}, "
        "a migration its database may have applied already; a changed migration is never "
        "applied again, so scaffold update changes nothing. Follow "
        f"{GUIDE}, to bring the project over by hand"
    )


@cache
def _shipped() -> dict[str, Any]:
    """template -> path -> combination of answers -> the digests of what releases shipped."""
    record = resources.files("scaffold").joinpath("shipped_migrations.json").read_text("utf-8")
    loaded: dict[str, Any] = json.loads(record)
    return loaded


def _matches(combination: str, answers: Mapping[str, Any]) -> bool:
    """Whether ``answers`` are the combination a record entry names (``name=json`` pairs)."""
    pairs = (pair.split("=", 1) for pair in combination.split(" "))
    return all(name in answers and json.dumps(answers[name]) == value for name, value in pairs)


def shipped_digests(template: str, path: str, answers: Mapping[str, Any]) -> set[str]:
    """The SHA-256 of every form of ``path`` a release of ``template`` shipped for ``answers``."""
    by_combination = _shipped().get(template, {}).get(path, {})
    digests: set[str] = set()
    for combination, entry in by_combination.items():
        if _matches(combination, answers):
            forms = [entry, *entry.get("also_shipped", [])]
            digests.update(form["sha256"] for form in forms)
    return digests


def keep_shipped_forms(
    project: Path, rendered: Path, template: str, answers: Mapping[str, Any]
) -> list[str]:
    """Put into ``rendered`` the project's own form of each migration some release shipped.

    A database that applied a migration in one shipped form must keep that form:
    it is never applied again. Returns the paths taken from the project.
    """
    kept = []
    for file in sorted(rendered.rglob("*.py")):
        path = file.relative_to(rendered).as_posix()
        if not is_migration(path):
            continue
        held = git.run("cat-file", "blob", f"HEAD:{path}", cwd=project, check=False)
        if held.returncode != 0:
            continue  # a migration the project does not hold yet
        content = held.stdout.encode()
        if content == file.read_bytes():
            continue
        if hashlib.sha256(content).hexdigest() in shipped_digests(template, path, answers):
            file.write_bytes(content)
            kept.append(path)
    return kept
