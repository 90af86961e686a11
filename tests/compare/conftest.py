"""Fixtures for the compare tests: the command run once per session, templates rendered once."""

import json

import pytest
from click.testing import CliRunner

from scaffold import registry, render
from scaffold.cli import main
from scaffold.compare.projects import COMMON_ANSWERS

THREE = ("flask-minimal", "flask-full", "django-full")


@pytest.fixture(scope="session")
def compare():
    """Run ``scaffold compare`` with these arguments; return its standard output."""

    def run(*args: str) -> str:
        result = CliRunner().invoke(main, ["compare", *args])
        assert result.exit_code == 0, result.output
        return result.stdout

    return run


@pytest.fixture(scope="session")
def three_report(compare):
    return json.loads(compare(*THREE, "--format", "json"))


@pytest.fixture(scope="session")
def rendered(tmp_path_factory):
    """A template rendered independently of compare, with the answers compare uses."""
    cache = {}

    def render_once(name: str, **data):
        key = (name, tuple(sorted(data.items())))
        if key not in cache:
            root = tmp_path_factory.mktemp(name) / "project"
            render.render(registry.get(name).path, root, {**COMMON_ANSWERS, **data}, defaults=True)
            cache[key] = root
        return cache[key]

    return render_once
