"""What a project depends on: the direct names it declares, and the full set they pull in.

The direct dependencies are what the project's author chose; the full set is
what a user actually installs. The full set is resolved by walking the
``Requires-Dist`` metadata of installed distributions (the project's own
``.venv`` when it has one, else the environment scaffold runs in), so it needs
no network and no resolver; whatever is not installed is reported as such.
"""

from __future__ import annotations

import importlib.metadata
import re
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

from packaging.requirements import InvalidRequirement, Requirement


@dataclass(frozen=True)
class Resolved:
    names: tuple[str, ...]
    unresolved: tuple[str, ...]
    source: str


def normalise(name: str) -> str:
    """A distribution name as PyPI compares them (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def declared(root: Path) -> list[Requirement]:
    """The requirements in pyproject.toml's ``[project] dependencies``."""
    pyproject = root / "pyproject.toml"
    if not pyproject.is_file():
        return []
    with pyproject.open("rb") as file:
        lines = tomllib.load(file).get("project", {}).get("dependencies", [])
    return [Requirement(line) for line in lines]


def direct(root: Path) -> list[str]:
    """The direct runtime dependencies, by normalised name, whatever their markers say."""
    return sorted({normalise(req.name) for req in declared(root)})


def resolve(root: Path) -> Resolved:
    """Every distribution the direct dependencies pull in, as far as they are installed here."""
    site = sorted(root.glob(".venv/lib/python*/site-packages"))
    if site:
        source = "the project's .venv"
        search = [str(site[-1])]
    else:
        source = "scaffold's own environment"
        search = sys.path
    return walk(declared(root), installed(search), source)


def installed(search: list[str]) -> dict[str, importlib.metadata.Distribution]:
    found: dict[str, importlib.metadata.Distribution] = {}
    for dist in importlib.metadata.distributions(path=search):
        # The first one found wins, as it would on import.
        found.setdefault(normalise(dist.metadata["Name"]), dist)
    return found


def walk(
    roots: list[Requirement], dists: dict[str, importlib.metadata.Distribution], source: str
) -> Resolved:
    """Follow requirements transitively through ``dists``, honouring markers and extras."""
    names: set[str] = set()
    unresolved: set[str] = set()
    queue = [(req, "") for req in roots]
    seen: set[tuple[str, str]] = set()
    while queue:
        req, extra = queue.pop()
        if req.marker is not None and not req.marker.evaluate({"extra": extra}):
            continue
        name = normalise(req.name)
        dist = dists.get(name)
        if dist is None:
            unresolved.add(name)
            continue
        names.add(name)
        for wanted in ("", *sorted(req.extras)):
            if (name, wanted) in seen:
                continue
            seen.add((name, wanted))
            for line in dist.requires or []:
                try:
                    queue.append((Requirement(line), wanted))
                except InvalidRequirement:
                    continue  # one malformed line in someone's metadata is not our failure
    return Resolved(tuple(sorted(names)), tuple(sorted(unresolved)), source)
