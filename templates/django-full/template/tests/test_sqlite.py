import os
import sqlite3
import subprocess
import sys
from contextlib import closing

from django.conf import settings

# Each writer reads, then writes, in one transaction, as saving a post does (its slug is
# looked up first): what fails at once with "database is locked" when processes share an
# SQLite file without WAL, a busy timeout and IMMEDIATE transactions (settings.py).
WRITER = """
import sys
import django

django.setup()
from django.db import connection, transaction

for _ in range(50):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM visits")
        cursor.execute("INSERT INTO visits (writer) VALUES (%s)", [sys.argv[1]])
"""


def test_p28_several_processes_share_one_sqlite_file_without_locking(tmp_path):
    database = tmp_path / "shared.sqlite3"
    # closing(): a sqlite3 connection's own "with" commits but does not close.
    with closing(sqlite3.connect(database)) as connection:
        connection.execute("CREATE TABLE visits (id INTEGER PRIMARY KEY, writer TEXT)")
    environment = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "DJANGO_SETTINGS_MODULE": "tests.settings",
    }
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, f"writer {number}"],
            cwd=settings.BASE_DIR,
            env=environment,
            stderr=subprocess.PIPE,
            text=True,
        )
        for number in range(4)
    ]
    errors = [writer.communicate(timeout=120)[1] for writer in writers]
    assert [writer.returncode for writer in writers] == [0] * 4, errors

    with closing(sqlite3.connect(database)) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert connection.execute("SELECT count(*) FROM visits").fetchone() == (200,)
