"""Benchmark 1: how fast scaffold starts, against Click alone and Copier's own CLI.

Target: ``scaffold --help`` within 1.25x of ``python -c "import click"``, timed in
the same run. Run from the repository with its venv active:
``python benchmarks/startup.py``. The commands run in alternation, so a machine
that gets busier half way slows them alike; the paired ratio is the median of
each round's ``scaffold --help`` over that round's ``import click``, by the wall
clock and by CPU time (user + system), which other work on the machine moves
much less. The load average is printed before and after, to say how busy it was.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys

from timing import compare, report

BASELINE = "python -c 'import click'"
EMPTY_GROUP_HELP = "import click; click.Group('empty', help='Nothing.').main(['--help'])"
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
            # The floor: Click printing the help of a group that holds nothing.
            "an empty Click group's --help": [sys.executable, "-c", EMPTY_GROUP_HELP],
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
    help_, click = by_label["scaffold --help"], by_label[BASELINE]
    print("\nscaffold --help / import click, paired by round:")
    for clock, mine, theirs in (
        ("wall clock", help_.seconds, click.seconds),
        ("CPU time", help_.cpu_seconds, click.cpu_seconds),
    ):
        paired = [a / b for a, b in zip(mine, theirs, strict=True)]
        median = statistics.median(paired)
        verdict = "within" if median <= TARGET else "NOT within"
        print(
            f"  {clock:<10} median {median:.2f}x (min {min(paired):.2f}, max {max(paired):.2f}), "
            f"medians {statistics.median(mine) * 1000:.1f} / {statistics.median(theirs) * 1000:.1f}"
            f" ms: {verdict} the {TARGET}x target"
        )


def _load() -> str:
    return " ".join(f"{figure:.2f}" for figure in os.getloadavg())


if __name__ == "__main__":
    main()
