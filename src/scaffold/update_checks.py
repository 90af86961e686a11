"""What must hold before ``scaffold update`` touches a project, and its error.

Every refusal happens here, before anything is rendered or written: a project
that is not scaffold's, not a repository of its own, has no commit, has a merge
in progress or uncommitted changes, or lacks (or with ``--adopt`` already has)
its template branch. Each message says what to do next.
"""

from __future__ import annotations

from pathlib import Path

from scaffold import git, paths
from scaffold.errors import ScaffoldError

TEMPLATE_BRANCH = git.TEMPLATE_BRANCH
ANSWERS_FILE = ".copier-answers.yml"


class UpdateError(ScaffoldError):
    """The project cannot be updated as it is; the message says what to do."""


def check_repository(project: Path, *, adopt: bool, template_given: bool) -> None:
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
    has_branch = branch_exists(project)
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


def branch_exists(project: Path) -> bool:
    found = git.run(
        "rev-parse",
        "--verify",
        "--quiet",
        f"refs/heads/{TEMPLATE_BRANCH}",
        cwd=project,
        check=False,
    )
    return found.returncode == 0
