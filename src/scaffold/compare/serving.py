"""Serve a WSGI application under gunicorn on 127.0.0.1 and read its workers' memory.

Servers run in their own session and are stopped in ``finally``, whatever
happens. The loads put on them are in ``loads.py``.
"""

from __future__ import annotations

import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from scaffold.errors import ScaffoldError

# Settings a project reads from the environment; scaffold's own must not leak in.
PROJECT_SETTINGS = (
    "SECRET_KEY",
    "DATABASE_URL",
    "DEBUG",
    "ALLOWED_HOSTS",
    "DJANGO_SETTINGS_MODULE",
)


START_TIMEOUT = 30.0


class MeasureError(ScaffoldError):
    """A step failed; the message names the project, the step and the last line it printed."""


@dataclass(frozen=True)
class Settings:
    """How ``--measure`` runs: runs per figure, length of each load, gunicorn's workers."""

    runs: int = 3
    # Each saturation load (wrk), and each load at a held rate (hey), per page.
    seconds: float = 2.0
    latency_seconds: float = 2.0
    workers: int = 2
    # A PostgreSQL server for the full templates; None is a scratch SQLite file each.
    database_url: str | None = None

    @property
    def load(self) -> str:
        if shutil.which("wrk"):
            return f"wrk -t1 -c{self.connections} -d{self.whole_seconds}s"
        return f"Python client: sequential requests, a new connection each, for {self.seconds:g} s"

    # Two per worker by default, so that no worker waits for a request.
    connections_per_worker: int = 2

    @property
    def connections(self) -> int:
        return self.connections_per_worker * self.workers

    @property
    def whole_seconds(self) -> int:
        return max(1, round(self.seconds))

    @property
    def whole_latency_seconds(self) -> int:
        return max(1, round(self.latency_seconds))


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


@contextmanager
def serve(
    name: str, root: Path, venv: Path, entry: str, env: dict[str, str]
) -> Iterator[tuple[int, int | None]]:
    """gunicorn with one sync worker on a free port of 127.0.0.1; yield the port and worker pid."""
    with serve_workers(name, root, venv, entry, env, workers=1) as (port, pids):
        yield port, pids[0] if pids else None


@contextmanager
def serve_workers(
    name: str, root: Path, venv: Path, entry: str, env: dict[str, str], workers: int
) -> Iterator[tuple[int, list[int]]]:
    """gunicorn with sync workers on a free port of 127.0.0.1; yield the port and worker pids.

    The pids are empty where /proc is not (not Linux): no memory figure there.
    """
    port = free_port()
    log = root.parent / f"{root.name}-gunicorn.log"
    with log.open("wb") as errors:
        server = subprocess.Popen(
            [str(venv / "bin" / "gunicorn"), "--workers", str(workers), "--worker-class", "sync",
             "--graceful-timeout", "2", "--bind", f"127.0.0.1:{port}", entry],
            cwd=root, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=errors, start_new_session=True,
        )  # fmt: skip
    try:
        _wait_until_healthy(name, server, port, log)
        yield port, _workers_of(server.pid, workers)
    finally:
        stop(server)


def stop(server: subprocess.Popen[bytes]) -> None:
    """Stop gunicorn and its worker: politely, then by force."""
    try:
        if server.poll() is None:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
    finally:
        # A worker left behind by a master that died first shares its session; and a
        # second Ctrl-C during the wait above must not leave the server running.
        with suppress(ProcessLookupError, PermissionError):
            os.killpg(server.pid, signal.SIGKILL)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _wait_until_healthy(name: str, server: subprocess.Popen[bytes], port: int, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        try:
            get(port, "/healthz")
            return
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                tail = log.read_text(errors="replace").strip().splitlines()[-5:]
                raise MeasureError(
                    f"{name}: gunicorn did not answer on /healthz: {' | '.join(tail)}"
                ) from None
            time.sleep(0.05)


def get(port: int, path: str) -> None:
    """One GET of ``path``; anything but 200 is a MeasureError."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
    finally:
        connection.close()
    if response.status != 200:
        raise MeasureError(f"{path} answered {response.status}, not 200")


def _workers_of(master: int, workers: int) -> list[int]:
    """The master's workers, once all have started (the first answer may come before)."""
    children = Path(f"/proc/{master}/task/{master}/children")
    if not children.is_file():
        return []  # not Linux: no worker memory figure
    deadline = time.monotonic() + START_TIMEOUT
    pids = [int(pid) for pid in children.read_text().split()]
    while len(pids) < workers and time.monotonic() < deadline:
        time.sleep(0.05)
        pids = [int(pid) for pid in children.read_text().split()]
    return sorted(pids)


def rss_mib(pid: int | None) -> float | None:
    if pid is None:
        return None
    status = Path(f"/proc/{pid}/status").read_text()
    found = re.search(r"VmRSS:\s+(\d+) kB", status)
    return int(found.group(1)) / 1024 if found else None
