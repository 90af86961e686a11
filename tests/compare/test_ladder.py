"""The ladder: each rung of flask-full rendered for real, what it adds counted independently."""

import json
import tomllib

from compare.counting import project_files
from scaffold import ladder

RUNGS = {rung.name: rung for rung in ladder.rungs()}


def test_the_rungs_are_the_declared_ones_in_order(three_report):
    assert list(RUNGS) == ["minimal", "+database", "+accounts", "+forms", "+admin"]
    assert [r["rung"] for r in three_report["ladder"]] == list(RUNGS)


def test_each_rung_matches_the_template_rendered_with_its_answers(three_report, rendered):
    below_files, below_deps = 0, set()
    for rung in three_report["ladder"]:
        root = rendered("flask-full", **RUNGS[rung["rung"]].data)
        files = project_files(root)
        with (root / "pyproject.toml").open("rb") as file:
            declared = tomllib.load(file)["project"]["dependencies"]
        deps = {line.split(">")[0].split("[")[0].split("=")[0].strip().lower() for line in declared}
        assert rung["files"] == len(files)
        assert rung["added_files"] == len(files) - below_files > 0
        assert set(rung["added_dependencies"]) == deps - below_deps
        below_files, below_deps = len(files), deps


def test_the_top_rung_is_flask_full_with_every_option(three_report):
    top = three_report["ladder"][-1]
    full = next(t for t in three_report["templates"] if t["name"] == "flask-full")
    assert (top["files"], top["python_lines"]) == (full["files"], full["python_lines"])
    assert top["dependencies"] == full["dependencies"]


def test_each_rung_is_set_against_the_same_features_in_django_full(three_report):
    django = next(t for t in three_report["templates"] if t["name"] == "django-full")
    assert three_report["ladder"][0]["django_full"] is None
    assert [r["features"] for r in three_report["ladder"]] == [
        [],
        ["database", "migrations"],
        ["accounts"],
        ["forms"],
        ["admin"],
    ]
    for rung in three_report["ladder"][1:]:
        assert rung["rung"] == f"+{rung['features'][0]}"
        features = [django["features"][name] for name in rung["features"]]
        parts = [part for feature in features for part in feature["parts"]]
        python = [p for p in parts if p["path"].endswith(".py")]
        assert rung["django_full"] == {
            "files": len({p["path"] for p in parts}),
            "lines": sum(p["lines"] for p in parts),
            "python_files": len({p["path"] for p in python}),
            "python_lines": sum(p["lines"] for p in python),
            "dependencies": sorted({d for f in features for d in f["dependencies"]}),
        }


def test_without_django_full_among_the_projects_it_is_still_the_reference(compare):
    ladder = json.loads(compare("flask-full", "--format", "json"))["ladder"]
    assert ladder[-1]["django_full"]["files"] >= 1
