"""``--measure``: what each project costs to install, start and serve, on this machine.

Every figure is the median of several runs, and reports show each project
against the first, because absolute times vary between machines and ratios
much less. Projects are measured on a copy in the scratch folder with a venv
of their own, so a user's folder is never written to. Servers run in their
own session and are stopped in ``finally``, whatever happens.

Requests per second come from ``wrk -t1 -c1`` when it is installed, otherwise
from a Python client: one request at a time, each on a new connection (the
sync worker closes it after answering), for a fixed time.
"""

from __future__ import annotations

import http.client
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from scaffold.compare import dependencies
from scaffold.compare.projects import Project

# The figures, in report order: key, label, unit, whether more is better.
FIGURES = (
    ("install_seconds", "install time", "s", False),
    ("distributions", "installed distributions", "", False),
    ("site_packages_mib", "site-packages size", "MiB", False),
    ("import_ms", "application import time", "ms", False),
    ("rss_mib", "worker memory after start", "MiB", False),
    ("requests_per_second", "/healthz requests/s", "", True),
    ("tests_seconds", "own test suite", "s", False),
)
# Settings a project reads from the environment; scaffold's own must not leak in.
PROJECT_SETTINGS = (
    "SECRET_KEY",
    "DATABASE_URL",
    "DEBUG",
    "ALLOWED_HOSTS",
    "DJANGO_SETTINGS_MODULE",
)
NOT_THE_PROJECT = (".venv", "__pycache__", ".git", ".pytest_cache", "instance", "*.sqlite3")
INSTALLER_TOOLING = {"pip", "setuptools", "wheel"}
START_TIMEOUT = 30.0
COMMAND_TIMEOUT = 600.0


class MeasureError(RuntimeError):
    """A step failed; the message names the project, the step and the last line it printed."""


@dataclass(frozen=True)
class Settings:
    runs: int = 3
    seconds: float = 2.0

    @property
    def load(self) -> str:
        if shutil.which("wrk"):
            return f"wrk -t1 -c1 -d{self.whole_seconds}s"
        return f"Python client: sequential requests, a new connection each, for {self.seconds:g} s"

    @property
    def whole_seconds(self) -> int:
        return max(1, round(self.seconds))


@dataclass(frozen=True)
class Measured:
    figures: dict[str, float | None]
    installed: tuple[str, ...]
    # Installed to serve the project although it does not declare it (gunicorn for flask-minimal).
    added: tuple[str, ...]


def installer() -> str:
    from scaffold.post import uv_binary

    return "uv" if uv_binary() else "pip"


def measure_all(
    projects: list[Project], workspace: Path, settings: Settings
) -> dict[str, Measured]:
    """Measure each project in turn, with a progress bar on stderr."""
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    steps = 4 + 4 * settings.runs
    columns = (TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=False) as progress:
        results = {}
        for project in projects:
            task = progress.add_task(project.name, total=steps)

            def advance(step: str, task=task, name=project.name) -> None:
                progress.update(task, advance=1, description=f"{name}: {step}")

            results[project.name] = _measure(project, workspace / "measure", settings, advance)
            progress.update(task, description=f"{project.name}: done")
    return results


def _measure(
    project: Project, workspace: Path, settings: Settings, advance: Callable[[str], None]
) -> Measured:
    root = workspace / project.name.replace("+", "plus-")
    shutil.copytree(project.root, root, ignore=shutil.ignore_patterns(*NOT_THE_PROJECT))
    env = clean_environment()
    runs = range(settings.runs)

    venv = workspace / f"{root.name}-venv"
    install_times = []
    for run in runs:
        shutil.rmtree(venv, ignore_errors=True)
        install_times.append(_install(project.name, venv, root, env, "-e", str(root)))
        advance(f"install {run + 1}/{settings.runs}")
    site = next(venv.glob("lib/python*/site-packages"))
    installed = _distributions(site, root)
    size = sum(p.stat().st_size for p in site.rglob("*") if "__pycache__" not in p.parts)

    added = () if "gunicorn" in installed else ("gunicorn",)
    _install(project.name, venv, root, env, "-e", f"{root}[dev]", *added)
    advance("dev extra installed")
    entry = entry_point(root, project.answers)
    served = {
        **env,
        "PATH": f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}",
        "VIRTUAL_ENV": str(venv),
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": f"sqlite:///{workspace / root.name}.sqlite3",
    }
    for command in prepare_commands(root, venv, project.answers):
        _run(project.name, command, root, served)
    advance("database prepared")

    # The first import compiles the project and its libraries to bytecode; a served app
    # pays that once, not at every start.
    _import_ms(project.name, root, venv, entry, served)
    advance("import warm-up")
    import_times = []
    for run in runs:
        import_times.append(_import_ms(project.name, root, venv, entry, served))
        advance(f"import {run + 1}/{settings.runs}")
    memory, rates = [], []
    for run in runs:
        with serve(project.name, root, venv, entry, served) as (port, worker):
            memory.append(rss_mib(worker))
            rates.append(requests_per_second(port, settings))
        advance(f"serve {run + 1}/{settings.runs}")
    tests_env = {**env, "PATH": served["PATH"], "VIRTUAL_ENV": str(venv)}
    _tests_seconds(project.name, root, venv, tests_env)
    advance("tests warm-up")
    test_times = []
    for run in runs:
        test_times.append(_tests_seconds(project.name, root, venv, tests_env))
        advance(f"tests {run + 1}/{settings.runs}")

    figures = {
        "install_seconds": statistics.median(install_times),
        "distributions": len(installed),
        "site_packages_mib": size / 2**20,
        "import_ms": statistics.median(import_times),
        "rss_mib": None if None in memory else statistics.median(memory),
        "requests_per_second": statistics.median(rates),
        "tests_seconds": statistics.median(test_times),
    }
    return Measured(figures=figures, installed=tuple(sorted(installed)), added=added)


def clean_environment() -> dict[str, str]:
    """Ours, without what would change how a project runs.

    PYTHONDONTWRITEBYTECODE goes too: with it every import would compile again, and
    import and test times would measure the compiler, which a developer's machine
    pays once.
    """
    return {
        key: value
        for key, value in os.environ.items()
        if key not in PROJECT_SETTINGS
        and key not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME", "PYTHONDONTWRITEBYTECODE")
        and not key.startswith("PYTEST_")
    }


def _install(name: str, venv: Path, root: Path, env: dict[str, str], *targets: str) -> float:
    """Install ``targets`` into ``venv`` (made first if need be); return the install's seconds.

    The venv is made before the clock starts: what is timed is the install, which is what
    differs between projects.
    """
    from scaffold.post import uv_binary

    uv = uv_binary()
    python = venv / "bin" / "python"
    if not venv.exists():
        make = [uv, "venv", "--quiet", "--python", sys.executable, str(venv)] if uv else None
        _run(name, make or [sys.executable, "-m", "venv", str(venv)], root, env)
    install = [uv, "pip", "install", "--quiet", "--python", str(python)] if uv else None
    install = install or [str(python), "-m", "pip", "install", "--quiet"]
    start = time.perf_counter()
    _run(name, [*install, *targets], root, env)
    return time.perf_counter() - start


def _distributions(site: Path, root: Path) -> set[str]:
    """What the install put in site-packages, the project itself and pip's tooling aside."""
    own = {dependencies.normalise(root.name)}
    pyproject = root / "pyproject.toml"
    if pyproject.is_file():
        import tomllib

        with pyproject.open("rb") as file:
            name = tomllib.load(file).get("project", {}).get("name")
        if name:
            own.add(dependencies.normalise(name))
    found = set(dependencies.installed([str(site)]))
    return found - own - INSTALLER_TOOLING


def entry_point(root: Path, answers: dict) -> str:
    """How gunicorn finds the WSGI application, by the conventions each framework follows."""
    if (root / "manage.py").is_file():
        for wsgi in sorted(root.glob("*/wsgi.py")):
            if "application" in wsgi.read_text(encoding="utf-8"):
                return f"{wsgi.parent.name}.wsgi:application"
    if (root / "wsgi.py").is_file():
        return "wsgi:app"
    package = _package(root, answers)
    if package and "def create_app" in (root / package / "__init__.py").read_text("utf-8"):
        return f"{package}:create_app()"
    raise MeasureError(
        f"{root.name}: cannot tell how to serve it (no manage.py, wsgi.py or create_app)"
    )


def prepare_commands(root: Path, venv: Path, answers: dict) -> list[list[str]]:
    """What the project's README asks before serving: the database brought up to date."""
    if (root / "manage.py").is_file():
        return [[str(venv / "bin" / "python"), "manage.py", "migrate", "--no-input"]]
    package = _package(root, answers)
    if package and (root / "migrations").is_dir():
        return [[str(venv / "bin" / "flask"), "--app", package, "db", "upgrade"]]
    return []


def _package(root: Path, answers: dict) -> str | None:
    name = answers.get("package_name")
    if name and (root / name / "__init__.py").is_file():
        return name
    candidates = sorted(
        p.parent.name for p in root.glob("*/__init__.py") if p.parent.name != "tests"
    )
    return candidates[0] if candidates else None


def _import_ms(name: str, root: Path, venv: Path, entry: str, env: dict[str, str]) -> float:
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
    out = _run(name, [str(venv / "bin" / "python"), "-c", code], root, env)
    return float(out.strip().splitlines()[-1])


@contextmanager
def serve(
    name: str, root: Path, venv: Path, entry: str, env: dict[str, str]
) -> Iterator[tuple[int, int | None]]:
    """gunicorn with one sync worker on a free port of 127.0.0.1; yield the port and worker pid."""
    port = free_port()
    log = root.parent / f"{root.name}-gunicorn.log"
    with log.open("wb") as errors:
        server = subprocess.Popen(
            [str(venv / "bin" / "gunicorn"), "--workers", "1", "--worker-class", "sync",
             "--graceful-timeout", "2", "--bind", f"127.0.0.1:{port}", entry],
            cwd=root, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=errors, start_new_session=True,
        )  # fmt: skip
    try:
        _wait_until_healthy(name, server, port, log)
        yield port, _worker_of(server.pid)
    finally:
        stop(server)


def stop(server: subprocess.Popen) -> None:
    """Stop gunicorn and its worker: politely, then by force."""
    if server.poll() is None:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    # A worker left behind by a master that died first shares its session.
    with suppress(ProcessLookupError, PermissionError):
        os.killpg(server.pid, signal.SIGKILL)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_healthy(name: str, server: subprocess.Popen, port: int, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        try:
            get_healthz(port)
            return
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                tail = log.read_text(errors="replace").strip().splitlines()[-5:]
                raise MeasureError(
                    f"{name}: gunicorn did not answer on /healthz: {' | '.join(tail)}"
                ) from None
            time.sleep(0.05)


def get_healthz(port: int) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.request("GET", "/healthz")
        response = connection.getresponse()
        response.read()
    finally:
        connection.close()
    if response.status != 200:
        raise MeasureError(f"/healthz answered {response.status}, not 200")


def _worker_of(master: int) -> int | None:
    children = Path(f"/proc/{master}/task/{master}/children")
    if not children.is_file():
        return None  # not Linux: no worker memory figure
    pids = children.read_text().split()
    return int(pids[0]) if pids else None


def rss_mib(pid: int | None) -> float | None:
    if pid is None:
        return None
    status = Path(f"/proc/{pid}/status").read_text()
    found = re.search(r"VmRSS:\s+(\d+) kB", status)
    return int(found.group(1)) / 1024 if found else None


def requests_per_second(port: int, settings: Settings) -> float:
    url = f"http://127.0.0.1:{port}/healthz"
    if shutil.which("wrk"):
        out = subprocess.run(
            ["wrk", "-t1", "-c1", f"-d{settings.whole_seconds}s", "--timeout", "5s", url],
            capture_output=True, text=True, check=True, timeout=settings.whole_seconds + 30,
        ).stdout  # fmt: skip
        if "Non-2xx" in out:
            raise MeasureError(f"/healthz answered errors under load:\n{out}")
        return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    count, start = 0, time.monotonic()
    while time.monotonic() - start < settings.seconds:
        get_healthz(port)
        count += 1
    return count / (time.monotonic() - start)


def _tests_seconds(name: str, root: Path, venv: Path, env: dict[str, str]) -> float:
    start = time.perf_counter()
    _run(name, [str(venv / "bin" / "python"), "-m", "pytest", "-q", "-p", "no:cacheprovider"],
         root, env)  # fmt: skip
    return time.perf_counter() - start


def _run(name: str, command: list[str], cwd: Path, env: dict[str, str]) -> str:
    result = subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True,
        stdin=subprocess.DEVNULL, timeout=COMMAND_TIMEOUT,
    )  # fmt: skip
    if result.returncode != 0:
        lines = (result.stderr or result.stdout).strip().splitlines()
        step = " ".join([Path(command[0]).name, *command[1:3]])
        raise MeasureError(f"{name}: {step} failed: {lines[-1] if lines else 'no output'}")
    return result.stdout
