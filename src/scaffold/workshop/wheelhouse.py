"""A wheelhouse: every distribution the projects need, so a room without internet can install.

``pip download`` fetches, from the package registry pip is configured with,
each project's dependencies with its ``dev`` extra and its build backend
(``[build-system] requires``), as wheels for this platform and Python. An
editable install (``pip install -e``) asks the backend for more (hatchling
wants ``editables``): :mod:`pyproject_hooks`, the library pip and ``build``
call backends through, asks it, in a scratch virtual environment where the
backend was installed from the wheelhouse itself, and those are fetched too.

scaffold's own wheel goes in too, with its dependencies, so that the
commands the guide shows (``scaffold compare``, ``scaffold workshop reset``)
run in the apps' environments, offline as well: the wheel scaffold was
installed from, built from the folder it was installed from, or downloaded
from the registry, as its install record (``direct_url.json``) says.

pip runs from that scratch environment, which ``python -m venv`` gives its own
pip, so scaffold needs no pip of its own (``uv tool install`` leaves none).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import tomllib
from importlib import metadata
from pathlib import Path
from urllib.parse import unquote, urlparse

from scaffold import processes
from scaffold.errors import ScaffoldError

FOLDER = "wheelhouse"
DISTRIBUTION = "scaffold-web"  # scaffold's own name on the package index


class WheelhouseError(ScaffoldError):
    """pip could not download or install what a project needs; the message says what."""


def install_line(wheelhouse: str, windows: bool = False) -> str:
    """The command that installs a project, its dev extra and scaffold from ``wheelhouse`` alone."""
    extra = '".[dev]"' if windows else "'.[dev]'"
    return f"python -m pip install --no-index --find-links {wheelhouse} -e {extra} {DISTRIBUTION}"


def download(wheelhouse: Path, projects: list[Path]) -> list[str]:
    """Fill ``wheelhouse`` with what ``projects`` need; return the names of the files in it."""
    wheelhouse.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="scaffold-wheelhouse-") as scratch:
        python = _scratch_venv(Path(scratch) / "venv")
        for project in projects:
            build = _build_requirements(project)
            _pip(python, "download", "--only-binary", ":all:", "--dest", wheelhouse,
                 f"{project}[dev]", *build)  # fmt: skip
            _pip(python, "install", "--no-index", "--find-links", wheelhouse, *build)
            editable = _editable_requirements(project, python)
            if editable:
                _pip(python, "download", "--only-binary", ":all:", "--dest", wheelhouse, *editable)
        _own_wheel(python, wheelhouse)
        own = f"{DISTRIBUTION}=={metadata.version(DISTRIBUTION)}"
        _pip(python, "download", "--only-binary", ":all:", "--dest", wheelhouse,
             "--find-links", wheelhouse, own)  # fmt: skip
    return sorted(path.name for path in wheelhouse.iterdir())


def _own_wheel(python: Path, wheelhouse: Path) -> None:
    """Put the wheel of the scaffold that runs into ``wheelhouse``, from where it came."""
    installed = metadata.distribution(DISTRIBUTION)
    record = installed.read_text("direct_url.json")
    if record is None:  # from a package index
        own = f"{DISTRIBUTION}=={installed.version}"
        _pip(python, "download", "--no-deps", "--only-binary", ":all:", "--dest", wheelhouse, own)
        return
    origin = json.loads(record)
    source = Path(unquote(urlparse(origin["url"]).path))
    if "archive_info" in origin and source.suffix == ".whl" and source.is_file():
        shutil.copy2(source, wheelhouse / source.name)
    elif "dir_info" in origin and source.is_dir():
        _pip(python, "wheel", "--no-deps", "--wheel-dir", wheelhouse, source)
    else:
        raise WheelhouseError(
            f"scaffold was installed from {origin['url']}, which is gone; "
            f"install it again (pip install {DISTRIBUTION}) and retry"
        )


def _build_requirements(project: Path) -> list[str]:
    with (project / "pyproject.toml").open("rb") as file:
        return list(tomllib.load(file)["build-system"]["requires"])


def _editable_requirements(project: Path, python: Path) -> list[str]:
    """What the project's build backend asks for to build it editable (PEP 660)."""
    from pyproject_hooks import BuildBackendHookCaller, quiet_subprocess_runner

    with (project / "pyproject.toml").open("rb") as file:
        system = tomllib.load(file)["build-system"]
    backend = BuildBackendHookCaller(
        str(project),
        system["build-backend"],
        backend_path=system.get("backend-path"),
        runner=quiet_subprocess_runner,
        python_executable=str(python),
    )
    try:
        return list(backend.get_requires_for_build_editable())
    except subprocess.CalledProcessError as error:
        raise WheelhouseError(
            f"{system['build-backend']} could not say what an editable install of "
            f"{project.name} needs: {processes.last_line(error.stderr or error.stdout)}"
        ) from error


def _scratch_venv(venv: Path) -> Path:
    _run([sys.executable, "-m", "venv", str(venv)], "python -m venv")
    bin_folder = "Scripts" if sys.platform == "win32" else "bin"
    return venv / bin_folder / ("python.exe" if sys.platform == "win32" else "python")


def _pip(python: Path, *args: str | Path) -> None:
    _run(
        [str(python), "-m", "pip", "--disable-pip-version-check", *map(str, args)],
        f"pip {args[0]}",
    )


def _run(command: list[str], step: str) -> None:
    result = processes.run(command)
    if result.returncode != 0:
        raise WheelhouseError(f"{step} failed: {processes.failure_line(result)}")
