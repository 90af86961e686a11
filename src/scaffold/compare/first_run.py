"""From nothing to a first 200: the articles' "5 minutes against 15", timed on this machine.

For a template: ``scaffold new`` with the answers compare used, a fresh venv, the
project installed (its runtime dependencies, as a deployment would), its
database migrated as its README says, gunicorn started, and ``/healthz``
answering 200 (a database round trip, so the app is up for real). For a bare
framework: a fresh venv, the framework and gunicorn installed, the hello world
served until ``/healthz`` answers. The clock runs from the first step to the
200; the installer's cache is warm, since the same packages were installed for
the other figures just before. This is machine time: the reading and typing
the articles' minutes stand for are not in it. Every venv is made without pip
of its own when the installer allows (``steps.outside_pip``): ensurepip's
seconds are the installer's, the same for every project.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from scaffold.compare.serving import serve
from scaffold.compare.steps import install, run_step
from scaffold.compare.timing import Say


class FirstRun(NamedTuple):
    """The seconds to a first 200, and within them the install's, into a fresh ``venv``.

    That install is the one a timed install would make again (the venv made
    first, the cache warm), so its seconds and its venv stand for both.
    """

    seconds: float
    install_seconds: float
    venv: Path


def template_seconds(
    name: str,
    template: str,
    answers: dict[str, Any],
    workspace: Path,
    served: Callable[[Path, Path], dict[str, str]],
    prepare: Callable[[Path, Path], list[list[str]]],
    entry: str,
    added: tuple[str, ...],
    say: Say,
) -> FirstRun:
    """``scaffold new`` + venv + install + migrations + first 200, in seconds.

    ``served(root, venv)`` is the environment to run and serve in; ``prepare(root, venv)``
    the commands that bring the database up to date; ``added`` what serving needs that the
    project does not declare (gunicorn, for flask-minimal).
    """
    folder = fresh_folder(workspace, name)
    dest = folder / "new"
    venv = folder / "new-venv"
    say("new project to first 200")
    given = [arg for key, value in answers.items() for arg in ("--data", f"{key}={_text(value)}")]
    new = [sys.executable, "-m", "scaffold", "new", str(dest), "--template", template,
           "--defaults", "--no-git", *given]  # fmt: skip
    start = time.perf_counter()
    run_step(name, new, folder, served(folder, venv))
    env = served(dest, venv)
    installing = install(name, venv, dest, env, "-e", str(dest), *added)
    for command in prepare(dest, venv):
        run_step(name, command, dest, env)
    with serve(name, dest, venv, entry, env):
        return FirstRun(time.perf_counter() - start, installing, venv)


def bare_seconds(
    name: str,
    folder: Path,
    workspace: Path,
    requirements: list[str],
    entry: str,
    env: dict[str, str],
    say: Say,
) -> FirstRun:
    """Venv + framework and gunicorn installed + the hello world's first 200, in seconds."""
    venv = fresh_folder(workspace, name) / "new-venv"
    say("new project to first 200")
    start = time.perf_counter()
    installing = install(name, venv, folder, env, *requirements)
    with serve(name, folder, venv, entry, {**env, "PATH": f"{venv / 'bin'}:{env['PATH']}"}):
        return FirstRun(time.perf_counter() - start, installing, venv)


def fresh_folder(workspace: Path, name: str) -> Path:
    """A folder of its own for one first run, left for the scratch folder's cleanup at the end.

    Deleting the previous run's project and venv before each run cost seconds of
    waiting on the disk per run (more on a busy machine), on the run's critical path.
    """
    workspace.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f"{name.replace(' ', '-')}-", dir=workspace))


def _text(value: object) -> str:
    """An answer as ``--data`` takes it."""
    return str(value).lower() if isinstance(value, bool) else str(value)
