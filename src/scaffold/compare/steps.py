"""The steps a measurement runs: install into a venv, import an application, any command.

A step that fails raises :class:`MeasureError` naming the project, the step and
the last line it printed.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from scaffold import processes
from scaffold.compare.serving import MeasureError

COMMAND_TIMEOUT = 600.0
# Put into a venv by whatever made it (python -m venv, virtualenv, uv), not by what is measured.
INSTALLER_TOOLING = {"pip", "setuptools", "wheel", "uv"}


def dependencies_in(venv: Path, excluded: set[str]) -> tuple[set[str], int]:
    """The distributions in the venv's site-packages and their bytes, ``excluded`` aside.

    Counted from each distribution's own RECORD, so that what the installer put
    there for itself (pip, setuptools, wheel, uv's ``_virtualenv.pth``) is not
    counted whatever made the venv; bytecode caches aside, as they come and go.
    """
    from scaffold.compare.dependencies import installed

    site = next(venv.glob("lib/python*/site-packages")).resolve()
    names, size = set(), 0
    for name, dist in installed([str(site)]).items():
        if name in excluded | INSTALLER_TOOLING:
            continue
        names.add(name)
        for file in dist.files or ():
            if "__pycache__" in file.parts:
                continue
            path = Path(str(dist.locate_file(file))).resolve()
            # RECORD also lists the scripts in bin/: what is measured is site-packages.
            if path.is_relative_to(site) and path.is_file():
                size += path.stat().st_size
    return names, size


# The first pip that installs into another interpreter's environment (``pip --python``).
PIP_WITH_PYTHON = (22, 3)


def outside_pip() -> bool:
    """Whether the pip beside scaffold can install into a venv that has no pip of its own.

    Making a venv with pip in it (ensurepip) takes about 5 s of CPU, the same for
    every project: in a figure timed from the venv on it would hide the difference
    measured, and it is the cost of the installer, not of the project. uv makes
    venvs without pip; with pip 22.3 or later, pip does the same from outside.
    """
    from importlib.metadata import PackageNotFoundError, version

    try:
        found = version("pip")
    except PackageNotFoundError:
        return False
    numbers = tuple(int(part) for part in found.split(".")[:2] if part.isdigit())
    return numbers >= PIP_WITH_PYTHON


def install(name: str, venv: Path, root: Path, env: dict[str, str], *targets: str) -> float:
    """Install ``targets`` into ``venv`` (made first if need be); return the install's seconds.

    The venv is made before the clock starts: what is timed is the install, which is what
    differs between projects. It is made without pip whenever the installer can install
    into it from outside (uv, or pip 22.3 and later; see ``outside_pip``).
    """
    from scaffold.post import uv_binary

    uv = uv_binary()
    python = venv / "bin" / "python"
    pip_outside = not uv and outside_pip()
    if not venv.exists():
        make = [uv, "venv", "--quiet", "--python", sys.executable, str(venv)] if uv else None
        without_pip = ["--without-pip"] if pip_outside else []
        run_step(name, make or [sys.executable, "-m", "venv", *without_pip, str(venv)], root, env)
    command = [uv, "pip", "install", "--quiet", "--python", str(python)] if uv else None
    if pip_outside:
        command = [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet"]
    command = command or [str(python), "-m", "pip", "install", "--quiet"]
    start = time.perf_counter()
    run_step(name, [*command, *targets], root, env)
    return time.perf_counter() - start


def import_ms(name: str, root: Path, venv: Path, entry: str, env: dict[str, str]) -> float:
    """A fresh interpreter loading the WSGI application as gunicorn would."""
    module, _, attribute = entry.partition(":")
    load = f"getattr(m, {attribute.removesuffix('()')!r})"
    if attribute.endswith("()"):
        load += "()"
    code = (
        "import importlib, time; s = time.perf_counter(); "
        f"m = importlib.import_module({module!r}); {load}; "
        "print((time.perf_counter() - s) * 1000)"
    )
    out = run_step(name, [str(venv / "bin" / "python"), "-c", code], root, env)
    return float(processes.last_line(out))


def run_step(
    name: str, command: list[str], cwd: Path, env: dict[str, str], stdin: str | None = None
) -> str:
    result = processes.run(command, cwd=cwd, env=env, input=stdin, timeout=COMMAND_TIMEOUT)
    if result.returncode != 0:
        step = " ".join([Path(command[0]).name, *command[1:3]])
        raise MeasureError(f"{name}: {step} failed: {processes.failure_line(result)}")
    return result.stdout
