"""Fixtures shared by the whole suite."""

from __future__ import annotations

from pathlib import Path

import pytest
from users import User, install_wheel, make_home

from scaffold import registry
from scaffold import render as renderer


@pytest.fixture(scope="module")
def render_template(tmp_path_factory):
    """Render a packaged template with defaults plus ``data``; return the project folder."""

    def render(name: str, **data: object) -> Path:
        dest = tmp_path_factory.mktemp(name) / "project"
        renderer.render(registry.get(name).path, dest, data, defaults=True)
        return dest

    return render


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
def installed_venv(tmp_path_factory) -> Path:
    """This tree's wheel, installed with pip into a venv of its own (once per test process)."""
    return install_wheel(tmp_path_factory.mktemp("installed"))


@pytest.fixture
def user(installed_venv, tmp_path) -> User:
    """A user with the installed scaffold, a home whose git knows them, and a folder to work in."""
    work = tmp_path / "work"
    work.mkdir()
    return User(venv=installed_venv, home=make_home(tmp_path / "home"), cwd=work)
