"""Every error of ours reaches the user as one line on stderr, a non-zero exit and no traceback.

Each class deriving from ScaffoldError has a case in CASES: what a user types to
meet it (shell lines run by the installed ``scaffold`` in a folder of its own),
and the line they read. A class no user action can reach says why, and is raised
by its own code in a command under the CLI's group class instead. A new class
without a case fails test_every_error_class_has_a_case.

compare/dependencies.py's private _ResolverFailed is no ScaffoldError: it never
leaves its module, where the next resolver is tried and its message becomes the
reason the report gives for an unresolved list.
"""

from __future__ import annotations

import errno
import importlib
import pkgutil
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

import scaffold
from scaffold import choose, git, registry, render
from scaffold.answers import AnswerError
from scaffold.cli import FriendlyGroup
from scaffold.errors import ScaffoldError, describe
from scaffold.workshop import exercises

# The folder of the installed scaffold alone on PATH: a machine without git or uv.
ONLY_SCAFFOLD = 'PATH="$(dirname "$(command -v scaffold)")"'
# pip with no configuration and an index that refuses connections (a room without internet).
OFFLINE = (
    'unset $(env | sed -n "s/^\\(PIP_[A-Z_]*\\)=.*/\\1/p") && '
    "export PIP_CONFIG_FILE=/dev/null PIP_INDEX_URL=http://127.0.0.1:9/simple PIP_RETRIES=0"
)
# `compare --measure` writes its own notes on stderr before any error: that wrk is
# missing (when it is), and the last state of its progress display.
MEASURE_NOTES = ("wrk is not installed", "plain: ")


@dataclass(frozen=True)
class Typed:
    """Shell lines a user types to meet the error, and the one line they read (a regex)."""

    line: str
    shows: str
    exit_code: int = 1
    before: tuple[str, ...] = ()  # how lines the command itself writes to stderr first begin


@dataclass(frozen=True)
class Unreachable:
    """Why no user action raises the class, and its own code that raises it."""

    why: str
    raise_it: Callable[[Path], object]


def _solution_that_does_not_apply(folder: Path) -> None:
    """A workshop project's start, and a solution written for other code."""
    project = folder / "app"
    project.mkdir()
    (project / "app.py").write_text("print('hello')\n")
    identity = git.identity(project, ("Ada", "ada@example.com"))
    git.run("init", "--quiet", cwd=project)
    git.run("add", "--all", cwd=project)
    git.run(*identity, "commit", "--quiet", "--no-verify", "-m", "Start", cwd=project)
    git.run("tag", exercises.START_TAG, cwd=project)
    patch = "--- a/views.py\n+++ b/views.py\n@@ -1 +1 @@\n-old\n+new\n"
    exercises.commit_solution(project, exercises.exercises()[0], patch, identity)


CASES: dict[str, Typed | Unreachable] = {
    "ScaffoldUsageError": Typed(
        "scaffold new -t flask-minimal --defaults",
        r"Error: missing DEST: the folder to create the project in \(see `scaffold new --help`\)",
        exit_code=2,
    ),
    "UnknownTemplateError": Typed(
        "scaffold new blog -t rails --defaults",
        r"Error: unknown template 'rails'; choose one of: django-full, flask-full, "
        r"flask-minimal, or the path of a Copier template \(see `scaffold new --help`\)",
        exit_code=2,
    ),
    "UnknownCommandError": Typed(
        "scaffold nwe blog",
        r"Error: no such command 'nwe'; did you mean new\? \(see `scaffold --help`\)",
        exit_code=2,
    ),
    "DecisionError": Unreachable(
        "--kind and --prefer take only Click's choices, and --need's callback refuses an "
        "unknown need first; choose.decide checks again for its other callers",
        lambda folder: choose.decide(choose.ProjectNeeds(kind="blog")),
    ),
    "AnswerError": Typed(
        "scaffold new blog -t flask-minimal --defaults -d projct_name=Blog",
        r"Error: flask-minimal has no question 'projct_name'; did you mean 'project_name'\?",
    ),
    "RenderError": Typed(
        "mkdir site && echo mine > site/notes.txt && scaffold new site -t flask-minimal --defaults",
        r"Error: site already exists and is not empty; choose a new folder or empty this one",
    ),
    "GitError": Typed(
        # A branch named `scaffold` leaves no room for the branch `scaffold/template`.
        "scaffold new blog -t flask-minimal --defaults --no-git && cd blog && git init -q && "
        "git add --all && git commit -qm Start && git branch scaffold && scaffold update --adopt",
        r"Error: git branch failed: fatal: cannot lock ref 'refs/heads/scaffold/template': "
        r"'refs/heads/scaffold' exists; cannot create 'refs/heads/scaffold/template'",
    ),
    # A step after rendering stops `scaffold new` with a line saying what exists (Stopped),
    # which starts with the step's own error (StepError): one action shows both.
    "StepError": Typed(
        f"{ONLY_SCAFFOLD} scaffold new blog --need none --defaults --install --installer uv",
        r"Error while installing the project into \.venv: uv is not installed; "
        r"install it \(pip install uv\) or use --installer pip: .*",
    ),
    "Stopped": Typed(
        f"{ONLY_SCAFFOLD} scaffold new blog --need none --defaults --install --installer uv",
        r"Error while installing the project into \.venv: .*: blog holds the complete project, "
        r"no \.venv\. To finish: cd blog && python -m venv \.venv && "
        r"\.venv/bin/pip install -e '\.\[dev\]'",
    ),
    "UpdateError": Typed(
        "mkdir notes && scaffold update notes",
        r"Error: notes is not a project made by scaffold \(it has no \.copier-answers\.yml\); .*",
    ),
    "ExportError": Typed(
        "mkdir -p mine/template && "
        "printf '_subdirectory: template\\n_tasks: [\"true\"]\\nname:\\n  default: x\\n' "
        "> mine/copier.yml && echo '{{ name }}' > mine/template/README.md.jinja && "
        "scaffold export ./mine exported",
        r"Error: /.*/mine cannot be exported: uses Copier's _tasks",
    ),
    "LadderError": Typed(
        f"{ONLY_SCAFFOLD} scaffold workshop room",
        r"Error: cannot commit flask-full: git is not installed; install it, then try again",
    ),
    "ExerciseError": Unreachable(
        "the solutions ship with scaffold, and every workshop build applies each to the "
        "projects it renders (tests/workshop/test_exercises.py checks a branch per solution): "
        "only a broken release raises it",
        _solution_that_does_not_apply,
    ),
    "PracticeError": Typed(
        "mkdir notes && cd notes && scaffold exercise reset tags",
        r"Error: notes is not in a workshop app \(no git tag workshop-start\); run it inside "
        r"flask-app/ or django-app/ of the folder `scaffold workshop` made",
    ),
    # A student's app whose Python lacks Flask (their venv not active): the database
    # cannot be migrated back, so nothing is moved.
    "DatabaseError": Typed(
        "mkdir -p app/instance app/migrations/versions && cd app && git init -q && "
        "echo 'package_name: tea' > .copier-answers.yml && "
        "printf 'revision = \"0001\"\\ndown_revision = None\\n' > migrations/versions/0001_a.py && "
        "python3 -c \"import sqlite3; database = sqlite3.connect('instance/tea.sqlite3'); "
        "database.execute('create table t (x)')\" && "
        "git add -A && git commit -qm Start && git tag workshop-start && "
        "echo '# mine' >> .copier-answers.yml && scaffold exercise reset tags",
        r"Error: cannot take your database back to the start of the exercises "
        r"\(-m flask --app tea db downgrade 0001\): .*No module named flask.*; "
        r"your work is where it was",
    ),
    "WheelhouseError": Typed(
        f"{OFFLINE} && scaffold workshop room --wheelhouse",
        r"Error: cannot make the wheelhouse: pip download failed: .*; nothing was written "
        r"\(--wheelhouse downloads from the package registry: run it where pip can reach it\)",
    ),
    "FeatureMapError": Typed(
        "scaffold new blog -t flask-full --defaults --no-git && rm blog/blog/extensions.py && "
        "scaffold compare blog --no-ladder",
        r"Error: blog: flask-full's feature map: feature 'database' names "
        r"blog/extensions\.py:Base, but blog/extensions\.py is not a Python file of the project",
    ),
    # features.py names the feature and the file in front of the lookup's own message.
    "SymbolNotFound": Typed(
        "scaffold new blog -t flask-full --defaults --no-git && "
        "sed -i 's/^def index(/def home(/' blog/blog/blog.py && scaffold compare blog --no-ladder",
        r"Error: blog: flask-full's feature map: feature 'pages' names blog/blog\.py:index: "
        r"no 'index' in the module \(it has: .*\)",
    ),
    "MeasureError": Typed(
        "mkdir plain && echo 'print(1)' > plain/app.py && "
        "scaffold compare plain --measure --no-ladder --runs 1",
        # Then the installer's last line: uv's or pip's, whichever the machine has, and uv
        # wraps its message to the terminal's width, so the line says more or less.
        r"Error: plain: (uv pip install|python -m pip) failed: .+",
        before=MEASURE_NOTES,
    ),
}


def error_classes() -> Iterator[type[ScaffoldError]]:
    """Every subclass of ScaffoldError in scaffold's modules, all of them imported first."""
    for module in pkgutil.walk_packages(scaffold.__path__, "scaffold."):
        if module.name != "scaffold.__main__":  # runs the command line when imported
            importlib.import_module(module.name)

    def below(cls: type[ScaffoldError]) -> Iterator[type[ScaffoldError]]:
        for subclass in cls.__subclasses__():
            yield subclass
            yield from below(subclass)

    yield from below(ScaffoldError)


def test_every_error_class_has_a_case():
    names = [cls.__name__ for cls in error_classes()]
    assert len(names) == len(set(names)), "two error classes share a name"
    assert set(names) == set(CASES)


@pytest.mark.parametrize("name", [name for name, case in CASES.items() if isinstance(case, Typed)])
def test_a_user_meets_each_error_as_one_line(user, name):
    case = CASES[name]
    result = user.shell(case.line)
    assert result.returncode == case.exit_code, result.stderr
    assert "Traceback" not in result.stderr
    *before, line = result.stderr.strip().splitlines() or [""]
    assert all(earlier.startswith(case.before) for earlier in before) if case.before else not before
    assert re.fullmatch(case.shows, line), line


@pytest.mark.parametrize(
    "name", [name for name, case in CASES.items() if isinstance(case, Unreachable)]
)
def test_an_error_no_user_can_cause_is_one_line_too(name, tmp_path):
    """Raised by its own code inside a command under FriendlyGroup, the CLI's group class."""
    case = CASES[name]

    @click.group(cls=FriendlyGroup)
    @click.option("--debug", is_flag=True)
    @click.pass_context
    def group(ctx: click.Context, debug: bool) -> None:
        ctx.meta["scaffold.debug"] = debug

    @group.command()
    @click.argument("folder")
    def act(folder: str) -> None:
        (tmp_path / folder).mkdir()
        case.raise_it(tmp_path / folder)

    loud = CliRunner().invoke(group, ["--debug", "act", "loud"])
    assert type(loud.exception).__name__ == name
    quiet = CliRunner().invoke(group, ["act", "quiet"])
    assert quiet.exit_code == loud.exception.exit_code != 0
    assert quiet.stderr.splitlines() == [quiet.stderr.strip()]
    assert quiet.stderr.startswith(f"Error: {describe(loud.exception)}")


def test_copiers_refusal_of_an_answer_is_ours(tmp_path):
    """Copier says a validator failed with a plain ValueError; render.py makes it an AnswerError."""
    template = registry.get("flask-minimal").path
    with pytest.raises(AnswerError) as raised:
        render.render(template, tmp_path / "x", {"author_email": "nope"}, defaults=True)
    assert str(raised.value) == (
        "that is not an email address (set it with --data author_email=...)"
    )
    assert list(tmp_path.iterdir()) == []


def test_a_value_error_is_not_taken_for_an_invalid_answer():
    assert describe(ValueError("bad\nthing")) == (
        "unexpected ValueError: bad thing "
        "(run `scaffold --debug ...` for the traceback, and report it)"
    )


def test_os_errors_say_what_to_do():
    full = OSError(errno.ENOSPC, "No space left on device", "/srv/x")
    assert (
        describe(full) == "no space left on the disk to write /srv/x; free some space and try again"
    )
    denied = PermissionError(errno.EACCES, "Permission denied", "/srv/x")
    assert describe(denied) == "not allowed to write /srv/x; choose a folder you can write to"


def test_copier_errors_are_recognised_by_their_module():
    from copier.errors import UserMessageError

    assert describe(UserMessageError("the template said no")) == (
        "the template could not be rendered: the template said no"
    )


def test_a_git_error_names_the_command_past_its_options(tmp_path):
    """``git -c user.name=... commit`` fails as "git commit", not as "git -c"."""
    with pytest.raises(git.GitError, match=r"^git no-such-command failed: "):
        git.run("-c", "user.name=Ada", "--git-dir", str(tmp_path), "no-such-command", cwd=tmp_path)
