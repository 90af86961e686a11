"""Benchmark 2: ``scaffold new --defaults`` against raw ``copier copy`` of the same template.

Target: within 1.3x of ``copier copy``. ``django-admin startproject`` is timed
too, for scale: it writes five files and asks nothing.
Run from the repository with its venv active: ``python benchmarks/generate.py``.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from timing import compare, report

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("templates", nargs="*", help="template names (default: all)")
    args = parser.parse_args()
    scaffold = shutil.which("scaffold") or sys.exit("scaffold is not on PATH: activate the venv")
    copier = shutil.which("copier") or sys.exit("copier is not on PATH")
    django_admin = shutil.which("django-admin")
    names = args.templates or sorted(p.name for p in TEMPLATES.iterdir() if p.is_dir())
    for name in names:
        source = str(TEMPLATES / name)
        entries = {
            f"copier copy --defaults {name}": lambda scratch, source=source: [
                copier, "copy", "--quiet", "--defaults", source, str(scratch / "p"),
            ],
            f"scaffold new --defaults -t {name}": lambda scratch, name=name: [
                scaffold, "new", str(scratch / "p"), "-t", name, "--defaults", "--no-git",
            ],
        }  # fmt: skip
        if django_admin:
            entries["django-admin startproject"] = lambda scratch: [
                django_admin, "startproject", "mysite", str(scratch),
            ]  # fmt: skip
        timings = compare(entries, runs=args.runs)
        print(report(f"Generate {name}", timings, baseline=f"copier copy --defaults {name}"))
        print()


if __name__ == "__main__":
    main()
