"""What a project depends on: the direct names it declares, and the full set they pull in.

The direct dependencies are what the project's author chose; the full set is
what a user actually installs. The full set comes from a package resolver run
as a dry run, so nothing is installed: uv's (``uv pip compile``), first from
its cache alone and then from the index, else pip's (``pip install --dry-run
--report``). When no resolver can answer (offline with a cold cache, or no
resolver at all) the set falls back to walking the ``Requires-Dist`` metadata
of what is installed (the project's ``.venv``, else scaffold's own
environment), and the report says so: what is not installed there is counted
apart, not guessed.
"""

from __future__ import annotations

import functools
import importlib.metadata
import json
import os
import re
import subprocess
import sys
import tempfile
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from packaging.requirements import InvalidRequirement, Requirement

from scaffold import processes

RESOLVE_TIMEOUT = 120
PYTHON = f"Python {sys.version_info.major}.{sys.version_info.minor}"


@dataclass(frozen=True)
class Resolved:
    names: tuple[str, ...]
    unresolved: tuple[str, ...]
    source: str
    # True when a resolver answered; False when only installed metadata could be walked.
    complete: bool = True


def normalise(name: str) -> str:
    """A distribution name as PyPI compares them (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def declared(root: Path) -> list[Requirement]:
    """The requirements in pyproject.toml's ``[project] dependencies``."""
    pyproject = root / "pyproject.toml"
    if not pyproject.is_file():
        return []
    with pyproject.open("rb") as file:
        lines = tomllib.load(file).get("project", {}).get("dependencies", [])
    return [Requirement(line) for line in lines]


def direct(root: Path) -> list[str]:
    """The direct runtime dependencies, by normalised name, whatever their markers say."""
    return sorted({normalise(req.name) for req in declared(root)})


def resolve(root: Path) -> Resolved:
    """Every distribution the direct dependencies pull in, by a resolver if one can answer."""
    requirements = declared(root)
    if not requirements:
        return Resolved((), (), "nothing to resolve")
    answer = resolved_by_a_resolver(tuple(str(req) for req in requirements))
    if isinstance(answer, Resolved):
        return answer
    site = sorted(root.glob(".venv/lib/python*/site-packages"))
    if site:
        here, search = "the project's .venv", [str(site[-1])]
    else:
        here, search = "scaffold's own environment", sys.path
    walked = walk(requirements, installed(search), here)
    if answer:
        why = f"no resolver could reach a package index or its cache (offline?): {answer}"
    else:
        why = "no resolver found (neither uv nor pip)"
    source = f"{why}; counted from what is installed in {here}"
    return Resolved(walked.names, walked.unresolved, source, complete=False)


@functools.cache
def resolved_by_a_resolver(requirements: tuple[str, ...]) -> Resolved | str:
    """The resolved set, or the reason the last resolver tried gave for failing ('' if none)."""
    from scaffold.post import uv_binary

    uv = uv_binary()
    attempts: list[tuple[str, Callable[[tuple[str, ...]], set[str]]]] = []
    if uv:
        attempts += [
            (f"uv's resolver, from its cache ({PYTHON})", functools.partial(_uv, uv, True)),
            (f"uv's resolver, from the index ({PYTHON})", functools.partial(_uv, uv, False)),
        ]
    if _has_pip():
        attempts.append((f"pip's resolver, a dry run ({PYTHON})", _pip))
    reason = ""
    for source, run in attempts:
        try:
            names = run(requirements)
        except _ResolverFailed as failure:
            reason = f"{source.split(',')[0]} said: {failure}"
            continue
        return Resolved(tuple(sorted(names)), (), source)
    return reason


class _ResolverFailed(RuntimeError):
    """A resolver could not answer; the message is its own last word on why."""


def _uv(uv: str, offline: bool, requirements: tuple[str, ...]) -> set[str]:
    command = [uv, "pip", "compile", "-", "--quiet", "--no-header", "--no-annotate",
               "--python", sys.executable, *(["--offline"] if offline else [])]  # fmt: skip
    env = {**os.environ, "UV_HTTP_TIMEOUT": "20", "UV_NO_PROGRESS": "1"}
    out = _run(command, "\n".join(requirements) + "\n", env)
    return {normalise(line.split("==")[0]) for line in out.splitlines() if "==" in line}


def _pip(requirements: tuple[str, ...]) -> set[str]:
    with tempfile.TemporaryDirectory(prefix="scaffold-resolve-") as scratch:
        report = Path(scratch) / "report.json"
        _run(
            [sys.executable, "-m", "pip", "install", "--dry-run", "--ignore-installed", "--quiet",
             "--disable-pip-version-check", "--timeout", "20", "--retries", "1",
             "--report", str(report), *requirements],
            None, dict(os.environ),
        )  # fmt: skip
        data = json.loads(report.read_text(encoding="utf-8"))
    return {normalise(item["metadata"]["name"]) for item in data.get("install", [])}


def _run(command: list[str], stdin: str | None, env: dict[str, str]) -> str:
    try:
        result = processes.run(command, input=stdin, env=env, timeout=RESOLVE_TIMEOUT)
    except subprocess.TimeoutExpired:
        raise _ResolverFailed(f"{Path(command[0]).name} took over {RESOLVE_TIMEOUT} s") from None
    if result.returncode != 0:
        raise _ResolverFailed(_last_word(result))
    return result.stdout


def _last_word(result: subprocess.CompletedProcess[str]) -> str:
    """A failing resolver's hint or error line, whichever says most; else its last line."""
    lines = [line.strip() for line in (result.stderr or result.stdout).splitlines()]
    for prefix in ("hint:", "error:", "ERROR:"):
        found = [line for line in lines if line.startswith(prefix)]
        if found:
            return found[-1].split(":", 1)[1].strip()
    return processes.failure_line(result)


def _has_pip() -> bool:
    import importlib.util

    return importlib.util.find_spec("pip") is not None


def installed(search: list[str]) -> dict[str, importlib.metadata.Distribution]:
    found: dict[str, importlib.metadata.Distribution] = {}
    for dist in importlib.metadata.distributions(path=search):
        # The first one found wins, as it would on import.
        found.setdefault(normalise(dist.metadata["Name"]), dist)
    return found


def walk(
    roots: list[Requirement], dists: dict[str, importlib.metadata.Distribution], source: str
) -> Resolved:
    """Follow requirements transitively through ``dists``, honouring markers and extras."""
    names: set[str] = set()
    unresolved: set[str] = set()
    queue = [(req, "") for req in roots]
    seen: set[tuple[str, str]] = set()
    while queue:
        req, extra = queue.pop()
        if req.marker is not None and not req.marker.evaluate({"extra": extra}):
            continue
        name = normalise(req.name)
        dist = dists.get(name)
        if dist is None:
            unresolved.add(name)
            continue
        names.add(name)
        for wanted in ("", *sorted(req.extras)):
            if (name, wanted) in seen:
                continue
            seen.add((name, wanted))
            for line in dist.requires or []:
                try:
                    queue.append((Requirement(line), wanted))
                except InvalidRequirement:
                    continue  # one malformed line in someone's metadata is not our failure
    return Resolved(tuple(sorted(names)), tuple(sorted(unresolved)), source)
