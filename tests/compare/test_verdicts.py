"""Verdicts on noisy and missing figures, from a report's JSON with measured figures put in.

The JSON is a real report's (``scaffold compare --format json``), given the
measured figures a ``--measure`` run would add: spreads of three runs, in the
form the report writes them. Each verdict is then computed by compare's
``claims.evaluate`` and by the rules written again in ``rules.py``.
"""

import copy
import json

import pytest

from compare.rules import RULES
from scaffold.compare import claims
from scaffold.compare.measure import FIGURES
from scaffold.compare.report.sections import claim_figures

MEASURED_KEYS = [key for key, *_ in FIGURES]
FRAMEWORKS = {"bare flask": "flask", "bare django": "django"}


def spread(*runs):
    ordered = sorted(runs)
    return {"median": ordered[len(ordered) // 2], "min": ordered[0], "max": ordered[-1],
            "runs": list(runs)}  # fmt: skip


def with_figures(report, figures):
    """The report with ``figures`` ({key: {subject: value}}) measured; the rest at 10.0 each."""
    data = copy.deepcopy(report)
    chosen = {subject: {key: spread(9.8, 10.0, 10.2) for key in MEASURED_KEYS}
              for subject in claims.SUBJECTS}  # fmt: skip
    for key, by_subject in figures.items():
        for subject, value in by_subject.items():
            chosen[subject][key] = value
    data["measure"] = {
        "runs": 3,
        "bare": {FRAMEWORKS[s]: {"version": "1", "figures": chosen[s]} for s in FRAMEWORKS},
    }
    for entry in data["templates"]:
        if entry["template"] in claims.FULL:
            entry["measured"] = {**chosen[entry["template"]], "deploy_check_issues": 0}
    data["claims"] = claims.evaluate(data)
    return data


def verdicts(data):
    return {claim["key"]: claim["verdict"] for claim in data["claims"]}


@pytest.fixture(scope="module")
def report(compare):
    return json.loads(compare("--format", "json", "--no-ladder"))


def test_every_verdict_on_spread_figures_follows_its_rule(report):
    data = with_figures(report, {"requests_per_second": {"bare flask": spread(30, 31, 29)}})
    for claim in data["claims"]:
        assert claim["verdict"] == RULES[claim["key"]](claim["figures"]), claim["key"]
    # Every figure at 10 give or take 2%: each ratio's range holds 1, never 1.05 or 0.95.
    assert verdicts(data)["starts-lighter"] == "not supported"


def figure_paths(data):
    """Every place in the JSON a claim's figure comes from, and the claims that name it."""
    naming = {key: [c["key"] for c in data["claims"] if key in c["figures"]]
              for key in MEASURED_KEYS}  # fmt: skip
    paths = []
    for index, entry in enumerate(data["templates"]):
        if entry["template"] not in claims.FULL:
            continue
        for key in MEASURED_KEYS:
            paths.append((("templates", index, "measured", key), naming[key]))
        if entry["template"] == "django-full":  # check --deploy is Django's alone
            paths.append((("templates", index, "measured", "deploy_check_issues"),
                          ["secure-by-default"]))  # fmt: skip
        paths.append((("templates", index, "features", "admin"), ["admin"]))
        paths.append((("templates", index, "features"), ["extensions", "admin"]))
        paths.append((("templates", index, "protections"), ["secure-by-default"]))
    for framework in ("flask", "django"):
        for key in MEASURED_KEYS:
            paths.append((("measure", "bare", framework, "figures", key), naming[key]))
    return paths


def test_removing_any_figure_of_a_claim_makes_it_not_measured(report):
    data = with_figures(report, {})
    assert "not measured" not in verdicts(data).values()
    emptied = set()
    for path, keys in figure_paths(data):
        changed = copy.deepcopy(data)
        target = changed
        for step in path[:-1]:
            target = target[step]
        del target[path[-1]]
        judged = {c["key"]: c for c in claims.evaluate(changed)}
        for key in keys:
            assert judged[key]["verdict"] == "not measured", (path, key)
            assert RULES[key](judged[key]["figures"]) == "not measured", (path, key)
            emptied.add(key)
    assert emptied == set(RULES)


def test_removing_each_figure_from_a_claims_own_figures_makes_it_not_measured(report):
    data = with_figures(report, {})
    for claim in data["claims"]:
        judge = next(c for c in claims.CLAIMS if c.key == claim["key"]).judge
        for key, by_subject in claim["figures"].items():
            for subject in by_subject:
                figures = copy.deepcopy(claim["figures"])
                figures[key][subject] = None
                assert judge(figures) == "not measured", (claim["key"], key, subject)
                assert RULES[claim["key"]](figures) == "not measured"


# Each case: the claim, figures whose ranges straddle its threshold, the same moved clear,
# and the verdict once clear.
NOISE = [
    (
        "faster",  # bare Flask 3 times faster; full Flask 0.95-1.15 times Django: 1.05 inside
        {"requests_per_second": {"bare flask": spread(30, 31, 32),
                                 "flask-full": spread(9.5, 10.5, 11.5)}},
        {"requests_per_second": {"bare flask": spread(30, 31, 32),
                                 "flask-full": spread(11.0, 11.5, 12.0)}},
        "supported",
    ),
    (
        "starts-lighter",  # three clear Flask wins; full memory 0.90-1.00 times Django's
        {"import_ms": {"bare flask": spread(8, 8, 8), "flask-full": spread(8, 8, 8)},
         "rss_mib": {"bare flask": spread(8, 8, 8), "flask-full": spread(9.2, 9.5, 10.0)}},
        {"import_ms": {"bare flask": spread(8, 8, 8), "flask-full": spread(8, 8, 8)},
         "rss_mib": {"bare flask": spread(8, 8, 8), "flask-full": spread(8.8, 9.0, 9.1)}},
        "supported",
    ),
    (
        "smaller-install",  # bare clearly lighter, full 0.90-1.00
        {"site_packages_mib": {"bare flask": spread(3, 3, 3), "flask-full": spread(9.2, 9.5, 9.9)}},
        {"site_packages_mib": {"bare flask": spread(3, 3, 3), "flask-full": spread(11, 11, 11)}},
        "mixed",
    ),
    (
        "five-against-fifteen",  # full Django 2.5 times; bare Django 1.8-2.2 times Flask
        {"first_200_seconds": {"django-full": spread(25, 25, 25),
                               "bare django": spread(18.5, 20, 21.5)}},
        {"first_200_seconds": {"django-full": spread(25, 25, 25),
                               "bare django": spread(21, 22, 23)}},
        "supported",
    ),
    (
        "five-against-fifteen",  # full contradicts; bare 1.4-1.6 times: contradicts or between
        {"first_200_seconds": {"django-full": spread(10, 10, 10),
                               "bare django": spread(14.5, 15, 15.5)}},
        {"first_200_seconds": {"django-full": spread(10, 10, 10),
                               "bare django": spread(16, 17, 18)}},
        "in between",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("key", "straddling", "clear", "decided"), NOISE)
def test_ranges_across_a_threshold_are_within_noise_and_clear_of_it_decide(
    report, key, straddling, clear, decided
):
    noisy, settled = with_figures(report, straddling), with_figures(report, clear)
    assert verdicts(noisy)[key] == "within noise"
    assert verdicts(settled)[key] == decided
    for data in (noisy, settled):
        claim = next(c for c in data["claims"] if c["key"] == key)
        assert RULES[key](claim["figures"]) == claim["verdict"]


def test_noise_that_cannot_change_the_verdict_leaves_it(report):
    # Bare Flask starts faster, full Flask clearly slower: mixed, whatever the memory says.
    data = with_figures(report, {
        "import_ms": {"bare flask": spread(8, 8, 8), "flask-full": spread(12, 12, 12)},
        "rss_mib": {"flask-full": spread(9.2, 9.5, 10.0)},
    })  # fmt: skip
    assert verdicts(data)["starts-lighter"] == "mixed"


def test_a_figure_between_thresholds_is_in_between(report):
    data = with_figures(report, {
        "first_200_seconds": {"bare django": spread(17, 17, 17), "django-full": spread(25, 25, 25)}
    })  # fmt: skip
    assert verdicts(data)["five-against-fifteen"] == "in between"


def test_the_issues_two_runs_are_within_noise_and_shown_with_their_range(report):
    # The issue's two runs of bare Flask and Django, as one measurement of three runs each.
    data = with_figures(report, {"requests_per_second": {
        "bare flask": spread(2786, 2950, 3112), "bare django": spread(2424, 2900, 3254),
    }})  # fmt: skip
    faster = next(c for c in data["claims"] if c["key"] == "faster")
    assert faster["verdict"] == "within noise"
    # Every format writes a claim's figures this way: the median, then the runs' range.
    assert claim_figures(faster["figures"]).startswith(
        "/healthz requests/s: bare 2950 (2786-3112) vs 2900 (2424-3254) "
        "(Flask/Django 1.02x, 0.86-1.28x)"
    )


def test_the_admin_between_its_thresholds_is_in_between():
    admin = next(c for c in claims.CLAIMS if c.key == "admin")
    lines = {"admin_lines": {"flask-full": 88, "django-full": 55},
             "admin_own_choice_lines": {"flask-full": 0, "django-full": 0}}  # fmt: skip
    assert admin.judge(lines) == "in between" == RULES["admin"](lines)
    lines["admin_lines"]["django-full"] = 29
    assert admin.judge(lines) == "mixed" == RULES["admin"](lines)  # 3 times, but over 20


def test_a_figure_of_zero_is_judged_without_dividing_by_it(report):
    # A server that answered nothing in one run: Flask's ratio over it is unbounded, not an error.
    data = with_figures(report, {"requests_per_second": {
        "bare django": spread(0, 1, 2), "django-full": spread(0, 0, 0),
        "bare flask": spread(30, 31, 32), "flask-full": spread(5, 5, 5),
    }})  # fmt: skip
    assert verdicts(data)["faster"] == "supported"
    faster = next(c for c in data["claims"] if c["key"] == "faster")
    assert "full 5 vs 0 (Flask/Django n/a)" in claim_figures(faster["figures"])
