"""Fixtures shared by the whole suite, and which tests run by default.

``python -m pytest`` runs the fast loop: the tests that need nothing beyond
``pip install -e '.[dev]'``. A test that needs more carries a marker saying
what (they are listed in pyproject.toml); those are deselected unless
``--full`` is given (``python -m pytest --full`` runs everything, as CI does)
or ``-m`` chooses them.
"""

from __future__ import annotations

import shutil
import signal
from pathlib import Path

import pytest
from projects import GeneratedProject, install_project
from shared import built_once, key, run_folder
from users import User, install_wheel, make_home

from scaffold import registry
from scaffold import render as renderer

# The Ctrl-C tests send SIGINT to the programs they start, as a terminal does to its
# foreground job. A runner that starts this suite as a background job without job control
# (`.ci/run &` in a script) has SIGINT ignored, and started programs inherit that: handled
# here, it is back to the default when they start.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)

# What a test may need beyond the dev extra; pyproject.toml registers each with its meaning.
NEEDS = ("install", "registry", "browser", "npm", "postgres", "podman")
# Fixtures that by themselves need a marker's tool: a test using one is marked for it.
FIXTURE_NEEDS = {
    "installed_venv": "install",
    "installed_template": "install",
    "browser": "browser",
}


def pytest_addoption(parser):
    parser.addoption(
        "--full",
        action="store_true",
        help=f"also run the tests marked {', '.join(NEEDS)} (deselected by default)",
    )


def pytest_collection_modifyitems(config, items):
    for item in items:
        for fixture, marker in FIXTURE_NEEDS.items():
            if fixture in item.fixturenames:
                item.add_marker(marker)
    if config.getoption("--full") or config.getoption("markexpr"):
        return
    needy = [item for item in items if any(item.get_closest_marker(m) for m in NEEDS)]
    if needy:
        config.hook.pytest_deselected(items=needy)
        left_out = set(needy)
        items[:] = [item for item in items if item not in left_out]


def pytest_report_header(config):
    if not (config.getoption("--full") or config.getoption("markexpr")):
        return f"the fast loop: tests marked {', '.join(NEEDS)} are left out (--full runs them)"
    return None


@pytest.fixture(scope="session")
def shared_folder(tmp_path_factory) -> Path:
    return run_folder(tmp_path_factory)


@pytest.fixture(scope="session")
def rendered_template(shared_folder):
    """A packaged template rendered with defaults plus ``data``, once per run, to read only."""

    def rendered(name: str, **data: object) -> Path:
        def render(folder: Path) -> None:
            renderer.render(registry.get(name).path, folder / "project", data, defaults=True)

        return built_once(shared_folder, key("render", name, data), render) / "project"

    return rendered


@pytest.fixture(scope="module")
def render_template(rendered_template, tmp_path_factory):
    """A copy of the rendered template, for a test that may change it; return the project folder."""

    def render(name: str, **data: object) -> Path:
        dest = tmp_path_factory.mktemp(name) / "project"
        shutil.copytree(rendered_template(name, **data), dest, symlinks=True)
        return dest

    return render


@pytest.fixture(scope="session")
def installed_template(shared_folder, rendered_template):
    """The rendered template installed into its own .venv, once per run, for tests that only
    run, read or serve it (a test that changes its project installs a copy of its own)."""

    def installed(name: str, **data: object) -> GeneratedProject:
        def render_and_install(folder: Path) -> None:
            shutil.copytree(rendered_template(name, **data), folder / "project", symlinks=True)
            install_project(folder / "project", compile_bytecode=True)

        folder = built_once(shared_folder, key("installed", name, data), render_and_install)
        return GeneratedProject(path=folder / "project", venv=folder / "project" / ".venv")

    return installed


CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="module")
def browser():
    """Debian's chromium under Playwright (Playwright cannot download its own browser here)."""
    if not Path(CHROMIUM).is_file():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium (.ci/run does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def installed_venv(shared_folder) -> Path:
    """This tree's wheel, installed with pip into a venv of its own (once per test run)."""
    return built_once(shared_folder, "installed-wheel", install_wheel) / "venv"


@pytest.fixture
def user(installed_venv, tmp_path) -> User:
    """A user with the installed scaffold, a home whose git knows them, and a folder to work in."""
    work = tmp_path / "work"
    work.mkdir()
    return User(venv=installed_venv, home=make_home(tmp_path / "home"), cwd=work)
