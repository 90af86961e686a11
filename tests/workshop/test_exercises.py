"""Each exercise's check fails on the starting tree, in both apps; the solutions are in place.

That the check then passes on the solution, with the app's own suite and
linters green, is test_student.py's: it makes the solution branch's edits as a
student does, with the migration the guide's command writes (compared with the
branch's), and runs the check, the suite and the linters.
"""

import subprocess

import pytest

from scaffold.ladder import rungs
from scaffold.workshop.exercises import START_TAG, exercises
from workshop.classroom import PACKAGE_NAME, git, run_tests

EXERCISES = exercises()
RUNGS = rungs()


def test_there_are_five_exercises_each_with_a_check_and_a_solution_in_both_apps(installed):
    assert len(EXERCISES) >= 5
    for framework, app in installed.items():
        branches = git("branch", "--list", "solution/*", "--format=%(refname:short)", cwd=app.path)
        assert branches.stdout.split() == sorted(exercise.branch for exercise in EXERCISES)
        for exercise in EXERCISES:
            assert (app.path / exercise.check).is_file(), (framework, exercise.check)
            # Each solution is one commit on the start of the exercises.
            parent = git("rev-parse", f"{exercise.branch}^", cwd=app.path).stdout
            assert parent == git("rev-parse", f"{START_TAG}^{{commit}}", cwd=app.path).stdout


def test_the_starting_tree_passes_its_own_suite_and_linters(installed):
    """The exercises add a folder the suite does not collect, and that the linters pass."""
    flask = installed["flask"]
    added = git("diff", "--name-only", RUNGS[-1].tag, START_TAG, cwd=flask.path).stdout.split()
    # The top rung's suite runs in test_ladder.py; the exercises change nothing it runs.
    assert added and all(path.startswith("exercises/") for path in added)
    lint(flask)
    django = installed["django"]
    result = run_tests(django)
    assert result.returncode == 0, result.stdout[-4000:]
    lint(django)
    for app in (flask, django):
        assert git("status", "--porcelain", cwd=app.path).stdout == ""


def check_fails_at_the_start(installed, framework, exercise):
    at_start = run_tests(installed[framework], exercise.check)
    # 1: the check ran and failed; not 2 or 4, a check that cannot even be collected.
    assert at_start.returncode == 1, at_start.stdout[-4000:]
    assert " failed" in at_start.stdout.splitlines()[-1]


# One class per app: pytest-xdist's loadscope gives each class to a worker of its own.
class TestTheFlaskApp:
    @pytest.mark.parametrize("exercise", EXERCISES, ids=[e.name for e in EXERCISES])
    def test_the_check_fails_at_the_start(self, installed, exercise):
        check_fails_at_the_start(installed, "flask", exercise)


class TestTheDjangoApp:
    @pytest.mark.parametrize("exercise", EXERCISES, ids=[e.name for e in EXERCISES])
    def test_the_check_fails_at_the_start(self, installed, exercise):
        check_fails_at_the_start(installed, "django", exercise)


def test_the_material_is_filled_in_with_the_projects_names(installed):
    for app in installed.values():
        written = "\n".join(path.read_text() for path in (app.path / "exercises").iterdir())
        assert "{package_name}" not in written and "{project_name}" not in written
    conftest = (installed["flask"].path / "exercises" / "conftest.py").read_text()
    assert f"from {PACKAGE_NAME} import create_app" in conftest


def lint(project):
    for command in (["check"], ["format", "--check"]):
        result = subprocess.run(
            [str(project.venv / "bin" / "ruff"), *command],
            cwd=project.path,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, (command, result.stdout + result.stderr)
