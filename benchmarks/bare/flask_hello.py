"""The bare framework, for scale: Flask with one JSON route and nothing else.

With BARE_DATABASE set, /healthz makes the same round trip to that SQLite file
as the reference app's, so the two can be compared like for like.
"""

import os
import sqlite3

from flask import Flask

app = Flask(__name__)
DATABASE = os.environ.get("BARE_DATABASE")


@app.get("/healthz")
def healthz():
    if DATABASE:
        with sqlite3.connect(DATABASE) as connection:
            connection.execute("SELECT 1").fetchone()
    return {"status": "ok"}
