"""The report's sections as rows of text, shared by the table, Markdown and HTML.

Each section is a title, a header, rows (a label, then one cell per project)
and the note that says what its counts mean; the formats only lay them out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from scaffold.compare.bare import FIGURES as BARE_FIGURES
from scaffold.compare.claims import PAIRS, SUBJECTS
from scaffold.compare.features import FEATURES
from scaffold.compare.measure import FIGURES
from scaffold.compare.metrics import FileStat, ProjectMetrics
from scaffold.compare.security import PROTECTIONS
from scaffold.compare.spread import Spread, ratio_range
from scaffold.compare.tree import align

CLAIM_FIGURES = {
    "requests_per_second": "/healthz requests/s",
    "import_ms": "import (ms)",
    "rss_mib": "worker memory (MiB)",
    "site_packages_mib": "site-packages (MiB)",
    "distributions": "distributions",
    "first_200_seconds": "new to first 200 (s)",
    "packages": "features needing a package",
    "features_needing_a_package": "of five",
    "protections": "protections",
    "protections_by_hand": f"by hand (of {len(PROTECTIONS)})",
    "deploy_check_issues": "check --deploy issues",
    "admin_lines": "admin lines, own choices aside",
    "admin_own_choice_lines": "own choices",
}
SIZE_ROWS = (
    ("files", "files"),
    ("lines", "lines, all files"),
    ("python_lines", "lines of Python (code)"),
    ("html_lines", "lines of HTML templates"),
    ("config_lines", "lines of configuration"),
    ("test_lines", "lines of tests"),
)
LADDER_HEADER = [
    "rung", "files", "Python lines", "adds (files / Python lines)", "new dependencies",
    "django-full, same feature (Python lines)",
]  # fmt: skip


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    header: list[str]
    rows: list[list[str]]
    note: str
    numeric: bool = False


def sections(data: dict[str, Any]) -> list[Section]:
    """Every section the data has, in report order."""
    projects = names(data)
    meaning = data["meaning"]
    found = [
        Section("claims", "The claims, checked", ["claim", "figures", "verdict", "rule"],
                claim_rows(data), meaning["claims"]),
        Section("size", "Size", ["", *projects], size_rows(data),
                f"{meaning['size']} {resolved_note(data)}", numeric=True),
        Section("features", "Where each feature lives (lines of code, in files)",
                ["feature", *projects], feature_rows(data), meaning["features"]),
        Section("dependencies", "Dependencies", ["dependency", *projects],
                dependency_rows(data), meaning["dependencies"]),
    ]  # fmt: skip
    if data.get("ladder"):
        found.append(
            Section("ladder", "The flask-full ladder, rung by rung", LADDER_HEADER,
                    ladder_rows(data), meaning["ladder"])
        )  # fmt: skip
    if measured_rows(data):
        note = f"{measure_note(data)} {meaning['measured']}"
        found.append(
            Section("measured", "Measured", ["", *projects], measured_rows(data), note, True)
        )
    if bare_rows(data):
        frameworks = [f"bare {name} {found['version']}" for name, found in _bare(data)]
        found.append(
            Section("bare", "Measured: the bare frameworks", ["", *frameworks], bare_rows(data),
                    meaning["bare"], numeric=True)
        )  # fmt: skip
    found.append(
        Section("tree", "Files by role (lines)", ["role", *projects], tree_rows(data),
                meaning["tree"])
    )  # fmt: skip
    return found


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
    if resolved["complete"]:
        return count
    missing = len(resolved["unresolved"])
    if missing:
        return f"{count} + {missing} not installed (not resolved)"
    return f"{count} (installed here; not resolved)"


def resolved_note(data: dict[str, Any]) -> str:
    """Who resolved each project's dependencies, or why nobody could."""
    said: dict[str, list[str]] = {}
    for entry in data["templates"]:
        resolved = entry["resolved_dependencies"]
        verb = "resolved by" if resolved["complete"] else "not resolved:"
        said.setdefault(f"{verb} {resolved['source']}", []).append(entry["name"])
    if len(said) == 1:
        return f"Dependencies {next(iter(said))}."
    return " ".join(f"{', '.join(names)}: dependencies {text}." for text, names in said.items())


def feature_rows(data: dict[str, Any]) -> list[list[str]]:
    """Per feature: lines and files in each project, and what it pulled in; then the skeleton."""
    entries = data["templates"]
    rows = []
    for feature in FEATURES:
        cells = [_feature_cell(entry, feature) for entry in entries]
        if any(cell != "-" for cell in cells):
            rows.append([feature, *cells])
    if not rows:
        # flask-minimal declares no feature: say so rather than show an empty table.
        return [["-", *("none declared" for _ in entries)]]
    rows.append(["skeleton", *(_skeleton_cell(entry) for entry in entries)])
    rows.append(["total", *(f"{entry['lines']} lines" for entry in entries)])
    return rows


def _feature_cell(entry: dict[str, Any], feature: str) -> str:
    if entry["feature_source"] == "unknown":
        return "unknown"
    found = entry["features"].get(feature)
    if found is None:
        return "-"
    cell = _lines_in_files(found["lines"], len(found["files"]))
    if found.get("own_choice_lines"):
        cell += f", {found['own_choice_lines']} own choice"
    return f"{cell} ({', '.join(found['dependencies'])})" if found["dependencies"] else cell


def _skeleton_cell(entry: dict[str, Any]) -> str:
    skeleton = entry["skeleton"]
    if skeleton is None:
        return "unknown"
    return _lines_in_files(skeleton["lines"], len(skeleton["files"]))


def _lines_in_files(lines: int, files: int) -> str:
    return f"{lines} in {count(files, 'file')}"


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


def ladder_rows(data: dict[str, Any]) -> list[list[str]]:
    rows = []
    for rung in data.get("ladder", []):
        django = rung["django_full"]
        if django is None:
            same = "-"
        else:
            same = f"{django['python_lines']} in {count(django['python_files'], 'file')}, built in"
        rows.append([
            rung["rung"], str(rung["files"]), str(rung["python_lines"]),
            f"+{rung['added_files']} / +{rung['added_python_lines']}",
            ", ".join(rung["added_dependencies"]) or "-", same,
        ])  # fmt: skip
    return rows


def count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def measured_rows(data: dict[str, Any]) -> list[list[str]]:
    """Each figure per project, median (lowest-highest run), with its ratio to the first project."""
    entries = data["templates"]
    if not entries or "measured" not in entries[0]:
        return []
    rows = []
    for key, label, unit, _ in FIGURES:
        title = f"{label} ({unit})" if unit else label
        cells = []
        for entry in entries:
            value = entry["measured"].get(key)
            against = entry["measured"]["ratio"].get(key)
            text = "n/a" if value is None else figure(value, unit)
            shown = against is None or entry is entries[0]
            cells.append(text if shown else f"{text} ({against:.2f}x)")
        rows.append([title, *cells])
    rows += page_rows([entry["measured"] for entry in entries])
    return rows


def page_rows(measured: list[dict[str, Any]]) -> list[list[str]]:
    """Each page's requests/s at saturation and latency at the held rate, then each worker."""
    rows = []
    paths = sorted({page for figures in measured for page in figures.get("pages", {})})
    for page in paths:
        found = [figures.get("pages", {}).get(page) for figures in measured]
        rows.append(
            [
                f"{page} requests/s",
                *("-" if f is None else figure(f["requests_per_second"], "") for f in found),
            ]
        )
        for key in ("p50", "p90", "p99"):
            rows.append(
                [
                    f"{page} latency {key} (ms)",
                    *("-" if f is None else figure(f["latency_ms"][key], "ms") for f in found),
                ]
            )
    workers = [figures.get("rss_mib_after_load_per_worker", []) for figures in measured]
    if any(workers):
        rows.append(
            [
                "each worker's memory after the load (MiB)",
                *(", ".join(f"{w['median']:.1f}" for w in found) or "n/a" for found in workers),
            ]
        )
    return rows  # fmt: skip


def figure(value: Any, unit: str) -> str:
    """A figure as the report shows it: the median, then the runs' range when there are several.

    ``value`` is a number (one run) or a spread's JSON; both are read the same way.
    """
    spread = Spread.from_json(value)
    assert spread is not None
    median, low, high = (_number(v, unit) for v in (spread.median, spread.low, spread.high))
    return median if low == high else f"{median} ({low}-{high})"


def _number(value: float, unit: str) -> str:
    if unit == "s":
        return f"{value:.2f}"
    if unit == "MiB":
        return f"{value:.1f}"
    return f"{value:.0f}"


def ratio(numerator: Any, denominator: Any) -> tuple[str, str | None]:
    """The ratio of two figures' medians, and the range their runs allow (None for one run)."""
    top, bottom = Spread.from_json(numerator), Spread.from_json(denominator)
    assert top is not None and bottom is not None
    if bottom.low <= 0:  # a run measured nothing: no ratio to show
        return "n/a", None
    low, high = (f"{end:.2f}" for end in ratio_range(top, bottom))
    return f"{top.median / bottom.median:.2f}x", None if low == high else f"{low}-{high}x"


def measure_note(data: dict[str, Any]) -> str:
    measure = data.get("measure")
    if not measure:
        return ""
    said = (
        f"Medians of {count(measure['runs'], 'run')} (lowest-highest run in brackets); installs by "
        f"{measure['installer']}; load: {measure['load']}. "
        f"Ratios are against {data['templates'][0]['name']}."
    )
    return f"{said} {configuration_note(measure)}".strip()


def configuration_note(measure: dict[str, Any]) -> str:
    """How the run was made, and the command that makes it again."""
    config = measure.get("configuration") or {}
    if not config:
        return ""
    versions = ", ".join(
        f"{name} {config[key]}"
        for key, name in (("python", "Python"), ("flask", "Flask"), ("django", "Django"),
                          ("gunicorn", "gunicorn"))
        if config.get(key)
    )  # fmt: skip
    rates = ", ".join(f"{page} {rate:g}" for page, rate in config.get("rates", {}).items())
    load = config.get("load_average", {})
    return (
        f"Configuration: {versions}; {config['workers']} {config['worker_class']} workers on "
        f"127.0.0.1; database: {config['database']}; seeded with {config['seeded']}; "
        f"latency at a held rate ({config['latency_load']}), requests/s: {rates}; "
        f"{config['cores']} cores; runs in the order {', '.join(config['order'])}, repeated; "
        f"{_took(config)}{_phases(config)} (load average "
        f"{load.get('before')} before, {load.get('after')} after). "
        f"Made again by: {measure.get('command')}"
    )


def _took(config: dict[str, Any]) -> str:
    """How long the run took; runs from before ``command_seconds`` give the measuring only."""
    measuring = f"the measuring {config['seconds']:g} s"
    if "command_seconds" not in config:
        return measuring.replace("measuring", "measuring took", 1)
    return f"the command took {config['command_seconds']:g} s, {measuring}"


def _phases(config: dict[str, Any]) -> str:
    phases = config.get("phases_seconds") or {}
    return f": {', '.join(f'{name} {s:g} s' for name, s in phases.items())}" if phases else ""


def bare_rows(data: dict[str, Any]) -> list[list[str]]:
    bare = _bare(data)
    if not bare:
        return []
    rows = []
    for key, label, unit, _ in FIGURES:
        if key not in BARE_FIGURES:
            continue
        title = f"{label} ({unit})" if unit else label
        cells = [found["figures"].get(key) for _, found in bare]
        rows.append([title, *("n/a" if v is None else figure(v, unit) for v in cells)])
    return rows + page_rows([found["figures"] for _, found in bare])


def _bare(data: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """The bare frameworks measured, Flask first as in the claims' pairs."""
    bare = data.get("measure", {}).get("bare", {})
    return [(name, bare[name]) for name in sorted(bare, key=lambda n: (n != "flask", n))]


def claim_rows(data: dict[str, Any]) -> list[list[str]]:
    return [
        [claim["claim"], claim_figures(claim["figures"]), claim["verdict"], claim["rule"]]
        for claim in data["claims"]
    ]


def claim_figures(figures: dict[str, Any]) -> str:
    """A claim's figures in a line: pairs side by side, counts by template."""
    shown = []
    for key, value in figures.items():
        label = CLAIM_FIGURES.get(key, key.replace("_", " "))
        if set(value) == set(SUBJECTS):
            shown.append(f"{label}: {_pairs(key, value)}")
        elif key == "packages":
            shown.append(f"{label}: {_packages(value)}")
        elif key == "protections":
            shown.append(f"{label}: {_protections(value)}")
        else:
            shown.append(
                f"{label}: " + ", ".join(f"{name} {_value(v)}" for name, v in value.items())
            )
    return "; ".join(shown)


def _pairs(key: str, figures: dict[str, Any]) -> str:
    values = {subject: value for subject, value in figures.items() if value is not None}
    if len(values) < len(figures):
        return "not measured"
    unit = next((unit for k, _, unit, _ in FIGURES if k == key), "")
    texts = []
    for (flask, django), pair in zip(PAIRS, ("bare", "full"), strict=True):
        # The rule of five-against-fifteen reads Django's time over Flask's; the others, Flask's
        # figure over Django's.
        if key == "first_200_seconds":
            median, runs = ratio(values[django], values[flask])
            shown = f"Django/Flask {median}"
        else:
            median, runs = ratio(values[flask], values[django])
            shown = f"Flask/Django {median}"
        shown += f", {runs}" if runs else ""
        texts.append(
            f"{pair} {figure(values[flask], unit)} vs {figure(values[django], unit)} ({shown})"
        )
    return ", ".join(texts)


def _packages(by_template: dict[str, dict[str, list[str]] | None]) -> str:
    texts = []
    for name, features in by_template.items():
        if features is None:
            texts.append(f"{name} not compared")
            continue
        needing = [f"{feature} ({', '.join(p)})" for feature, p in features.items() if p]
        texts.append(f"{name}: {', '.join(needing) or 'none'}")
    return "; ".join(texts)


def _protections(by_template: dict[str, dict[str, str] | None]) -> str:
    texts = []
    for name, protections in by_template.items():
        if protections is None:
            texts.append(f"{name} not compared")
            continue
        texts.append(f"{name}: " + ", ".join(f"{p}: {how}" for p, how in protections.items()))
    return "; ".join(texts)


def _value(value: Any) -> str:
    if value is None:
        return "not measured"
    if isinstance(value, dict):  # a spread's JSON
        return figure(value, "")
    return f"{value:g}" if isinstance(value, float) else str(value)
