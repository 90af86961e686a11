"""The projects' files side by side: grouped by role, the same file name on the same row.

Flask and Django put things in different folders (``compare_blog/models.py``
against ``blog/models.py``), so rows line up on the file name within a role,
which is how a reader pairs them: models with models, admin with admin.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from scaffold.compare.metrics import ROLES, FileStat, ProjectMetrics


@dataclass(frozen=True)
class Row:
    role: str
    cells: tuple[FileStat | None, ...]


def align(projects: list[ProjectMetrics]) -> list[Row]:
    """One row per file name (and occurrence of it) in each role, a cell per project."""
    rows: list[Row] = []
    for role in ROLES:
        keyed = [_keyed([s for s in p.files if s.role == role]) for p in projects]
        for key in sorted(set().union(*keyed)):
            rows.append(Row(role, tuple(files.get(key) for files in keyed)))
    return rows


def _keyed(files: list[FileStat]) -> dict[tuple[str, int], FileStat]:
    """Each file under (its name, how many files of that name came before it)."""
    seen: Counter[str] = Counter()
    keyed = {}
    for stat in sorted(files, key=lambda s: s.path):
        name = stat.path.rsplit("/", 1)[-1]
        keyed[(name, seen[name])] = stat
        seen[name] += 1
    return keyed
