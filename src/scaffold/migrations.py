"""Shipped migrations are append-only: a template adds new ones and never changes one.

A project's database records which migrations it has applied by name, not by
content: a migration file that changes after a project applied it is never run
again, and the database silently stops matching the models. So ``scaffold
update`` refuses, before it changes anything, a render that changes or removes
a migration the project already holds; new migration files merge like any
other file. Our own test suite keeps the digests of every migration each
template has shipped (tests/test_migrations.py), so that a release cannot
change one in the first place.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

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
