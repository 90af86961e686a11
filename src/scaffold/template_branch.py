"""The template branch's git plumbing: a render committed beside the user's work, then merged.

The render becomes a tree through a scratch index (the user's checkout is not
touched), a commit on ``scaffold/template``, and ``git merge`` brings it into
the user's branch; ``--pretend`` writes objects to a scratch store and asks
``git merge-tree --write-tree`` instead, so the project does not change.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from scaffold import changes as git_changes
from scaffold import git, processes
from scaffold.answers import as_pairs
from scaffold.changes import Change
from scaffold.registry import Template
from scaffold.update_checks import TEMPLATE_BRANCH, UpdateError


@contextmanager
def object_store(project: Path, scratch: Path | None) -> Iterator[dict[str, str]]:
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


def tree_of(project: Path, rendered: Path, index: Path, env: dict[str, str]) -> str:
    """The git tree of the rendered folder, as ``git add --all`` sees it (ignores honoured)."""
    work = {**env, "GIT_INDEX_FILE": str(index)}
    git_dir = git.run("rev-parse", "--absolute-git-dir", cwd=project).stdout.strip()
    tree_cmd = ("--git-dir", git_dir, "--work-tree", str(rendered))
    git.run(*tree_cmd, "add", "--all", cwd=rendered, env=work)
    return git.run(*tree_cmd, "write-tree", cwd=rendered, env=work).stdout.strip()


def commit_render(
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
            f" with {answers_phrase(data)}" if data else ""
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


def is_ancestor(project: Path, commit: str, of: str, env: dict[str, str]) -> bool:
    checked = git.run("merge-base", "--is-ancestor", commit, of, cwd=project, env=env, check=False)
    return checked.returncode == 0


def merge(
    project: Path,
    template: Template,
    data: Mapping[str, Any],
    author: tuple[str, str],
    unrelated: bool,
) -> list[Change]:
    before = git.run("rev-parse", "HEAD", cwd=project).stdout.strip()
    message = f"Update from scaffold's {template.name} template" + (
        f" with {answers_phrase(data)}" if data else ""
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


def merge_preview(
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


def adopt(
    project: Path,
    template: Template,
    tree: str,
    env: dict[str, str],
    pretend: bool,
    author: tuple[str, str],
) -> list[Change]:
    """Start the template branch from today's render and record it as merged, changing no file.

    Return what differs between that render and the project: the edits the
    project is taken to have made.
    """
    commit = git.run(
        *git.identity(project, author), "commit-tree", tree,
        "-m", f"Render scaffold's {template.name} template (adopted)", cwd=project, env=env,
    ).stdout.strip()  # fmt: skip
    changes = git_changes.listed(
        project, "diff-tree", "-r", "-M", "--name-status", "-z", commit, "HEAD", env=env
    )
    if pretend:
        return changes
    git.run("branch", TEMPLATE_BRANCH, commit, cwd=project)
    git.run(
        *git.identity(project, author), "merge", "--quiet", "--strategy", "ours",
        "--allow-unrelated-histories", TEMPLATE_BRANCH,
        "-m", f"Adopt scaffold's {template.name} template as the base", cwd=project,
    )  # fmt: skip
    return changes


def answers_phrase(data: Mapping[str, Any]) -> str:
    return ", ".join(as_pairs(data))
