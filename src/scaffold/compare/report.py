"""The comparison as data, and in each format: a Rich table, Markdown, JSON.

Everything is sorted and free of temporary paths, so the same arguments give
byte-identical output.
"""

from __future__ import annotations

import io
import json
from typing import Any

from scaffold.compare.features import FEATURES
from scaffold.compare.ladder import Rung
from scaffold.compare.metrics import ROLES
from scaffold.compare.projects import Project

SIZE_ROWS = (
    ("files", lambda p: len(p.metrics.files)),
    ("lines of Python (code)", lambda p: p.metrics.python_lines),
    ("lines of HTML templates", lambda p: p.metrics.html_lines),
    ("lines of configuration", lambda p: p.metrics.config_lines),
    ("lines of tests", lambda p: p.metrics.test_lines),
    ("direct dependencies", lambda p: len(p.metrics.dependencies)),
)


def as_data(projects: list[Project], ladder: list[Rung]) -> dict[str, Any]:
    data: dict[str, Any] = {
        "templates": [
            {
                "name": project.name,
                "template": project.template.name if project.template else None,
                "files": len(project.metrics.files),
                "python_lines": project.metrics.python_lines,
                "html_lines": project.metrics.html_lines,
                "config_lines": project.metrics.config_lines,
                "test_lines": project.metrics.test_lines,
                "dependencies": project.metrics.dependencies,
                "features": {name: list(f.files) for name, f in project.features.items()},
                "feature_lines": {name: f.lines for name, f in project.features.items()},
                "tree": [
                    {"path": s.path, "role": s.role, "lines": s.lines}
                    for s in project.metrics.files
                ],
            }
            for project in projects
        ]
    }
    if ladder:
        data["ladder"] = [
            {
                "rung": rung.name,
                "files": rung.files,
                "python_lines": rung.python_lines,
                "dependencies": list(rung.dependencies),
                "added_files": rung.added_files,
                "added_python_lines": rung.added_python_lines,
                "added_dependencies": list(rung.added_dependencies),
                "django_full_lines": rung.django_lines,
            }
            for rung in ladder
        ]
    return data


def to_json(projects: list[Project], ladder: list[Rung]) -> str:
    return json.dumps(as_data(projects, ladder), indent=2, sort_keys=True) + "\n"


def to_markdown(projects: list[Project], ladder: list[Rung]) -> str:
    names = [p.name for p in projects]
    out = ["## Size", "", _md_row(["", *names]), _md_row(["---"] * (len(names) + 1))]
    out += [_md_row([label, *(str(value(p)) for p in projects)]) for label, value in SIZE_ROWS]
    out += ["", "## Dependencies", ""]
    out += [f"- **{p.name}**: {', '.join(p.metrics.dependencies) or 'none'}" for p in projects]
    out += ["", "## Features (files, lines)", "", _md_row(["feature", *names])]
    out.append(_md_row(["---"] * (len(names) + 1)))
    for feature in FEATURES:
        cells = [_feature_cell(p, feature) for p in projects]
        if any(cell != "-" for cell in cells):
            out.append(_md_row([feature, *cells]))
    if ladder:
        out += ["", "## The flask-full ladder", ""]
        out.append(
            _md_row(["rung", "files", "Python lines", "adds", "new dependencies", "django-full"])
        )
        out.append(_md_row(["---"] * 6))
        for rung in ladder:
            out.append(
                _md_row([
                    rung.name, str(rung.files), str(rung.python_lines),
                    f"+{rung.added_files} files, +{rung.added_python_lines} lines",
                    ", ".join(rung.added_dependencies) or "-",
                    "-" if rung.django_lines is None else f"{rung.django_lines} lines, built in",
                ])
            )  # fmt: skip
    out += ["", "## Files by role", ""]
    for role in ROLES:
        out.append(f"### {role}")
        out.append("")
        for project in projects:
            files = [f"`{s.path}` ({s.lines})" for s in project.metrics.files if s.role == role]
            out.append(f"- **{project.name}**: {', '.join(files) or '-'}")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def to_table(projects: list[Project], ladder: list[Rung], width: int = 100) -> str:
    from rich.console import Console
    from rich.table import Table

    # Recorded into a string, not printed: the caller decides where it goes.
    console = Console(
        file=io.StringIO(), width=width, record=True, force_terminal=False, color_system=None
    )
    size = Table(title="Size", title_justify="left")
    size.add_column("")
    for project in projects:
        size.add_column(project.name, justify="right")
    for label, value in SIZE_ROWS:
        size.add_row(label, *(str(value(p)) for p in projects))
    console.print(size)

    features = Table(title="Where each feature lives (files / lines)", title_justify="left")
    features.add_column("feature")
    for project in projects:
        features.add_column(project.name, justify="right")
    for feature in FEATURES:
        cells = [_feature_cell(p, feature) for p in projects]
        if any(cell != "-" for cell in cells):
            features.add_row(feature, *cells)
    console.print(features)

    deps = Table(title="Direct dependencies", title_justify="left")
    for project in projects:
        deps.add_column(project.name)
    deps.add_row(*("\n".join(p.metrics.dependencies) or "-" for p in projects))
    console.print(deps)

    if ladder:
        climb = Table(title="The flask-full ladder, rung by rung", title_justify="left")
        for column in ("rung", "files", "Python", "adds", "new dependencies", "django-full"):
            climb.add_column(column)
        for rung in ladder:
            climb.add_row(
                rung.name, str(rung.files), str(rung.python_lines),
                f"+{rung.added_files} files, +{rung.added_python_lines} lines",
                ", ".join(rung.added_dependencies) or "-",
                "-" if rung.django_lines is None else f"{rung.django_lines} lines, built in",
            )  # fmt: skip
        console.print(climb)
    return console.export_text()


def _feature_cell(project: Project, feature: str) -> str:
    found = project.features.get(feature)
    return "-" if found is None else f"{len(found.files)} / {found.lines}"


def _md_row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"
