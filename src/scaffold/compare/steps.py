"""The steps a measurement runs: install into a venv, import an application, any command.

A step that fails raises :class:`MeasureError` naming the project, the step and
the last line it printed. The figures a project and a bare framework share are
taken and summed up here, once, so that the two are measured the same way.
"""

from __future__ import annotations

import shutil
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from scaffold import processes
from scaffold.compare.serving import MeasureError, Settings, requests_per_second, rss_mib, serve

COMMAND_TIMEOUT = 600.0
# Installed into every venv by the installer itself, not by what is measured.
INSTALLER_TOOLING = {"pip", "setuptools", "wheel"}


def timed_installs(
    name: str,
    venv: Path,
    root: Path,
    env: dict[str, str],
    targets: list[str],
    runs: int,
    advance: Callable[[str], None],
) -> list[float]:
    """Seconds of ``runs`` installs of ``targets``, each into a fresh ``venv``.

    An untimed install comes first, so that every timed one finds the installer's
    cache warm; the venv of the last one is left for the other figures.
    """
    install(name, venv, root, env, *targets)
    times = []
    for run in range(runs):
        shutil.rmtree(venv, ignore_errors=True)
        times.append(install(name, venv, root, env, *targets))
        advance(f"install {run + 1}/{runs}")
    return times


def import_and_serve(
    name: str,
    root: Path,
    venv: Path,
    entry: str,
    env: dict[str, str],
    settings: Settings,
    advance: Callable[[str], None],
) -> tuple[list[float], list[float | None], list[float]]:
    """Import times, then worker memory and requests/s under gunicorn: ``settings.runs`` of each.

    The first import compiles the application and its libraries to bytecode and is
    not counted: a served application pays that once, not at every start.
    """
    import_ms(name, root, venv, entry, env)
    advance("import warm-up")
    import_times = []
    for run in range(settings.runs):
        import_times.append(import_ms(name, root, venv, entry, env))
        advance(f"import {run + 1}/{settings.runs}")
    memory, rates = [], []
    for run in range(settings.runs):
        with serve(name, root, venv, entry, env) as (port, worker):
            memory.append(rss_mib(worker))
            rates.append(requests_per_second(port, settings))
        advance(f"serve {run + 1}/{settings.runs}")
    return import_times, memory, rates


def site_packages(venv: Path) -> tuple[Path, int]:
    """The venv's site-packages folder and its size in bytes, bytecode caches aside."""
    site = next(venv.glob("lib/python*/site-packages"))
    size = sum(p.stat().st_size for p in site.rglob("*") if "__pycache__" not in p.parts)
    return site, size


def shared_figures(
    install_times: list[float],
    distributions: int,
    size: int,
    import_times: list[float],
    memory: list[float | None],
    rates: list[float],
) -> dict[str, float | None]:
    """The medians every measured subject reports; memory is None where /proc is not."""
    readings = [rss for rss in memory if rss is not None]
    return {
        "install_seconds": statistics.median(install_times),
        "distributions": distributions,
        "site_packages_mib": size / 2**20,
        "import_ms": statistics.median(import_times),
        "rss_mib": statistics.median(readings) if len(readings) == len(memory) else None,
        "requests_per_second": statistics.median(rates),
    }


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
    return float(processes.last_line(out))


def run_step(name: str, command: list[str], cwd: Path, env: dict[str, str]) -> str:
    result = processes.run(command, cwd=cwd, env=env, timeout=COMMAND_TIMEOUT)
    if result.returncode != 0:
        step = " ".join([Path(command[0]).name, *command[1:3]])
        raise MeasureError(f"{name}: {step} failed: {processes.failure_line(result)}")
    return result.stdout
