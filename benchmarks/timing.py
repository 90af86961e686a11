"""Time whole commands the way the benchmarks report them.

Each command runs once to warm caches, then ``runs`` times; we keep the
median and the spread, and time peers in alternation (A B A B ...) so that a
machine getting slower or faster half way hurts both sides alike. Ratios are
what the notes quote: absolute times vary from machine to machine.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from scaffold.compare.serving import clean_environment

Command = Sequence[str]
Setup = Callable[[Path], None]


@dataclass
class Timing:
    label: str
    seconds: list[float]
    # CPU seconds (user + system) of each run: less moved than the wall clock by other
    # work on the machine, which takes turns on the cores but not this process's CPU time.
    cpu_seconds: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    def describe(self) -> str:
        return (
            f"{self.label:<44} median {self.median * 1000:8.1f} ms "
            f"(min {min(self.seconds) * 1000:.1f}, max {max(self.seconds) * 1000:.1f}, "
            f"n={len(self.seconds)})"
        )


def time_once(command: Command, cwd: Path | None = None) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one run of ``command``."""
    cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        list(command),
        cwd=cwd,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL,
        env={**clean_environment(), "NO_COLOR": "1"},
    )
    wall = time.perf_counter() - start
    cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (cpu_after.ru_utime - cpu_before.ru_utime) + (cpu_after.ru_stime - cpu_before.ru_stime)
    return wall, cpu


def compare(
    entries: dict[str, Command | Callable[[Path], Command]],
    runs: int = 7,
    warmup: int = 1,
    cwd: dict[str, Path] | None = None,
) -> list[Timing]:
    """Time each entry in alternation.

    A callable entry gets a fresh scratch folder each run, which is also where it
    runs unless ``cwd`` names another folder for its label.
    """
    timings = {label: Timing(label, []) for label in entries}
    for round_number in range(warmup + runs):
        for label, entry in entries.items():
            scratch = Path(tempfile.mkdtemp(prefix="scaffold-bench-"))
            try:
                command = entry(scratch) if callable(entry) else entry
                seconds, cpu = time_once(command, cwd=(cwd or {}).get(label, scratch))
            finally:
                shutil.rmtree(scratch, ignore_errors=True)
            if round_number >= warmup:
                timings[label].seconds.append(seconds)
                timings[label].cpu_seconds.append(cpu)
    return list(timings.values())


def report(title: str, timings: list[Timing], baseline: str) -> str:
    base = next(t for t in timings if t.label == baseline)
    lines = [title, "-" * len(title)]
    for timing in timings:
        ratio = timing.median / base.median
        lines.append(f"{timing.describe()}  {ratio:5.2f}x {baseline}")
    return "\n".join(lines)


TEMPLATES = Path(__file__).resolve().parents[1] / "templates"


def template_arguments(
    description: str,
    runs: int,
    more: Callable[[argparse.ArgumentParser], None] | None = None,
) -> tuple[argparse.Namespace, list[str]]:
    """``--runs``, the template names to time (all of them by default), and ``more``'s options."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--runs", type=int, default=runs)
    if more is not None:
        more(parser)
    parser.add_argument("templates", nargs="*", help="template names (default: all)")
    args = parser.parse_args()
    names = args.templates or sorted(p.name for p in TEMPLATES.iterdir() if p.is_dir())
    return args, names


def tool(name: str) -> str:
    """The full path of a command, or stop with a word on how to get it."""
    return shutil.which(name) or sys.exit(f"{name} is not on PATH: activate the venv")
