"""In a student's app: start an exercise again keeping all their work, and see one solution file.

Peers' lessons lose students the same two ways: a checkout of a tag leaves
them on a detached HEAD, where the next commits belong to no branch, and the
reset recipe (``git reset --hard``) deletes their work. So ``reset`` first
puts everything the student has (commits, changes, new files) on a branch of
its own, ``saved/<branch>``, then starts the exercise on the branch
``exercise/<name>`` made with ``git switch -c``; and ``show`` prints the
solution's version of one file without touching theirs. The student's
database is kept and taken back to the start too (:mod:`databases`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from scaffold import git
from scaffold.errors import ScaffoldError, ScaffoldUsageError
from scaffold.spelling import closest
from scaffold.workshop import databases
from scaffold.workshop.exercises import START_TAG, Exercise, exercises

SAVED_PREFIX = "saved/"
EXERCISE_PREFIX = "exercise/"
# Who commits the saved work when git knows nobody on this machine (a classroom's fresh laptop).
STUDENT = ("Workshop student", "student@example.invalid")


class PracticeError(ScaffoldError):
    """Not in a workshop app, or git is in a state the student must finish first."""


@dataclass(frozen=True)
class Reset:
    saved: str | None  # the branch that holds the student's work, None when there was none
    branch: str  # the branch the exercise starts on
    databases: list[Path]  # the copies of the student's databases, as they were


def find(name: str) -> Exercise:
    """The exercise called ``name``, or a usage error naming the likely one."""
    known = {exercise.name: exercise for exercise in exercises()}
    if name in known:
        return known[name]
    match = closest(name, known)
    hint = f"did you mean {match}?" if match else f"the exercises are: {', '.join(known)}"
    raise ScaffoldUsageError(f"no exercise {name!r}; {hint}")


def app_root(here: Path) -> Path:
    """The top folder of the workshop app ``here`` is in."""
    found = git.run("rev-parse", "--show-toplevel", cwd=here, check=False)
    top = Path(found.stdout.strip()) if found.returncode == 0 else None
    if top is None or not _exists(f"refs/tags/{START_TAG}", top):
        raise PracticeError(
            f"{here.name or here} is not in a workshop app (no git tag {START_TAG}); "
            "run it inside flask-app/ or django-app/ of the folder `scaffold workshop` made"
        )
    return top


def reset(here: Path, exercise: Exercise) -> Reset:
    """Save all the work in the app around ``here`` on a branch, then start ``exercise`` afresh."""
    top = app_root(here)
    if git.run("ls-files", "--unmerged", cwd=top).stdout.strip():
        raise PracticeError(
            "git is in the middle of a merge with conflicts; finish it (git add, git commit) "
            "or give it up (git merge --abort), then reset again"
        )
    identity = git.identity(top, STUDENT)
    current = git.run("symbolic-ref", "--quiet", "--short", "HEAD", cwd=top, check=False)
    branch = current.stdout.strip() or "detached"
    target = f"{EXERCISE_PREFIX}{exercise.name}"
    saved, copies = None, []
    changed = git.run("status", "--porcelain", "--untracked-files=all", cwd=top).stdout.strip()
    if changed or not _same(top, "HEAD", START_TAG):
        saved = _free_name(top, f"{SAVED_PREFIX}{branch.removeprefix(EXERCISE_PREFIX)}")
        # Before git moves: the student's migrations say how to take the database back.
        found = databases.found(top)
        if found:
            copies = databases.keep(top, found, saved)
            databases.migrate_to_start(top)
        # The new branch takes the changes with it; the commit leaves the checkout clean.
        git.run("switch", "--quiet", "--create", saved, cwd=top)
        if changed:
            git.run("add", "--all", cwd=top)
            git.run(
                *identity, "commit", "--quiet", "--no-verify", "--no-gpg-sign",
                "-m", f"Work saved by scaffold exercise reset {exercise.name}", cwd=top,
            )  # fmt: skip
    earlier = _exists(f"refs/heads/{target}", top) and branch != target
    if earlier and not _same(top, target, START_TAG):  # an earlier attempt: kept too
        kept = _free_name(top, f"{SAVED_PREFIX}{exercise.name}")
        git.run("branch", "--move", target, kept, cwd=top)
    git.run("switch", "--quiet", "--force-create", target, START_TAG, cwd=top)
    return Reset(saved=saved, branch=target, databases=copies)


def solution_file(here: Path, exercise: Exercise, file: str) -> str:
    """The solution's version of ``file`` (a path from ``here``)."""
    top = app_root(here)
    path = (here / file).resolve()
    if not path.is_relative_to(top.resolve()):
        raise PracticeError(f"{file} is outside the app {top.name}; give a file inside it")
    inside = path.relative_to(top.resolve()).as_posix()
    shown = git.run("show", f"{exercise.branch}:{inside}", cwd=top, check=False)
    if shown.returncode != 0:
        changed = ", ".join(solution_files(top, exercise))
        raise PracticeError(
            f"the solution of {exercise.name} has no {inside}; it changes {changed}"
        )
    return shown.stdout


def solution_files(top: Path, exercise: Exercise) -> list[str]:
    """The files the solution of ``exercise`` changes, from the app's top folder."""
    listed = git.run("diff", "--name-only", START_TAG, exercise.branch, cwd=top).stdout
    return listed.split()


def _exists(ref: str, top: Path) -> bool:
    return git.run("show-ref", "--quiet", "--verify", ref, cwd=top, check=False).returncode == 0


def _same(top: Path, one: str, other: str) -> bool:
    commits = git.run("rev-parse", f"{one}^{{commit}}", f"{other}^{{commit}}", cwd=top).stdout
    first, second = commits.split()
    return first == second


def _free_name(top: Path, wanted: str) -> str:
    """``wanted``, or ``wanted-2``, ``-3``... : the first that names no branch yet."""
    name, number = wanted, 1
    while _exists(f"refs/heads/{name}", top):
        number += 1
        name = f"{wanted}-{number}"
    return name
