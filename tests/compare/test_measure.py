"""--measure: how projects are served, seeded and loaded, and one real run of the defaults."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from scaffold.compare.command import NO_WRK
from scaffold.compare.loads import requests_per_second
from scaffold.compare.measure import FIGURES, entry_point, prepare_commands
from scaffold.compare.serving import Settings, clean_environment, serve

HELLO = """
def app(environ, start_response):
    start_response("200 OK", [("Content-Type", "application/json")])
    return [b'{"status": "ok"}']
"""


def make(root: Path, files: dict[str, str]) -> Path:
    for path, text in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text)
    return root


def alive(pid: int) -> bool:
    return Path(f"/proc/{pid}").exists() and "Z" not in Path(f"/proc/{pid}/stat").read_text()[:60]


def test_each_framework_is_served_the_way_it_documents(tmp_path):
    django = make(tmp_path / "d", {"manage.py": "", "site/wsgi.py": "application = None\n"})
    assert entry_point(django, {}) == "site.wsgi:application"
    assert prepare_commands(django, Path("/v"), {})[0][1:] == ["manage.py", "migrate", "--no-input"]
    flask = make(tmp_path / "f", {"wsgi.py": "", "pkg/__init__.py": "", "migrations/env.py": ""})
    assert entry_point(flask, {"package_name": "pkg"}) == "wsgi:app"
    assert prepare_commands(flask, Path("/v"), {"package_name": "pkg"}) == [
        ["/v/bin/flask", "--app", "pkg", "db", "upgrade"]
    ]
    factory = make(tmp_path / "m", {"pkg/__init__.py": "def create_app():\n    pass\n"})
    assert entry_point(factory, {}) == "pkg:create_app()"
    assert prepare_commands(factory, Path("/v"), {}) == []


def test_projects_run_with_bytecode_cached_and_without_our_settings(monkeypatch):
    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    monkeypatch.setenv("SECRET_KEY", "ours")
    monkeypatch.setenv("LANG", "C.UTF-8")
    env = clean_environment()
    assert "PYTHONDONTWRITEBYTECODE" not in env and "SECRET_KEY" not in env
    assert env["LANG"] == "C.UTF-8"


def test_the_server_is_stopped_even_when_measuring_fails(tmp_path):
    root = make(tmp_path / "hello", {"hello.py": HELLO})
    env = {**os.environ, "PATH": f"{Path(sys.prefix) / 'bin'}:{os.environ['PATH']}"}
    workers = []
    with (
        pytest.raises(RuntimeError, match="half way"),
        serve("hello", root, Path(sys.prefix), "hello:app", env) as (port, worker),
    ):
        workers.append(worker)
        assert requests_per_second(port, Settings(runs=1, seconds=0.5)) > 0
        raise RuntimeError("half way")
    assert workers[0] is not None and not alive(workers[0])


def test_without_wrk_a_python_client_makes_the_load_and_the_report_says_so(tmp_path, monkeypatch):
    root = make(tmp_path / "hello", {"hello.py": HELLO})
    env = {**os.environ, "PATH": f"{Path(sys.prefix) / 'bin'}:{os.environ['PATH']}"}
    monkeypatch.setenv("PATH", str(tmp_path))  # a PATH on which there is no wrk
    settings = Settings(runs=1, seconds=0.5)
    assert settings.load.startswith("Python client")
    with serve("hello", root, Path(sys.prefix), "hello:app", env) as (port, _):
        assert requests_per_second(port, settings) > 0


@pytest.mark.install
def test_a_small_project_is_measured_end_to_end_and_without_wrk_says_so_in_one_line(tmp_path):
    """The installed command, on a PATH without wrk: one line says how the load is made."""
    output = tmp_path / "measured.json"
    env = {**os.environ, "PATH": str(Path(sys.executable).parent)}
    result = subprocess.run(
        [str(Path(sys.executable).with_name("scaffold")), "compare", "flask-minimal", "--measure",
         "--runs", "1", "--format", "json", "-o", str(output)],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=900,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines().count(NO_WRK) == 1
    assert NO_WRK.endswith("(apt-get install wrk)")
    report = json.loads(output.read_text())
    measured = report["templates"][0]["measured"]
    assert report["measure"]["runs"] == 1 and report["measure"]["installer"] in ("uv", "pip")
    assert report["measure"]["load"].startswith("Python client")
    for key, *_ in FIGURES:
        assert measured[key] > 0, key
    assert measured["ratio"]["import_ms"] == 1.0
    assert "flask" in measured["installed"] and measured["added_to_serve"] == ["gunicorn"]
    assert measured["deploy_check_issues"] is None  # not a Django project
    # Its framework's bare hello world, measured the same way, with the same Flask.
    bare = report["measure"]["bare"]
    assert list(bare) == ["flask"] and bare["flask"]["version"] == measured["framework_version"]
    assert all(value > 0 for value in bare["flask"]["figures"].values())
    assert not running("compare_blog:create_app()") and not running("flask_hello:app")


def running(command_part: str) -> list[str]:
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if command_part.encode() in cmdline.read_bytes():
                found.append(cmdline.parent.name)
        except OSError:
            continue  # the process ended while we looked
    return found
