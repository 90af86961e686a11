"""scaffold's errors, and one line for whatever escaped a command.

Every error of ours is a :class:`ScaffoldError`: like Copier's
``UserMessageError``, it carries the message the user sees, which says what is
wrong and how to fix it. The command line shows it as it is, in one line, with
no traceback. Anything else that escapes a command is described here in one
line too: an ``OSError`` by what it means for the files being written, one of
Copier's by its own message, and the rest as a bug to report.

This module is imported by the modules that raise, so it imports nothing heavy.
"""

from __future__ import annotations

import errno

# The exit code of a command stopped by Ctrl-C: 128 + SIGINT, as shells report it.
INTERRUPTED = 130


class ScaffoldError(Exception):
    """A problem the user can fix; the message says what is wrong and how to fix it."""

    exit_code = 1
    # Shown before the message; None when the message makes its own headline.
    label: str | None = "Error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class ScaffoldUsageError(ScaffoldError):
    """A mistake in what was typed: a value no option takes, a missing argument.

    Shown, as Click shows its own usage errors, with exit code 2 and a pointer
    to the help of the command that was typed.
    """

    exit_code = 2


def describe(error: BaseException) -> str:
    """A one-line message for an exception that escaped a command."""
    if isinstance(error, ScaffoldError):
        return one_line(error.message)
    if isinstance(error, OSError):
        return _describe_os_error(error)
    if _is_copier_error(error):
        return f"the template could not be rendered: {one_line(str(error))}"
    return (
        f"unexpected {type(error).__name__}: {one_line(str(error))} "
        "(run `scaffold --debug ...` for the traceback, and report it)"
    )


def one_line(text: str) -> str:
    return " ".join(text.split())


def _describe_os_error(error: OSError) -> str:
    where = f" {error.filename}" if error.filename else ""
    if error.errno == errno.ENOSPC:
        return f"no space left on the disk to write{where}; free some space and try again"
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"not allowed to write{where}; choose a folder you can write to"
    return f"cannot write{where}: {error.strerror or error}"


def _is_copier_error(error: BaseException) -> bool:
    return any(cls.__module__.startswith("copier") for cls in type(error).__mro__)
