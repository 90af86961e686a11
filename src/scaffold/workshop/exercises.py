"""The exercises: their checks written into each project, their solutions on branches.

Everything an exercise needs is data in ``material/``: its description in
``exercises.toml``, and per framework the check (a test file students run,
failing until the exercise is done) and the solution (a patch). The checks go
into the project's ``exercises/`` folder, outside ``tests/``, so that the
project's own suite stays green on the starting tree; they are committed on
the project's branch and tagged ``workshop-start``. Each solution is applied by
``git apply`` onto that commit, through a scratch index so the checkout is not
touched, and committed on the branch ``solution/<name>``.
"""

from __future__ import annotations

import tempfile
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from scaffold import git, processes
from scaffold.errors import ScaffoldError

MATERIAL = Path(__file__).parent / "material"
FOLDER = "exercises"
START_TAG = "workshop-start"
TEMPLATE_SUFFIX = ".tmpl"


class ExerciseError(ScaffoldError):
    """A solution did not apply to the project it was written for."""


@dataclass(frozen=True)
class Exercise:
    name: str
    file: str
    title: str
    minutes: int
    task: str
    steps: dict[str, tuple[str, ...]]  # per framework, the hints
    # Left out of the plan's minutes: done if the room is ahead, or at home.
    if_time_allows: bool = False

    @property
    def branch(self) -> str:
        return f"solution/{self.name}"

    @property
    def check(self) -> str:
        """The check's path in a project, as students type it."""
        return f"{FOLDER}/test_{self.file}.py"


@cache
def exercises() -> tuple[Exercise, ...]:
    with (MATERIAL / "exercises.toml").open("rb") as file:
        declared = tomllib.load(file)["exercise"]
    return tuple(
        Exercise(
            name=entry["name"],
            file=entry["file"],
            title=entry["title"],
            minutes=entry["minutes"],
            task=entry["task"].strip(),
            steps={framework: tuple(entry[framework]) for framework in ("flask", "django")},
            if_time_allows=entry.get("if_time_allows", False),
        )
        for entry in declared
    )


def fill(text: str, names: dict[str, str]) -> str:
    """``text`` with ``{package_name}`` and ``{project_name}`` replaced by the project's own.

    Plain replacement, not a template language: the material holds Python
    f-strings and Jinja templates whose braces must stay as they are.
    """
    for key, value in names.items():
        text = text.replace(f"{{{key}}}", value)
    return text


def add(
    project: Path, framework: str, names: dict[str, str], author: tuple[str, str], readme: str
) -> None:
    """Write the checks and ``readme`` into ``project``, commit and tag them, branch the solutions.

    ``author`` commits when git has no identity of its own configured.
    """
    source = MATERIAL / framework / FOLDER
    target = project / FOLDER
    target.mkdir()
    (target / "README.md").write_text(readme, encoding="utf-8")
    for path in sorted(source.glob(f"*{TEMPLATE_SUFFIX}")):
        name = path.name.removesuffix(TEMPLATE_SUFFIX)
        (target / name).write_text(fill(path.read_text(encoding="utf-8"), names), encoding="utf-8")
    identity = git.identity(project, author)
    git.run("add", FOLDER, cwd=project)
    git.run(
        *identity, "commit", "--quiet", "--no-verify", "--no-gpg-sign",
        "-m", "Add the workshop's exercises and their checks", cwd=project,
    )  # fmt: skip
    git.run("tag", START_TAG, cwd=project)
    for exercise in exercises():
        patch = MATERIAL / framework / "solutions" / f"{exercise.name}.patch"
        commit_solution(project, exercise, fill(patch.read_text(encoding="utf-8"), names), identity)


def commit_solution(project: Path, exercise: Exercise, patch: str, identity: list[str]) -> None:
    """Apply ``patch`` to the start of the exercises and commit it on the exercise's branch."""
    with tempfile.TemporaryDirectory(prefix="scaffold-solution-") as scratch:
        index = {"GIT_INDEX_FILE": str(Path(scratch) / "index")}
        patch_file = Path(scratch) / f"{exercise.name}.patch"
        patch_file.write_text(patch, encoding="utf-8")
        git.run("read-tree", START_TAG, cwd=project, env=index)
        applied = git.run("apply", "--cached", str(patch_file), cwd=project, env=index, check=False)
        if applied.returncode != 0:
            raise ExerciseError(
                f"the solution of {exercise.name} does not apply to {project.name}: "
                f"{processes.failure_line(applied)}"
            )
        tree = git.run("write-tree", cwd=project, env=index).stdout.strip()
    commit = git.run(
        *identity, "commit-tree", tree, "-p", START_TAG,
        "-m", f"Solution: {exercise.title}", cwd=project,
    ).stdout.strip()  # fmt: skip
    git.run("branch", exercise.branch, commit, cwd=project)
