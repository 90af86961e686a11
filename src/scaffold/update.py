"""``scaffold update``: a newer template, or new answers, merged by git itself.

A generated project keeps its pristine render on a branch of its own
(``scaffold/template``), and the user's branch starts from it. To update, the
template is rendered again with the recorded answers (and any new ones) into
a scratch folder, that tree is committed on the template branch through a
temporary index, so the user's checkout is not touched, and ``git merge``
brings the commit into the user's branch. The merge base is a commit the
project already holds, so no old version of the template is ever needed, and
a conflict is an ordinary git conflict: markers, unmerged paths, ``git merge
--abort``.

``--pretend`` does the same with git's objects written to a scratch folder
(``GIT_OBJECT_DIRECTORY``), and ``git merge-tree --write-tree`` in place of
the merge, so that nothing in the project changes, not even its object store.
"""

from __future__ import annotations

import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scaffold import __version__, follow_up, git, migrations, registry, render
from scaffold import adopt as adoption
from scaffold import template_branch as branch
from scaffold.answers import parse_data, suggested_defaults
from scaffold.changes import Change
from scaffold.registry import Template
from scaffold.update_checks import ANSWERS_FILE, TEMPLATE_BRANCH, UpdateError, check_repository


@dataclass
class Report:
    """What an update did, or with ``pretend`` would do."""

    template: str
    up_to_date: bool = False
    changes: list[Change] = field(default_factory=list)
    # With --adopt, the base the merge started from (adopt.Base.kind).
    adopted: str | None = None
    # The releases of scaffold the project moves between (None where unknown).
    from_release: str | None = None
    to_release: str | None = None
    # Migrations the new answers rewrite (a database that applied them must be made again).
    answers_change_migrations: list[str] = field(default_factory=list)
    # What the update asks of the project after the merge (see follow_up).
    needs: follow_up.Needs = field(default_factory=follow_up.Needs)

    @property
    def conflicted(self) -> list[str]:
        return [change.path for change in self.changes if change.status == "conflicted"]


def update(
    project: Path,
    data_pairs: list[str] | tuple[str, ...] = (),
    *,
    template_path: Path | None = None,
    pretend: bool = False,
    adopt: bool = False,
) -> Report:
    """Render the template again onto the template branch and merge it into HEAD.

    ``data_pairs`` are ``KEY=VALUE`` answers that change the recorded ones;
    ``template_path`` replaces the recorded template (one that has moved);
    ``adopt`` starts the template branch for a project that has none.
    """
    check_repository(project, adopt=adopt, template_given=template_path is not None)
    recorded = recorded_answers(project, "HEAD" if adopt else TEMPLATE_BRANCH, missing_ok=adopt)
    template = template_of(recorded, template_path)
    data = parse_data(template, data_pairs)
    answers = {key: value for key, value in recorded.items() if key in template.questions}
    if not recorded:  # no answers file (--adopt): the defaults `scaffold new` would take
        answers.update(suggested_defaults(template, project))
    answers.update(data)
    author = (
        answers.get("author_name", "scaffold"),
        answers.get("author_email", "scaffold@localhost"),
    )
    report = Report(template=template.name)
    if template.packaged:
        report.from_release, report.to_release = adoption.release(recorded), __version__
    with tempfile.TemporaryDirectory(prefix="scaffold-update-") as scratch_name:
        scratch = Path(scratch_name)
        render.render(template.path, scratch / "render", answers, defaults=True)
        migrations.keep_shipped_forms(project, scratch / "render", template.name, answers)
        with branch.object_store(project, scratch / "objects" if pretend else None) as env:
            tree = branch.tree_of(project, scratch / "render", scratch / "index", env)
            tip: str | None
            if adopt:
                base = adoption.base(project, recorded, template)
                report.adopted = base.kind
                if base.kind == "same template":  # changes no file, migrations included
                    report.changes = branch.adopt(project, template, tree, env, pretend, author)
                    return report
                tip = base.commit
            else:
                tip = git.run("rev-parse", TEMPLATE_BRANCH, cwd=project).stdout.strip()
            # With no base, what the project holds is what a changed migration would replace.
            report.answers_change_migrations = _changed_migrations(
                project, tip or "HEAD", tree, template, data, env
            )
            commit = branch.commit_render(
                project, template, tree, tip, data, env, pretend, author, created=adopt
            )
            if branch.is_ancestor(project, commit, "HEAD", env):
                report.up_to_date = True
                return report
            before = git.run("rev-parse", "HEAD", cwd=project).stdout.strip()
            unrelated = tip is None
            if pretend:
                report.changes, after = branch.merge_preview(project, commit, env, unrelated)
            else:
                report.changes = branch.merge(project, template, data, author, unrelated)
                after = "HEAD" if not report.conflicted else None
            if after is not None:
                report.needs = follow_up.needs(project, template, answers, before, after, env)
            return report


def template_of(recorded: Mapping[str, Any], override: Path | None) -> Template:
    """The template that made the project: the one named in its answers, or ``override``."""
    if override is not None:
        return registry.get(str(override))
    source = registry.recorded(recorded)
    if source is None:
        raise UpdateError(f"{ANSWERS_FILE} names no template; pass --template NAME or PATH")
    if "/" in source and not Path(source).is_dir():
        raise UpdateError(
            f"the template that made the project, {source}, is gone; "
            "pass --template PATH to render another copy of it"
        )
    return registry.get(source)


def recorded_answers(project: Path, revision: str, *, missing_ok: bool = False) -> dict[str, Any]:
    """The answers file as committed at ``revision``; none when missing and ``missing_ok``."""
    import yaml

    shown = git.run("show", f"{revision}:{ANSWERS_FILE}", cwd=project, check=False)
    if shown.returncode != 0 and missing_ok:
        return {}
    if shown.returncode != 0:
        raise UpdateError(
            f"{ANSWERS_FILE} is missing at {revision}: scaffold cannot tell which template "
            "and answers made this project"
        )
    answers = yaml.safe_load(shown.stdout) or {}
    if not isinstance(answers, dict):
        raise UpdateError(f"{ANSWERS_FILE} at {revision} is not a mapping of answers")
    return answers


def _changed_migrations(
    project: Path,
    old: str,
    new: str,
    template: Template,
    data: Mapping[str, Any],
    env: dict[str, str],
) -> list[str]:
    """Refuse, before anything changes, a render that changes a migration ``old`` holds.

    Unless new answers were given: flask-full's first migration has the users'
    table only with ``use_accounts``, so turning an option on may rewrite it. That
    is the user's choice, and the workshop's ladder climbs that way (each rung on a
    fresh database); it is returned, for the command to warn about, not refused.
    """
    changed = migrations.changed(project, old, new, env)
    if changed and not data:
        raise UpdateError(migrations.refusal(changed, template.name, __version__))
    return changed
