"""Benchmark 5: each generated project's own test suite, as its developer runs it.

Each template is rendered with its defaults (every option on) and installed
with its dev extra; then ``python -m pytest -q`` is timed as a whole process
in the project's folder, the templates in alternation. Target: under 4 s each
on 2 cores (issue #24). The ratio is against django-full: the two full
templates test the same behaviours of the reference app.

``--against REF`` renders the same templates from an older commit of this
repository too (its own ``scaffold``, run from ``git archive REF``) and times
them in the same rounds: each round runs a template's suite and its older
suite back to back, and the per-round ratios say what changed whatever the
machine's speed that minute (on a shared VM it drifts by half again).

Wall-clock time is the target, but on a shared machine it mostly measures the
others' load; CPU time (user + system, the suite's subprocesses included) is
printed beside it, with the load average before and after. Each suite gets a
temporary folder of its own (TMPDIR): pytest removes old ``pytest-N`` folders
from the shared one when it starts, and deleting another project's leftovers
is no part of this suite's time. PYTHONDONTWRITEBYTECODE is dropped from the
suites' environment (timing.py's clean environment): a developer's machine keeps
the compiled test modules (pytest's assertion rewriting included) between runs,
and a shell or sandbox that sets it would add their compilation to every run.
pytest's cache stays on, as in the README's command: flask-full keeps its
compiled templates there. The warm-up run pays what a fresh clone's first run pays.
Run from the repository with its venv active: ``python benchmarks/suites.py``.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from timing import TEMPLATES, Timing, compare, report, template_arguments, tool

REPOSITORY = TEMPLATES.parent


def main() -> None:
    args, names = template_arguments(__doc__, runs=5, more=against_option)
    with tempfile.TemporaryDirectory(prefix="scaffold-suites-") as scratch:
        scaffold = [tool("scaffold")]
        if args.against:
            older = [sys.executable, "-m", "scaffold"]
            source = checkout(args.against, Path(scratch, "older"))
        projects = {}
        for name in names:  # each template beside its older self, so a round times them in turn
            projects[name] = render(scaffold, name, Path(scratch, name))
            if args.against:
                label = f"{name} @ {args.against}"
                projects[label] = render(older, name, Path(scratch, label), pythonpath=source)
        entries = {label: suite(folder) for label, folder in projects.items()}
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
        if args.against:
            print(f"\nAgainst {args.against}, round by round (now / then)")
            by_label = {timing.label: timing for timing in timings}
            for name in names:
                print(paired_ratios(by_label[name], by_label[f"{name} @ {args.against}"]))


def against_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--against", metavar="REF", help="also time the suites of an older commit (git ref)"
    )


def checkout(ref: str, folder: Path) -> Path:
    """The ``src`` folder of ``ref``'s scaffold, its templates beside it, as in a checkout."""
    archive = subprocess.run(
        ["git", "archive", ref, "src", "templates"],
        cwd=REPOSITORY,
        check=True,
        capture_output=True,
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as files:
        files.extractall(folder, filter="data")
    return folder / "src"


def render(scaffold: list[str], name: str, project: Path, pythonpath: Path | None = None) -> Path:
    environment = dict(os.environ)
    if pythonpath is not None:
        environment["PYTHONPATH"] = str(pythonpath)
    subprocess.run(
        [*scaffold, "new", str(project), "-t", name, "--defaults", "--no-git", "--install"],
        check=True,
        capture_output=True,
        env=environment,
    )
    return project


def suite(project: Path) -> list[str]:
    temporary = Path(f"{project}-tmp")
    temporary.mkdir()
    python = str(project / ".venv" / "bin" / "python")
    return ["env", f"TMPDIR={temporary}", python, "-m", "pytest", "-q"]


def paired_ratios(now: Timing, then: Timing) -> str:
    ratios = sorted(new / old for new, old in zip(now.seconds, then.seconds, strict=True))
    return (
        f"{now.label:<44} {statistics.median(ratios):5.2f}x "
        f"(min {ratios[0]:.2f}, max {ratios[-1]:.2f}, n={len(ratios)})"
    )


def load() -> str:
    return " ".join(f"{figure:.2f}" for figure in os.getloadavg())


if __name__ == "__main__":
    main()
