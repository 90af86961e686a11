"""The projects to compare: templates rendered with the same answers, or folders as they are."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scaffold import render, templates
from scaffold.compare.features import Feature, answers_of, feature_map
from scaffold.compare.metrics import ProjectMetrics, measure

# One set of answers for every template, so that names and paths line up.
COMMON_ANSWERS = {
    "project_name": "Compare Blog",
    "author_name": "Ada",
    "author_email": "ada@example.com",
}


@dataclass
class Project:
    name: str
    root: Path
    template: templates.Template | None
    answers: dict[str, Any]
    metrics: ProjectMetrics
    features: dict[str, Feature]


def load(argument: str, workspace: Path, data: dict[str, Any]) -> Project:
    """A template name is rendered into ``workspace``; a folder is read where it is."""
    folder = Path(argument)
    if folder.is_dir():
        answers = answers_of(folder)
        template = _template_of(answers)
        return _project(folder.name, folder, template, answers)
    template = templates.get(argument)
    return render_template(template, template.name, workspace, data)


def render_template(
    template: templates.Template, name: str, workspace: Path, data: dict[str, Any]
) -> Project:
    wanted = {**COMMON_ANSWERS, **{k: v for k, v in data.items() if k in template.questions}}
    root = workspace / name.replace("+", "plus-")
    answers = render.render(template.path, root, wanted, defaults=True)
    return _project(name, root, template, answers)


def _project(name: str, root: Path, template, answers: dict[str, Any]) -> Project:
    metrics = measure(name, root)
    return Project(name, root, template, answers, metrics, feature_map(template, answers, metrics))


def _template_of(answers: dict[str, Any]) -> templates.Template | None:
    source = str(answers.get("_src_path", ""))
    name = Path(source).name if source else ""
    try:
        return templates.get(name) if name else None
    except templates.UnknownTemplateError:
        return None
