"""`scaffold exercise reset` and `show` in a student's copy: nothing of theirs is ever lost."""

from __future__ import annotations

import shlex
import sqlite3
import subprocess
from contextlib import closing

import pytest

from scaffold.workshop.exercises import START_TAG
from workshop.classroom import (
    AUTHOR_PASSWORD,
    CREATE_DATABASE,
    DATABASE,
    FLASK,
    MAKE_POST,
    PACKAGE_NAME,
    copy_of_app,
    git,
    page_from_dev_server,
    run_tests,
)


@pytest.fixture
def student(user, classroom, classroom_lock):
    """The installed scaffold's user, with a copy of the Flask app as a student has it."""
    copy_of_app(classroom, FLASK, user.cwd / FLASK, classroom_lock)
    return user


def head(app) -> str:
    return git("status", "--branch", "--porcelain=v2", cwd=app).stdout


def test_reset_saves_committed_and_uncommitted_work_then_starts_the_exercise(student):
    app = student.cwd / FLASK
    models = app / PACKAGE_NAME / "models.py"
    (app / "notes.md").write_text("what I tried\n")
    student.shell("git add notes.md && git commit -qm 'My notes'", cwd=app)
    committed = git("rev-parse", "HEAD", cwd=app).stdout.strip()
    models.write_text(models.read_text() + "# my change, not committed\n")
    (app / "scratch.py").write_text("print('new, untracked')\n")

    # From a folder inside the app, as a student often is.
    reset = student.run("exercise", "reset", "about-page", cwd=app / PACKAGE_NAME)
    assert reset.returncode == 0, reset.stderr
    assert "Saved your work on the branch saved/main" in reset.stdout
    assert "You are on the branch exercise/about-page" in reset.stdout

    # On a branch (not a detached HEAD), at the start of the exercises, with a clean tree.
    assert "# branch.head exercise/about-page" in head(app)
    assert "HEAD detached" not in student.shell("git status", cwd=app).stdout
    assert (
        git("rev-parse", "HEAD", cwd=app).stdout
        == git("rev-parse", f"{START_TAG}^{{commit}}", cwd=app).stdout
    )
    assert git("status", "--porcelain", cwd=app).stdout == ""
    assert not (app / "notes.md").exists() and not (app / "scratch.py").exists()

    # All of it on the saved branch: the commit, the change, the new file.
    assert git("merge-base", "--is-ancestor", committed, "saved/main", cwd=app).returncode == 0
    saved = {
        path: git("show", f"saved/main:{path}", cwd=app).stdout
        for path in ("notes.md", "scratch.py", f"{PACKAGE_NAME}/models.py")
    }
    assert saved["notes.md"] == "what I tried\n"
    assert saved["scratch.py"] == "print('new, untracked')\n"
    assert saved[f"{PACKAGE_NAME}/models.py"].endswith("# my change, not committed\n")

    # Work on the exercise, reset again: that attempt is saved too, under another name.
    (app / "attempt.txt").write_text("second try\n")
    again = student.run("exercise", "reset", "about-page", cwd=app)
    assert again.returncode == 0, again.stderr
    assert "saved/about-page" in again.stdout
    assert git("show", "saved/about-page:attempt.txt", cwd=app).stdout == "second try\n"
    assert git("rev-parse", "--verify", "saved/main", cwd=app).returncode == 0


def test_show_prints_the_solutions_file_and_leaves_the_students_alone(student):
    app = student.cwd / FLASK
    models = app / PACKAGE_NAME / "models.py"
    mine = models.read_text() + "# mine\n"
    models.write_text(mine)
    shown = student.run("exercise", "show", "tags", "models.py", cwd=app / PACKAGE_NAME)
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout == git("show", f"solution/tags:{PACKAGE_NAME}/models.py", cwd=app).stdout
    assert "tags: Mapped[str]" in shown.stdout
    assert models.read_text() == mine
    listed = student.run("exercise", "show", "tags", cwd=app)
    assert f"{PACKAGE_NAME}/models.py" in listed.stdout.splitlines()


@pytest.mark.parametrize(
    ("typed", "where", "line"),
    [
        (["reset", "tagz"], FLASK,
         "Error: invalid value for 'EXERCISE': no exercise 'tagz'; did you mean tags? "
         "(see `scaffold exercise reset --help`)"),
        (["show", "tags", "README.txt"], FLASK,
         "Error: the solution of tags has no README.txt; it changes "),
        (["reset", "tags"], ".",
         "Error: work is not in a workshop app (no git tag workshop-start); run it inside "
         "flask-app/ or django-app/ of the folder `scaffold workshop` made"),
    ],
)  # fmt: skip
def test_mistakes_are_one_line_and_change_nothing(student, typed, where, line):
    app = student.cwd / FLASK
    before = (head(app), git("status", "--porcelain", cwd=app).stdout)
    result = student.run("exercise", *typed, cwd=student.cwd / where)
    assert result.returncode in (1, 2)
    assert result.stderr.startswith(line) and len(result.stderr.strip().splitlines()) == 1
    assert (head(app), git("status", "--porcelain", cwd=app).stdout) == before


# The post table of each app, and the commands that make and apply the tags migration.
POSTS = {"flask": "posts", "django": "blog_post"}
MIGRATE = {
    "flask": [f'flask --app {PACKAGE_NAME} db migrate -m "post tags"',
              f"flask --app {PACKAGE_NAME} db upgrade"],
    "django": ["python manage.py makemigrations blog", "python manage.py migrate"],
}  # fmt: skip


def rows(database, query: str) -> list[tuple]:
    with closing(sqlite3.connect(database)) as connection:
        return connection.execute(query).fetchall()


@pytest.mark.parametrize("framework", ["flask", "django"])
def test_reset_keeps_the_database_too_and_takes_it_back_to_the_start(user, student_app, framework):
    """Tags half done, committed and not, migrated, a post stored; then the student resets."""
    app = student_app(framework)
    must(app, shlex.join(["python", *CREATE_DATABASE[framework]]))
    edits = git("diff", START_TAG, "solution/tags", "--", ".", ":(exclude,glob)**/migrations/**",
                cwd=app.path).stdout  # fmt: skip
    subprocess.run(["git", "apply"], input=edits, cwd=app.path, text=True, check=True)
    model = f"{PACKAGE_NAME}/models.py" if framework == "flask" else "blog/models.py"
    committed = user.shell(f"git add {model} && git commit -qm 'Tags on posts'", cwd=app.path)
    assert committed.returncode == 0, committed.stderr
    for command in MIGRATE[framework]:
        must(app, command)
    post = MAKE_POST[framework].format(package=PACKAGE_NAME, password=AUTHOR_PASSWORD)
    must(app, f"python -c {shlex.quote(post)}")
    mine = set(git("status", "--porcelain", "--untracked-files=all", cwd=app.path).stdout.split())

    reset = user.run("exercise", "reset", "about-page", cwd=app.path)
    assert reset.returncode == 0, reset.stderr
    copy = app.path / "saved-databases" / "saved-main.sqlite3"
    assert "Kept your database as it was in saved-databases/saved-main.sqlite3" in reset.stdout

    # All the work on the saved branch: the commit, the edits, the generated migration.
    saved = set(git("diff", "--name-only", START_TAG, "saved/main", cwd=app.path).stdout.split())
    assert {model} | {path for path in mine if path.endswith(".py")} <= saved
    assert any("/migrations/" in f"/{path}" for path in saved)
    # The copy is the database as it was; the app's own is at the start, its rows kept.
    table = POSTS[framework]
    assert rows(copy, f"SELECT title, tags FROM {table}") == [("Tagged", "python, classroom")]
    live = app.path / DATABASE[framework]
    assert rows(live, f"SELECT title FROM {table}") == [("Tagged",)]
    assert "tags" not in [column[1] for column in rows(live, f"PRAGMA table_info({table})")]

    # On the exercise's branch, clean (the copy is git-ignored), and the app runs on it.
    assert "# branch.head exercise/about-page" in head(app.path)
    assert git("status", "--porcelain", cwd=app.path).stdout == ""
    status, page = page_from_dev_server(app, framework, "/posts/tagged/")
    assert status == 200 and "Tagged" in page
    check = run_tests(app, "exercises/test_tags.py")
    assert "migration applied" not in check.stdout, check.stdout[-3000:]
    assert "Missing step 'model'" in check.stdout


def must(app, command: str) -> None:
    result = subprocess.run(
        shlex.split(command), cwd=app.path, env=app.env(), capture_output=True, text=True,
        timeout=600, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    assert result.returncode == 0, (command, result.stdout[-3000:], result.stderr[-3000:])
