"""The tags check names the step that is missing: each step taken out of the solution, in turn."""

from __future__ import annotations

import re

import pytest

from scaffold.workshop.exercises import START_TAG
from workshop.classroom import PACKAGE_NAME, as_a_student_has_it, git, run_tests

BRANCH = "solution/tags"
# The files of each step of the solution. Flask's admin takes its tags field from the
# post form, so a student without the form step has no admin step either.
STEPS = {
    "flask": {
        "model": [f"{PACKAGE_NAME}/models.py"],
        "migration": ["migrations/versions"],
        "form": [f"{PACKAGE_NAME}/forms.py", f"{PACKAGE_NAME}/admin.py"],
        "template": [f"{PACKAGE_NAME}/templates/posts/detail.html"],
        "admin": [f"{PACKAGE_NAME}/admin.py"],
        "test": ["tests/test_posts.py"],
    },
    "django": {
        "model": ["blog/models.py"],
        "migration": ["blog/migrations"],
        "form": ["blog/forms.py"],
        "template": ["templates/blog/post_detail.html"],
        "test": ["tests/test_posts.py"],
    },
}


def take_out(project, paths: list[str]) -> None:
    """Put ``paths`` back as they were at the start (a file the solution added goes)."""
    changed = git("diff", "--name-only", START_TAG, "HEAD", "--", *paths, cwd=project.path)
    for path in changed.stdout.split():
        if git("cat-file", "-e", f"{START_TAG}:{path}", cwd=project.path, check=False).returncode:
            (project.path / path).unlink()
        else:
            git("checkout", START_TAG, "--", path, cwd=project.path)


def missing(result) -> set[str]:
    """The steps the check's failures name (not its source, which pytest shows too)."""
    return set(re.findall(r"^E +AssertionError: Missing step '([a-z ]+)'", result.stdout, re.M))


@pytest.mark.parametrize("framework", ["flask", "django"])
def test_each_step_taken_out_of_the_solution_is_named(installed, checkout, framework):
    app = installed[framework]
    solved = checkout(framework, BRANCH)
    # Before `db upgrade` / `migrate`: the solution is complete but not applied to the database.
    (solved.path / ".env").write_text((app.path / ".env").read_text())
    not_applied = run_tests(solved, "exercises/test_tags.py")
    assert missing(not_applied) == {"migration applied"}, not_applied.stdout[-3000:]
    as_a_student_has_it(solved, framework, app.path)
    done = run_tests(solved, "exercises/test_tags.py")
    assert done.returncode == 0, done.stdout[-3000:]

    for step, paths in STEPS[framework].items():
        take_out(solved, paths)
        result = run_tests(solved, "exercises/test_tags.py")
        assert result.returncode == 1, (step, result.stdout[-3000:])
        assert step in missing(result), (step, result.stdout[-3000:])
        git("checkout", BRANCH, "--", ".", cwd=solved.path)
