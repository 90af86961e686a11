"""Generated projects: install them into their own venv and run their commands."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from scaffold.compare.serving import PROJECT_SETTINGS


@dataclass
class GeneratedProject:
    """A rendered project with its own virtual environment."""

    path: Path
    venv: Path

    @property
    def python(self) -> Path:
        return self.venv / "bin" / "python"

    def env(self, **overrides: str) -> dict[str, str]:
        env = {
            key: value
            for key, value in os.environ.items()
            if key not in PROJECT_SETTINGS
            and key not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME")
            and not key.startswith("PYTEST_")
        }
        env["PATH"] = f"{self.venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
        env["VIRTUAL_ENV"] = str(self.venv)
        env.update(overrides)
        return env

    def run(
        self,
        *args: str | Path,
        env: dict[str, str] | None = None,
        timeout: float = 600,
        input: str | None = None,
    ) -> subprocess.CompletedProcess[str]:
        """Run a command in the project with its venv first on PATH; fail the test if it fails."""
        result = subprocess.run(
            [str(arg) for arg in args],
            cwd=self.path,
            env=self.env(**(env or {})),
            capture_output=True,
            text=True,
            timeout=timeout,
            input=input,
            stdin=None if input is not None else subprocess.DEVNULL,
        )
        if result.returncode != 0:
            pytest.fail(
                f"{' '.join(map(str, args))} exited {result.returncode} in {self.path}\n"
                f"--- stdout ---\n{result.stdout[-6000:]}\n--- stderr ---\n{result.stderr[-6000:]}",
                pytrace=False,
            )
        return result


def uv_binary() -> str:
    from uv import find_uv_bin

    return find_uv_bin()


def make_venv(venv: Path, python: str | Path = sys.executable) -> Path:
    """An empty virtual environment at ``venv``, made by uv."""
    _run([uv_binary(), "venv", "--quiet", "--python", str(python), str(venv)], cwd=venv.parent)
    return venv


def _run(command: list[str], cwd: Path) -> None:
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=600)
    if result.returncode != 0:
        pytest.fail(f"{' '.join(command)} failed:\n{result.stderr[-6000:]}", pytrace=False)


def install_project(
    path: Path, python: str | Path = sys.executable, *, compile_bytecode: bool = False
) -> GeneratedProject:
    """Create ``path/.venv`` and install the project with its dev extra, as its README says.

    uv stands in for pip here only because it is faster; the request is the same
    (``-e '.[dev]'`` into an empty venv), so a dependency missing from the
    generated pyproject.toml still fails the tests.

    ``compile_bytecode`` compiles every installed module at once, as pip does by default,
    for a project that many Pythons will start (gunicorn workers, migrations): where
    PYTHONDONTWRITEBYTECODE is set, as on the CI machine, each of them would otherwise
    compile what it imports again, about three seconds of CPU for a full template.
    A project started once or twice is quicker without.
    """
    venv = make_venv(path / ".venv", python)
    command = [uv_binary(), "pip", "install", "--quiet", "--python", str(venv / "bin" / "python")]
    if compile_bytecode:
        command.append("--compile-bytecode")
    _run([*command, "-e", ".[dev]"], cwd=path)
    return GeneratedProject(path=path, venv=venv)


def newer_python() -> str | None:
    """A Python of version 3.12 or later, if this machine has one that runs."""
    candidates = ["python3.13", "python3.12"]
    pyenv_versions = Path.home() / ".pyenv" / "versions"
    candidates += sorted(
        (str(p) for p in pyenv_versions.glob("3.1[2-9]*/bin/python3")), reverse=True
    )
    for candidate in candidates:
        try:
            probe = subprocess.run(
                [candidate, "-c", "import sys; print(sys.version_info >= (3, 12))"],
                capture_output=True,
                text=True,
                timeout=30,
            )
        except (OSError, subprocess.TimeoutExpired):
            continue
        if probe.returncode == 0 and probe.stdout.strip() == "True":
            return candidate
    return None


# Where .ci/postgres puts the test server; SCAFFOLD_POSTGRES_URL points elsewhere.
DEFAULT_POSTGRES_URL = "postgresql://scaffold:scaffold@127.0.0.1:5432/scaffold"


def postgres_url() -> str | None:
    """The URL of a PostgreSQL server the tests may create databases on, if one answers."""
    url = os.environ.get("SCAFFOLD_POSTGRES_URL", DEFAULT_POSTGRES_URL)
    try:
        probe = subprocess.run(
            ["psql", url, "-Atc", "select 1"], capture_output=True, text=True, timeout=10
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return url if probe.returncode == 0 else None


def require_postgres() -> str:
    """The server's URL; skip without one, except in CI where its absence is a failure."""
    url = postgres_url()
    if url:
        return url
    reason = (
        "no PostgreSQL server answers at SCAFFOLD_POSTGRES_URL or "
        f"{DEFAULT_POSTGRES_URL}; run .ci/postgres as root to start one"
    )
    if os.environ.get("CI") == "true":
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason)


def fresh_postgres_database(server_url: str, name: str) -> str:
    """Create (or re-create) database ``name`` on the server; return its URL."""
    for statement in (
        f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)',
        f'CREATE DATABASE "{name}"',
    ):
        subprocess.run(["psql", server_url, "-qc", statement], check=True, capture_output=True)
    return server_url.rsplit("/", 1)[0] + f"/{name}"
