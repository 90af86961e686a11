"""What the suite builds once per run and shares: renders, installed projects, reports.

A session-scoped fixture runs once per pytest-xdist worker, so on its own it
would build the same project once on each worker. What is built here goes into
a folder that every worker of the run sees (the parent of the workers' own
temporary folders) under a file lock: the first worker to ask builds it, the
others wait for it and reuse it. A build that fails leaves nothing behind, so
the next test to ask tries again and fails with its own error.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

from filelock import FileLock


def run_folder(tmp_path_factory) -> Path:
    """A folder of this test run that all its xdist workers share."""
    base = tmp_path_factory.getbasetemp()
    # Under xdist each worker's basetemp is popen-gwN inside the run's own folder.
    root = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    shared = root / "shared"
    shared.mkdir(exist_ok=True)
    return shared


def key(*parts: object) -> str:
    """A folder name for what ``parts`` describe: readable, and unique for the parts."""
    digest = hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()
    readable = "-".join(str(part) for part in parts if isinstance(part, str))
    return f"{readable[:40]}-{digest[:12]}".replace("/", "-")


def built_once(folder: Path, name: str, build: Callable[[Path], None]) -> Path:
    """``folder/name``, made by ``build(folder/name)`` unless this run made it already."""
    target = folder / name
    done = folder / f"{name}.done"
    with FileLock(folder / f"{name}.lock"):
        if not done.exists():
            shutil.rmtree(target, ignore_errors=True)
            target.mkdir()
            try:
                build(target)
            except BaseException:
                shutil.rmtree(target, ignore_errors=True)
                raise
            done.touch()
    return target
