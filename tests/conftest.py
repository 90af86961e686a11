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
