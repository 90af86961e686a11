"""The feature maps the templates declare: parts of files, no line twice, the skeleton the rest."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from compare.counting import line_numbers, project_files, symbol_line_numbers
from scaffold import ladder, registry
from scaffold.compare.features import FEATURES, FeatureMapError, answers_of, feature_map
from scaffold.compare.metrics import measure
from scaffold.compare.projects import load
from scaffold.registry import Template

FULL = ("flask-full", "django-full")
SCAFFOLD = str(Path(sys.executable).with_name("scaffold"))


def declared_entries(name, own_choices=True):
    """Every entry of every feature, as written in scaffold.toml (all options on)."""
    for feature, spec in registry.get(name).metadata["features"].items():
        for entry in spec["paths"]:
            if isinstance(entry, str):
                yield feature, entry
            elif own_choices or "own_choice" not in entry:
                yield feature, entry["path"]


def marked_entries(name):
    """The entries a template marks as its own choice: (feature, path, why)."""
    for feature, spec in registry.get(name).metadata["features"].items():
        for entry in spec["paths"]:
            if isinstance(entry, dict) and "own_choice" in entry:
                yield feature, entry["path"], entry["own_choice"]


def entry_of(name, three_report):
    return next(t for t in three_report["templates"] if t["name"] == name)


@pytest.mark.parametrize("name", FULL)
def test_every_feature_is_declared_by_both_full_templates(name):
    declared = registry.get(name).metadata["features"]
    assert sorted(declared) == sorted(FEATURES)
    for feature, spec in declared.items():
        assert spec["summary"] and spec["paths"], feature


@pytest.mark.parametrize("name", FULL)
def test_every_declared_file_and_symbol_exists_in_the_rendered_tree(rendered, name):
    root = rendered(name)
    answers = answers_of(root)
    for feature, entry in declared_entries(name):
        path, _, symbol = entry.format(**answers).partition(":")
        assert (root / path).exists(), (feature, entry)
        if symbol:
            assert symbol_line_numbers((root / path).read_text(), symbol), (feature, entry)


@pytest.mark.parametrize("name", FULL)
def test_an_independent_count_agrees_with_the_json(three_report, rendered, name):
    """Each feature's lines, found by another walk of the tree and counted by another lexer."""
    entry = entry_of(name, three_report)
    root = rendered(name)
    files = project_files(root)
    answers = answers_of(root)
    claimed, named = {}, {}

    def lines_of(declared):
        path, _, symbol = declared.format(**answers).partition(":")
        inside = [f for f in files if f == path or f.startswith(f"{path}/")]
        for file in inside:
            lines = line_numbers(files[file])
            if symbol:
                lines &= symbol_line_numbers(files[file].read_text(), symbol)
            yield file, lines

    for feature, declared in declared_entries(name, own_choices=False):
        for file, lines in lines_of(declared):
            named.setdefault(feature, set()).add(file)
            for line in lines:
                assert (file, line) not in claimed, (feature, declared, claimed.get((file, line)))
                claimed[(file, line)] = feature
    # An own choice inside its feature's other entries marks their lines; one outside claims its.
    own = {}
    for feature, declared, _ in marked_entries(name):
        for file, lines in lines_of(declared):
            named.setdefault(feature, set()).add(file)
            for line in lines:
                assert claimed.setdefault((file, line), feature) == feature, (feature, declared)
            own[feature] = own.get(feature, 0) + len(lines)
    for feature, found in entry["features"].items():
        mine = [key for key, owner in claimed.items() if owner == feature]
        assert found["lines"] == len(mine), feature
        assert sorted(found["files"]) == sorted(named[feature]), feature
        assert found["own_choice_lines"] == own.get(feature, 0), feature
    skeleton = {file: len(line_numbers(files[file])) for file in files}
    for file, _ in claimed:
        skeleton[file] -= 1
    assert {p["path"]: p["lines"] for p in entry["skeleton"]["parts"]} == {
        file: left for file, left in skeleton.items() if left
    }


@pytest.mark.parametrize("name", FULL)
def test_features_and_skeleton_add_up_to_the_projects_lines(three_report, name):
    entry = entry_of(name, three_report)
    features = sum(found["lines"] for found in entry["features"].values())
    assert features + entry["skeleton"]["lines"] == entry["lines"]
    assert entry["lines"] == sum(f["lines"] for f in entry["tree"])
    for found in entry["features"].values():
        assert found["lines"] == sum(part["lines"] for part in found["parts"])


@pytest.mark.parametrize("name", FULL)
def test_no_two_features_share_a_line(three_report, rendered, name):
    """Overlapping parts would show as a line count over the file's own."""
    entry = entry_of(name, three_report)
    by_file = {f["path"]: f["lines"] for f in entry["tree"]}
    for part in entry["skeleton"]["parts"]:
        by_file[part["path"]] -= part["lines"]
    for found in entry["features"].values():
        for part in found["parts"]:
            by_file[part["path"]] -= part["lines"]
    assert set(by_file.values()) == {0}


@pytest.mark.parametrize("name", FULL)
def test_declared_feature_dependencies_are_direct_dependencies(three_report, name):
    entry = entry_of(name, three_report)
    for feature, found in entry["features"].items():
        assert set(found["dependencies"]) <= set(entry["dependencies"]), feature


def test_each_rung_of_the_ladder_renders_the_features_it_declares_and_those_below(
    rendered, tmp_path
):
    """An option turned off takes its features, or one entry of a feature, with it."""
    expected = {"pages", "api", "config", "tests"}
    for rung in ladder.rungs():
        expected |= set(rung.features)
        project = load(str(rendered("flask-full", **rung.data)), tmp_path, {})
        assert set(project.features) == expected, rung.name
    assert expected == set(FEATURES)


def copy_with_features(tmp_path, name, features_toml):
    """A copy of a packaged template whose feature map is ``features_toml``."""
    folder = tmp_path / name
    shutil.copytree(registry.get(name).path, folder)
    toml = (folder / "scaffold.toml").read_text()
    (folder / "scaffold.toml").write_text(toml[: toml.index("[features.")] + features_toml)
    return Template(name=name, path=folder)


@pytest.mark.parametrize("symbol", ["PostCreatView", "PostCreatView.form_valid"])
def test_a_misspelt_symbol_is_an_error_that_names_it(rendered, tmp_path, symbol):
    """Misspelt before a dot too, the class is the name the message gives, not the method."""
    root = rendered("django-full")
    misspelt = f'[features.forms]\nsummary = "x"\npaths = ["blog/views.py:{symbol}"]\n'
    template = copy_with_features(tmp_path, "django-full", misspelt)
    with pytest.raises(FeatureMapError) as raised:
        feature_map(template, answers_of(root), root, measure("d", root))
    message = str(raised.value)
    assert f"blog/views.py:{symbol}" in message
    assert "no 'PostCreatView' in the module" in message
    assert "did you mean 'PostCreateView'?" in message


def test_two_features_naming_the_same_lines_is_an_error(rendered, tmp_path):
    root = rendered("django-full")
    template = copy_with_features(
        tmp_path,
        "django-full",
        '[features.forms]\nsummary = "x"\npaths = ["blog/views.py"]\n'
        '[features.api]\nsummary = "y"\npaths = ["blog/views.py:healthz"]\n',
    )
    with pytest.raises(FeatureMapError, match=r"'forms' and 'api' both claim blog/views\.py line"):
        feature_map(template, answers_of(root), root, measure("d", root))


def test_a_project_whose_code_lost_a_declared_symbol_gets_one_line(rendered, tmp_path):
    """Through the installed command: the folder's own feature map names what is missing."""
    mine = tmp_path / "mine"
    shutil.copytree(rendered("django-full"), mine)
    views = mine / "blog" / "views.py"
    views.write_text(views.read_text().replace("class PostCreateView", "class NewPostView"))
    result = subprocess.run(
        [SCAFFOLD, "compare", "mine", "--format", "json"],
        cwd=tmp_path, capture_output=True, text=True,
        env={**os.environ, "COLUMNS": "200"},
    )  # fmt: skip
    assert result.returncode == 1, result.stderr
    assert result.stdout == ""
    error = result.stderr.strip()
    assert error.count("\n") == 0 and "Traceback" not in error
    assert "mine: django-full's feature map" in error and "blog/views.py:PostCreateView" in error


def test_a_generated_folder_finds_its_template_through_its_answers_file(rendered, tmp_path):
    project = load(str(rendered("django-full")), tmp_path, {})
    assert project.feature_source == "answers file"
    assert project.template.name == "django-full"
    assert project.features["admin"].files == ("blog/admin.py", "templates/admin/base_site.html")


def test_a_plain_folder_has_unknown_features(rendered, tmp_path, compare):
    plain = tmp_path / "plain"
    shutil.copytree(rendered("flask-minimal"), plain)
    (plain / ".copier-answers.yml").unlink()
    project = load(str(plain), tmp_path, {})
    assert project.feature_source == "unknown"
    assert project.template is None and project.features == {} and project.skeleton is None
    entry = json.loads(compare(str(plain), "--format", "json", "--no-ladder"))["templates"][0]
    assert entry["skeleton"] is None and entry["features"] == {}


@pytest.mark.parametrize("name", FULL)
def test_the_admins_own_choices_are_marked_shown_and_left_out_of_the_claim(three_report, name):
    """Both templates mark their admin's accessibility fixes; the claim counts without them."""
    entry = entry_of(name, three_report)
    admin = entry["features"]["admin"]
    reasons = {part["own_choice"] for part in admin["own_choices"]}
    assert "accessibility" in reasons
    assert 0 < admin["own_choice_lines"] < admin["lines"]
    claim = next(c for c in three_report["claims"] if c["key"] == "admin")
    assert claim["figures"]["admin_lines"][name] == admin["lines"] - admin["own_choice_lines"]
    assert claim["figures"]["admin_own_choice_lines"][name] == admin["own_choice_lines"]


def test_the_feature_view_marks_each_own_choice(compare):
    text = compare("flask-full", "django-full", "--feature", "admin", "--format", "markdown")
    assert "[own choice: accessibility]" in text  # flask-full's admin/master.html, whole
    assert "own choice, accessibility: AccessibleAdmin (lines " in text  # inside blog/admin.py
    assert "own choice, hardening: ConflictAsFormErrorAdmin" in text
    shown = json.loads(compare("django-full", "--feature", "admin", "--format", "json"))
    marks = [part["own_choice"] for part in shown["projects"][0]["parts"]]
    assert all(marks) and "AccessibleAdmin" in marks[0]


@pytest.mark.parametrize(
    ("paths", "error"),
    [
        ('"blog/admin.py", { path = "blog/admin.py:PostAdmin", own_choice = "x" }, '
         '{ path = "blog/admin.py:PostAdmin", own_choice = "y" }', "as its own choice twice"),
        ('"blog/admin.py:PostAdmin", { path = "blog/admin.py", own_choice = "x" }',
         "lies partly inside its other parts"),
    ],
)  # fmt: skip
def test_an_own_choice_marked_twice_or_half_inside_is_an_error(rendered, tmp_path, paths, error):
    root = rendered("django-full")
    toml = f'[features.admin]\nsummary = "x"\npaths = [{paths}]\n'
    template = copy_with_features(tmp_path, "django-full", toml)
    with pytest.raises(FeatureMapError, match=error):
        feature_map(template, answers_of(root), root, measure("d", root))
