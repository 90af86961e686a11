"""--measure: how projects are served, seeded and loaded, and one real run of the defaults."""

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from shared import built_once
from shared import key as shared_key

from scaffold.compare.bare import FIGURES as BARE_FIGURES
from scaffold.compare.bare import PAGES as BARE_PAGES
from scaffold.compare.bare import Bare
from scaffold.compare.command import NO_WRK
from scaffold.compare.loads import requests_per_second
from scaffold.compare.measure import FIGURES, Measured, entry_point, prepare_commands
from scaffold.compare.pages import FULL_PAGES, OTHER_PAGES
from scaffold.compare.projects import load
from scaffold.compare.report import Comparison, html_report, json_report, markdown, table
from scaffold.compare.report.sections import figure
from scaffold.compare.serving import Settings, clean_environment, serve
from scaffold.compare.spread import Spread

HELLO = """
def app(environ, start_response):
    start_response("200 OK", [("Content-Type", "application/json")])
    return [b'{"status": "ok"}']
"""


ALL_FIGURES = {key for key, *_ in FIGURES}


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


MEASURED = ("flask-minimal", "flask-full", "django-full")
SUBJECTS = (*MEASURED, "bare flask", "bare django")


@pytest.fixture(scope="module")
def measured_run(shared_folder):
    """The installed command on small settings (1 run, short loads), on a PATH with hey and
    no wrk; run once per test run, its report and stderr shared by the tests below (with the
    ladder, as a run to publish has it)."""

    def run(folder: Path) -> None:
        tools = folder / "bin"
        tools.mkdir()
        (tools / "hey").symlink_to(shutil.which("hey"))
        scratch = folder / "tmp"
        scratch.mkdir()
        env = {**os.environ, "PATH": f"{Path(sys.executable).parent}:{tools}",
               "TMPDIR": str(scratch)}  # fmt: skip
        result = subprocess.run(
            [str(Path(sys.executable).with_name("scaffold")), "compare", *MEASURED, "--measure",
             "--runs", "1", "--load-seconds", "1", "--format", "json",
             "-o", "measured.json"],
            cwd=folder, env=env, capture_output=True, text=True, timeout=1500,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        (folder / "stderr").write_text(result.stderr)
        # The scratch folder, venvs and all, is removed once the report is out (the
        # projects' own test suites leave pytest's folders beside it, as pytest does).
        deadline = time.monotonic() + 300
        while list(scratch.glob("scaffold-compare-*")) and time.monotonic() < deadline:
            time.sleep(0.5)
        assert not list(scratch.glob("scaffold-compare-*"))

    folder = built_once(shared_folder, shared_key("compare-measure", *MEASURED), run)
    return json.loads((folder / "measured.json").read_text()), (folder / "stderr").read_text()


def figures_of(report, subject):
    if subject.startswith("bare "):
        return report["measure"]["bare"][subject.removeprefix("bare ")]["figures"]
    return next(t for t in report["templates"] if t["name"] == subject)["measured"]


def is_spread(value, runs=1):
    return (
        set(value) == {"median", "min", "max", "runs"}
        and len(value["runs"]) == runs
        and (value["min"] <= value["median"] <= value["max"])
    )


@pytest.mark.install
def test_measure_end_to_end_every_figure_a_spread_and_without_wrk_one_line_says_so(
    measured_run,
):
    report, stderr = measured_run
    assert stderr.splitlines().count(NO_WRK) == 1
    assert NO_WRK.endswith("(apt-get install wrk)")
    assert report["measure"]["runs"] == 1 and report["measure"]["installer"] in ("uv", "pip")
    assert report["measure"]["load"].startswith("Python client")
    minimal = figures_of(report, "flask-minimal")
    for key, *_ in FIGURES:
        assert is_spread(minimal[key]) and minimal[key]["median"] > 0, key
    assert minimal["ratio"]["import_ms"] == 1.0
    assert "flask" in minimal["installed"] and minimal["added_to_serve"] == ["gunicorn"]
    assert "pip" not in minimal["installed"] and "setuptools" not in minimal["installed"]
    assert minimal["deploy_check_issues"] is None  # not a Django project
    assert figures_of(report, "django-full")["deploy_check_issues"] == 0
    # Each framework's bare hello world, measured the same way, with the full template's version.
    bare = report["measure"]["bare"]
    assert list(bare) == ["django", "flask"]
    for framework in bare:
        full = figures_of(report, f"{framework}-full")
        assert bare[framework]["version"] == full["framework_version"]
        for key in BARE_FIGURES:
            assert is_spread(bare[framework]["figures"][key]), (framework, key)
    assert not running("compare_blog:create_app()") and not running("flask_hello:app")
    assert not running("compare_blog.wsgi:application") and not running("django_hello")


@pytest.mark.install
def test_measure_end_to_end_loads_every_page_of_every_subject(measured_run):
    report, stderr = measured_run
    expected = {
        "flask-minimal": OTHER_PAGES, "flask-full": FULL_PAGES, "django-full": FULL_PAGES,
        "bare flask": BARE_PAGES, "bare django": BARE_PAGES,
    }  # fmt: skip
    for subject in SUBJECTS:
        figures = figures_of(report, subject)
        assert sorted(figures["pages"]) == sorted(expected[subject]), subject
        for page, found in figures["pages"].items():
            assert is_spread(found["requests_per_second"]), (subject, page)
            assert found["requests_per_second"]["median"] > 0
            latency = found["latency_ms"]
            assert list(latency) == ["p50", "p90", "p99"], (subject, page)
            assert 0 < latency["p50"]["median"] <= latency["p90"]["median"]
            assert latency["p90"]["median"] <= latency["p99"]["median"]
        workers = figures["rss_mib_after_load_per_worker"]
        assert len(workers) == 2 and all(is_spread(w) and w["median"] > 10 for w in workers)
    configuration = report["measure"]["configuration"]
    assert configuration["workers"] == 2 and configuration["runs"] == 1
    assert configuration["cores"] == os.cpu_count() and configuration["seconds"] > 0
    assert set(configuration["rates"]) == {*FULL_PAGES, *BARE_PAGES}
    # Flask, Django, Flask, Django, then the Flask left over: each framework's in their order.
    order = ["flask-minimal", "django-full", "flask-full", "bare django", "bare flask"]
    assert configuration["order"] == order
    steps = configuration["steps_seconds"]
    assert steps["new project to first 200"]["count"] == len(SUBJECTS)
    assert steps["saturation load"]["count"] == sum(len(p) for p in expected.values())
    assert all(step["wall"] >= 0 and step["cpu"] >= 0 for step in steps.values())
    assert configuration["seconds"] <= configuration["command_seconds"]
    assert sum(step["wall"] for step in steps.values()) <= configuration["command_seconds"] + 1
    # Where the time went, step by step, is also the progress output's last word.
    summary = stderr[stderr.index("Where the time went, by step:") :].splitlines()
    said = [line.split("x  ", 1)[1] for line in summary if " s wall " in line]
    assert sorted(said) == sorted(steps)  # the JSON's keys are sorted, the lines longest first
    assert report["measure"]["command"] == (
        "scaffold compare flask-minimal flask-full django-full --measure --runs 1 --workers 2 "
        "--load-seconds 1 --format json"
    )


@pytest.mark.install
def test_measure_end_to_end_shows_every_page_figure_in_every_format(
    measured_run, rendered, tmp_path
):
    """The same measured data, laid out by the table, Markdown and HTML."""
    report, _ = measured_run
    comparison = comparison_of(report, rendered, tmp_path)
    again = json.loads(json_report.render(comparison))["measure"]
    # The load is named by what is on PATH now; the run's own was without wrk.
    assert {**again, "load": None} == {**report["measure"], "load": None}
    texts = {
        "markdown": markdown.render(comparison),
        "table": " ".join(table.render(comparison).split()),
        "html": html_report.render(comparison),
    }
    for name, text in texts.items():
        for subject in SUBJECTS:
            for page, found in figures_of(report, subject)["pages"].items():
                assert f"{page} requests/s" in text, (name, subject, page)
                assert f"{page} latency p99 (ms)" in text, (name, subject, page)
                assert figure(found["latency_ms"]["p99"], "ms") in text, (name, subject, page)
        assert report["measure"]["command"] in text.replace("&#x27;", "'"), name


ROOT = Path(__file__).resolve().parents[2]
PUBLISH = [sys.executable, str(ROOT / "benchmarks" / "publish_compare.py")]


@pytest.mark.install
def test_a_measured_run_is_published_into_both_files_which_then_quote_it(measured_run, tmp_path):
    """benchmarks/publish_compare.py writes one run into copies of README.md and
    docs/compare.md: the same verdicts and duration in both, and --check agrees."""
    report, _ = measured_run
    (tmp_path / "docs").mkdir()
    shutil.copy(ROOT / "README.md", tmp_path / "README.md")
    shutil.copy(ROOT / "docs" / "compare.md", tmp_path / "docs" / "compare.md")
    run = tmp_path / "run.json"
    run.write_text(json.dumps(report))

    def publish(*args):
        command = [*PUBLISH, *args, "--root", str(tmp_path)]
        return subprocess.run(command, capture_output=True, text=True, timeout=120)

    before = publish(str(run), "--check")
    assert before.returncode == 1 and before.stderr.splitlines() == [
        f"README.md does not quote {run}: run without --check"
    ]
    assert publish(str(run), str(run)).returncode == 0
    assert publish(str(run), "--check").returncode == 1  # the second run's column is gone
    done = publish(str(run))
    assert (done.returncode, done.stderr) == (0, "")
    assert publish(str(run), "--check").returncode == 0
    readme = (tmp_path / "README.md").read_text()
    docs = (tmp_path / "docs" / "compare.md").read_text()
    seconds = round(report["measure"]["configuration"]["command_seconds"])
    took = f"{seconds // 60} min {seconds % 60} s"
    assert f"shows took {took} on {os.cpu_count()} cores" in readme
    assert f"{report['measure']['command']}` ran on" in docs
    assert f"the whole run took {took}." in docs
    for claim in report["claims"]:
        assert f"| {claim['claim']} | {claim['verdict']} |" in readme
        assert f"| {claim['verdict']} | {claim['rule']} |" in docs
    # A file that lost a block is refused in one line, nothing written.
    (tmp_path / "README.md").write_text(readme.replace("<!-- publish_compare: ladder -->", ""))
    broken = publish(str(run))
    assert broken.returncode == 2 and broken.stderr.splitlines() == [
        "error: README.md has no <!-- publish_compare: ladder -->"
    ]
    assert (tmp_path / "docs" / "compare.md").read_text() == docs


def comparison_of(report, rendered, tmp_path):
    """The report's measured figures back on the projects they were taken of."""
    projects = []
    for name in MEASURED:
        project = load(str(rendered(name)), tmp_path, {})
        project.name = name
        projects.append(project)

    def spreads(figures):
        return {k: Spread.from_json(v) for k, v in figures.items() if k in ALL_FIGURES}

    def pages(figures):
        return {
            page: {"requests_per_second": Spread.from_json(found["requests_per_second"]),
                   **{k: Spread.from_json(v) for k, v in found["latency_ms"].items()}}
            for page, found in figures["pages"].items()
        }  # fmt: skip

    def workers(figures):
        return tuple(Spread.from_json(w) for w in figures["rss_mib_after_load_per_worker"])

    measured = {}
    for name in MEASURED:
        figures = figures_of(report, name)
        measured[name] = Measured(
            spreads(figures), tuple(figures["installed"]), tuple(figures["added_to_serve"]),
            figures["deploy_check_issues"], figures["framework_version"], pages(figures),
            workers(figures),
        )  # fmt: skip
    bare = {
        framework: Bare(framework, found["version"], spreads(found["figures"]),
                        pages(found["figures"]), workers(found["figures"]))
        for framework, found in report["measure"]["bare"].items()
    }  # fmt: skip
    return Comparison(
        projects=projects, measured=measured, bare=bare,
        settings=Settings(runs=1, seconds=1, latency_seconds=1),
        installer=report["measure"]["installer"],
        configuration={k: v for k, v in report["measure"]["configuration"].items()},
        command=report["measure"]["command"],
    )  # fmt: skip


def running(command_part: str) -> list[str]:
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if command_part.encode() in cmdline.read_bytes():
                found.append(cmdline.parent.name)
        except OSError:
            continue  # the process ended while we looked
    return found
