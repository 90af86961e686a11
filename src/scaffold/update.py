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
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scaffold import (
    __version__,
    follow_up,
    git,
    migrations,
    paths,
    processes,
    registry,
    render,
)
from scaffold import adopt as adoption
from scaffold import changes as git_changes
from scaffold.answers import as_pairs, parse_data, suggested_defaults
from scaffold.changes import Change
from scaffold.errors import ScaffoldError
from scaffold.registry import Template

TEMPLATE_BRANCH = git.TEMPLATE_BRANCH
ANSWERS_FILE = ".copier-answers.yml"


class UpdateError(ScaffoldError):
    """The project cannot be updated as it is; the message says what to do."""


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
    _check_repository(project, adopt=adopt, template_given=template_path is not None)
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
        with _object_store(project, scratch / "objects" if pretend else None) as env:
            tree = _tree_of(project, scratch / "render", scratch / "index", env)
            tip: str | None
            if adopt:
                base = adoption.base(project, recorded, template)
                report.adopted = base.kind
                if base.kind == "same template":  # changes no file, migrations included
                    return _adopt(project, template, tree, env, pretend, author, report)
                tip = base.commit
            else:
                tip = git.run("rev-parse", TEMPLATE_BRANCH, cwd=project).stdout.strip()
            # With no base, what the project holds is what a changed migration would replace.
            report.answers_change_migrations = _changed_migrations(
                project, tip or "HEAD", tree, template, data, env
            )
            commit = _commit_on_template_branch(
                project, template, tree, tip, data, env, pretend, author, created=adopt
            )
            if _is_ancestor(project, commit, "HEAD", env):
                report.up_to_date = True
                return report
            before = git.run("rev-parse", "HEAD", cwd=project).stdout.strip()
            unrelated = tip is None
            if pretend:
                report.changes, after = _merge_preview(project, commit, env, unrelated)
            else:
                report.changes = _merge(project, template, data, author, unrelated)
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


def _check_repository(project: Path, *, adopt: bool, template_given: bool) -> None:
    answers = (project / ANSWERS_FILE).is_file()
    if not answers and adopt and not template_given:
        raise UpdateError(
            f"{paths.shown(project)} has no {ANSWERS_FILE} to say which template made it; "
            "pass --template NAME to adopt one (and --data KEY=VALUE for the answers "
            "that differ from its defaults)"
        )
    if not answers and not adopt:
        # Without the answers file there is nothing to update, git or no git.
        raise UpdateError(
            f"{paths.shown(project)} is not a project made by scaffold (it has no {ANSWERS_FILE}); "
            "run scaffold update in the project's own folder"
        )
    top = git.run("rev-parse", "--show-toplevel", cwd=project, check=False)
    if top.returncode != 0:
        raise UpdateError(
            f"{paths.shown(project)} is not a git repository; scaffold update merges with git: "
            "run `git init && git add --all && git commit -m Start`, then "
            "`scaffold update --adopt`"
        )
    if Path(top.stdout.strip()).resolve() != project.resolve():
        raise UpdateError(
            f"{paths.shown(project)} is inside the git repository at {top.stdout.strip()}, "
            "not its root; scaffold update needs the project to be a repository of its own"
        )
    if git.run("rev-parse", "--verify", "--quiet", "HEAD", cwd=project, check=False).returncode:
        raise UpdateError("the repository has no commit yet; commit the project first")
    if git.run("rev-parse", "-q", "--verify", "MERGE_HEAD", cwd=project, check=False).stdout:
        raise UpdateError(
            "a merge is in progress; finish it (git add, then git commit) "
            "or back out (git merge --abort) first"
        )
    changed = git.run("status", "--porcelain", "--untracked-files=no", cwd=project).stdout
    if changed.strip():
        first = changed.splitlines()[0][3:]
        more = len(changed.splitlines()) - 1
        raise UpdateError(
            f"uncommitted changes ({first}{f' and {more} more' if more else ''}); "
            "commit or stash them (git stash), then run scaffold update again"
        )
    has_branch = _branch_exists(project)
    if adopt and has_branch:
        raise UpdateError(
            f"the project already has its {TEMPLATE_BRANCH} branch; "
            "run scaffold update without --adopt"
        )
    if not adopt and not has_branch:
        raise UpdateError(
            f"no {TEMPLATE_BRANCH} branch: the project was made with --no-git or by an older "
            "scaffold. `scaffold update --adopt` takes the current template, rendered with the "
            "recorded answers, as its base; it assumes every difference from that render is "
            "your own edit"
        )


def _branch_exists(project: Path) -> bool:
    found = git.run(
        "rev-parse",
        "--verify",
        "--quiet",
        f"refs/heads/{TEMPLATE_BRANCH}",
        cwd=project,
        check=False,
    )
    return found.returncode == 0


@contextmanager
def _object_store(project: Path, scratch: Path | None) -> Iterator[dict[str, str]]:
    """The environment for git: with ``scratch``, new objects go there and vanish after."""
    if scratch is None:
        yield {}
        return
    scratch.mkdir()
    objects = git.run("rev-parse", "--git-path", "objects", cwd=project).stdout.strip()
    yield {
        "GIT_OBJECT_DIRECTORY": str(scratch),
        "GIT_ALTERNATE_OBJECT_DIRECTORIES": str((project / objects).resolve()),
    }


def _tree_of(project: Path, rendered: Path, index: Path, env: dict[str, str]) -> str:
    """The git tree of the rendered folder, as ``git add --all`` sees it (ignores honoured)."""
    work = {**env, "GIT_INDEX_FILE": str(index)}
    git_dir = git.run("rev-parse", "--absolute-git-dir", cwd=project).stdout.strip()
    tree_cmd = ("--git-dir", git_dir, "--work-tree", str(rendered))
    git.run(*tree_cmd, "add", "--all", cwd=rendered, env=work)
    return git.run(*tree_cmd, "write-tree", cwd=rendered, env=work).stdout.strip()


def _commit_on_template_branch(
    project: Path,
    template: Template,
    tree: str,
    tip: str | None,
    data: Mapping[str, Any],
    env: dict[str, str],
    pretend: bool,
    author: tuple[str, str],
    *,
    created: bool,
) -> str:
    """Commit ``tree`` on ``tip`` (none: as a first commit) unless it is ``tip``'s own tree.

    Return the new tip, and unless ``pretend`` point the template branch at it:
    ``created`` says the branch does not exist yet (--adopt), else it must still be at ``tip``.
    """
    tip_tree = git.run("rev-parse", f"{tip}^{{tree}}", cwd=project).stdout.strip() if tip else None
    if tip is not None and tip_tree == tree:
        commit = tip
    else:
        message = f"Render scaffold's {template.name} template" + (
            f" with {_answers_phrase(data)}" if data else ""
        )
        parent = ["-p", tip] if tip is not None else []
        commit = git.run(
            *git.identity(project, author), "commit-tree", tree, *parent, "-m", message,
            cwd=project, env=env,
        ).stdout.strip()  # fmt: skip
    if not pretend:
        expected = [] if created or tip is None else [tip]
        git.run("update-ref", f"refs/heads/{TEMPLATE_BRANCH}", commit, *expected, cwd=project)
    return commit


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


def _is_ancestor(project: Path, commit: str, of: str, env: dict[str, str]) -> bool:
    checked = git.run("merge-base", "--is-ancestor", commit, of, cwd=project, env=env, check=False)
    return checked.returncode == 0


def _merge(
    project: Path,
    template: Template,
    data: Mapping[str, Any],
    author: tuple[str, str],
    unrelated: bool,
) -> list[Change]:
    before = git.run("rev-parse", "HEAD", cwd=project).stdout.strip()
    message = f"Update from scaffold's {template.name} template" + (
        f" with {_answers_phrase(data)}" if data else ""
    )
    # With no base (--adopt with nothing to start from), every difference is a conflict.
    unrelated_ok = ["--allow-unrelated-histories"] if unrelated else []
    merged = git.run(
        *git.identity(project, author), "merge", "--no-edit", *unrelated_ok, "-m", message,
        TEMPLATE_BRANCH, cwd=project, check=False,
    )  # fmt: skip
    if merged.returncode == 0:
        return git_changes.listed(project, "diff", "--name-status", "-z", before, "HEAD")
    conflicted = set(git_changes.names(project, "diff", "--name-only", "-z", "--diff-filter=U"))
    if not conflicted:
        raise UpdateError(f"git merge failed: {processes.failure_line(merged)}")
    staged = git_changes.listed(
        project, "diff", "--cached", "--name-status", "-z", "--diff-filter=ADMR"
    )
    return git_changes.with_conflicts(staged, conflicted)


def _merge_preview(
    project: Path, commit: str, env: dict[str, str], unrelated: bool
) -> tuple[list[Change], str | None]:
    """The changes the merge would make, and its tree when it would not conflict."""
    unrelated_ok = ["--allow-unrelated-histories"] if unrelated else []
    merged = git.run(
        "merge-tree", "--write-tree", *unrelated_ok, "--name-only", "-z", "HEAD", commit,
        cwd=project, env=env, check=False,
    )  # fmt: skip
    if merged.returncode not in (0, 1):
        raise UpdateError(f"git merge-tree failed: {processes.failure_line(merged)}")
    tree, _, rest = merged.stdout.partition("\0")
    conflicted = set()
    if merged.returncode == 1:
        conflicted = set(rest.split("\0\0", 1)[0].split("\0")) - {""}
    changes = git_changes.listed(
        project, "diff-tree", "-r", "-M", "--name-status", "-z", "HEAD", tree, env=env
    )
    merged_cleanly = [change for change in changes if change.path not in conflicted]
    return git_changes.with_conflicts(merged_cleanly, conflicted), None if conflicted else tree


def _adopt(
    project: Path,
    template: Template,
    tree: str,
    env: dict[str, str],
    pretend: bool,
    author: tuple[str, str],
    report: Report,
) -> Report:
    """Start the template branch from today's render and record it as merged, changing no file."""
    commit = git.run(
        *git.identity(project, author), "commit-tree", tree,
        "-m", f"Render scaffold's {template.name} template (adopted)", cwd=project, env=env,
    ).stdout.strip()  # fmt: skip
    report.changes = git_changes.listed(
        project, "diff-tree", "-r", "-M", "--name-status", "-z", commit, "HEAD", env=env
    )
    if pretend:
        return report
    git.run("branch", TEMPLATE_BRANCH, commit, cwd=project)
    git.run(
        *git.identity(project, author), "merge", "--quiet", "--strategy", "ours",
        "--allow-unrelated-histories", TEMPLATE_BRANCH,
        "-m", f"Adopt scaffold's {template.name} template as the base", cwd=project,
    )  # fmt: skip
    return report


def _answers_phrase(data: Mapping[str, Any]) -> str:
    return ", ".join(as_pairs(data))
