"""Benchmark 1: how fast scaffold starts, against Click alone and Copier's own CLI.

Target: ``scaffold --help`` within 2x of ``python -c "import click"``.
Run from the repository with its venv active: ``python benchmarks/startup.py``.
"""

from __future__ import annotations

import argparse
import shutil
import sys

from timing import compare, report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    scaffold = shutil.which("scaffold") or sys.exit("scaffold is not on PATH: activate the venv")
    copier = shutil.which("copier") or sys.exit("copier is not on PATH")
    timings = compare(
        {
            "python -c 'import click'": [sys.executable, "-c", "import click"],
            "scaffold --help": [scaffold, "--help"],
            "scaffold list": [scaffold, "list"],
            "scaffold list --format json": [scaffold, "list", "--format", "json"],
            "copier --help": [copier, "--help"],
        },
        runs=args.runs,
    )
    print(report("Start-up", timings, baseline="python -c 'import click'"))


if __name__ == "__main__":
    main()
