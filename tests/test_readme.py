"""The README's first command, run as a newcomer runs it: in a fresh checkout, word for word."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from users import ROOT, make_home

pytestmark = pytest.mark.install


def readme_command(heading: str, index: int) -> str:
    section = (ROOT / "README.md").read_text().split(f"## {heading}\n", 1)[1]
    return re.findall(r"```console\n(.+?)\n```", section, re.S)[index]


def outside_any_venv() -> str:
    """This machine's PATH without the test run's own virtual environment."""
    ours = str(Path(sys.prefix) / "bin")
    return os.pathsep.join(p for p in os.environ["PATH"].split(os.pathsep) if p != ours)


def fresh_checkout(folder):
    """The tracked files as they are now, committed in a repository of their own."""
    tracked = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split("\0")
    for name in filter(None, tracked):
        source = ROOT / name
        if source.is_file():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, folder / name)
    for command in (["git", "init", "-q"], ["git", "add", "-A"], ["git", "commit", "-qm", "x"]):
        subprocess.run(command, cwd=folder, check=True, capture_output=True)
    return folder


def test_the_install_command_sets_up_and_generates_outside_the_checkout(tmp_path):
    home = make_home(tmp_path / "home")
    checkout = fresh_checkout(tmp_path / "checkout")
    command = readme_command("Two commands", 0)
    result = subprocess.run(
        ["/bin/sh", "-c", command],
        cwd=checkout,
        env={"HOME": str(home), "PATH": outside_any_venv(), "LANG": "C.UTF-8"},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert (home / "my-site" / "pyproject.toml").is_file()
    status = subprocess.run(
        ["git", "status", "--porcelain"], cwd=checkout, capture_output=True, text=True
    )
    assert status.stdout == "", "the README's first command left files in the checkout"
