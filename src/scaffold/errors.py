"""Say in one line what went wrong and how to fix it, whatever raised it."""

from __future__ import annotations

import errno
import re

COPIER_VALIDATION = re.compile(
    r"Validation error for question '(?P<key>[^']+)': (?P<message>.*)", re.S
)


def describe(error: BaseException) -> str:
    """A one-line message for an exception that escaped a command."""
    from scaffold.answers import AnswerError
    from scaffold.choose import DecisionError
    from scaffold.export import ExportError
    from scaffold.git import GitError
    from scaffold.post import StepError
    from scaffold.render import RenderError
    from scaffold.update import UpdateError

    known = (AnswerError, RenderError, DecisionError, StepError, ExportError, UpdateError, GitError)
    if isinstance(error, known):
        return str(error)
    if isinstance(error, OSError):
        return _describe_os_error(error)
    if isinstance(error, ValueError):
        return _describe_bad_answer(error)
    if _is_copier_error(error):
        return f"the template could not be rendered: {_one_line(str(error))}"
    return (
        f"unexpected {type(error).__name__}: {_one_line(str(error))} "
        "(run `scaffold --debug ...` for the traceback, and report it)"
    )


def _describe_bad_answer(error: ValueError) -> str:
    text = str(error)
    match = COPIER_VALIDATION.match(text)
    if match:
        key = match["key"]
        return f"{_one_line(match['message'])} (set it with --data {key}=...)"
    return f"invalid answer: {_one_line(text)}"


def _describe_os_error(error: OSError) -> str:
    where = f" {error.filename}" if error.filename else ""
    if error.errno == errno.ENOSPC:
        return f"no space left on the disk to write{where}; free some space and try again"
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"not allowed to write{where}; choose a folder you can write to"
    return f"cannot write{where}: {error.strerror or error}"


def _is_copier_error(error: BaseException) -> bool:
    return any(cls.__module__.startswith("copier") for cls in type(error).__mro__)


def _one_line(text: str) -> str:
    return " ".join(text.split())
