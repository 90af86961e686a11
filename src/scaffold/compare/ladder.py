"""The ladder counted: flask-full rendered rung by rung, each against the one below.

Each rung of :mod:`scaffold.ladder` is rendered for real with its answers, so
what it adds is counted on files that exist, and set against what django-full
spends on the same features, which it ships built in.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scaffold import ladder, registry
from scaffold.compare.features import Feature
from scaffold.compare.projects import ComparedProject, render_template


@dataclass(frozen=True)
class RungFigures:
    """What one rung holds and adds to the rung below."""

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


def climb(workspace: Path, data: dict[str, Any], django: ComparedProject) -> list[RungFigures]:
    """Render every rung of flask-full into ``workspace``; compare each with the one below."""
    template = registry.get(ladder.LADDER_TEMPLATE)
    figures: list[RungFigures] = []
    below: ComparedProject | None = None
    for rung in ladder.rungs():
        project = render_template(
            template, rung.name, workspace / "ladder", {**data, **rung.data}, resolve=False
        )
        below_files = len(below.metrics.files) if below else 0
        below_lines = below.metrics.python_lines if below else 0
        below_deps = set(below.dependencies) if below else set()
        figures.append(
            RungFigures(
                name=rung.name,
                files=len(project.metrics.files),
                python_lines=project.metrics.python_lines,
                dependencies=tuple(project.dependencies),
                added_files=len(project.metrics.files) - below_files,
                added_python_lines=project.metrics.python_lines - below_lines,
                added_dependencies=tuple(d for d in project.dependencies if d not in below_deps),
                features=rung.features,
                django=tuple(django.features[f] for f in rung.features if f in django.features),
            )
        )
        below = project
    return figures
