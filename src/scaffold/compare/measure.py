"""``--measure``: what each project costs to install, start and serve, on this machine.

Every figure is the median of several runs, and reports show each project
against the first, because absolute times vary between machines and ratios
much less. Projects are measured on a copy in the scratch folder with a venv
of their own, so a user's folder is never written to. Servers run in their
own session and are stopped in ``finally``, whatever happens.

Requests per second come from ``wrk -t1 -c1`` when it is installed, otherwise
from a Python client: one request at a time, each on a new connection (the
sync worker closes it after answering), for a fixed time.
"""

from __future__ import annotations

import os
import secrets
import shutil
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scaffold.compare import bare, dependencies, first_run
from scaffold.compare.bare import Bare
from scaffold.compare.projects import ComparedProject
from scaffold.compare.security import deploy_check_issues
from scaffold.compare.serving import MeasureError, Settings, clean_environment
from scaffold.compare.steps import (
    INSTALLER_TOOLING,
    import_and_serve,
    install,
    run_step,
    shared_figures,
    site_packages,
    timed_installs,
)
from scaffold.registry import Template

# The figures, in report order: key, label, unit, whether more is better.
FIGURES = (
    ("install_seconds", "install time", "s", False),
    ("distributions", "installed distributions", "", False),
    ("site_packages_mib", "site-packages size", "MiB", False),
    ("import_ms", "application import time", "ms", False),
    ("rss_mib", "worker memory after start", "MiB", False),
    ("requests_per_second", "/healthz requests/s", "", True),
    ("tests_seconds", "own test suite", "s", False),
    ("first_200_seconds", "new project to first 200", "s", False),
)
NOT_THE_PROJECT = (".venv", "__pycache__", ".git", ".pytest_cache", "instance", "*.sqlite3")


@dataclass(frozen=True)
class Measured:
    figures: dict[str, float | None]
    installed: tuple[str, ...]
    # Installed to serve the project although it does not declare it (gunicorn for flask-minimal).
    added: tuple[str, ...]
    # The issues `manage.py check --deploy` finds; None for a project that is not Django's.
    deploy_check_issues: int | None = None
    # The version of its framework the project installed; None when it has no template.
    framework_version: str | None = None


@dataclass(frozen=True)
class Measurements:
    projects: dict[str, Measured]
    # The bare hello world of each framework among the projects, by framework.
    bare: dict[str, Bare]


def installer() -> str:
    from scaffold.post import uv_binary

    return "uv" if uv_binary() else "pip"


def measure_all(
    projects: list[ComparedProject], workspace: Path, settings: Settings
) -> Measurements:
    """Measure each project, then each framework's bare hello world; progress on stderr."""
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=False) as progress:

        def tracker(name: str, steps: int) -> Callable[[str], None]:
            task = progress.add_task(name, total=steps)
            return lambda step: progress.update(task, advance=1, description=f"{name}: {step}")

        results = {}
        for project in projects:
            steps = 5 + (5 if project.template else 4) * settings.runs
            advance = tracker(project.name, steps)
            results[project.name] = _measure(project, workspace / "measure", settings, advance)
            advance("done")
        versions: dict[str, str] = {}
        for project in projects:
            # A project with a template has its framework's version; a folder has neither.
            version = results[project.name].framework_version
            if project.template and version and project.template.framework in bare.ENTRIES:
                versions.setdefault(project.template.framework, version)
        baseline = {}
        for framework, version in versions.items():
            advance = tracker(f"bare {framework}", 2 + 4 * settings.runs)
            baseline[framework] = bare.measure(
                framework, version, workspace / "bare", settings, advance
            )
            advance("done")
    return Measurements(projects=results, bare=baseline)


def _measure(
    project: ComparedProject, workspace: Path, settings: Settings, advance: Callable[[str], None]
) -> Measured:
    root = workspace / project.name.replace("+", "plus-")
    shutil.copytree(project.root, root, ignore=shutil.ignore_patterns(*NOT_THE_PROJECT))
    env = clean_environment()
    runs = range(settings.runs)

    venv = workspace / f"{root.name}-venv"
    install_times = timed_installs(
        project.name, venv, root, env, ["-e", str(root)], settings.runs, advance
    )
    site, size = site_packages(venv)
    installed = _distributions(site, root)

    added = () if "gunicorn" in installed else ("gunicorn",)
    install(project.name, venv, root, env, "-e", f"{root}[dev]", *added)
    advance("dev extra installed")
    entry = entry_point(root, project.answers)
    served = serving_environment(env, venv, workspace / f"{root.name}.sqlite3")
    for command in prepare_commands(root, venv, project.answers):
        run_step(project.name, command, root, served)
    advance("database prepared")

    import_times, memory, rates = import_and_serve(
        project.name, root, venv, entry, served, settings, advance
    )
    tests_env = {**env, "PATH": served["PATH"], "VIRTUAL_ENV": str(venv)}
    _tests_seconds(project.name, root, venv, tests_env)
    advance("tests warm-up")
    test_times = []
    for run in runs:
        test_times.append(_tests_seconds(project.name, root, venv, tests_env))
        advance(f"tests {run + 1}/{settings.runs}")

    deploy_issues = None
    if (root / "manage.py").is_file():
        deploy_issues = deploy_check_issues(project.name, root, venv, served)
        advance("check --deploy")
    version = None
    first_200 = None
    if project.template is not None:
        version = bare.framework_version(venv, project.template.framework)
        first_200 = statistics.median(
            _first_200(
                project,
                project.template,
                workspace,
                entry,
                added,
                env,
                advance,
                run + 1,
                settings.runs,
            )
            for run in runs
        )

    figures = {
        **shared_figures(install_times, len(installed), size, import_times, memory, rates),
        "first_200_seconds": first_200,
        "tests_seconds": statistics.median(test_times),
    }
    return Measured(
        figures=figures,
        installed=tuple(sorted(installed)),
        added=added,
        deploy_check_issues=deploy_issues,
        framework_version=version,
    )


def _first_200(
    project: ComparedProject,
    template: Template,
    workspace: Path,
    entry: str,
    added: tuple[str, ...],
    env: dict[str, str],
    advance: Callable[[str], None],
    run: int,
    runs: int,
) -> float:
    """One timed run from ``scaffold new`` to the first 200, the project's answers given again."""
    questions = template.questions
    answers = {key: value for key, value in project.answers.items() if key in questions}

    def served(root: Path, venv: Path) -> dict[str, str]:
        return serving_environment(env, venv, root / "first-200.sqlite3")

    seconds = first_run.template_seconds(
        project.name, template.name, answers, workspace / "first-200", served,
        lambda root, venv: prepare_commands(root, venv, project.answers), entry, added,
    )  # fmt: skip
    advance(f"new to first 200 {run}/{runs}")
    return seconds


def serving_environment(env: dict[str, str], venv: Path, database: Path) -> dict[str, str]:
    """How a project is run and served here: production settings, a throwaway secret."""
    return {
        **env,
        "PATH": f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}",
        "VIRTUAL_ENV": str(venv),
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": f"sqlite:///{database}",
    }


def _distributions(site: Path, root: Path) -> set[str]:
    """What the install put in site-packages, the project itself and pip's tooling aside."""
    own = {dependencies.normalise(root.name)}
    pyproject = root / "pyproject.toml"
    if pyproject.is_file():
        import tomllib

        with pyproject.open("rb") as file:
            name = tomllib.load(file).get("project", {}).get("name")
        if name:
            own.add(dependencies.normalise(name))
    found = set(dependencies.installed([str(site)]))
    return found - own - INSTALLER_TOOLING


def entry_point(root: Path, answers: dict[str, Any]) -> str:
    """How gunicorn finds the WSGI application, by the conventions each framework follows."""
    if (root / "manage.py").is_file():
        for wsgi in sorted(root.glob("*/wsgi.py")):
            if "application" in wsgi.read_text(encoding="utf-8"):
                return f"{wsgi.parent.name}.wsgi:application"
    if (root / "wsgi.py").is_file():
        return "wsgi:app"
    package = _package(root, answers)
    if package and "def create_app" in (root / package / "__init__.py").read_text("utf-8"):
        return f"{package}:create_app()"
    raise MeasureError(
        f"{root.name}: cannot tell how to serve it (no manage.py, wsgi.py or create_app)"
    )


def prepare_commands(root: Path, venv: Path, answers: dict[str, Any]) -> list[list[str]]:
    """What the project's README asks before serving: the database brought up to date."""
    if (root / "manage.py").is_file():
        return [[str(venv / "bin" / "python"), "manage.py", "migrate", "--no-input"]]
    package = _package(root, answers)
    if package and (root / "migrations").is_dir():
        return [[str(venv / "bin" / "flask"), "--app", package, "db", "upgrade"]]
    return []


def _package(root: Path, answers: dict[str, Any]) -> str | None:
    name = answers.get("package_name")
    if name and (root / name / "__init__.py").is_file():
        return str(name)
    candidates = sorted(
        p.parent.name for p in root.glob("*/__init__.py") if p.parent.name != "tests"
    )
    return candidates[0] if candidates else None


def _tests_seconds(name: str, root: Path, venv: Path, env: dict[str, str]) -> float:
    start = time.perf_counter()
    run_step(name, [str(venv / "bin" / "python"), "-m", "pytest", "-q", "-p", "no:cacheprovider"],
         root, env)  # fmt: skip
    return time.perf_counter() - start
