"""The bare framework, for scale: Flask with one JSON route and nothing else.

With BARE_DATABASE set, /healthz makes the same round trip to that SQLite file
as the reference app's, on one connection kept by the worker (flask-full's
SQLAlchemy pool keeps its connections too), so the two compare like for like.
"""

import os
import sqlite3

from flask import Flask

app = Flask(__name__)
DATABASE = os.environ.get("BARE_DATABASE")
connection = sqlite3.connect(DATABASE) if DATABASE else None


@app.get("/healthz")
def healthz() -> dict[str, str]:
    if connection:
        connection.execute("SELECT 1").fetchone()
    return {"status": "ok"}
