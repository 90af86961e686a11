"""Benchmark 5: each generated project's own test suite, as its developer runs it.

Each template is rendered with its defaults (every option on) and installed
with its dev extra; then ``python -m pytest -q`` is timed as a whole process
in the project's folder, the templates in alternation. Target: under 4 s each
on 2 cores (issue #24). The ratio is against django-full: the two full
templates test the same behaviours of the reference app.

Wall-clock time is the target, but on a shared machine it mostly measures the
others' load; CPU time (user + system, the suite's subprocesses included) is
printed beside it, with the load average before and after. Each suite gets a
temporary folder of its own (TMPDIR): pytest removes old ``pytest-N`` folders
from the shared one when it starts, and deleting another project's leftovers
is no part of this suite's time. PYTHONDONTWRITEBYTECODE is dropped from the
suites' environment: a developer's machine keeps the compiled test modules
(pytest's assertion rewriting included) between runs, and a shell or sandbox
that sets it would add their compilation to every run. pytest's cache stays on,
as in the README's command: flask-full keeps its compiled templates there. The
warm-up run pays what a fresh clone's first run pays.
Run from the repository with its venv active: ``python benchmarks/suites.py``.
"""

from __future__ import annotations

import os
import statistics
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
        entries = {}
        for name, project in projects.items():
            temporary = Path(scratch, f"{name}-tmp")
            temporary.mkdir()
            python = str(project / ".venv" / "bin" / "python")
            environment = ["env", "-u", "PYTHONDONTWRITEBYTECODE", f"TMPDIR={temporary}"]
            entries[name] = [*environment, python, "-m", "pytest", "-q"]
        print(f"load average before: {load()}")
        timings = compare(entries, runs=args.runs, cwd=projects)
        print(f"load average after: {load()}")
        baseline = "django-full" if "django-full" in entries else names[0]
        print(report("Generated test suites (python -m pytest -q)", timings, baseline=baseline))
        print("\nCPU time (user + system)")
        for timing in timings:
            cpu = timing.cpu_seconds
            print(
                f"{timing.label:<44} median {statistics.median(cpu) * 1000:8.1f} ms "
                f"(min {min(cpu) * 1000:.1f}, max {max(cpu) * 1000:.1f}, n={len(cpu)})"
            )


def load() -> str:
    return " ".join(f"{figure:.2f}" for figure in os.getloadavg())


if __name__ == "__main__":
    main()
