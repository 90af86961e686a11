"""The comparison as one data model, which every format renders.

JSON is the model as it is; the table, Markdown and HTML lay out the same rows.
One model means the formats cannot disagree, and building it sorted and free of
temporary paths makes every format byte-identical run after run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from scaffold.compare import claims
from scaffold.compare.bare import Bare
from scaffold.compare.features import Feature, Part, Skeleton
from scaffold.compare.ladder import RungFigures
from scaffold.compare.measure import FIGURES, Measured
from scaffold.compare.projects import ComparedProject
from scaffold.compare.report.meaning import MEANING
from scaffold.compare.runs import LATENCY
from scaffold.compare.security import Protection
from scaffold.compare.serving import Settings
from scaffold.compare.spread import Spread

# Bumped when a key changes meaning or goes away; new keys do not bump it.
# 2: a feature counts the parts of files its template names, not whole files.
SCHEMA = 2
# Every measured install follows one of the same packages: the installer's cache is warm.
# The measured figures, which may be spreads; the rest of "measured" is lists and versions.
KEYS = tuple(key for key, *_ in FIGURES)
CACHE = "warm: each timed install follows an install of the same packages"


@dataclass
class Comparison:
    projects: list[ComparedProject]
    ladder: list[RungFigures] = field(default_factory=list)
    measured: dict[str, Measured] = field(default_factory=dict)
    # The bare hello world of each framework, measured beside the projects.
    bare: dict[str, Bare] = field(default_factory=dict)
    settings: Settings | None = None
    installer: str | None = None
    # How the run was made (versions, workers, loads, rates, cores, duration) and the
    # command that makes it again.
    configuration: dict[str, Any] = field(default_factory=dict)
    command: str | None = None


def as_data(comparison: Comparison) -> dict[str, Any]:
    data: dict[str, Any] = {
        "schema": SCHEMA,
        "meaning": MEANING,
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
            "cache": CACHE,
            "bare": {
                framework: {
                    "version": found.version,
                    "figures": {
                        **_figures(found.figures),
                        "pages": _pages(found.pages),
                        "rss_mib_after_load_per_worker": _workers(found.workers_rss_mib),
                    },
                }
                for framework, found in sorted(comparison.bare.items())
            },
            "configuration": comparison.configuration,
            "command": comparison.command,
        }
    data["claims"] = claims.evaluate(data)
    return data


def _project(project: ComparedProject, measured: dict[str, Measured]) -> dict[str, Any]:
    metrics = project.metrics
    # Only the ladder's rungs go unresolved, and they are not among the compared projects.
    assert project.resolved is not None
    entry: dict[str, Any] = {
        "name": project.name,
        "template": project.template.name if project.template else None,
        "feature_source": project.feature_source,
        "files": len(metrics.files),
        "lines": metrics.lines(),
        "python_lines": metrics.python_lines,
        "html_lines": metrics.html_lines,
        "config_lines": metrics.config_lines,
        "test_lines": metrics.test_lines,
        "dependencies": project.dependencies,
        "resolved_dependencies": {
            "names": list(project.resolved.names),
            "unresolved": list(project.resolved.unresolved),
            "source": project.resolved.source,
            "complete": project.resolved.complete,
        },
        "features": {name: _feature(f) for name, f in project.features.items()},
        "skeleton": _skeleton(project.skeleton),
        "protections": {name: _protection(p) for name, p in project.protections.items()},
        "tree": [{"path": s.path, "role": s.role, "lines": s.lines} for s in metrics.files],
    }
    if project.name in measured:
        result = measured[project.name]
        entry["measured"] = {
            **_figures(result.figures),
            "pages": _pages(result.pages),
            "rss_mib_after_load_per_worker": _workers(result.workers_rss_mib),
            "installed": list(result.installed),
            "added_to_serve": list(result.added),
            "deploy_check_issues": result.deploy_check_issues,
            "framework_version": result.framework_version,
        }
    return entry


def _feature(feature: Feature) -> dict[str, Any]:
    return {
        "summary": feature.summary,
        "lines": feature.lines,
        "python_lines": feature.python_lines,
        "files": list(feature.files),
        "parts": [_part(part) for part in feature.parts],
        "dependencies": sorted(feature.dependencies),
        "own_choice_lines": feature.own_choice_lines,
        "own_choices": [
            {**_part(part), "own_choice": part.own_choice} for part in feature.own_choices
        ],
    }


def _skeleton(skeleton: Skeleton | None) -> dict[str, Any] | None:
    if skeleton is None:
        return None
    return {
        "lines": skeleton.lines,
        "files": [part.path for part in skeleton.parts],
        "parts": [_part(part) for part in skeleton.parts],
    }


def _protection(protection: Protection) -> dict[str, Any]:
    return {
        "how": protection.how,
        "lines": protection.lines,
        "parts": [_part(part) for part in protection.parts],
        "settings": list(protection.settings),
        "dependencies": list(protection.dependencies),
    }


def _part(part: Part) -> dict[str, Any]:
    return {"path": part.path, "symbol": part.symbol, "lines": part.lines}


def _figures(figures: dict[str, Spread | None]) -> dict[str, dict[str, Any] | None]:
    return {key: None if value is None else value.to_json() for key, value in figures.items()}


def _workers(workers: tuple[Spread, ...]) -> list[dict[str, Any]]:
    return [worker.to_json() for worker in workers]


def _pages(pages: dict[str, dict[str, Spread]]) -> dict[str, Any]:
    """Per page: requests/s at saturation, and the latency percentiles at the held rate."""
    return {
        page: {
            "requests_per_second": figures["requests_per_second"].to_json(),
            "latency_ms": {
                key: spread.to_json() for key, spread in figures.items() if key in LATENCY
            },
        }
        for page, figures in sorted(pages.items())
    }


def _add_ratios(entries: list[dict[str, Any]]) -> None:
    """Each measured figure's median against the first project's: the figure that travels."""
    if not entries or "measured" not in entries[0]:
        return
    base = {key: Spread.from_json(value) for key, value in entries[0]["measured"].items()
            if key in KEYS}  # fmt: skip
    for entry in entries:
        figures = entry["measured"]
        ratios = {}
        for key in KEYS:
            mine, theirs = Spread.from_json(figures.get(key)), base.get(key)
            if mine is not None and theirs is not None and theirs.median:
                ratios[key] = round(mine.median / theirs.median, 2)
        figures["ratio"] = ratios


def _rounded(value: Any) -> Any:
    """A figure to three decimals; a spread's JSON (from a measurement of several runs) as it is."""
    if value is None or isinstance(value, dict):
        return value
    return round(value, 3)


def _rung(rung: RungFigures) -> dict[str, Any]:
    return {
        "rung": rung.name,
        "features": list(rung.features),
        "files": rung.files,
        "python_lines": rung.python_lines,
        "dependencies": list(rung.dependencies),
        "added_files": rung.added_files,
        "added_python_lines": rung.added_python_lines,
        "added_dependencies": list(rung.added_dependencies),
        "django_full": None
        if not rung.django
        else {
            "files": len({path for feature in rung.django for path in feature.files}),
            "lines": sum(feature.lines for feature in rung.django),
            "python_files": len({p for feature in rung.django for p in feature.python_files}),
            "python_lines": sum(feature.python_lines for feature in rung.django),
            "dependencies": sorted({d for feature in rung.django for d in feature.dependencies}),
        },
    }
