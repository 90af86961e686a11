"""git, run as its own executable: scaffold keeps no version-control logic of its own.

Every call goes through :func:`run`, which turns a failure into a
:class:`GitError` carrying git's own last line, and a Ctrl-C that reached git
first into the ``KeyboardInterrupt`` the rest of scaffold expects.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Mapping
from pathlib import Path

from scaffold import processes
from scaffold.errors import ScaffoldError

# The branch of a generated project that holds only what the template rendered;
# the user's branch starts from it, and `scaffold update` merges from it.
TEMPLATE_BRANCH = "scaffold/template"


class GitError(ScaffoldError):
    """git refused or failed; the message is git's own last line."""


def available() -> bool:
    return shutil.which("git") is not None


def run(
    *args: str, cwd: Path, check: bool = True, env: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``git ARGS`` in ``cwd``; raise :class:`GitError` when it fails and ``check`` is set.

    ``env`` adds to the environment (a scratch index or object store).
    """
    try:
        result = processes.run(["git", *args], cwd=cwd, env={**os.environ, **env} if env else None)
    except FileNotFoundError as error:
        if error.filename != "git":
            raise  # the folder is missing, not git
        raise GitError("git is not installed; install it, then try again") from None
    if check and result.returncode != 0:
        raise GitError(f"git {_command(args)} failed: {processes.failure_line(result)}")
    return result


def _command(args: tuple[str, ...]) -> str:
    """The git command ARGS run, past the options before it (``-c name=value``, ``--git-dir``)."""
    rest = list(args)
    while rest and rest[0].startswith("-"):
        option = rest.pop(0)
        if option in ("-c", "-C", "--git-dir", "--work-tree") and rest:
            rest.pop(0)
    return rest[0] if rest else "(no command)"


def config(key: str, cwd: Path) -> str | None:
    """A value of git's configuration as seen from ``cwd``, or None when unset."""
    if not available():
        return None
    value = run("config", "--get", key, cwd=cwd, check=False).stdout.strip()
    return value or None


def identity(cwd: Path, fallback: tuple[str, str]) -> list[str]:
    """Options that give git an author when it has none configured; empty when it has one.

    The fallback is the project's author from its answers, so a machine without a
    git identity (a fresh container, CI) can still commit.
    """
    if config("user.email", cwd) is not None:
        return []
    name, email = fallback
    return ["-c", f"user.name={name}", "-c", f"user.email={email}"]
