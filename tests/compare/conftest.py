"""Fixtures for the compare tests: each report made once per run, templates rendered once."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from shared import built_once, key

from scaffold import registry, render
from scaffold.cli import main
from scaffold.compare.projects import COMMON_ANSWERS

THREE = ("flask-minimal", "flask-full", "django-full")


def run_compare(*args: str) -> str:
    """``scaffold compare ARGS`` in process; its standard output."""
    result = CliRunner().invoke(main, ["compare", *args])
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture(scope="session")
def compare(shared_folder):
    """Run ``scaffold compare`` with these arguments; return its standard output.

    Tests only read a report, so each distinct command runs once per test run and
    its output is shared by every test and worker; one that writes a file
    (``--output``) runs each time, since the file is what it makes.
    """

    def run(*args: str) -> str:
        if "--output" in args:
            return run_compare(*args)

        def make(folder: Path) -> None:
            (folder / "stdout").write_text(run_compare(*args), encoding="utf-8")

        made = built_once(shared_folder, key("compare", *args), make)
        return (made / "stdout").read_text(encoding="utf-8")

    return run


@pytest.fixture(scope="session")
def compare_afresh():
    """Run ``scaffold compare`` anew each time, for a test that sets two runs side by side."""
    return run_compare


@pytest.fixture(scope="session")
def three_report(compare):
    return json.loads(compare(*THREE, "--format", "json"))


@pytest.fixture(scope="session")
def rendered(shared_folder):
    """A template rendered independently of compare, with the answers compare uses."""

    def render_once(name: str, **data):
        def make(folder: Path) -> None:
            answers = {**COMMON_ANSWERS, **data}
            render.render(registry.get(name).path, folder / "project", answers, defaults=True)

        return built_once(shared_folder, key("compare-render", name, data), make) / "project"

    return render_once
