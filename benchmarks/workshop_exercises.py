"""Benchmark 7: each workshop exercise as a student does it, to time the lesson plan.

For each exercise, in each app of a classroom `scaffold workshop` makes (both
installed with uv), from a clean start (`git reset --hard workshop-start`, a
fresh database made with the guide's command):

- what the student types: the files of the solution, its lines and the
  characters on them (leading spaces left out: editors indent), less the
  migrations, which the guide's commands write;
- the guide's commands for it, timed on this machine: the migration commands
  the exercise's steps give, its check, `ruff format`, `ruff check`, `pytest`.

The minutes it prints are a model, not an observation of students: typing at
TYPING characters a minute, READING minutes per file to find the place and
read around it, and the commands' own time. Compare them with the minutes in
exercises.toml (the "plan" column).

Run from the repository with its venv active: ``python benchmarks/workshop_exercises.py``.
"""

from __future__ import annotations

import argparse
import re
import shlex
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from timing import tool

from scaffold.workshop.exercises import START_TAG, exercises

TYPING = 100  # characters a minute: a newcomer typing code, about 20 words a minute
READING = 1.0  # minutes per file touched
APPS = {"flask": "flask-app", "django": "django-app"}
MIGRATIONS = ":(exclude,glob)**/migrations/**"
AFTER = ["ruff format", "ruff check", "pytest -q -p no:cacheprovider"]


def run(command: str, cwd: Path, venv: Path, check: bool = True) -> float:
    started = time.perf_counter()
    result = subprocess.run(
        [str(venv / "bin" / shlex.split(command)[0]), *shlex.split(command)[1:]],
        cwd=cwd, capture_output=True, text=True, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    if check and result.returncode != 0:
        raise SystemExit(f"{command} failed in {cwd}:\n{result.stdout[-2000:]}{result.stderr}")
    return time.perf_counter() - started


def git(*args: str, cwd: Path, input: str | None = None) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, input=input)
    if done.returncode != 0:
        raise SystemExit(f"git {' '.join(args)} failed: {done.stderr}")
    return done.stdout


def typed(app: Path, branch: str) -> tuple[int, int, int]:
    """Files, lines and characters the student types for the solution on ``branch``."""
    diff = git("diff", START_TAG, branch, "--", ".", MIGRATIONS, cwd=app)
    files = len(re.findall(r"^diff --git ", diff, flags=re.M))
    added = [line[1:].strip() for line in diff.splitlines() if line.startswith("+")]
    added = [line for line in added if not line.startswith("++ ")]
    return files, len(added), sum(len(line) for line in added)


def commands(framework: str, steps: tuple[str, ...], package: str) -> list[str]:
    """The migration commands an exercise's steps give, as the guide prints them."""
    given = [command for step in steps for command in re.findall(r"`([^`]+)`", step)]
    wanted = ("flask --app", "python manage.py")
    found = [command.replace("{package_name}", package) for command in given]
    return [command for command in found if command.startswith(wanted)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    uv = tool("uv")
    with tempfile.TemporaryDirectory(prefix="scaffold-exercises-") as scratch:
        room = Path(scratch) / "class"
        subprocess.run([tool("scaffold"), "workshop", str(room)], check=True, capture_output=True)
        package = "class_blog"
        print(f"{'exercise':<14}{'app':<8}{'files':>6}{'lines':>6}{'chars':>6}"
              f"{'commands s (median, min-max)':>30}{'model min':>10}{'plan':>6}")  # fmt: skip
        for framework, folder in APPS.items():
            app = room / folder
            venv = app / ".venv"
            subprocess.run([uv, "venv", "-q", str(venv)], check=True)
            subprocess.run(
                [uv, "pip", "install", "-q", "--python", str(venv / "bin" / "python"),
                 "-e", ".[dev]"], cwd=app, check=True,
            )  # fmt: skip
            create = "flask --app class_blog db upgrade" if framework == "flask" else (
                "python manage.py migrate")  # fmt: skip
            for exercise in exercises():
                steps = commands(framework, exercise.steps[framework], package)
                check = f"pytest -q -p no:cacheprovider {exercise.check}"
                seconds = []
                for _ in range(args.runs):
                    git("reset", "--quiet", "--hard", START_TAG, cwd=app)
                    git("clean", "--quiet", "-d", "--force", "-x", "-e", ".venv", "-e", ".env",
                        cwd=app)  # fmt: skip
                    run(create, app, venv)
                    edits = git("diff", START_TAG, exercise.branch, "--", ".", MIGRATIONS, cwd=app)
                    git("apply", cwd=app, input=edits)
                    seconds.append(sum(run(c, app, venv) for c in [*steps, check, *AFTER]))
                files, lines, chars = typed(app, exercise.branch)
                spent = chars / TYPING + files * READING + statistics.median(seconds) / 60
                spread = f"{statistics.median(seconds):.1f} ({min(seconds):.1f}-{max(seconds):.1f})"
                print(f"{exercise.name:<14}{framework:<8}{files:>6}{lines:>6}{chars:>6}"
                      f"{spread:>30}{spent:>10.1f}{exercise.minutes:>6}")  # fmt: skip
            git("reset", "--quiet", "--hard", START_TAG, cwd=app)


if __name__ == "__main__":
    main()
