"""The bare frameworks, measured the way the projects are: the claims' like-for-like baseline.

``hello_worlds/`` holds Flask and Django (configured in one file), each with a
JSON ``/healthz`` and TechEmpower's "fortunes" page: one query through the
framework's own database layer and one template, on a SQLite file of twelve
rows (the same files ``benchmarks/apps.py`` serves). Each is installed with the
framework version its full template got, and gunicorn, into a venv of its own,
then imported, served and loaded exactly as the projects are, so "bare Flask
against bare Django" and "flask-full against django-full" are two comparisons
made the same way.
"""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from scaffold.compare import first_run
from scaffold.compare.runs import Subject
from scaffold.compare.serving import clean_environment
from scaffold.compare.spread import Spread
from scaffold.compare.steps import import_ms, install, run_step
from scaffold.compare.timing import Say

FOLDER = Path(__file__).parent / "hello_worlds"
ENTRIES = {"flask": "flask_hello:app", "django": "django_hello:application"}
PAGES = ("/fortunes", "/healthz")
# What a bare app has to measure; the projects' own figures are a superset.
FIGURES = (
    "install_seconds", "distributions", "site_packages_mib", "import_ms", "rss_mib",
    "requests_per_second", "rss_mib_after_load", "first_200_seconds",
)  # fmt: skip
# TechEmpower's fortunes, whose page escapes markup and sorts non-ASCII text.
FORTUNES = (
    "fortune: No such file or directory",
    "A computer scientist is someone who fixes things that aren't broken.",
    "After enough decimal places, nobody gives a damn.",
    "A bad random number generator: 1, 1, 1, 1, 1, 4.33e+67, 1, 1, 1",
    "A computer program does what you tell it to do, not what you want it to do.",
    "Emacs is a nice operating system, but I prefer UNIX. — Tom Christaensen",
    "Any program that runs right is obsolete.",
    "A list is only as strong as its weakest link. — Donald Knuth",
    "Feature: A bug with seniority.",
    "Computers make very fast, very accurate mistakes.",
    '<script>alert("This should not be displayed in a browser alert box.");</script>',
    "フレームワークのベンチマーク",
)


@dataclass(frozen=True)
class Bare:
    framework: str
    version: str
    figures: dict[str, Spread | None]
    # Page by page: requests/s at saturation and latency percentiles (p50, p90, p99, in ms).
    pages: dict[str, dict[str, Spread]] = field(default_factory=dict)
    # Each worker's memory after the load, from the lightest to the heaviest.
    workers_rss_mib: tuple[Spread, ...] = ()


def framework_version(venv: Path, framework: str) -> str:
    """The version of ``framework`` (or any distribution) a measured venv holds."""
    code = f"import importlib.metadata as m; print(m.version({framework!r}))"
    return run_step(framework, [str(venv / "bin" / "python"), "-c", code], venv, {}).strip()


def set_up(framework: str, version: str, workspace: Path) -> Subject:
    """The hello world in a folder with its fortunes' database, served from a venv of its own.

    Set up while another one is (untimed), so it says nothing of its progress.
    """
    name = f"bare {framework}"
    folder = workspace / f"bare-{framework}"
    folder.mkdir(parents=True)
    module = ENTRIES[framework].partition(":")[0]
    shutil.copy(FOLDER / f"{module}.py", folder)
    shutil.copytree(FOLDER / "templates", folder / "templates")
    database = folder / "fortunes.sqlite3"
    seed_fortunes(database)
    venv = workspace / f"bare-{framework}-venv"
    requirements = (f"{framework}=={version}", "gunicorn")
    env = {**clean_environment(), "SECRET_KEY": "bare-hello-world-" + "x" * 40}
    install(name, venv, folder, env, *requirements)
    served = {**env, "PATH": f"{venv / 'bin'}:{env.get('PATH', '')}",
              "BARE_DATABASE": str(database)}  # fmt: skip
    entry = ENTRIES[framework]
    import_ms(name, folder, venv, entry, served)  # compiles the bytecode: not counted

    def first_200(say: Say) -> first_run.FirstRun:
        return first_run.bare_seconds(name, folder, workspace / "first-200", list(requirements),
                                      entry, served, say)  # fmt: skip

    return Subject(
        name=name, framework=framework, root=folder, venv=venv, entry=entry, env=served,
        pages=PAGES, install_targets=requirements, own=frozenset(), first_200=first_200,
        install_in_first_200=True,
    )  # fmt: skip


def seed_fortunes(database: Path) -> None:
    """The fortunes table both bare apps read, with Django's column names."""
    with sqlite3.connect(database) as connection:
        connection.execute("CREATE TABLE fortune (id INTEGER PRIMARY KEY, message TEXT NOT NULL)")
        connection.executemany(
            "INSERT INTO fortune (id, message) VALUES (?, ?)", enumerate(FORTUNES, start=1)
        )
    connection.close()
