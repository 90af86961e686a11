"""Benchmark 4, taken apart: where a /healthz request's time goes in the generated apps.

apps.py measures requests per second through gunicorn, which adds its own
fixed cost to every request. This script calls each WSGI application
in-process instead (benchmarks/probes/wsgi_cost.py, run in the project's own
venv), as generated and then without one piece of per-request machinery at a
time: each Flask hook and the signed cookie session, each Django middleware,
and the database round trip. What a request saves without a piece is what that
piece costs; the bare apps of apps.py are timed the same way, for scale.
Run from the repository with its venv active: ``python benchmarks/request_cost.py``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import tempfile
from pathlib import Path

from apps import Subject, prepared

PROBE = Path(__file__).resolve().parent / "probes" / "wsgi_cost.py"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=1000, help="requests in each timed run")
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="scaffold-request-cost-") as scratch:
        for framework, template, app, bare, bare_db in prepared(Path(scratch)):
            figures = probe(framework, app, args)
            generated = figures.pop("as generated")
            peers = {
                label: probe(framework, subject, args)["as generated"]
                for label, subject in (
                    ("bare", bare),
                    ("bare + the same database round trip", bare_db),
                )
            }
            width = max(map(len, [*figures, *peers]))
            print(
                f"{template}: GET /healthz in-process, microseconds per request "
                f"(median of {args.runs} runs of {args.requests})"
            )
            print(f"  {'as generated':<{width}} {generated:7.1f}")
            for label, figure in figures.items():
                print(f"  {label:<{width}} {figure:7.1f}  costs {generated - figure:5.1f}")
            for label, figure in peers.items():
                print(f"  {label:<{width}} {figure:7.1f}")
            print()


def probe(framework: str, subject: Subject, args: argparse.Namespace) -> dict[str, float]:
    entry = subject.entry if ":" in subject.entry else f"{subject.entry}:application"
    out = subprocess.run(
        [
            subject.venv / "bin" / "python",
            PROBE,
            framework,
            entry,
            str(args.requests),
            str(args.runs),
        ],
        cwd=subject.cwd,
        env=subject.environ(),
        capture_output=True,
        text=True,
    )
    if out.returncode:
        raise SystemExit(f"{entry}: the probe failed\n{out.stderr}")
    return json.loads(out.stdout)


if __name__ == "__main__":
    main()
