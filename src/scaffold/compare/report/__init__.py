"""The comparison as one data model, which every format renders.

JSON is the model as it is; the table, Markdown and HTML lay out the same rows.
One model means the formats cannot disagree, and building it sorted and free of
temporary paths makes every format byte-identical run after run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from scaffold.compare.features import FEATURES
from scaffold.compare.ladder import Rung
from scaffold.compare.measure import FIGURES, Measured, Settings
from scaffold.compare.metrics import FileStat, ProjectMetrics
from scaffold.compare.projects import Project
from scaffold.compare.tree import align

# Bumped when a key changes meaning or goes away; new keys do not bump it.
SCHEMA = 1

SIZE_ROWS = (
    ("files", "files"),
    ("python_lines", "lines of Python (code)"),
    ("html_lines", "lines of HTML templates"),
    ("config_lines", "lines of configuration"),
    ("test_lines", "lines of tests"),
)


@dataclass
class Comparison:
    projects: list[Project]
    ladder: list[Rung] = field(default_factory=list)
    measured: dict[str, Measured] = field(default_factory=dict)
    settings: Settings | None = None
    installer: str | None = None


def as_data(comparison: Comparison) -> dict[str, Any]:
    data: dict[str, Any] = {
        "schema": SCHEMA,
        "templates": [_project(p, comparison.measured) for p in comparison.projects],
    }
    _add_ratios(data["templates"])
    if comparison.ladder:
        data["ladder"] = [_rung(rung) for rung in comparison.ladder]
    if comparison.measured and comparison.settings:
        data["measure"] = {
            "runs": comparison.settings.runs,
            "load": comparison.settings.load,
            "installer": comparison.installer,
        }
    return data


def _project(project: Project, measured: dict[str, Measured]) -> dict[str, Any]:
    metrics = project.metrics
    entry: dict[str, Any] = {
        "name": project.name,
        "template": project.template.name if project.template else None,
        "feature_source": project.feature_source,
        "files": len(metrics.files),
        "python_lines": metrics.python_lines,
        "html_lines": metrics.html_lines,
        "config_lines": metrics.config_lines,
        "test_lines": metrics.test_lines,
        "dependencies": project.dependencies,
        "resolved_dependencies": {
            "names": list(project.resolved.names),
            "unresolved": list(project.resolved.unresolved),
            "source": project.resolved.source,
        },
        "features": {name: list(f.files) for name, f in project.features.items()},
        "feature_lines": {name: f.lines for name, f in project.features.items()},
        "feature_dependencies": {
            name: sorted(f.dependencies) for name, f in project.features.items()
        },
        "tree": [{"path": s.path, "role": s.role, "lines": s.lines} for s in metrics.files],
    }
    if project.name in measured:
        result = measured[project.name]
        entry["measured"] = {
            **{key: _rounded(value) for key, value in result.figures.items()},
            "installed": list(result.installed),
            "added_to_serve": list(result.added),
        }
    return entry


def _add_ratios(entries: list[dict[str, Any]]) -> None:
    """Each measured figure against the first project's: the figure that travels."""
    if not entries or "measured" not in entries[0]:
        return
    base = entries[0]["measured"]
    for entry in entries:
        figures = entry["measured"]
        figures["ratio"] = {
            key: round(figures[key] / base[key], 2)
            for key, *_ in FIGURES
            if figures[key] is not None and base[key]
        }


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def _rung(rung: Rung) -> dict[str, Any]:
    return {
        "rung": rung.name,
        "feature": rung.feature,
        "files": rung.files,
        "python_lines": rung.python_lines,
        "dependencies": list(rung.dependencies),
        "added_files": rung.added_files,
        "added_python_lines": rung.added_python_lines,
        "added_dependencies": list(rung.added_dependencies),
        "django_full": None
        if rung.django is None
        else {
            "files": len(rung.django.files),
            "lines": rung.django.lines,
            "dependencies": sorted(rung.django.dependencies),
        },
    }


# Rows shared by the table, Markdown and HTML: a label, then one text cell per project.


def names(data: dict[str, Any]) -> list[str]:
    return [entry["name"] for entry in data["templates"]]


def size_rows(data: dict[str, Any]) -> list[list[str]]:
    entries = data["templates"]
    rows = [[label, *(str(e[key]) for e in entries)] for key, label in SIZE_ROWS]
    rows.append(["direct dependencies", *(str(len(e["dependencies"])) for e in entries)])
    rows.append(["all dependencies, resolved", *(_resolved_count(e) for e in entries)])
    return rows


def _resolved_count(entry: dict[str, Any]) -> str:
    resolved = entry["resolved_dependencies"]
    count = str(len(resolved["names"]))
    return (
        f"{count} (+{len(resolved['unresolved'])} not installed)"
        if resolved["unresolved"]
        else count
    )


def feature_rows(data: dict[str, Any]) -> list[list[str]]:
    """Per feature: files / lines in each project, and what it pulled in."""
    rows = []
    for feature in FEATURES:
        cells = [_feature_cell(entry, feature) for entry in data["templates"]]
        if any(cell != "-" for cell in cells):
            rows.append([feature, *cells])
    # flask-minimal declares no feature: say so rather than show an empty table.
    return rows or [["-", *("none declared" for _ in data["templates"])]]


def _feature_cell(entry: dict[str, Any], feature: str) -> str:
    if entry["feature_source"] == "unknown":
        return "unknown"
    if feature not in entry["features"]:
        return "-"
    cell = f"{len(entry['features'][feature])} / {entry['feature_lines'][feature]}"
    pulled = entry["feature_dependencies"][feature]
    return f"{cell} ({', '.join(pulled)})" if pulled else cell


def dependency_rows(data: dict[str, Any]) -> list[list[str]]:
    """Every dependency of any project, and which projects have it (direct or pulled in)."""
    entries = data["templates"]
    everything = sorted(
        {
            name
            for e in entries
            for name in (*e["dependencies"], *e["resolved_dependencies"]["names"])
        }
    )
    rows = []
    for name in everything:
        cells = []
        for entry in entries:
            if name in entry["dependencies"]:
                cells.append("direct")
            elif name in entry["resolved_dependencies"]["names"]:
                cells.append("pulled in")
            else:
                cells.append("")
        rows.append([name, *cells])
    return rows


def tree_rows(data: dict[str, Any]) -> list[list[str]]:
    """The projects' files side by side, by role, a file name per row."""
    metrics = [
        ProjectMetrics(
            name=e["name"], files=[FileStat(f["path"], f["role"], f["lines"]) for f in e["tree"]]
        )
        for e in data["templates"]
    ]
    rows, role = [], None
    for row in align(metrics):
        # The role is named once, on the first row of its group, as a tree would show it.
        shown = row.role if row.role != role else ""
        role = row.role
        rows.append(
            [shown, *("" if cell is None else f"{cell.path} ({cell.lines})" for cell in row.cells)]
        )
    return rows


LADDER_HEADER = [
    "rung", "files", "Python lines", "adds (files / lines)", "new dependencies",
    "django-full, same feature",
]  # fmt: skip


def ladder_rows(data: dict[str, Any]) -> list[list[str]]:
    rows = []
    for rung in data.get("ladder", []):
        django = rung["django_full"]
        if django is None:
            same = "-"
        else:
            same = f"{_count(django['files'], 'file')}, {django['lines']} lines, built in"
        rows.append([
            rung["rung"], str(rung["files"]), str(rung["python_lines"]),
            f"+{rung['added_files']} / +{rung['added_python_lines']}",
            ", ".join(rung["added_dependencies"]) or "-", same,
        ])  # fmt: skip
    return rows


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def measured_rows(data: dict[str, Any]) -> list[list[str]]:
    """Each figure per project, with its ratio to the first project."""
    entries = data["templates"]
    if not entries or "measured" not in entries[0]:
        return []
    rows = []
    for key, label, unit, _ in FIGURES:
        title = f"{label} ({unit})" if unit else label
        cells = []
        for entry in entries:
            value = entry["measured"][key]
            ratio = entry["measured"]["ratio"].get(key)
            text = "n/a" if value is None else _figure(value, unit)
            cells.append(text if ratio is None or entry is entries[0] else f"{text} ({ratio:.2f}x)")
        rows.append([title, *cells])
    return rows


def _figure(value: float, unit: str) -> str:
    if unit == "s":
        return f"{value:.2f}"
    if unit == "MiB":
        return f"{value:.1f}"
    return f"{value:.0f}"


def measure_note(data: dict[str, Any]) -> str:
    measure = data.get("measure")
    if not measure:
        return ""
    return (
        f"Medians of {_count(measure['runs'], 'run')}; installs by {measure['installer']}; "
        f"gunicorn with one sync worker on 127.0.0.1; load: {measure['load']}. "
        f"Ratios are against {data['templates'][0]['name']}."
    )
