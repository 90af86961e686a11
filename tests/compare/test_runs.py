"""--measure's runs: their order, what a site-packages holds whatever made it, the loads' maths."""

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from scaffold.cli import main
from scaffold.compare import loads, runs
from scaffold.compare.runs import Subject
from scaffold.compare.serving import Settings
from scaffold.compare.steps import dependencies_in


def subject(name: str, framework: str | None) -> Subject:
    here = Path(name)
    return Subject(name, framework, here, here, "app:app", {}, ("/healthz",), (), frozenset())


def test_runs_go_flask_django_flask_django_and_run_by_run():
    given = [subject("django-full", "django"), subject("flask-full", "flask"),
             subject("bare flask", "flask"), subject("bare django", "django"),
             subject("my-folder", None)]  # fmt: skip
    ordered = runs.alternating(given)
    assert [s.name for s in ordered] == [
        "flask-full", "django-full", "bare flask", "bare django", "my-folder"
    ]  # fmt: skip
    taken = [(run, s.name) for run, s in runs.interleaved(ordered[:2], 3)]
    assert taken == [
        (0, "flask-full"), (0, "django-full"), (1, "flask-full"), (1, "django-full"),
        (2, "flask-full"), (2, "django-full"),
    ]  # fmt: skip


def test_readings_become_spreads_and_a_run_that_could_not_read_one_makes_it_missing():
    measured = subject("flask-full", "flask")
    for value in (3.0, 1.0, 2.0):
        measured.keep("import_ms", value)
    measured.keep("rss_mib", 40.0)
    measured.keep("rss_mib", None)  # not Linux in that run: no figure rather than half of one
    measured.workers_readings = [[30.0, 31.0], [29.0, 33.0]]
    found = runs.spreads(measured)
    assert found["import_ms"] is not None and found["import_ms"].runs == (3.0, 1.0, 2.0)
    assert found["import_ms"].to_json() == {"median": 2.0, "min": 1.0, "max": 3.0,
                                            "runs": [3.0, 1.0, 2.0]}  # fmt: skip
    assert found["rss_mib"] is None
    lightest, heaviest = runs.worker_spreads(measured)
    assert lightest.runs == (30.0, 29.0) and heaviest.runs == (31.0, 33.0)


def write_distribution(site: Path, name: str, files: dict[str, int]) -> None:
    """A distribution as installers leave it: its files, and a RECORD that lists them."""
    info = site / f"{name}-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n")
    listed = [f"{name}-1.0.dist-info/METADATA,,", f"{name}-1.0.dist-info/RECORD,,"]
    for path, size in files.items():
        target = site / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(b"x" * size)
        listed.append(f"{path},,{size}")
    (info / "RECORD").write_text("\n".join(listed) + "\n")


def test_site_packages_counts_the_dependencies_not_what_made_the_venv(tmp_path):
    """pip's venv holds pip, uv's holds _virtualenv.pth: neither counts, bytecode neither."""
    figures = []
    for made_by in ("pip", "uv", "nothing"):
        site = tmp_path / made_by / "lib" / "python3.11" / "site-packages"
        site.mkdir(parents=True)
        if made_by == "pip":
            write_distribution(site, "pip", {"pip/__init__.py": 5000, "pip/_internal.py": 90000})
            write_distribution(site, "setuptools", {"setuptools/__init__.py": 7000})
        elif made_by == "uv":
            (site / "_virtualenv.py").write_bytes(b"x" * 4000)
            (site / "_virtualenv.pth").write_bytes(b"x" * 20)
        flask = {"flask/__init__.py": 300, "flask/app.py": 1200,
                 "flask/__pycache__/app.cpython-311.pyc": 999}  # fmt: skip
        write_distribution(site, "flask", flask)
        # RECORD lists the scripts in bin/ too; they are not site-packages.
        gunicorn = {"gunicorn/__init__.py": 100, "../../../bin/gunicorn": 50}
        write_distribution(site, "gunicorn", gunicorn)
        if made_by != "nothing":  # the project itself, installed editable
            write_distribution(site, "compare-blog", {"compare_blog.pth": 40})
        figures.append(dependencies_in(site.parents[2], {"compare-blog"}))
    assert figures[0] == figures[1] == figures[2]
    names, size = figures[0]
    assert names == {"flask", "gunicorn"}
    # The modules and the two distributions' metadata; no bytecode, no script.
    metadata = sum(p.stat().st_size for p in (tmp_path / "nothing").rglob("*.dist-info/*"))
    assert size == 300 + 1200 + 100 + metadata


def test_a_fresh_venv_holds_no_dependency_whichever_way_it_was_made(tmp_path):
    """Real venvs, with pip in one and none in the other: both hold nothing of the project's."""
    with_pip, without = tmp_path / "with-pip", tmp_path / "without"
    subprocess.run([sys.executable, "-m", "venv", str(with_pip)], check=True, timeout=120)
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(without)], check=True,
                   timeout=120)  # fmt: skip
    assert (with_pip / "bin" / "pip").exists()
    assert dependencies_in(with_pip, set()) == dependencies_in(without, set()) == (set(), 0)


def test_latency_is_a_nearest_rank_percentile_at_a_rate_shared_by_the_connections():
    times = [float(ms) for ms in range(1, 101)]
    assert [loads.percentile(times, p) for p in (50, 90, 99)] == [50.0, 90.0, 99.0]
    assert loads.percentile([7.0], 99) == 7.0
    settings = Settings(workers=2, latency_seconds=2)
    assert loads.hey_arguments(30, settings) == ["-c", "4", "-q", "7.5", "-z", "2s"]
    assert loads.held_rate([90.0, 300.0]) == 30.0 and loads.held_rate([1.5]) == 1.0


def test_without_hey_measure_stops_before_anything_with_one_line_saying_how_to_get_it(
    tmp_path, monkeypatch
):
    monkeypatch.setenv("PATH", str(tmp_path))  # no hey on it
    result = CliRunner().invoke(main, ["compare", "flask-minimal", "--measure", "--no-ladder"])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [f"Error: {loads.NO_HEY}"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--database-url", "postgresql://u:secret@127.0.0.1/db"], "is for --measure"),
        (["--measure", "--database-url", "mysql://u:secret@h/db"], "is not a PostgreSQL URL"),
    ],
)
def test_a_database_url_is_checked_and_its_password_never_shown(args, message):
    result = CliRunner().invoke(main, ["compare", "--no-ladder", *args])
    assert result.exit_code == 2 and message in result.output
    assert "secret" not in result.output
