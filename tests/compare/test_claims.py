"""The claims: every verdict recomputed from the JSON by its written rule, and moved by its figures.

The rules (rules.py) are written again from the words of each claim's rule (which
the report prints beside it), not from compare's code; the JSON's verdicts
must agree with them, on a plain run and on a measured one.
"""

import copy
import json
from pathlib import Path

import pytest

from compare.rules import RULES, VERDICTS
from scaffold.compare import claims
from scaffold.compare.bare import Bare
from scaffold.compare.measure import FIGURES, Measured
from scaffold.compare.projects import load
from scaffold.compare.report import Comparison, html_report, json_report, markdown, table
from scaffold.compare.serving import Settings
from scaffold.compare.spread import Spread

CLAIM = {claim.key: claim for claim in claims.CLAIMS}


@pytest.fixture(scope="module")
def plain(compare):
    return json.loads(compare("--format", "json", "--no-ladder"))


def spreads(figures):
    """Each figure as one run."""
    return {key: Spread.of([value]) for key, value in figures.items()}


@pytest.fixture(scope="module")
def measured(rendered, tmp_path_factory):
    """The two full templates with measured figures and bare apps, through the real renderer."""
    workspace = tmp_path_factory.mktemp("claims")
    projects = [load(str(rendered(name)), workspace, {}) for name in claims.FULL]
    for project, name in zip(projects, claims.FULL, strict=True):
        project.name = name  # the folder is called "project"
    figures = {key: 10.0 for key, *_ in FIGURES}
    slower = {**figures, "requests_per_second": 9.0, "import_ms": 15.0, "first_200_seconds": 30}
    comparison = Comparison(
        projects=projects,
        measured={
            "flask-full": Measured(spreads(figures), ("flask",), (), None, "3.1"),
            "django-full": Measured(spreads(slower), ("django",), (), 0, "5.2"),
        },
        bare={
            "flask": Bare("flask", "3.1", spreads({**figures, "requests_per_second": 30.0})),
            "django": Bare("django", "5.2", spreads({**figures, "site_packages_mib": 40.0})),
        },
        settings=Settings(runs=1),
        installer="uv",
    )
    return comparison, json.loads(json_report.render(comparison))


def test_there_are_at_least_six_claims_each_with_its_rule_and_a_verdict_from_the_set(plain):
    assert len(plain["claims"]) >= 6 and len(plain["claims"]) == len(claims.CLAIMS)
    assert [c["key"] for c in plain["claims"]] == list(RULES)
    for claim in plain["claims"]:
        assert claim["claim"] and claim["rule"] and claim["figures"]
        assert claim["verdict"] in VERDICTS


def test_every_verdict_of_a_plain_run_follows_its_rule(plain):
    for claim in plain["claims"]:
        assert claim["verdict"] == RULES[claim["key"]](claim["figures"]), claim["key"]
    # Without --measure, every claim that names a measured figure is not measured, check
    # --deploy's issues included.
    by_key = {c["key"]: c["verdict"] for c in plain["claims"]}
    measured = ("faster", "starts-lighter", "smaller-install", "five-against-fifteen")
    assert {by_key[key] for key in (*measured, "secure-by-default")} == {"not measured"}
    assert by_key["extensions"] != "not measured" and by_key["admin"] != "not measured"


def test_every_verdict_of_a_measured_run_follows_its_rule(measured):
    _, data = measured
    for claim in data["claims"]:
        assert claim["verdict"] == RULES[claim["key"]](claim["figures"]), claim["key"]
    assert "not measured" not in {c["verdict"] for c in data["claims"]}
    faster = next(c for c in data["claims"] if c["key"] == "faster")
    medians = {
        subject: figure["median"]
        for subject, figure in faster["figures"]["requests_per_second"].items()
    }
    assert medians == {
        "bare flask": 30.0,
        "bare django": 10.0,
        "flask-full": 10.0,
        "django-full": 9.0,
    }
    assert faster["verdict"] == "supported"


def test_the_static_claims_read_the_feature_map_and_the_protections(plain):
    by_key = {c["key"]: c for c in plain["claims"]}
    flask, django = (next(t for t in plain["templates"] if t["name"] == n) for n in claims.FULL)
    assert by_key["admin"]["figures"]["admin_lines"] == {
        name: entry["features"]["admin"]["lines"] - entry["features"]["admin"]["own_choice_lines"]
        for name, entry in zip(claims.FULL, (flask, django), strict=True)
    }
    hand = by_key["secure-by-default"]["figures"]["protections"]
    assert hand["django-full"]["password_hashing"] == "built in"
    assert hand["flask-full"]["open_redirect"] == "code"
    assert hand["django-full"]["content_security_policy"] == "extension"
    assert hand["django-full"]["https_behind_proxy"] == "settings"
    assert hand["flask-full"]["https_behind_proxy"] == "code"
    assert flask["protections"]["csrf"]["dependencies"] == ["flask-wtf"]


def nudged(figures, path, value):
    changed = copy.deepcopy(figures)
    *outer, last = path
    target = changed
    for key in outer:
        target = target[key]
    target[last] = value
    return changed


@pytest.mark.parametrize(
    ("key", "path", "below", "above"),
    [
        ("faster", ("requests_per_second", "flask-full"), 1.04 * 9, 1.06 * 9),
        ("starts-lighter", ("import_ms", "django-full"), 0.96 * 10, 10 / 0.94),
        ("smaller-install", ("site_packages_mib", "flask-full"), 0.96 * 10, 0.94 * 10),
        ("extensions", ("features_needing_a_package", "flask-full"), 4, 5),
        ("five-against-fifteen", ("first_200_seconds", "bare django"), 1.99 * 10, 2.01 * 10),
        ("secure-by-default", ("protections_by_hand", "flask-full"), 8, 9),
        ("secure-by-default", ("deploy_check_issues", "django-full"), 1, 0),
        ("admin", ("admin_lines", "django-full"), 21, 20),
        ("admin", ("admin_lines", "flask-full"), 1.49 * 20, 1.5 * 20),
    ],
)
def test_moving_a_figure_across_its_rules_threshold_changes_the_verdict(
    measured, key, path, below, above
):
    _, data = measured
    figures = next(c for c in data["claims"] if c["key"] == key)["figures"]
    if key == "five-against-fifteen":  # the full pair already bears the claim out
        figures = nudged(figures, ("first_200_seconds", "django-full"), 30)
    if key == "admin":
        figures = nudged(figures, ("admin_lines",), {"flask-full": 80, "django-full": 20})
    if key == "secure-by-default":  # each threshold met but the one moved
        by_hand = {"flask-full": 9, "django-full": 2}
        figures = nudged(figures, ("protections_by_hand",), by_hand)
        figures = nudged(figures, ("deploy_check_issues", "django-full"), 0)
    low, high = nudged(figures, path, below), nudged(figures, path, above)
    assert CLAIM[key].judge(low) != CLAIM[key].judge(high)
    assert CLAIM[key].judge(low) == RULES[key](low)
    assert CLAIM[key].judge(high) == RULES[key](high)


def first_column(table_text: str, title: str) -> str:
    """The text of a Rich table's first column, its folded lines joined."""
    section = table_text[table_text.index(title) :]
    cells = [line.split("│")[1].strip() for line in section.splitlines() if line.startswith("│")]
    return " ".join(cells)


def test_the_claims_show_in_every_format(measured):
    comparison, data = measured
    page = " ".join(html_report.render(comparison).replace("&#x27;", "'").split())
    text = markdown.render(comparison)
    terminal = table.render(comparison)
    claims_column = first_column(terminal, "The claims, checked")
    for claim in data["claims"]:
        for shown in (page, text, claims_column):
            assert claim["claim"] in shown, claim["key"]
        assert f"| {claim['verdict']} |" in text
        assert f"<td>{claim['verdict']}</td>" in page
    assert 'id="claims"' in page and "## The claims, checked" in text
    # The bare frameworks' own table, Flask first as in every pair.
    assert "|  | bare flask 3.1 | bare django 5.2 |" in text
    assert "| /healthz requests/s | 30 | 10 |" in text
    cells = {cell.strip() for cell in terminal.split("│")}
    assert {c["verdict"] for c in data["claims"]} <= cells


def test_the_docs_state_each_claim_and_its_rule_word_for_word():
    docs = Path(__file__).resolve().parents[2] / "docs" / "compare.md"
    text = " ".join(docs.read_text().replace("**", "").split())
    for claim in claims.CLAIMS:
        assert f"{claim.claim} (`{claim.key}`) {claim.rule}" in text, claim.key
