"""Benchmark 5: each generated project's own test suite, as its developer runs it.

Each template is rendered with its defaults (every option on) and installed
with its dev extra; then ``python -m pytest -q`` is timed as a whole process
in the project's folder, the templates in alternation. Target: under 3 s each.
The ratio is against django-full: the two full templates test the same twenty
behaviours of the reference app.
Run from the repository with its venv active: ``python benchmarks/suites.py``.
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from timing import compare, report, template_arguments, tool


def main() -> None:
    args, names = template_arguments(__doc__, runs=5)
    scaffold = tool("scaffold")
    with tempfile.TemporaryDirectory(prefix="scaffold-suites-") as scratch:
        projects = {name: Path(scratch, name) for name in names}
        for name, project in projects.items():
            subprocess.run(
                [scaffold, "new", project, "-t", name, "--defaults", "--no-git", "--install"],
                check=True,
                capture_output=True,
            )
        pytest = ["-m", "pytest", "-q", "-p", "no:cacheprovider"]
        entries = {
            name: [str(project / ".venv" / "bin" / "python"), *pytest]
            for name, project in projects.items()
        }
        timings = compare(entries, runs=args.runs, cwd=projects)
        baseline = "django-full" if "django-full" in entries else names[0]
        print(report("Generated test suites (python -m pytest -q)", timings, baseline=baseline))


if __name__ == "__main__":
    main()
