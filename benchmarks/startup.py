"""Benchmark 1: how fast scaffold starts, against Click alone and Copier's own CLI.

Target: ``scaffold --help`` within 1.25x of ``python -c "import click"``, timed in
the same run. Run from the repository with its venv active:
``python benchmarks/startup.py``. The commands run in alternation, so a machine
that gets busier half way slows them alike; the paired ratio is the median of
each round's ``scaffold --help`` over that round's ``import click``. The load
average is printed before and after: other work on the machine shows in it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys

from timing import Timing, compare, report

BASELINE = "python -c 'import click'"
TARGET = 1.25


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    scaffold = shutil.which("scaffold") or sys.exit("scaffold is not on PATH: activate the venv")
    copier = shutil.which("copier") or sys.exit("copier is not on PATH")
    print(f"load average before: {_load()}")
    timings = compare(
        {
            BASELINE: [sys.executable, "-c", "import click"],
            "scaffold --help": [scaffold, "--help"],
            "scaffold list": [scaffold, "list"],
            "scaffold list --format json": [scaffold, "list", "--format", "json"],
            "copier --help": [copier, "--help"],
        },
        runs=args.runs,
    )
    print(f"load average after: {_load()}")
    print(report("Start-up", timings, baseline=BASELINE))
    by_label = {timing.label: timing for timing in timings}
    paired = _paired_ratios(by_label["scaffold --help"], by_label[BASELINE])
    median = statistics.median(paired)
    verdict = "within" if median <= TARGET else "NOT within"
    print(
        f"\nscaffold --help / import click, paired by round: median {median:.2f}x "
        f"(min {min(paired):.2f}, max {max(paired):.2f}): {verdict} the {TARGET}x target"
    )


def _paired_ratios(timing: Timing, baseline: Timing) -> list[float]:
    return [mine / theirs for mine, theirs in zip(timing.seconds, baseline.seconds, strict=True)]


def _load() -> str:
    return " ".join(f"{figure:.2f}" for figure in os.getloadavg())


if __name__ == "__main__":
    main()
