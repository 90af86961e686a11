"""The bare framework, for scale: Flask with a JSON health check and one page of rows.

With BARE_DATABASE set, /healthz makes the same round trip to that SQLite file
as the reference app's, on one connection kept by the worker (flask-full's
SQLAlchemy pool keeps its connections too), so the two compare like for like;
and /fortunes is TechEmpower's "fortunes": one query (sqlite3, the database
layer Flask's own tutorial uses, since Flask has no ORM) and one Jinja template
(templates/fortunes.html, the same file the Django app renders).
"""

import os
import sqlite3
from typing import NamedTuple

from flask import Flask, render_template

app = Flask(__name__)
DATABASE = os.environ.get("BARE_DATABASE")
connection = sqlite3.connect(DATABASE) if DATABASE else None


class Fortune(NamedTuple):
    id: int
    message: str


@app.get("/healthz")
def healthz() -> dict[str, str]:
    if connection:
        connection.execute("SELECT 1").fetchone()
    return {"status": "ok"}


@app.get("/fortunes")
def fortunes() -> str:
    assert connection is not None, "/fortunes reads BARE_DATABASE"
    rows = [Fortune(*row) for row in connection.execute("SELECT id, message FROM fortune")]
    rows.append(Fortune(0, "Additional fortune added at request time."))
    return render_template("fortunes.html", fortunes=sorted(rows, key=lambda f: f.message))
