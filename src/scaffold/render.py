"""The one place that calls Copier: render a template into a folder, all or nothing.

Copier writes file by file into its destination, so a failure or a Ctrl-C half
way leaves a half-written project behind. We render into a hidden staging
folder beside the destination and rename it into place only once Copier has
finished: the rename is atomic on one filesystem, so the user gets the whole
project or nothing.

An existing empty folder (``.`` included) is never replaced: the user's shell
may stand in it. The staging folder then goes inside it, and once Copier has
finished its entries are moved up one by one; if that is cut short, what was
moved is removed again, so the folder is left as empty as it was.

``staged`` is that staging on its own, for commands that build more than one
render in a folder (``scaffold workshop``).
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from scaffold.answers import AnswerError
from scaffold.errors import ScaffoldError
from scaffold.paths import shown

STAGING_SUFFIX = ".scaffold-partial"
# How Copier says that an answer failed its question's validator, or is not one of its choices.
COPIER_VALIDATION = re.compile(
    r"Validation error for question '(?P<key>[^']+)': (?P<message>.*)", re.S
)
COPIER_CHOICE = re.compile(r"Invalid choice for '(?P<key>[^']+)': (?P<message>.*)", re.S)


class RenderError(ScaffoldError):
    """The destination cannot take the project: it holds something, or cannot be written."""


def check_destination(dest: Path) -> None:
    """Refuse a destination that holds anything, or that cannot be a folder."""
    if dest.is_symlink() or (dest.exists() and not dest.is_dir()):
        raise RenderError(f"{shown(dest)} exists and is not a folder; choose another destination")
    if dest.is_dir() and any(dest.iterdir()):
        raise RenderError(
            f"{shown(dest)} already exists and is not empty; choose a new folder or empty this one"
        )


def render(
    template_path: Path,
    dest: Path,
    data: Mapping[str, Any],
    *,
    defaults: bool,
    user_defaults: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Render the template at ``template_path`` into ``dest``; return the answers used.

    ``dest`` must not exist or be an empty folder. Nothing is left behind when
    rendering fails or is interrupted, not even parent folders created for it.
    ``user_defaults`` replace the template's defaults (still asked, unlike ``data``).
    """
    with staged(dest) as staging:
        try:
            return _copy(template_path, staging, data, defaults, user_defaults)
        except OSError as error:
            raise _nothing_written(error, dest) from error


@contextmanager
def staged(dest: Path) -> Iterator[Path]:
    """A hidden folder to build ``dest`` in, put in its place when the block ends.

    ``dest`` must not exist or be an empty folder. If the block raises (Ctrl-C
    included), the staging folder and any parent folder made for it are removed,
    and the exception goes on as it was.
    """
    dest = Path(os.path.abspath(dest))
    check_destination(dest)
    if dest.is_dir():
        with _staged_in_empty_folder(dest) as staging:
            yield staging
        return
    created_parents = _make_parents(dest.parent)
    try:
        staging = Path(
            tempfile.mkdtemp(prefix=f".{dest.name}.", suffix=STAGING_SUFFIX, dir=dest.parent)
        )
    except OSError as error:
        _remove_parents(created_parents)
        raise RenderError(f"cannot write to {dest.parent}: {error.strerror}") from error
    # mkdtemp makes the folder private (0700); once in place it is a folder like any other.
    staging.chmod(0o777 & ~_umask())
    try:
        yield staging
        if dest.exists():
            raise RenderError(f"{dest} appeared meanwhile; nothing was written")
        try:
            staging.rename(dest)
        except OSError as error:
            raise _nothing_written(error, dest) from error
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        _remove_parents(created_parents)
        raise


@contextmanager
def _staged_in_empty_folder(dest: Path) -> Iterator[Path]:
    try:
        staging = Path(tempfile.mkdtemp(prefix=".scaffold.", suffix=STAGING_SUFFIX, dir=dest))
    except OSError as error:
        raise RenderError(f"cannot write to {dest}: {error.strerror}") from error
    moved: list[Path] = []
    try:
        yield staging
        try:
            for entry in sorted(staging.iterdir()):
                target = dest / entry.name
                if target.exists() or target.is_symlink():
                    raise RenderError(f"{target} appeared meanwhile; nothing was written")
                entry.rename(target)
                moved.append(target)
            staging.rmdir()
        except OSError as error:
            raise _nothing_written(error, dest) from error
    except BaseException:
        for path in moved:
            _remove(path)
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _umask() -> int:
    """The process's umask; reading it means setting it, so it is set back at once."""
    current = os.umask(0o077)
    os.umask(current)
    return current


def _nothing_written(error: OSError, dest: Path) -> RenderError:
    return RenderError(f"cannot write {dest}: {error.strerror or error}; nothing was written")


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def preview(
    template_path: Path,
    data: Mapping[str, Any],
    *,
    defaults: bool,
    user_defaults: Mapping[str, Any] | None = None,
) -> list[Path]:
    """The files rendering would write, relative to the destination; writes nothing there."""
    with tempfile.TemporaryDirectory(suffix=STAGING_SUFFIX) as scratch:
        _copy(template_path, Path(scratch), data, defaults, user_defaults)
        root = Path(scratch)
        return sorted(path.relative_to(root) for path in root.rglob("*") if path.is_file())


def _copy(
    template_path: Path,
    dest: Path,
    data: Mapping[str, Any],
    defaults: bool,
    user_defaults: Mapping[str, Any] | None,
) -> dict[str, Any]:
    import copier  # heavy: imported only when something is rendered

    from scaffold.registry import Template

    template = Template(name=template_path.name, path=template_path.resolve())
    try:
        worker = copier.run_copy(
            str(template.path),
            dest,
            # Not a question: what the answers file records as the project's origin.
            data={"scaffold": template.record(), **data},
            user_defaults=dict(user_defaults or {}),
            defaults=defaults,
            quiet=True,
            overwrite=True,
            cleanup_on_error=False,
            unsafe=False,
        )
    except ValueError as error:
        refused = _refused_answer(error)
        if refused is None:
            raise
        raise refused from error
    return {key: value for key, value in worker.answers.combined.items() if not key.startswith("_")}


def _refused_answer(error: ValueError) -> AnswerError | None:
    """Copier's plain ValueError for an answer its question refuses, as our AnswerError.

    Copier raises one when an answer given as data fails the question's
    validator or is not one of its choices (asked in a terminal, the question is
    asked again instead). Its other errors are its own classes, and stay so.
    """
    for pattern in (COPIER_VALIDATION, COPIER_CHOICE):
        match = pattern.match(str(error))
        if match:
            key = match["key"]
            reason = match["message"].strip()
            return AnswerError(f"{reason} (set it with --data {key}=...)", reason=reason)
    return None


def _make_parents(folder: Path) -> list[Path]:
    """Create ``folder`` and its missing parents; return those created, deepest first."""
    missing = []
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for path in reversed(missing):
        try:
            path.mkdir()
        except OSError as error:
            _remove_parents([p for p in missing if p.exists()])
            raise RenderError(f"cannot create {path}: {error.strerror}") from error
    return missing


def _remove_parents(created: list[Path]) -> None:
    for path in created:
        try:
            path.rmdir()
        except OSError:
            return
