"""The projects to compare: templates rendered with the same answers, or folders as they are."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scaffold import registry, render
from scaffold.answers import parse_answer
from scaffold.compare import dependencies
from scaffold.compare.dependencies import Resolved
from scaffold.compare.features import Feature, FeatureMapError, Skeleton, answers_of, feature_map
from scaffold.compare.metrics import ProjectMetrics, measure
from scaffold.compare.security import Protection, protections

# One set of answers for every template, so that names and paths line up.
COMMON_ANSWERS = {
    "project_name": "Compare Blog",
    "author_name": "Ada",
    "author_email": "ada@example.com",
}


@dataclass
class ComparedProject:
    """One side of a comparison: a rendered template or a folder, with what was counted in it."""

    name: str
    root: Path
    template: registry.Template | None
    # Where the feature map came from: "template", "answers file" or "unknown".
    feature_source: str
    answers: dict[str, Any]
    metrics: ProjectMetrics
    dependencies: list[str]
    # None for the ladder's rungs, which show their direct dependencies only.
    resolved: Resolved | None
    features: dict[str, Feature]
    # The lines no feature claims; None when the project's features are unknown.
    skeleton: Skeleton | None
    # What the template wrote for each protection it declares (see security.py).
    protections: dict[str, Protection]


def load(argument: str, workspace: Path, data: dict[str, Any]) -> ComparedProject:
    """A template name is rendered into ``workspace``; a folder is read where it is."""
    folder = Path(argument)
    if folder.is_dir():
        answers = answers_of(folder)
        template = _template_of(answers)
        source = "answers file" if template else "unknown"
        return _project(folder.resolve().name, folder, template, source, answers)
    template = registry.get(argument)
    return render_template(template, template.name, workspace, data)


def render_template(
    template: registry.Template,
    name: str,
    workspace: Path,
    data: dict[str, Any],
    resolve: bool = True,
) -> ComparedProject:
    """Render ``template`` with the common answers and those of ``data`` it asks about.

    ``data`` holds ``--data`` text, parsed here against this template's own questions,
    and the ladder's typed answers, taken as they are.
    """
    given = {**COMMON_ANSWERS, **data}
    wanted = {
        key: parse_answer(template, key, value) if isinstance(value, str) else value
        for key, value in given.items()
        if key in template.questions
    }
    root = workspace / name.replace("+", "plus-")
    answers = render.render(template.path, root, wanted, defaults=True)
    return _project(name, root, template, "template", answers, resolve)


def _project(
    name: str,
    root: Path,
    template: registry.Template | None,
    source: str,
    answers: dict[str, Any],
    resolve: bool = True,
) -> ComparedProject:
    metrics = measure(name, root)
    try:
        features, skeleton = feature_map(template, answers, root, metrics)
        written = protections(template, answers, root, metrics)
    except FeatureMapError as error:
        # Only a template has a feature map: without one, both return nothing.
        assert template is not None
        raise FeatureMapError(f"{name}: {template.name}'s feature map: {error}") from None
    return ComparedProject(
        name=name,
        root=root,
        template=template,
        feature_source=source,
        answers=answers,
        metrics=metrics,
        dependencies=dependencies.direct(root),
        resolved=dependencies.resolve(root) if resolve else None,
        features=features,
        skeleton=skeleton,
        protections=written,
    )


def _template_of(answers: dict[str, Any]) -> registry.Template | None:
    """The template that made a project, if it can still be found.

    An older project records only Copier's path to it, which may have gone
    with the virtual environment it lay in: its last part is the name.
    """
    source = registry.recorded(answers)
    for candidate in (source, Path(source).name) if source else ():
        try:
            return registry.get(candidate)
        except registry.UnknownTemplateError:
            continue
    return None
