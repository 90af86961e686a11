"""The feature maps the templates declare, and how a folder finds (or does not find) its own."""

import shutil

import pytest

from scaffold import templates
from scaffold.compare.features import FEATURES, answers_of
from scaffold.compare.projects import load

FULL = ("flask-full", "django-full")


@pytest.mark.parametrize("name", FULL)
def test_every_feature_is_declared_by_both_full_templates(name):
    declared = templates.get(name).metadata["features"]
    assert sorted(declared) == sorted(FEATURES)
    for feature, spec in declared.items():
        assert spec["summary"] and spec["paths"], feature


@pytest.mark.parametrize("name", FULL)
def test_every_declared_path_exists_in_the_rendered_tree(rendered, name):
    root = rendered(name)
    answers = answers_of(root)
    for feature, spec in templates.get(name).metadata["features"].items():
        for pattern in spec["paths"]:
            assert (root / pattern.format(**answers)).exists(), (feature, pattern)


@pytest.mark.parametrize("name", FULL)
def test_declared_feature_dependencies_are_direct_dependencies(three_report, name):
    entry = next(t for t in three_report["templates"] if t["name"] == name)
    for feature, pulled in entry["feature_dependencies"].items():
        assert set(pulled) <= set(entry["dependencies"]), feature


def test_a_generated_folder_finds_its_template_through_its_answers_file(rendered, tmp_path):
    project = load(str(rendered("django-full")), tmp_path, {})
    assert project.feature_source == "answers file"
    assert project.template.name == "django-full"
    assert project.features["admin"].files == ("blog/admin.py",)


def test_a_plain_folder_has_unknown_features(rendered, tmp_path):
    plain = tmp_path / "plain"
    shutil.copytree(rendered("flask-minimal"), plain)
    (plain / ".copier-answers.yml").unlink()
    project = load(str(plain), tmp_path, {})
    assert project.feature_source == "unknown"
    assert project.template is None and project.features == {}
