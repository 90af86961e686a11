"""flask-minimal, rendered and run: its own tests and ruff must pass."""

import pytest
from projects import install_project

pytestmark = pytest.mark.install


@pytest.fixture(scope="module")
def project(render_template):
    return install_project(render_template("flask-minimal", project_name="Hello Ada"))


def test_generated_project_passes_its_tests_and_ruff(project):
    tests = project.run("python", "-m", "pytest", "-q", "-p", "no:cacheprovider")
    assert " passed" in tests.stdout and "failed" not in tests.stdout
    project.run("ruff", "check", ".")
    project.run("ruff", "format", "--check", ".")


def test_generated_app_loads_under_the_flask_cli(project):
    routes = project.run("flask", "--app", "hello_ada", "routes")
    for route in ("/api/hello", "/healthz", "/static/<path:filename>"):
        assert route in routes.stdout
