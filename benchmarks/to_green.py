"""Benchmark 3: from nothing to a project whose own tests pass, per template and installer.

``scaffold new DEST -t NAME --defaults --check`` renders, creates .venv,
installs the project with its dev extra and runs its tests. Target: under 20 s
per template with uv and a warm package cache. The first (warm-up) run of
each fills the caches.
Run from the repository with its venv active: ``python benchmarks/to_green.py``.
"""

from __future__ import annotations

from timing import compare, report, template_arguments, tool


def main() -> None:
    args, names = template_arguments(__doc__, runs=3)
    scaffold = tool("scaffold")
    for name in names:
        entries = {
            f"{name} with {installer}": lambda scratch, name=name, installer=installer: [
                scaffold, "new", str(scratch / "p"), "-t", name, "--defaults", "--no-git",
                "--check", "--installer", installer,
            ]
            for installer in ("uv", "pip")
        }  # fmt: skip
        timings = compare(entries, runs=args.runs)
        print(report(f"New project to green tests: {name}", timings, baseline=f"{name} with uv"))
        print()


if __name__ == "__main__":
    main()
