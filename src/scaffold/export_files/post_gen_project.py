"""Finish the project: remove what the answers leave out, and draw its own secrets.

Copier skips a file whose name renders empty and draws secrets while
rendering; Cookiecutter renders every file, so both happen here instead.
"""

import secrets
import shutil
from pathlib import Path

# Each file or folder whose name in the Copier template held a condition, and that
# condition: Cookiecutter renders it to "True" (keep) or "False" (remove).
# tests/test_bake.py reads this list to check which files each answer adds.
CONDITIONAL_PATHS = [
    # CONDITIONAL PATHS
]
SECRETS = [
    # SECRETS
]

for name, condition in CONDITIONAL_PATHS:
    path = Path(name)
    if condition == "True":
        continue
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
