"""The benchmarks are run by hand; these keep their probe from rotting between runs.

The probe runs here in our own venv, which has every package the full
templates need, against freshly rendered projects and the bare apps, with a
handful of requests: what is checked is that each variant it names serves
/healthz, not how fast.
"""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from scaffold.compare import bare

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
PROBE = BENCHMARKS / "probes" / "wsgi_cost.py"
ENVIRONMENT = {
    "SECRET_KEY": "benchmark-only-" + "x" * 40,
    "DEBUG": "false",
    "ALLOWED_HOSTS": "127.0.0.1",
    "SECURE_SSL_REDIRECT": "false",
}


def probe(framework: str, entry: str, cwd: Path, **environment: str) -> dict[str, float]:
    result = subprocess.run(
        [sys.executable, PROBE, framework, entry, "5", "1"],
        cwd=cwd,
        env={"PATH": "/usr/bin:/bin", **ENVIRONMENT, **environment},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    assert all(figure > 0 for figure in figures.values())
    return figures


def test_the_probe_takes_flask_full_apart(render_template):
    project = render_template("flask-full", project_name="Bench Blog")
    figures = probe("flask", "wsgi:app", project)
    assert set(figures) == {
        "as generated",
        "without before_request CSRFProtect.init_app.<locals>.csrf_protect",
        "without after_request LoginManager._update_remember_cookie",
        "without after_request create_app.<locals>.security_headers",
        "without before_request init_security.<locals>.redirect_to_https",
        "without before_request init_security.<locals>.check_origin",
        "without after_request init_security.<locals>.https_and_content_policy",
        "without teardown_appcontext SQLAlchemy._teardown_session",
        "without the signed cookie session (no SECRET_KEY)",
        "without the database round trip",
    }


def test_the_probe_takes_django_full_apart(render_template):
    project = render_template("django-full", project_name="Bench Blog")
    (project / "staticfiles").mkdir()
    figures = probe("django", "bench_blog.wsgi:application", project)
    assert "as generated" in figures and "without the database round trip" in figures
    assert "without SessionMiddleware + AuthenticationMiddleware + MessageMiddleware" in figures
    assert "without CsrfViewMiddleware" in figures


@pytest.mark.parametrize(
    ("framework", "entry"), [("flask", "flask_hello:app"), ("django", "django_hello:application")]
)
def test_the_bare_apps_touch_a_database_only_when_told(tmp_path, framework, entry):
    shutil.copy(bare.FOLDER / f"{framework}_hello.py", tmp_path)
    database = tmp_path / "bare.sqlite3"
    assert "as generated" in probe(framework, entry, tmp_path)
    assert not database.exists()
    assert "as generated" in probe(framework, entry, tmp_path, BARE_DATABASE=str(database))
    assert database.exists()
