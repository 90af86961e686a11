"""Paths typed on the command line: made absolute once, at the boundary, and shown back as typed.

Everything below the command line works with absolute paths, so a step that
runs in another folder (an installer run inside the project, git in a
worktree) can never resolve a relative path against the wrong one.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from pathlib import Path


def absolute(ctx: click.Context, param: click.Parameter, value: str | None) -> Path | None:
    """Click callback for a path argument: refuse an empty one, make it absolute."""
    # Imported here: `scaffold --help` loads this module, and pathlib would add
    # 9% to its start-up (docs/performance.md).
    from pathlib import Path

    if value is None:
        return None
    if not value.strip():
        raise click.BadParameter("is empty; name a folder, or . for the current one")
    return Path(os.path.abspath(os.path.expanduser(value)))


def shown(path: Path) -> str:
    """``path`` as a person would type it: relative when it lies in the current folder."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive, on Windows
        return str(path)
    return str(path) if relative.startswith("..") else relative


def is_current_folder(path: Path) -> bool:
    return os.path.abspath(path) == os.path.abspath(os.getcwd())
