"""The loads ``--measure`` puts on a served page: wrk at saturation, hey at a rate held.

Requests per second are read at saturation: wrk keeps two connections per
gunicorn worker busy, so no worker waits for work. Without wrk a Python client
makes the load instead (one request at a time, each on a new connection), and
the report says which load was used. Latency is read below saturation, at the
same rate for every subject that serves the page: hey holds that rate and
writes each request's time (``-o csv``), from which the percentiles are taken
here, since hey's own summary leaves the 99th out on a short load.
"""

from __future__ import annotations

import csv
import io
import math
import re
import shutil
import time

from scaffold import processes
from scaffold.compare.serving import MeasureError, Settings, get

PERCENTILES = (50, 90, 99)
NO_HEY = (
    "hey is not installed: --measure reads each page's latency at a fixed rate with it "
    "(apt-get install hey, or brew install hey)"
)


def require_hey() -> None:
    if shutil.which("hey") is None:
        raise MeasureError(NO_HEY)


def requests_per_second(port: int, settings: Settings, path: str = "/healthz") -> float:
    """Requests per second ``path`` answers at saturation; any answer but 200 is an error."""
    url = f"http://127.0.0.1:{port}{path}"
    if shutil.which("wrk"):
        command = ["wrk", "-t1", f"-c{settings.connections}", f"-d{settings.whole_seconds}s",
                   "--timeout", "5s", url]  # fmt: skip
        loaded = processes.run(command, timeout=settings.whole_seconds + 30)
        if loaded.returncode != 0:
            raise MeasureError(f"wrk failed on {url}: {processes.failure_line(loaded)}")
        errors = re.search(r"Non-2xx.*", loaded.stdout)
        if errors:
            raise MeasureError(f"{path} answered errors under load ({errors.group(0).strip()})")
        rate = re.search(r"Requests/sec:\s+([\d.]+)", loaded.stdout)
        if rate is None:
            raise MeasureError(
                f"wrk printed no Requests/sec for {url}: {processes.last_line(loaded.stdout)}"
            )
        return float(rate.group(1))
    count, start = 0, time.monotonic()
    while time.monotonic() - start < settings.seconds:
        get(port, path)
        count += 1
    return count / (time.monotonic() - start)


def latency_ms(port: int, path: str, rate: float, settings: Settings) -> dict[str, float]:
    """p50, p90 and p99 of ``path``'s response times, in ms, at ``rate`` requests/s in all."""
    url = f"http://127.0.0.1:{port}{path}"
    loaded = processes.run(
        ["hey", *hey_arguments(rate, settings), "-o", "csv", url],
        timeout=settings.whole_latency_seconds + 30,
    )
    if loaded.returncode != 0:
        raise MeasureError(f"hey failed on {url}: {processes.failure_line(loaded)}")
    times, statuses = [], set()
    for row in csv.DictReader(io.StringIO(loaded.stdout)):
        times.append(float(row["response-time"]) * 1000)
        statuses.add(row["status-code"])
    if statuses - {"200"}:
        raise MeasureError(f"{path} answered {', '.join(sorted(statuses))} at {rate:g} requests/s")
    if not times:
        raise MeasureError(f"hey made no request to {url} in {settings.whole_latency_seconds}s")
    return {f"p{p}": percentile(times, p) for p in PERCENTILES}


def hey_arguments(rate: float, settings: Settings) -> list[str]:
    """hey's rate is per connection (``-q``): the rate asked, shared by its connections."""
    per_connection = round(rate / settings.connections, 2)
    return ["-c", str(settings.connections), "-q", f"{per_connection:g}",
            "-z", f"{settings.whole_latency_seconds}s"]  # fmt: skip


def latency_load(settings: Settings) -> str:
    return f"hey -c {settings.connections} -q RATE/{settings.connections} " \
        f"-z {settings.whole_latency_seconds}s"  # fmt: skip


def percentile(values: list[float], which: float) -> float:
    """The nearest-rank percentile: a time some request really took, not an interpolation."""
    ordered = sorted(values)
    rank = max(1, math.ceil(which / 100 * len(ordered)))
    return ordered[rank - 1]


def held_rate(saturations: list[float]) -> float:
    """The rate latency is read at: a third of the slowest subject's probed saturation.

    A third leaves every subject room even when a busy machine halves what the
    probe saw, so what is timed is a page answered, not a queue.
    """
    return max(1.0, round(min(saturations) / 3, 1))
