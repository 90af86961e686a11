"""Benchmark 2: ``scaffold new --defaults`` against raw ``copier copy`` of the same template.

Target: within 1.3x of ``copier copy``. ``django-admin startproject`` is timed
too, for scale: it writes five files and asks nothing.
Run from the repository with its venv active: ``python benchmarks/generate.py``.
"""

from __future__ import annotations

import shutil

from timing import TEMPLATES, compare, report, template_arguments, tool


def main() -> None:
    args, names = template_arguments(__doc__, runs=7)
    scaffold = tool("scaffold")
    copier = tool("copier")
    django_admin = shutil.which("django-admin")
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
