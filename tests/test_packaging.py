"""The wheel carries the templates: install it into a fresh venv, use it far from the checkout."""

from pathlib import Path

import pytest
from projects import GeneratedProject, install_project

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.install


def test_installed_wheel_renders_a_working_project(installed_venv, tmp_path):
    venv = installed_venv
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    tool = GeneratedProject(path=elsewhere, venv=venv)

    listing = tool.run("scaffold", "list", "--format", "json")
    assert '"flask-minimal"' in listing.stdout
    tool.run("scaffold", "new", "demo", "--template", "flask-minimal", "--defaults")

    answers = (elsewhere / "demo" / ".copier-answers.yml").read_text()
    assert "template: flask-minimal" in answers
    assert str(venv) not in answers and str(ROOT) not in answers
    project = install_project(elsewhere / "demo")
    project.run("python", "-m", "pytest", "-q", "-p", "no:cacheprovider")
    project.run("ruff", "check", ".")
