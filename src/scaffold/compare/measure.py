"""``--measure``: what each project costs to install, start and serve, on this machine.

Every figure is taken in several runs, interleaved between the subjects
(``runs.py``), and kept as a ``Spread``; reports show each project against the
first, because absolute times vary between machines and ratios much less.
Projects are measured on a copy in the scratch folder with a venv of their
own, so a user's folder is never written to. Servers run in their own session
and are stopped in ``finally``, whatever happens.
"""

from __future__ import annotations

import os
import platform
import secrets
import shutil
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scaffold.compare import bare, databases, dependencies, first_run, pages, runs
from scaffold.compare.bare import Bare
from scaffold.compare.projects import ComparedProject
from scaffold.compare.runs import Subject
from scaffold.compare.security import deploy_check_issues
from scaffold.compare.serving import MeasureError, Settings, clean_environment
from scaffold.compare.spread import Spread
from scaffold.compare.steps import import_ms, install, run_step
from scaffold.compare.timing import Say, StepTimes
from scaffold.registry import Template

# The figures, in report order: key, label, unit, whether more is better.
FIGURES = (
    ("install_seconds", "install time", "s", False),
    ("distributions", "installed distributions", "", False),
    ("site_packages_mib", "site-packages size", "MiB", False),
    ("import_ms", "application import time", "ms", False),
    ("rss_mib", "worker memory after start", "MiB", False),
    ("requests_per_second", "/healthz requests/s", "", True),
    ("rss_mib_after_load", "worker memory after the load", "MiB", False),
    ("tests_seconds", "own test suite", "s", False),
    ("first_200_seconds", "new project to first 200", "s", False),
)
# Set-up is not timed, so it may keep both cores of a small machine busy: two at a time.
SET_UP_AT_ONCE = 2
NOT_THE_PROJECT = (".venv", "__pycache__", ".git", ".pytest_cache", "instance", "*.sqlite3")


@dataclass(frozen=True)
class Measured:
    figures: dict[str, Spread | None]
    installed: tuple[str, ...]
    # Installed to serve the project although it does not declare it (gunicorn for flask-minimal).
    added: tuple[str, ...]
    # The issues `manage.py check --deploy` finds; None for a project that is not Django's.
    deploy_check_issues: int | None = None
    # The version of its framework the project installed; None when it has no template.
    framework_version: str | None = None
    # Page by page: requests/s at saturation and latency percentiles (p50, p90, p99, in ms).
    pages: dict[str, dict[str, Spread]] = field(default_factory=dict)
    # Each worker's memory after the load, from the lightest to the heaviest.
    workers_rss_mib: tuple[Spread, ...] = ()


@dataclass(frozen=True)
class Measurements:
    projects: dict[str, Measured]
    # The bare hello world of each framework among the projects, by framework.
    bare: dict[str, Bare]
    # The rate each page's latency was read at, in requests/s, the same for every subject.
    rates: dict[str, float] = field(default_factory=dict)
    configuration: dict[str, Any] = field(default_factory=dict)


def installer() -> str:
    from scaffold.post import uv_binary

    return "uv" if uv_binary() else "pip"


def measure_all(
    projects: list[ComparedProject],
    workspace: Path,
    settings: Settings,
    say: StepTimes | None = None,
) -> Measurements:
    """Set every subject up, probe the rates, then take the runs interleaved; progress on stderr.

    ``say`` times every step (and may have timed what came before, the rendering); the
    progress bar names the step under way, and where the time went is printed at the end.
    """
    say = say or StepTimes()
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TimeElapsedColumn())  # fmt: skip
    started, load_before = time.monotonic(), os.getloadavg()
    console = Console(stderr=True)
    with Progress(*columns, console=console, transient=False) as progress:
        # As many bare apps as projects at most, until their frameworks are known.
        task = progress.add_task("measuring", total=2 * len(projects) * (1 + settings.runs) + 1)
        say.show = lambda text: progress.update(task, description=text)

        def done() -> None:
            progress.advance(task)

        subjects, statics = [], {}
        # The first project of each framework gives that framework's bare app its version.
        firsts: dict[str, str] = {}
        for project in projects:
            if project.template and project.template.framework in bare.ENTRIES:
                firsts.setdefault(project.template.framework, project.name)

        def set_up(project: ComparedProject) -> tuple[Subject, dict[str, Any], Subject | None]:
            """The project, then its framework's bare app if it gives the version: one chain."""
            subject, static = _set_up(project, workspace / "measure", settings, say.show_only)
            done()
            framework = subject.framework
            if framework is None or firsts.get(framework) != project.name:
                return subject, static, None
            say.show_only("set up (untimed)", f"bare {framework}")
            version = static["framework_version"]
            return subject, static, bare.set_up(framework, version, workspace / "bare")

        say("set up the projects and the bare apps (untimed; two at a time)")
        found: dict[str, Subject] = {}
        with ThreadPoolExecutor(SET_UP_AT_ONCE) as pool:
            for project, (subject, static, bare_app) in zip(projects, pool.map(set_up, projects),
                                                            strict=True):  # fmt: skip
                subjects.append(subject)
                statics[project.name] = static
                if bare_app is not None and bare_app.framework is not None:
                    found[bare_app.framework] = bare_app
        versions = {framework: statics[name]["framework_version"]
                    for framework, name in firsts.items()}  # fmt: skip
        bares = dict(sorted(found.items()))
        subjects += list(bares.values())
        # Now the bare apps are known: one step per set-up, the probe, one per run of each.
        total = len(subjects) * (1 + settings.runs) + 1
        progress.update(task, total=total, completed=len(subjects))
        ordered = runs.alternating(subjects)
        phases = {"set-up": time.monotonic() - started}
        try:
            rates = runs.probe_rates(ordered, settings, say)
            done()
            phases["warm-up and probe"] = time.monotonic() - started - sum(phases.values())
            for run, subject in runs.interleaved(ordered, settings.runs):
                runs.one_run(subject, settings, rates, say, f"run {run + 1}/{settings.runs}")
                done()
        finally:
            if settings.database_url:
                say("drop the databases")
                _drop_databases(subjects[: len(projects)], settings.database_url)
        phases["runs"] = time.monotonic() - started - sum(phases.values())
        say.end()
        say.show = lambda text: None
        progress.update(task, description="measured")
    console.print("Where the time went, by step:", *say.summary(), sep="\n", highlight=False,
                  soft_wrap=True)  # fmt: skip
    results = {
        s.name: Measured(
            figures=runs.spreads(s),
            installed=s.installed,
            pages=runs.page_spreads(s),
            workers_rss_mib=runs.worker_spreads(s),
            **statics[s.name],
        )
        for s in subjects
        if s.name in statics
    }
    baseline = {
        framework: Bare(framework, versions[framework], runs.spreads(s), runs.page_spreads(s),
                        runs.worker_spreads(s))
        for framework, s in bares.items()
    }  # fmt: skip
    configuration = _configuration(subjects, settings, rates, versions)
    configuration["seconds"] = round(time.monotonic() - started, 1)
    # Where the time went: what to look at when a run takes longer than it should.
    configuration["phases_seconds"] = {phase: round(spent, 1) for phase, spent in phases.items()}
    configuration["steps_seconds"] = say.as_json()
    configuration["load_average"] = {
        "before": round(load_before[0], 2), "after": round(os.getloadavg()[0], 2)
    }  # fmt: skip
    return Measurements(projects=results, bare=baseline, rates=rates, configuration=configuration)


def _drop_databases(subjects: list[Subject], server: str) -> None:
    """The databases made on the server for the projects, dropped: nothing left behind."""
    for subject in subjects:
        for name in (subject.name, f"{subject.name}_new"):
            with suppress(MeasureError):  # a failure to drop must not hide why the run stopped
                databases.drop(subject.name, subject.venv, server, databases.scratch_name(name))


def _configuration(
    subjects: list[Subject], settings: Settings, rates: dict[str, float], versions: dict[str, str]
) -> dict[str, Any]:
    """How this run was made: what someone reproducing it needs to know."""
    from scaffold.compare import loads

    gunicorn = bare.framework_version(subjects[0].venv, "gunicorn") if subjects else None
    database = "a PostgreSQL database each" if settings.database_url else "a SQLite file each"
    return {
        "python": platform.python_version(),
        "flask": versions.get("flask"),
        "django": versions.get("django"),
        "gunicorn": gunicorn,
        "workers": settings.workers,
        "worker_class": "sync",
        "database": f"{database} for the projects; a SQLite file for the bare apps",
        "saturation_load": settings.load,
        "latency_load": loads.latency_load(settings),
        "rates": rates,
        "runs": settings.runs,
        "cores": os.cpu_count(),
        "seeded": f"{pages.POSTS} published posts by {pages.AUTHORS} authors",
        "order": [subject.name for subject in runs.alternating(subjects)],
    }


def _set_up(
    project: ComparedProject, workspace: Path, settings: Settings, say: Say
) -> tuple[Subject, dict[str, Any]]:
    """The project copied, installed with its dev extra, its database migrated and seeded.

    Untimed, and done while another project is: ``say`` only shows what it does.
    """
    name = project.name
    root = workspace / name.replace("+", "plus-")
    shutil.copytree(project.root, root, ignore=shutil.ignore_patterns(*NOT_THE_PROJECT))
    env = clean_environment()
    venv = workspace / f"{root.name}-venv"
    say("install (warms the installer's cache)", name)
    install(name, venv, root, env, "-e", f"{root}[dev]")
    own = _own_names(root)
    installed = set(dependencies.installed([str(next(venv.glob("lib/python*/site-packages")))]))
    added = () if "gunicorn" in installed else ("gunicorn",)
    if added:
        say("install what serving needs", name, ", ".join(added))
        install(name, venv, root, env, *added)
    entry = entry_point(root, project.answers)
    say("database and static files", name)
    database = f"sqlite:///{workspace / f'{root.name}.sqlite3'}"
    if settings.database_url:
        database = databases.recreate(name, venv, settings.database_url,
                                      databases.scratch_name(name))  # fmt: skip
    served = serving_environment(env, venv, database)
    for command in prepare_commands(root, venv, project.answers):
        run_step(name, command, root, served)
    if (root / "manage.py").is_file():
        # Pages with DEBUG off load their CSS through the manifest collectstatic writes, as
        # the README's deployment section says; /healthz alone (the first 200) needs none.
        collect = [str(venv / "bin" / "python"), "manage.py", "collectstatic", "--no-input"]
        run_step(name, collect, root, served)
    template = project.template.name if project.template else None
    package = _package(root, project.answers)
    if pages.seedable(template) and package:
        assert template is not None
        say("seed posts", name, f"{pages.POSTS} posts")
        pages.seed(name, template, root, venv, served, package)
    say("warm-up import (compiles the bytecode)", name)
    import_ms(name, root, venv, entry, served)
    tests_env = {**env, "PATH": served["PATH"], "VIRTUAL_ENV": str(venv)}
    say("own test suite (warm-up)", name)
    _tests_seconds(name, root, venv, tests_env)
    deploy_issues = None
    if (root / "manage.py").is_file():
        say("check --deploy", name)
        deploy_issues = deploy_check_issues(name, root, venv, served)
    version = None
    if project.template is not None:
        version = bare.framework_version(venv, project.template.framework)

    def extra(say: Say) -> dict[str, float]:
        say("own test suite")
        return {"tests_seconds": _tests_seconds(name, root, venv, tests_env)}

    def first_200(say: Say) -> first_run.FirstRun:
        assert project.template is not None
        database = f"sqlite:///{workspace / 'first-200.sqlite3'}"
        if settings.database_url:
            # Made before the clock starts: the server's work, not the project's.
            database = databases.recreate(name, venv, settings.database_url,
                                          databases.scratch_name(f"{name}_new"))  # fmt: skip
        return _first_200(project, project.template, workspace, entry, added, env, database, say)

    subject = Subject(
        name=name,
        framework=project.template.framework if project.template else None,
        root=root, venv=venv, entry=entry, env=served, pages=pages.pages(template),
        install_targets=("-e", str(root)), own=frozenset(own), extra=extra,
        first_200=first_200 if project.template else None, install_in_first_200=not added,
    )  # fmt: skip
    static = {"added": added, "deploy_check_issues": deploy_issues, "framework_version": version}
    return subject, static


def _first_200(
    project: ComparedProject,
    template: Template,
    workspace: Path,
    entry: str,
    added: tuple[str, ...],
    env: dict[str, str],
    database: str,
    say: Say,
) -> first_run.FirstRun:
    """One timed run from ``scaffold new`` to the first 200, the project's answers given again.

    ``database`` is empty: a SQLite file not made yet, or a PostgreSQL database just made.
    """
    questions = template.questions
    answers = {key: value for key, value in project.answers.items() if key in questions}
    if database.startswith("sqlite:///"):
        Path(database.removeprefix("sqlite:///")).unlink(missing_ok=True)

    def served(root: Path, venv: Path) -> dict[str, str]:
        return serving_environment(env, venv, database)

    return first_run.template_seconds(
        project.name, template.name, answers, workspace / "first-200", served,
        lambda root, venv: prepare_commands(root, venv, project.answers), entry, added, say,
    )  # fmt: skip


def serving_environment(env: dict[str, str], venv: Path, database_url: str) -> dict[str, str]:
    """How a project is run and served here: production settings, a throwaway secret."""
    return {
        **env,
        "PATH": f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}",
        "VIRTUAL_ENV": str(venv),
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": database_url,
    }


def _own_names(root: Path) -> set[str]:
    """The names the project itself is installed under: not one of its dependencies."""
    own = {dependencies.normalise(root.name)}
    pyproject = root / "pyproject.toml"
    if pyproject.is_file():
        import tomllib

        with pyproject.open("rb") as file:
            name = tomllib.load(file).get("project", {}).get("name")
        if name:
            own.add(dependencies.normalise(name))
    return own


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
    # As docs/compare.md says and a developer types it: pytest's cache on, where flask-full
    # keeps its compiled templates from the untimed first run.
    run_step(name, [str(venv / "bin" / "python"), "-m", "pytest", "-q"], root, env)
    return time.perf_counter() - start
