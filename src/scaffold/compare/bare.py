"""The bare frameworks, measured the way the projects are: the claims' like-for-like baseline.

``hello_worlds/`` holds Flask with one JSON route and Django configured in one
file with one JSON view (the same files ``benchmarks/apps.py`` serves). Each is
installed with the framework version its full template got, and gunicorn, into
a venv of its own, then imported, served and loaded exactly as the projects
are, so "bare Flask against bare Django" and "flask-full against django-full"
are two comparisons made the same way.
"""

from __future__ import annotations

import shutil
import statistics
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from scaffold.compare import first_run
from scaffold.compare.serving import Settings, clean_environment
from scaffold.compare.steps import (
    INSTALLER_TOOLING,
    import_and_serve,
    run_step,
    shared_figures,
    site_packages,
    timed_installs,
)

FOLDER = Path(__file__).parent / "hello_worlds"
ENTRIES = {"flask": "flask_hello:app", "django": "django_hello:application"}
# What a bare app has to measure; the projects' own figures are a superset.
FIGURES = (
    "install_seconds", "distributions", "site_packages_mib", "import_ms", "rss_mib",
    "requests_per_second", "first_200_seconds",
)  # fmt: skip


@dataclass(frozen=True)
class Bare:
    framework: str
    version: str
    figures: dict[str, float | None]


def framework_version(venv: Path, framework: str) -> str:
    """The version of ``framework`` a measured project's venv holds."""
    code = f"import importlib.metadata as m; print(m.version({framework!r}))"
    return run_step(framework, [str(venv / "bin" / "python"), "-c", code], venv, {}).strip()


def measure(
    framework: str,
    version: str,
    workspace: Path,
    settings: Settings,
    advance: Callable[[str], None],
) -> Bare:
    name = f"bare {framework}"
    folder = workspace / f"bare-{framework}"
    folder.mkdir(parents=True)
    module = ENTRIES[framework].partition(":")[0]
    shutil.copy(FOLDER / f"{module}.py", folder)
    venv = workspace / f"bare-{framework}-venv"
    requirements = [f"{framework}=={version}", "gunicorn"]
    env = {**clean_environment(), "SECRET_KEY": "bare-hello-world-" + "x" * 40}
    runs = range(settings.runs)

    install_times = timed_installs(name, venv, folder, env, requirements, settings.runs, advance)
    site, size = site_packages(venv)
    from scaffold.compare.dependencies import installed

    distributions = set(installed([str(site)])) - INSTALLER_TOOLING
    served = {**env, "PATH": f"{venv / 'bin'}:{env.get('PATH', '')}"}
    entry = ENTRIES[framework]
    import_times, memory, rates = import_and_serve(
        name, folder, venv, entry, served, settings, advance
    )
    first_200 = []
    for run in runs:
        first_200.append(
            first_run.bare_seconds(name, folder, workspace / f"bare-{framework}-new-venv",
                                   requirements, entry, env)
        )  # fmt: skip
        advance(f"new to first 200 {run + 1}/{settings.runs}")
    figures = {
        **shared_figures(install_times, len(distributions), size, import_times, memory, rates),
        "first_200_seconds": statistics.median(first_200),
    }
    return Bare(framework=framework, version=version, figures=figures)
