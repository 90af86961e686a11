"""The database each measured project is served from: a scratch SQLite file, or PostgreSQL.

With ``--database-url``, every project gets a database of its own on that
server, made afresh (``scaffold_measure_<project>``) so that migrations and the
seeded blog start from nothing, and dropped at the end; the database the URL
names is only connected to, never written. The statements run in the
project's own venv, through the psycopg it installed to talk to PostgreSQL.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from scaffold.compare.serving import MeasureError
from scaffold.compare.steps import run_step

PREFIX = "scaffold_measure_"
# Ends any session still on the database (a gunicorn worker just stopped), then drops it.
RECREATE = """
import sys
import psycopg

server, name, make = sys.argv[1], sys.argv[2], sys.argv[3] == "make"
with psycopg.connect(server, autocommit=True) as connection:
    connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    if make:
        connection.execute(f'CREATE DATABASE "{name}"')
"""


def scratch_name(project: str) -> str:
    """A database name of scaffold's own for ``project``: letters, digits and _ only."""
    return PREFIX + re.sub(r"[^a-z0-9]+", "_", project.lower()).strip("_")


def url_of(server: str, name: str) -> str:
    """``server``'s URL naming the database ``name`` instead."""
    return urlsplit(server)._replace(path=f"/{name}").geturl()


def recreate(project: str, venv: Path, server: str, name: str) -> str:
    """An empty database ``name`` on ``server``; its URL."""
    _run(project, venv, server, name, "make")
    return url_of(server, name)


def drop(project: str, venv: Path, server: str, name: str) -> None:
    _run(project, venv, server, name, "drop")


def _run(project: str, venv: Path, server: str, name: str, action: str) -> None:
    python = venv / "bin" / "python"
    found = "import importlib.util as u; print(u.find_spec('psycopg') is not None)"
    has_driver = run_step(project, [str(python), "-c", found], venv, {})
    if has_driver.strip() != "True":
        raise MeasureError(
            f"{project}: --database-url needs the project to use PostgreSQL (psycopg is not "
            "installed in it); render it with --data database=postgresql"
        )
    run_step(project, [str(python), "-c", RECREATE, server, name, action], venv, {})
