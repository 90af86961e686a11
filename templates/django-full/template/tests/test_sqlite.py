import os
import sqlite3
import subprocess
import sys
from contextlib import closing

from django.conf import settings

# Four threads, each with its own connection (Django keeps one per thread), read and
# then write in one transaction, as saving a post does (its slug is looked up first):
# what fails at once with "database is locked" when connections share an SQLite file
# without WAL, a busy timeout and IMMEDIATE transactions (settings.py); ten each are
# plenty, since without those settings the first ones fail already. Gunicorn's
# workers are processes; SQLite locks connections in one process the same way.
WRITERS = """
import threading
import django
django.setup()
from django.db import connection, transaction
# The first connection switches the file to WAL, as `migrate` does on a deploy:
# that switch needs the file to itself, so it is not raced against the writers.
connection.ensure_connection()
connection.close()
failures = []
def write(name):
    try:
        for _ in range(10):
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("SELECT count(*) FROM visits")
                cursor.execute("INSERT INTO visits (writer) VALUES (%s)", [name])
    except Exception as error:
        failures.append(repr(error))
    finally:
        connection.close()
threads = [threading.Thread(target=write, args=[f"writer {n}"]) for n in range(4)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(failures)
"""


def test_p28_several_connections_share_one_sqlite_file_without_locking(tmp_path):
    database = tmp_path / "shared.sqlite3"
    # closing(): a sqlite3 connection's own "with" commits but does not close.
    with closing(sqlite3.connect(database)) as connection:
        connection.execute("CREATE TABLE visits (id INTEGER PRIMARY KEY, writer TEXT)")
    environment = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "DJANGO_SETTINGS_MODULE": "tests.settings",
    }
    result = subprocess.run(
        [sys.executable, "-c", WRITERS],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert result.stdout.strip() == "[]", result.stdout

    with closing(sqlite3.connect(database)) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert connection.execute("SELECT count(*) FROM visits").fetchone() == (40,)
