"""What follows rendering: an initial commit, a virtual environment, a first test run.

These steps run in the finished project. They never touch what was
rendered: a failure or a Ctrl-C here leaves the complete project, removes what
the step had half made (a ``.git`` without its commit, an unfinished
``.venv``), and lets the command say what to run by hand.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from scaffold import git, paths, processes, shell
from scaffold.errors import ScaffoldError

# The branch a new project starts on, the one its CI workflow runs on.
MAIN_BRANCH = "main"


class StepError(ScaffoldError):
    """A step after rendering failed; the project itself is complete."""


class Stopped(ScaffoldError):
    """A step after rendering failed or was interrupted; the project exists."""

    label = None  # the message starts with its own headline: "Interrupted while ..."

    def __init__(self, message: str, exit_code: int) -> None:
        super().__init__(message)
        self.exit_code = exit_code


@dataclass
class Outcome:
    """What `scaffold new` was asked to do after rendering, and what it has done so far."""

    project: Path
    commit: bool
    install: bool
    check: bool
    committed: bool = False
    venv: Path | None = None
    tested: bool = False

    def stopped(self, headline: str, exit_code: int) -> Stopped:
        """The stop, saying what exists and the one command that finishes the job."""
        made = [f"{paths.shown(self.project)} holds the complete project"]
        if self.committed:
            made.append("committed to git")
        made.append("with its .venv" if self.venv else "no .venv")
        to_do = [f"cd {shell.quote(paths.shown(self.project))}"]
        if self.commit and not self.committed:
            branch = git.TEMPLATE_BRANCH
            to_do.append(
                f"git init -b {MAIN_BRANCH} && git add --all && git commit -m Start"
                f" && git branch {branch}"
            )
        if self.install and not self.venv:
            to_do.append(f"python -m venv .venv && {shell.in_venv('pip')} install -e '.[dev]'")
        if self.check and not self.tested:
            to_do.append(f"{shell.in_venv('python')} -m pytest")
        return Stopped(f"{headline}: {', '.join(made)}. To finish: {' && '.join(to_do)}", exit_code)


@dataclass(frozen=True)
class CheckResult:
    passed: bool
    summary: str
    output: str


def initial_commit(project: Path, author_name: str, author_email: str, template: str) -> None:
    """``git init`` and commit everything that is not ignored (``.env`` is).

    The commit is made as the user git knows, or as the project's author when
    git has no identity configured, on ``main`` whatever ``init.defaultBranch``
    says: the generated CI workflow runs on pushes to ``main``. It is also where
    the template branch starts: ``scaffold update`` commits later renders there,
    then merges them.
    """

    identity = git.identity(project, (author_name, author_email))
    with _removed_unless_finished(project / ".git"):
        try:
            # --initial-branch needs git 2.28 (2020), as GitHub's own instructions do.
            git.run("init", "--quiet", "--initial-branch", MAIN_BRANCH, cwd=project)
            git.run("add", "--all", cwd=project)
            git.run(
                *identity, "commit", "--quiet", "--no-verify", "--no-gpg-sign",
                "-m", f"Start from scaffold's {template} template",
                cwd=project,
            )  # fmt: skip
            git.run("branch", git.TEMPLATE_BRANCH, cwd=project)
        except git.GitError as error:
            raise StepError(str(error)) from error


def uv_binary() -> str | None:
    found = shutil.which("uv")
    if found:
        return found
    try:
        from uv import find_uv_bin
    except ImportError:
        return None
    try:
        return find_uv_bin()
    except FileNotFoundError:
        return None


def install(project: Path, installer: str = "auto") -> tuple[Path, str]:
    """Create ``.venv`` in the project and install it with its dev extra; return it and the tool.

    ``installer`` is ``uv``, ``pip``, or ``auto``: uv when it is installed, pip otherwise.
    ``project`` must be absolute: the commands run inside it.
    """
    venv = project / ".venv"
    uv = uv_binary() if installer in ("auto", "uv") else None
    if installer == "uv" and uv is None:
        raise StepError("uv is not installed; install it (pip install uv) or use --installer pip")
    python = venv / "bin" / "python"
    with _removed_unless_finished(venv):
        if uv:
            # --seed: pip in the venv too, so that the README's `python -m pip install`
            # installs here (without it, an activated venv's `pip` is another Python's).
            _run(
                [uv, "venv", "--seed", "--quiet", "--python", sys.executable, str(venv)],
                project,
                "uv venv",
            )
            _run(
                [uv, "pip", "install", "--quiet", "--python", str(python), "-e", ".[dev]"],
                project,
                "uv pip install",
            )
            return venv, "uv"
        _run([sys.executable, "-m", "venv", str(venv)], project, "python -m venv")
        _run(
            [str(python), "-m", "pip", "install", "--quiet", "-e", ".[dev]"],
            project,
            "pip install",
        )
        return venv, "pip"


def run_tests(project: Path, venv: Path) -> CheckResult:
    """Run the project's own test suite in its venv, as its README says."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTEST_")}
    env.pop("VIRTUAL_ENV", None)
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    result = processes.run(
        [venv / "bin" / "python", "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        cwd=project,
        env=env,
    )
    # pytest's summary line, without the rule around it: "= 3 passed in 0.1s ="
    summary = processes.last_line(result.stdout).strip("= ")
    return CheckResult(passed=result.returncode == 0, summary=summary, output=result.stdout)


@contextmanager
def _removed_unless_finished(path: Path) -> Iterator[None]:
    """Remove ``path`` (which the step creates) if the step fails or is interrupted."""
    try:
        yield
    except BaseException:
        shutil.rmtree(path, ignore_errors=True)
        raise


def _run(command: list[str], cwd: Path, step: str) -> None:
    result = processes.run(command, cwd=cwd)
    if result.returncode != 0:
        raise StepError(f"{step} failed in {cwd}: {processes.failure_line(result)}")
