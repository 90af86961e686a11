"""Each exercise's check names the step that is missing: each step of its solution taken out.

One check run per step taken out, and none more: that the check passes on the
whole solution is test_student.py's, which makes the same edits and runs it.
"""

from __future__ import annotations

import re
import shutil

import pytest

from scaffold.workshop.exercises import START_TAG, exercises
from workshop.classroom import PACKAGE_NAME, create_database, git, run_tests

# The files of each step of each solution, by framework and exercise. A step whose
# files the next one needs goes with it: Flask's admin takes its tags field from
# the post form, so a student without the form step has no admin step either.
STEPS = {
    ("flask", "tags"): {
        "model": [f"{PACKAGE_NAME}/models.py"],
        "migration": ["migrations/versions"],
        "form": [f"{PACKAGE_NAME}/forms.py", f"{PACKAGE_NAME}/admin.py"],
        "template": [f"{PACKAGE_NAME}/templates/posts/detail.html"],
        "admin": [f"{PACKAGE_NAME}/admin.py"],
        "test": ["tests/test_posts.py"],
    },
    ("django", "tags"): {
        "model": ["blog/models.py"],
        "migration": ["blog/migrations"],
        "form": ["blog/forms.py"],
        "template": ["templates/blog/post_detail.html"],
        "test": ["tests/test_posts.py"],
    },
    ("flask", "about-page"): {
        "view": [f"{PACKAGE_NAME}/blog.py"],
        "template": [f"{PACKAGE_NAME}/templates/about.html"],
        "link": [f"{PACKAGE_NAME}/templates/base.html"],
        "test": ["tests/test_blog.py"],
    },
    ("django", "about-page"): {
        "view": ["blog/urls.py"],
        "template": ["templates/blog/about.html"],
        "link": ["templates/base.html"],
        "test": ["tests/test_blog.py"],
    },
    ("flask", "api-url"): {
        "api": [f"{PACKAGE_NAME}/api.py"],
        "test": ["tests/test_api.py"],
    },
    ("django", "api-url"): {
        "api": ["blog/views.py"],
        "test": ["tests/test_api.py"],
    },
    ("flask", "my-drafts"): {
        "view": [f"{PACKAGE_NAME}/blog.py"],
        "template": [f"{PACKAGE_NAME}/templates/posts/drafts.html"],
        "link": [f"{PACKAGE_NAME}/templates/_nav.html"],
        "test": ["tests/test_blog.py"],
    },
    ("django", "my-drafts"): {
        # A view without its URL cannot be asked for: the two are one step.
        "view": ["blog/views.py", "blog/urls.py"],
        "template": ["templates/blog/draft_list.html"],
        "link": ["templates/base.html"],
        "test": ["tests/test_blog.py"],
    },
    ("flask", "no-shouting"): {
        "form": [f"{PACKAGE_NAME}/forms.py"],
        "test": ["tests/test_posts.py"],
    },
    ("django", "no-shouting"): {
        "validator": ["blog/models.py"],
        "migration": ["blog/migrations"],
        "test": ["tests/test_posts.py"],
    },
}
# Files of a solution that no step takes out: the migration imports the validator
# function, so without it no test of the app could even build its database.
KEPT = {("django", "no-shouting"): {"blog/validators.py"}}
EXERCISES = exercises()


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


def test_every_exercise_has_its_steps_here():
    names = {exercise.name for exercise in EXERCISES}
    assert set(STEPS) == {(framework, name) for framework in ("flask", "django") for name in names}


# One class per app: pytest-xdist's loadscope gives each class to a worker of its own.
class TestTheFlaskApp:
    @pytest.mark.parametrize("exercise", EXERCISES, ids=[e.name for e in EXERCISES])
    def test_each_step_taken_out_of_the_solution_is_named(self, installed, checkout, exercise):
        each_step_taken_out_is_named(installed, checkout, "flask", exercise)


class TestTheDjangoApp:
    @pytest.mark.parametrize("exercise", EXERCISES, ids=[e.name for e in EXERCISES])
    def test_each_step_taken_out_of_the_solution_is_named(self, installed, checkout, exercise):
        each_step_taken_out_is_named(installed, checkout, "django", exercise)


def each_step_taken_out_is_named(installed, checkout, framework, exercise):
    app = installed[framework]
    steps = STEPS[framework, exercise.name]
    solved = checkout(framework, exercise.branch)
    changed = git("diff", "--name-only", START_TAG, "HEAD", cwd=solved.path).stdout.split()
    covered = {path for path in changed for step in steps.values() for part in step
               if path == part or path.startswith(f"{part}/")}  # fmt: skip
    assert set(changed) - covered == KEPT.get((framework, exercise.name), set())

    # The student's .env, which git ignores, so a worktree lacks it.
    shutil.copy2(app.path / ".env", solved.path / ".env")
    if "migration" in steps:
        # Before `db upgrade` / `migrate`: the solution is complete but not applied.
        not_applied = run_tests(solved, exercise.check)
        assert missing(not_applied) == {"migration applied"}, not_applied.stdout[-3000:]
        # Only these checks look at the student's own database ('migration applied').
        create_database(solved, framework)

    for step, paths in steps.items():
        take_out(solved, paths)
        result = run_tests(solved, exercise.check)
        assert result.returncode == 1, (step, result.stdout[-3000:])
        assert step in missing(result), (step, result.stdout[-3000:])
        git("checkout", exercise.branch, "--", ".", cwd=solved.path)
