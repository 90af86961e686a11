"""What a project needs once an update is merged: reinstalling it, migrating its database.

An update that changes the dependencies leaves a ``.venv`` without them, and
one that adds migrations leaves the database behind the models; the project's
tests pass all the same, since they build a fresh database. So ``scaffold
update`` ends by saying the commands to run, and ``--install`` runs them.

The commands use the venv's own Python (``.venv/bin/python -m pip``): a
``pip`` or ``flask`` found on PATH may belong to another Python. A venv that
uv made holds no pip, so it is reinstalled with ``uv pip install --python``.
"""

from __future__ import annotations

import os
import shlex
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scaffold import git, migrations, post, processes, shell
from scaffold.registry import Template

INSTALL_ARGS = ("install", "-e", ".[dev]")


@dataclass(frozen=True)
class Needs:
    """What the merged update asks of the project."""

    reinstall: bool = False
    migrate: tuple[str, ...] = ()  # the template's migrate command after `python`, when needed

    def commands(self, project: Path) -> list[str]:
        """The lines to run in the project's folder, as the user's shell reads them."""
        lines = [reinstall_command(project)] if self.reinstall else []
        if self.migrate:
            lines.append(shlex.join([shell.in_venv("python"), *self.migrate]))
        return lines


def migrate_args(template: Template, answers: dict[str, Any]) -> tuple[str, ...]:
    """The template's command that migrates the database (scaffold.toml's ``migrate``)."""
    declared = template.metadata.get("migrate")
    if not declared:
        return ()
    words = shlex.split(str(declared).format(**answers))
    return tuple(words[1:])  # past "python": the venv's own runs it


def needs(
    project: Path,
    template: Template,
    answers: dict[str, Any],
    before: str,
    after: str,
    env: dict[str, str],
) -> Needs:
    """What going from ``before`` to ``after`` (commits or trees) asks of the project."""
    changed = [
        path
        for path in git.run(
            "diff-tree", "-r", "--name-only", "-z", before, after, cwd=project, env=env
        ).stdout.split("\0")
        if path
    ]
    reinstall = "pyproject.toml" in changed and _dependencies(
        project, before, env
    ) != _dependencies(project, after, env)
    migrate = any(migrations.is_migration(path) for path in changed)
    return Needs(reinstall=reinstall, migrate=migrate_args(template, answers) if migrate else ())


def _dependencies(project: Path, revision: str, env: dict[str, str]) -> Any:
    """What pyproject.toml at ``revision`` asks pip to install: dependencies and extras."""
    shown = git.run("show", f"{revision}:pyproject.toml", cwd=project, env=env, check=False)
    if shown.returncode != 0:
        return None
    try:
        declared = tomllib.loads(shown.stdout).get("project", {})
    except tomllib.TOMLDecodeError:
        return shown.stdout  # unreadable: compared as text
    return declared.get("dependencies"), declared.get("optional-dependencies")


def reinstall_command(project: Path) -> str:
    """The line that installs the project into its ``.venv`` again (or makes the venv)."""
    python = shell.in_venv("python")
    install = shlex.join(INSTALL_ARGS)
    venv = project / ".venv"
    if not venv.is_dir():
        return f"python -m venv .venv && {python} -m pip {install}"
    if _has_pip(venv):
        return f"{python} -m pip {install}"
    return f"uv pip {shlex.join(['install', '--python', python, *INSTALL_ARGS[1:]])}"


def install(project: Path, migrate: tuple[str, ...]) -> Path:
    """Install the project into its ``.venv`` (made if missing), then run ``migrate`` there."""
    venv = project / ".venv"
    if not venv.is_dir():
        venv, _ = post.install(project)
    else:
        python = venv / "bin" / "python"
        if _has_pip(venv):
            command = [str(python), "-m", "pip", "--quiet", *INSTALL_ARGS]
        else:
            uv = post.uv_binary()
            if uv is None:
                raise post.StepError(
                    ".venv has no pip and uv is not installed: install uv, or remake .venv "
                    "with python -m venv .venv"
                )
            command = [uv, "pip", "install", "--quiet", "--python", str(python), *INSTALL_ARGS[1:]]
        _run(command, project, "reinstalling the project")
    if migrate:
        _run([str(venv / "bin" / "python"), *migrate], project, "migrating the database")
    return venv


def has_migrations(project: Path) -> bool:
    tracked = git.run("ls-files", "-z", cwd=project).stdout.split("\0")
    return any(migrations.is_migration(path) for path in tracked)


def _has_pip(venv: Path) -> bool:
    found = [*venv.glob("lib/python*/site-packages/pip"), venv / "Lib" / "site-packages" / "pip"]
    return any(folder.is_dir() for folder in found)


def _run(command: list[str], project: Path, step: str) -> None:
    # The project's own environment: its .env is read by the app, not a venv of ours.
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTEST_")}
    env.pop("VIRTUAL_ENV", None)
    result = processes.run(command, cwd=project, env=env)
    if result.returncode != 0:
        raise post.StepError(f"{step} failed: {processes.failure_line(result)}")
