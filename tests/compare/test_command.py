"""scaffold compare on the real templates: figures recomputed independently from the trees."""

import json
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from scaffold import render, templates
from scaffold.cli import main
from scaffold.compare.projects import COMMON_ANSWERS

SKIPPED_DIRS = {".venv", "__pycache__"}


def run(*args):
    result = CliRunner().invoke(main, ["compare", *args])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def report():
    return json.loads(run("flask-minimal", "flask-full", "django-full", "--format", "json"))


@pytest.mark.parametrize("name", ["flask-minimal", "flask-full", "django-full"])
def test_json_figures_match_an_independent_count(report, tmp_path, name):
    entry = next(t for t in report["templates"] if t["name"] == name)
    root = tmp_path / name
    render.render(templates.get(name).path, root, COMMON_ANSWERS, defaults=True)
    files = [
        p for p in root.rglob("*")
        if p.is_file() and p.name not in {".env", ".copier-answers.yml"}
        and not SKIPPED_DIRS.intersection(p.relative_to(root).parts)
    ]  # fmt: skip
    assert entry["files"] == len(files)
    with (root / "pyproject.toml").open("rb") as file:
        declared = tomllib.load(file)["project"]["dependencies"]
    assert len(entry["dependencies"]) == len(declared)
    html = sum(
        1
        for p in files
        if p.suffix == ".html"
        for line in p.read_text().splitlines()
        if line.strip()
    )
    assert entry["html_lines"] == html
    for feature, paths in entry["features"].items():
        for path in paths:
            assert (root / path).is_file(), (feature, path)


def test_both_full_templates_declare_every_feature(report):
    features = {t["name"]: set(t["features"]) for t in report["templates"]}
    assert features["flask-full"] == features["django-full"]
    assert len(features["flask-full"]) == 8


def test_the_ladder_adds_each_rung_once(report):
    rungs = report["ladder"]
    assert [r["rung"] for r in rungs] == ["minimal", "+database", "+accounts", "+forms", "+admin"]
    assert all(r["added_files"] > 0 for r in rungs)
    assert "flask-admin" in rungs[-1]["added_dependencies"]
    assert rungs[-1]["files"] == next(
        t["files"] for t in report["templates"] if t["name"] == "flask-full"
    )


def test_output_is_byte_identical_run_after_run():
    for output_format in ("json", "markdown", "table"):
        assert run("--format", output_format) == run("--format", output_format)


def test_markdown_and_table_name_every_project():
    markdown = run("flask-full", "django-full", "--format", "markdown")
    assert "| files |" in markdown and "## The flask-full ladder" in markdown
    table = run("--no-ladder")
    assert "flask-full" in table and "django-full" in table and "ladder" not in table
    assert max(len(line) for line in table.splitlines()) <= 100


def test_a_project_folder_is_compared_as_it_is(tmp_path):
    root = tmp_path / "mine"
    render.render(templates.get("flask-minimal").path, root, {}, defaults=True)
    (root / "extra.py").write_text("print('mine')\n")
    report = json.loads(run(str(root), "flask-minimal", "--format", "json"))
    mine, packaged = report["templates"]
    assert mine["name"] == "mine" and mine["files"] == packaged["files"] + 1


def test_feature_view_shows_each_projects_code(tmp_path):
    output = run("--feature", "admin")
    assert "class PostAdmin(admin.ModelAdmin)" in output
    assert "class PostAdmin(SecureModelView)" in output


def test_unknown_feature_lists_the_known_ones():
    result = CliRunner().invoke(main, ["compare", "--feature", "cache"])
    assert result.exit_code == 2
    assert "database, migrations, accounts" in result.output


def test_output_file(tmp_path):
    target = tmp_path / "compare.md"
    run("--format", "markdown", "--output", str(target), "--no-ladder")
    assert Path(target).read_text().startswith("## Size")
