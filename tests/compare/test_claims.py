"""The claims: every verdict recomputed from the JSON by its written rule, and moved by its figures.

The rules below are written again from the words of each claim's rule (which
the report prints beside it), not from compare's code; the JSON's verdicts
must agree with them, on a plain run and on a measured one.
"""

import copy
import json
from pathlib import Path

import pytest

from scaffold.compare import claims
from scaffold.compare.bare import Bare
from scaffold.compare.measure import FIGURES, Measured
from scaffold.compare.projects import load
from scaffold.compare.report import Comparison, html_report, json_report, markdown, table
from scaffold.compare.serving import Settings
from scaffold.compare.spread import Spread

PAIRS = (("bare flask", "bare django"), ("flask-full", "django-full"))
VERDICT = {True: "supported", False: "not supported"}


def all_none_or_mixed(wins: list[bool]) -> str:
    if all(wins):
        return "supported"
    return "not supported" if not any(wins) else "mixed"


def faster(f):
    rates = f["requests_per_second"]
    if None in rates.values():
        return "not measured"
    return all_none_or_mixed([rates[a] >= 1.05 * rates[b] for a, b in PAIRS])


def starts_lighter(f):
    if any(None in f[key].values() for key in ("import_ms", "rss_mib")):
        return "not measured"
    return all_none_or_mixed(
        [f[key][a] <= 0.95 * f[key][b] for key in ("import_ms", "rss_mib") for a, b in PAIRS]
    )


def smaller_install(f):
    sizes = f["site_packages_mib"]
    if None in sizes.values():
        return "not measured"
    return all_none_or_mixed([sizes[a] <= 0.95 * sizes[b] for a, b in PAIRS])


def extensions(f):
    flask, django = (
        f["features_needing_a_package"]["flask-full"],
        f["features_needing_a_package"]["django-full"],
    )
    if flask is None or django is None:
        return "not measured"
    if flask <= django:
        return "not supported"
    return "supported" if (flask, django) == (5, 0) else "mixed"


def five_against_fifteen(f):
    seconds = f["first_200_seconds"]
    if None in seconds.values():
        return "not measured"
    bear_out = [seconds[b] >= 2 * seconds[a] for a, b in PAIRS]
    contradict = [seconds[b] < 1.5 * seconds[a] for a, b in PAIRS]
    if all(bear_out):
        return "supported"
    return "not supported" if all(contradict) else "mixed"


def secure_by_default(f):
    flask, django = f["protections_by_hand"]["flask-full"], f["protections_by_hand"]["django-full"]
    if flask is None or django is None:
        return "not measured"
    if flask <= django:
        return "not supported"
    issues = f["deploy_check_issues"]["django-full"]
    return "supported" if flask >= 5 and django <= 1 and not issues else "mixed"


def admin(f):
    flask, django = f["admin_lines"]["flask-full"], f["admin_lines"]["django-full"]
    if flask is None or not django:
        return "not measured"
    if flask < 1.5 * django:
        return "not supported"
    return "supported" if flask >= 3 * django and django <= 20 else "mixed"


RULES = {
    "faster": faster,
    "starts-lighter": starts_lighter,
    "smaller-install": smaller_install,
    "extensions": extensions,
    "five-against-fifteen": five_against_fifteen,
    "secure-by-default": secure_by_default,
    "admin": admin,
}
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
        assert claim["verdict"] in ("supported", "not supported", "mixed", "not measured")


def test_every_verdict_of_a_plain_run_follows_its_rule(plain):
    for claim in plain["claims"]:
        assert claim["verdict"] == RULES[claim["key"]](claim["figures"]), claim["key"]
    measured = [c for c in plain["claims"] if "requests_per_second" in c["figures"]]
    assert measured and {c["verdict"] for c in measured} == {"not measured"}


def test_every_verdict_of_a_measured_run_follows_its_rule(measured):
    _, data = measured
    for claim in data["claims"]:
        assert claim["verdict"] == RULES[claim["key"]](claim["figures"]), claim["key"]
    assert "not measured" not in {c["verdict"] for c in data["claims"]}
    faster = next(c for c in data["claims"] if c["key"] == "faster")
    assert faster["figures"]["requests_per_second"] == {
        "bare flask": 30.0, "bare django": 10.0, "flask-full": 10.0, "django-full": 9.0,
    }  # fmt: skip
    assert faster["verdict"] == "supported"


def test_the_static_claims_read_the_feature_map_and_the_protections(plain):
    by_key = {c["key"]: c for c in plain["claims"]}
    flask, django = (next(t for t in plain["templates"] if t["name"] == n) for n in claims.FULL)
    assert by_key["admin"]["figures"]["admin_lines"] == {
        "flask-full": flask["features"]["admin"]["lines"],
        "django-full": django["features"]["admin"]["lines"],
    }
    hand = by_key["secure-by-default"]["figures"]["protections"]
    assert hand["django-full"]["password_hashing"] == "built in"
    assert hand["flask-full"]["open_redirect"] == "code"
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
        ("secure-by-default", ("protections_by_hand", "flask-full"), 4, 5),
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
