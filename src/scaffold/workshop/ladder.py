"""The two projects of a workshop: flask-full's ladder climbed in git, and its django-full twin.

The ladder is a sequence of answer changes, so it is built with the machinery
of ``scaffold update --data``: the first rung is rendered and committed as
``scaffold new`` does, then each rung above it is one :func:`scaffold.update.update`
with that rung's answers, merged into the project's branch and tagged. Every
rung is thereby exactly what ``scaffold new`` renders for its answers, and
``git diff rung-accounts rung-forms`` shows what one extension costs. The rungs
are :mod:`scaffold.ladder`'s.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from scaffold import git, post, registry, render
from scaffold.answers import as_pairs, suggested_defaults
from scaffold.errors import ScaffoldError
from scaffold.ladder import LADDER_TEMPLATE, rungs
from scaffold.update import update


class LadderError(ScaffoldError):
    """The ladder could not be climbed (an update left conflicts: it never should)."""


def climb(project: Path, data: Mapping[str, Any]) -> dict[str, Any]:
    """Make ``project`` a flask-full repository whose history climbs the ladder; return its answers.

    ``data`` holds the answers every rung shares (the project's name).
    """
    first, *above = rungs()
    answers = start(LADDER_TEMPLATE, project, {**data, **first.data})
    _tag(project, first.tag)
    for rung in above:
        report = update(project, as_pairs(rung.data))
        if report.conflicted:
            raise LadderError(f"climbing to {rung.name} left conflicts in {report.conflicted}")
        _tag(project, rung.tag)
    return {**answers, **above[-1].data} if above else answers


def start(template_name: str, project: Path, data: Mapping[str, Any]) -> dict[str, Any]:
    """Render a template into ``project`` and commit it, as ``scaffold new --defaults`` does."""
    template = registry.get(template_name)
    answers = render.render(
        template.path,
        project,
        data,
        defaults=True,
        user_defaults=suggested_defaults(template, project),
    )
    try:
        post.initial_commit(project, answers["author_name"], answers["author_email"], template.name)
    except post.StepError as error:
        raise LadderError(f"cannot commit {template.name}: {error}") from error
    return answers


def _tag(project: Path, name: str) -> None:
    git.run("tag", name, cwd=project)
