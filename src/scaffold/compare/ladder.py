"""The ladder: flask-full rendered one option at a time, each rung against the one below."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scaffold import templates
from scaffold.compare.projects import Project, render_template

# The feature each rung of flask-full adds, to set against what django-full spends on it.
RUNG_FEATURES = {
    "+database": "database",
    "+accounts": "accounts",
    "+forms": "forms",
    "+admin": "admin",
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
    django_lines: int | None


def climb(workspace: Path, data: dict[str, Any], django: Project | None) -> list[Rung]:
    template = templates.get("flask-full")
    rungs: list[Rung] = []
    below: Project | None = None
    for step in template.metadata.get("ladder", []):
        project = render_template(
            template, step["name"], workspace / "ladder", {**data, **step["data"]}
        )
        metrics = project.metrics
        feature = RUNG_FEATURES.get(step["name"])
        django_lines = None
        if django is not None and feature in django.features:
            django_lines = django.features[feature].lines
        rungs.append(
            Rung(
                name=step["name"],
                files=len(metrics.files),
                python_lines=metrics.python_lines,
                dependencies=tuple(metrics.dependencies),
                added_files=len(metrics.files) - (len(below.metrics.files) if below else 0),
                added_python_lines=metrics.python_lines
                - (below.metrics.python_lines if below else 0),
                added_dependencies=tuple(
                    d
                    for d in metrics.dependencies
                    if not below or d not in below.metrics.dependencies
                ),
                django_lines=django_lines,
            )
        )
        below = project
    return rungs
