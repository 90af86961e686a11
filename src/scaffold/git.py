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

# The branch of a generated project that holds only what the template rendered;
# the user's branch starts from it, and `scaffold update` merges from it.
TEMPLATE_BRANCH = "scaffold/template"


class GitError(Exception):
    """git refused or failed; the message is git's own last line."""


def available() -> bool:
    return shutil.which("git") is not None


def run(
    *args: str, cwd: Path, check: bool = True, env: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``git ARGS`` in ``cwd``; raise :class:`GitError` when it fails and ``check`` is set.

    ``env`` adds to the environment (a scratch index or object store).
    """
    result = processes.run(["git", *args], cwd=cwd, env={**os.environ, **env} if env else None)
    if check and result.returncode != 0:
        raise GitError(f"git {args[0]} failed: {processes.failure_line(result)}")
    return result


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
