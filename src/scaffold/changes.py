"""What git says a merge or a diff changed, as the lines `scaffold update` lists."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from scaffold import git


@dataclass
class Change:
    status: str  # "updated", "added", "deleted", "renamed" or "conflicted"
    path: str  # a rename's as "old -> new"


STATUS_WORDS = {"M": "updated", "A": "added", "D": "deleted", "T": "updated"}
# Statuses followed by two paths in `--name-status -z` output: the source, then the result.
TWO_PATHS = {"R": "renamed", "C": "copied"}


def listed(project: Path, *args: str, env: dict[str, str] | None = None) -> list[Change]:
    """``git diff --name-status -z`` and its kin as changes; a rename is one line, old -> new."""
    fields = iter(git.run(*args, cwd=project, env=env).stdout.split("\0"))
    changes = []
    for status in fields:
        if not status:
            continue
        if status[0] in TWO_PATHS:
            source, result = next(fields), next(fields)
            changes.append(Change(TWO_PATHS[status[0]], f"{source} -> {result}"))
        else:
            changes.append(Change(STATUS_WORDS.get(status[0], "updated"), next(fields)))
    return changes


def names(project: Path, *args: str) -> list[str]:
    return [name for name in git.run(*args, cwd=project).stdout.split("\0") if name]


def with_conflicts(changes: list[Change], conflicted: set[str]) -> list[Change]:
    merged = [change for change in changes if change.path not in conflicted]
    merged += [Change("conflicted", path) for path in sorted(conflicted)]
    return sorted(merged, key=lambda change: change.path)
