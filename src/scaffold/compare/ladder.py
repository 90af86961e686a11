"""The ladder: flask-full rendered one option at a time, each rung against the one below.

Each rung is rendered for real with the answers its template declares in
``[[ladder]]``, so what a rung adds is counted on files that exist, and set
against what django-full spends on the same feature, which it ships built in.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scaffold import registry
from scaffold.compare.features import Feature
from scaffold.compare.projects import ComparedProject, render_template

# The features each rung of flask-full adds, to set against what django-full spends on them.
RUNG_FEATURES = {
    "+database": ("database", "migrations"),
    "+accounts": ("accounts",),
    "+forms": ("forms",),
    "+admin": ("admin",),
}


@dataclass(frozen=True)
class Rung:
    name: str
    files: int
    python_lines: int
    dependencies: tuple[str, ...]
    added_files: int
    added_python_lines: int
    added_dependencies: tuple[str, ...]
    features: tuple[str, ...]
    # The same features in django-full, which ships them built in.
    django: tuple[Feature, ...]


def climb(workspace: Path, data: dict[str, Any], django: ComparedProject) -> list[Rung]:
    """Render every rung of flask-full into ``workspace``; compare each with the one below."""
    template = registry.get("flask-full")
    rungs: list[Rung] = []
    below: ComparedProject | None = None
    for step in template.metadata.get("ladder", []):
        project = render_template(
            template, step["name"], workspace / "ladder", {**data, **step["data"]}, resolve=False
        )
        features = RUNG_FEATURES.get(step["name"], ())
        below_files = len(below.metrics.files) if below else 0
        below_lines = below.metrics.python_lines if below else 0
        below_deps = set(below.dependencies) if below else set()
        rungs.append(
            Rung(
                name=step["name"],
                files=len(project.metrics.files),
                python_lines=project.metrics.python_lines,
                dependencies=tuple(project.dependencies),
                added_files=len(project.metrics.files) - below_files,
                added_python_lines=project.metrics.python_lines - below_lines,
                added_dependencies=tuple(d for d in project.dependencies if d not in below_deps),
                features=features,
                django=tuple(django.features[f] for f in features if f in django.features),
            )
        )
        below = project
    return rungs
