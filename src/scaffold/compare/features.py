"""Where each feature lives in a project, from its template's declared feature map."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from scaffold.compare.metrics import ProjectMetrics
from scaffold.templates import Template

FEATURES = ("database", "migrations", "accounts", "forms", "admin", "api", "config", "tests")


@dataclass(frozen=True)
class Feature:
    name: str
    summary: str
    files: tuple[str, ...]
    lines: int
    dependencies: tuple[str, ...]


def feature_map(
    template: Template | None, answers: dict, metrics: ProjectMetrics
) -> dict[str, Feature]:
    """Each declared feature's files (folders expanded) and their lines, in one project."""
    if template is None:
        return {}
    lines = {stat.path: stat.lines for stat in metrics.files}
    declared = template.metadata.get("features", {})
    features = {}
    for name in FEATURES:
        spec = declared.get(name)
        if spec is None:
            continue
        files = []
        for pattern in spec["paths"]:
            path = pattern.format(**answers)
            files += sorted(p for p in lines if p == path or p.startswith(f"{path}/"))
        unique = tuple(dict.fromkeys(files))
        features[name] = Feature(
            name=name,
            summary=spec.get("summary", ""),
            files=unique,
            lines=sum(lines[f] for f in unique),
            dependencies=tuple(spec.get("dependencies", [])),
        )
    return features


def answers_of(root: Path) -> dict:
    """A generated project's answers, from Copier's answers file."""
    import yaml

    answers_file = root / ".copier-answers.yml"
    if not answers_file.is_file():
        return {}
    return yaml.safe_load(answers_file.read_text(encoding="utf-8")) or {}
