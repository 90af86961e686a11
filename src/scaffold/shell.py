"""Commands printed for the user to copy, written for the shell they will paste them into.

That is a POSIX shell on Linux and macOS, and PowerShell on Windows, the
shell the generated READMEs give their Windows lines for. A path in a command
is quoted for that shell, so that `cd 'my site'` goes where it says.
"""

from __future__ import annotations

import re
import shlex
import sys

WINDOWS = sys.platform == "win32"

# What PowerShell reads as a single quote: the ASCII one and the typographic ones.
_POWERSHELL_SINGLE_QUOTES = re.compile("(['\u2018\u2019\u201a\u201b])")
_POWERSHELL_SAFE = re.compile(r"[\w./\\:-]+", re.ASCII)


def powershell_quote(word: str) -> str:
    """``word`` as one literal argument in PowerShell: single quotes, each inner one doubled."""
    if _POWERSHELL_SAFE.fullmatch(word):
        return word
    return "'" + _POWERSHELL_SINGLE_QUOTES.sub(r"\1\1", word) + "'"


def quote(word: str) -> str:
    """``word`` as one literal argument in the user's shell."""
    return powershell_quote(word) if WINDOWS else shlex.quote(word)


def in_venv(program: str) -> str:
    """``program`` of the project's ``.venv``, as the user's shell runs it."""
    return rf".venv\Scripts\{program}" if WINDOWS else f".venv/bin/{program}"


def activate() -> str:
    """The command that activates the project's ``.venv`` in the user's shell."""
    return r".venv\Scripts\Activate.ps1" if WINDOWS else ". .venv/bin/activate"
