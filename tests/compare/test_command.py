"""scaffold compare on the real templates: figures recomputed independently from the trees."""

import json
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner
from packaging.requirements import Requirement

from compare.counting import lines, project_files
from scaffold.cli import main

THREE = ("flask-minimal", "flask-full", "django-full")
SCAFFOLD = str(Path(sys.executable).with_name("scaffold"))


@pytest.mark.parametrize("name", THREE)
def test_json_figures_match_an_independent_count(three_report, rendered, name):
    entry = next(t for t in three_report["templates"] if t["name"] == name)
    root = rendered(name)
    files = project_files(root)
    assert entry["files"] == len(files)
    assert [f["path"] for f in entry["tree"]] == sorted(files)
    assert {f["path"]: f["lines"] for f in entry["tree"]} == {k: lines(p) for k, p in files.items()}
    tests = {k for k in files if k.startswith("tests/")}
    python = [k for k in files if k.endswith(".py") and k not in tests]
    assert entry["python_lines"] == sum(lines(files[k]) for k in python)
    assert entry["html_lines"] == sum(lines(p) for k, p in files.items() if k.endswith(".html"))
    assert entry["test_lines"] == sum(lines(files[k]) for k in tests)
    with (root / "pyproject.toml").open("rb") as file:
        declared = tomllib.load(file)["project"]["dependencies"]
    assert entry["dependencies"] == sorted(Requirement(d).name.lower() for d in declared)
    assert entry["lines"] == sum(lines(p) for p in files.values())


def test_the_default_is_the_two_full_templates(compare):
    report = json.loads(compare("--format", "json", "--no-ladder"))
    assert [t["name"] for t in report["templates"]] == ["flask-full", "django-full"]
    assert report["schema"] == 2


@pytest.mark.parametrize("output_format", ["table", "markdown", "json", "html"])
def test_output_is_byte_identical_run_after_run(compare, compare_afresh, output_format):
    args = ("flask-minimal", "flask-full", "django-full", "--format", output_format)
    first = compare(*args)
    assert first == compare_afresh(*args)
    assert "/tmp" not in first and "scaffold-compare-" not in first


def test_a_project_folder_is_compared_as_it_is(compare, rendered, tmp_path):
    mine = tmp_path / "mine"
    shutil.copytree(rendered("flask-minimal"), mine)
    (mine / "extra.py").write_text("print('mine')\n")
    report = json.loads(compare(str(mine), "flask-minimal", "--format", "json"))
    theirs, packaged = report["templates"]
    assert theirs["name"] == "mine" and theirs["files"] == packaged["files"] + 1
    assert theirs["python_lines"] == packaged["python_lines"] + 1
    assert theirs["feature_source"] == "answers file"


def test_data_reaches_every_template_that_asks_for_it(compare):
    report = json.loads(
        compare(
            "flask-full",
            "django-full",
            "--data=database=postgresql",
            "--format=json",
            "--no-ladder",
        )
    )
    for entry in report["templates"]:
        assert "psycopg" in entry["dependencies"], entry["name"]


def test_feature_view_shows_each_projects_code_side_by_side():
    result = CliRunner().invoke(main, ["compare", "--feature", "admin"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert any("flask-full: admin" in line and "django-full: admin" in line for line in lines)
    assert "class PostAdmin(SecureModelView)" in result.stdout
    assert "class PostAdmin(PageNumberOr404Admin, ConflictAsFormErrorAdmin, AccessibleAdmin)" in (
        result.stdout
    )


def test_feature_view_in_markdown_and_json(compare):
    markdown = compare("--feature", "admin", "--format", "markdown")
    assert "```python" in markdown and "`blog/admin.py`" in markdown
    view = json.loads(compare("--feature", "database", "--format", "json"))
    django = next(p for p in view["projects"] if p["name"] == "django-full")
    assert {(f["path"], f["symbol"]) for f in django["parts"]} >= {("blog/models.py", "Post")}
    post = next(f for f in django["parts"] if f["symbol"] == "Post")
    assert post["text"].startswith("class Post(models.Model)")


def test_feature_view_shows_the_declared_symbols_not_whole_files(compare, rendered):
    view = json.loads(compare("--feature", "api", "--format", "json"))
    assert "lines of code" in view["meaning"]
    django = next(p for p in view["projects"] if p["name"] == "django-full")
    assert [(p["path"], p["symbol"]) for p in django["parts"]][:2] == [
        ("blog/views.py", "PostListJSONView"),
        ("blog/views.py", "healthz"),
    ]
    assert django["parts"][2]["path"] == "blog/middleware.py"  # a whole file
    source = (rendered("django-full") / "blog/views.py").read_text().splitlines(keepends=True)
    for part in django["parts"][:2]:
        first = part["first_line"] - 1
        assert part["text"] == "".join(source[first : first + part["text"].count("\n")])
        assert part["text"].startswith(("@require_GET", "@method_decorator(csrf_exempt"))
    assert "PostCreateView" not in "".join(p["text"] for p in django["parts"])
    markdown = compare("--feature", "forms", "--format", "markdown")
    assert "`blog/views.py:PostCreateView` (from line" in markdown
    assert "class PostListView" not in markdown


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--feature", "cache"], "database, migrations, accounts"),
        (["--data", "databse=sqlite"], "did you mean 'database'?"),
        (["--data", "novalue"], "is not KEY=VALUE"),
        (["--feature", "admin", "--measure"], "use one at a time"),
    ],
)
def test_mistakes_get_one_line_that_says_what_to_do(args, message):
    result = CliRunner().invoke(main, ["compare", *args])
    assert result.exit_code != 0
    assert message in result.output


def test_output_file(compare, tmp_path):
    target = tmp_path / "compare.md"
    compare("--format", "markdown", "--output", str(target), "--no-ladder")
    assert target.read_text().startswith("## The claims, checked")


@pytest.mark.parametrize(
    ("argument", "hint"), [("nonexist", ""), ("flask-ful", "did you mean 'flask-full'? ")]
)
def test_a_name_that_is_no_template_nor_folder_is_a_usage_error_listing_the_templates(
    tmp_path, argument, hint
):
    result = subprocess.run(
        [SCAFFOLD, "compare", argument], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    listed = "templates: django-full, flask-full, flask-minimal"
    assert f"'{argument}' is neither a template nor a folder; {hint}{listed}" in result.stderr
    assert "unexpected" not in result.stderr and "Traceback" not in result.stderr
