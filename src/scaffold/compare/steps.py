"""The steps a measurement runs: install into a venv, import an application, any command.

A step that fails raises :class:`MeasureError` naming the project, the step and
the last line it printed.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from scaffold.compare.serving import MeasureError

COMMAND_TIMEOUT = 600.0


def install(name: str, venv: Path, root: Path, env: dict[str, str], *targets: str) -> float:
    """Install ``targets`` into ``venv`` (made first if need be); return the install's seconds.

    The venv is made before the clock starts: what is timed is the install, which is what
    differs between projects.
    """
    from scaffold.post import uv_binary

    uv = uv_binary()
    python = venv / "bin" / "python"
    if not venv.exists():
        make = [uv, "venv", "--quiet", "--python", sys.executable, str(venv)] if uv else None
        run_step(name, make or [sys.executable, "-m", "venv", str(venv)], root, env)
    command = [uv, "pip", "install", "--quiet", "--python", str(python)] if uv else None
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
    return float(out.strip().splitlines()[-1])


def run_step(name: str, command: list[str], cwd: Path, env: dict[str, str]) -> str:
    result = subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True,
        stdin=subprocess.DEVNULL, timeout=COMMAND_TIMEOUT,
    )  # fmt: skip
    if result.returncode != 0:
        lines = (result.stderr or result.stdout).strip().splitlines()
        step = " ".join([Path(command[0]).name, *command[1:3]])
        raise MeasureError(f"{name}: {step} failed: {lines[-1] if lines else 'no output'}")
    return result.stdout
