"""Finish the project: remove what the answers exclude, and draw its own secrets.

Copier skips a file whose name renders empty and draws secrets while
rendering; Cookiecutter renders every file, so both happen here instead.
"""

import secrets
import shutil
from pathlib import Path

EXCLUDED = [
    # REMOVALS
]
SECRETS = [
    # SECRETS
]

for excluded in EXCLUDED:
    path = Path(excluded)
    if path.is_dir():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)

for file_name, key in SECRETS:
    path = Path(file_name)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    filled = [
        f"{key}={secrets.token_hex(32)}\n" if line.rstrip("\r\n") == f"{key}=" else line
        for line in lines
    ]
    path.write_text("".join(filled), encoding="utf-8")
