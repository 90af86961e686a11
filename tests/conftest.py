"""Fixtures shared by the whole suite."""

from __future__ import annotations

from pathlib import Path

import pytest

from scaffold import render as renderer
from scaffold import templates


@pytest.fixture(scope="module")
def render_template(tmp_path_factory):
    """Render a packaged template with defaults plus ``data``; return the project folder."""

    def render(name: str, **data: object) -> Path:
        dest = tmp_path_factory.mktemp(name) / "project"
        renderer.render(templates.get(name).path, dest, data, defaults=True)
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
