"""Someone at a shell: this tree's wheel installed with pip, used from a folder of their own.

Tests that go through here see scaffold the way people do: the installed
``scaffold`` command (its templates compiled by pip, as on their machines), a
working directory that is not the checkout, relative paths and strings typed
on a command line, and a git identity of their own.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GIT_NAME = "Ada Lovelace"
GIT_EMAIL = "ada@example.com"


def install_wheel(workdir: Path) -> Path:
    """Build this tree's wheel and pip-install it into a fresh venv; return the venv."""
    dist = workdir / "dist"
    for command in (
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(dist), str(ROOT)],
        [sys.executable, "-m", "venv", str(workdir / "venv")],
    ):
        subprocess.run(command, check=True, capture_output=True, timeout=600)
    (wheel,) = dist.glob("*.whl")
    pip = workdir / "venv" / "bin" / "pip"
    subprocess.run(
        [str(pip), "install", "--quiet", str(wheel)], check=True, capture_output=True, timeout=600
    )
    return workdir / "venv"


@dataclass
class User:
    """A shell in ``cwd`` with the installed scaffold first on PATH and ``home`` as HOME."""

    venv: Path
    home: Path
    cwd: Path

    def env(self, **overrides: str) -> dict[str, str]:
        env = {
            key: value
            for key, value in os.environ.items()
            if key not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME")
            and not key.startswith(("PYTEST_", "GIT_"))
        }
        env.update(
            HOME=str(self.home),
            PATH=f"{self.venv / 'bin'}{os.pathsep}{env.get('PATH', '')}",
            NO_COLOR="1",
            GIT_CONFIG_NOSYSTEM="1",
        )
        env.update(overrides)
        return env

    def run(
        self, *args: str, cwd: Path | None = None, timeout: float = 600, **env: str
    ) -> subprocess.CompletedProcess[str]:
        """``scaffold ARGS`` exactly as typed, from ``cwd`` (default: the user's folder)."""
        return self.shell(shlex.join(["scaffold", *args]), cwd=cwd, timeout=timeout, **env)

    def shell(
        self, line: str, cwd: Path | None = None, timeout: float = 600, **env: str
    ) -> subprocess.CompletedProcess[str]:
        """One line of POSIX shell, as typed at a prompt."""
        return subprocess.run(
            ["/bin/sh", "-c", line],
            cwd=cwd or self.cwd,
            env=self.env(**env),
            capture_output=True,
            text=True,
            timeout=timeout,
            stdin=subprocess.DEVNULL,
        )

    def popen(self, *args: str, **kwargs) -> subprocess.Popen[str]:
        """``scaffold ARGS`` started in its own process group, as a terminal's job is."""
        return subprocess.Popen(
            ["scaffold", *args],
            cwd=self.cwd,
            env=self.env(),
            text=True,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
            **kwargs,
        )


def make_home(home: Path) -> Path:
    """A home folder whose git knows who the user is."""
    home.mkdir(parents=True, exist_ok=True)
    (home / ".gitconfig").write_text(
        f"[user]\n\tname = {GIT_NAME}\n\temail = {GIT_EMAIL}\n[init]\n\tdefaultBranch = main\n"
    )
    return home
