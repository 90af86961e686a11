"""The common claims about Flask and Django, each judged by a written rule on this run's figures.

Every claim is data in ``CLAIMS``, the one place to add one: the claim stated
neutrally, the rule in words, ``gather`` (the figures that bear on it, read
from the report's own data, so the verdict rests on what the JSON shows),
``compare`` (where each of the rule's comparisons falls: a ratio against the
rule's thresholds, or a count) and ``decide`` (the rule as code, on those
outcomes alone). A verdict is one of ``VERDICTS``; nothing is typed in by hand.

A measured figure is a ``Spread`` of runs, so a ratio of two is a range. A
comparison whose range straddles a threshold may fall either way: the claim
is decided only when every way its comparisons may fall gives the same
verdict, and is ``within noise`` otherwise. A claim with any figure missing
is ``not measured``, whatever the others say.

Measured claims are judged on two pairs made the same way: the bare frameworks
(``bare.py``'s hello worlds) and the full templates. They often disagree, and
the disagreement is the lesson: what a framework costs bare is not what an
app with the same features costs on it.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Any

from scaffold.compare.security import PROTECTIONS
from scaffold.compare.spread import Spread, ratio_range

SUPPORTED, NOT_SUPPORTED, MIXED, IN_BETWEEN, WITHIN_NOISE, NOT_MEASURED = (
    "supported",
    "not supported",
    "mixed",
    "in between",
    "within noise",
    "not measured",
)
VERDICTS = (SUPPORTED, NOT_SUPPORTED, MIXED, IN_BETWEEN, WITHIN_NOISE, NOT_MEASURED)
# What each verdict means, for every format's legend.
VERDICT_MEANING = {
    SUPPORTED: "the figures bear the claim out, in every run",
    NOT_SUPPORTED: "the figures contradict it, in every run",
    MIXED: "some figures bear it out and others contradict it",
    IN_BETWEEN: "a figure lies between the rule's two thresholds: neither borne out nor "
    "contradicted",
    WITHIN_NOISE: "a figure's runs fall on both sides of a threshold, so the verdict would "
    "depend on which run counted (more --runs, or a quieter machine, may decide it)",
    NOT_MEASURED: "a figure the rule names is missing (run with --measure, with flask-full and "
    "django-full among the projects)",
}
FULL = ("flask-full", "django-full")
SUBJECTS = ("bare flask", "bare django", "flask-full", "django-full")
PAIRS = (("bare flask", "bare django"), ("flask-full", "django-full"))
BUILT_IN_FEATURES = ("database", "migrations", "accounts", "forms", "admin")
Figures = dict[str, Any]
# Each comparison's possible outcomes: one for a count, more when a ratio's range straddles.
Outcomes = list[frozenset[Hashable]]


@dataclass(frozen=True)
class Claim:
    key: str
    claim: str
    rule: str
    gather: Callable[[dict[str, Any]], Figures]
    compare: Callable[[Figures], Outcomes]
    decide: Callable[[Sequence[Any]], str]

    def judge(self, figures: Figures) -> str:
        """The verdict on these figures: not measured, within noise, or the rule's own."""
        if missing(figures):
            return NOT_MEASURED
        verdicts = {self.decide(way) for way in itertools.product(*self.compare(figures))}
        return verdicts.pop() if len(verdicts) == 1 else WITHIN_NOISE


def evaluate(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Every claim with its figures and verdict, from the report's data."""
    judged = []
    for claim in CLAIMS:
        figures = claim.gather(data)
        judged.append(
            {
                "key": claim.key,
                "claim": claim.claim,
                "rule": claim.rule,
                "figures": figures,
                "verdict": claim.judge(figures),
            }
        )
    return judged


def missing(figures: Figures) -> bool:
    """Whether any figure, for any subject, is absent."""
    return any(
        value is None or (isinstance(value, dict) and None in value.values())
        for value in figures.values()
    )


# Reading figures out of the report's data.


def _full(data: dict[str, Any], name: str) -> dict[str, Any] | None:
    return next((t for t in data["templates"] if t["template"] == name), None)


def _measured(data: dict[str, Any], key: str) -> dict[str, Any]:
    """``key`` for each subject (a number or a spread's JSON); None where not measured."""
    bare = data.get("measure", {}).get("bare", {})
    values: dict[str, Any] = {}
    for subject in SUBJECTS:
        if subject.startswith("bare "):
            found = bare.get(subject.removeprefix("bare "))
            spread = found["figures"].get(key) if found else None
        else:
            entry = _full(data, subject)
            spread = entry["measured"].get(key) if entry and "measured" in entry else None
        values[subject] = spread
    return values


# Where a comparison falls.


def _ratio_zones(
    numerator: Any, denominator: Any, cuts: Sequence[float], *, at_most: bool = False
) -> frozenset[Hashable]:
    """The zones between ``cuts`` the ratio's range reaches: 0 below the first cut, and so on.

    A cut belongs to the zone above it (``ratio >= cut``), or with ``at_most``
    to the zone below it (``ratio <= cut``), as the rule's words put it.
    """
    top, bottom = _spread(numerator), _spread(denominator)
    if bottom.low <= 0:  # a run measured nothing: the ratio is unbounded above
        low, high = (top.low / bottom.high if bottom.high > 0 else math.inf), math.inf
    else:
        low, high = ratio_range(top, bottom)

    def zone(ratio: float) -> int:
        return sum((ratio > cut) if at_most else (ratio >= cut) for cut in cuts)

    return frozenset(range(zone(low), zone(high) + 1))


def _spread(value: Any) -> Spread:
    found = Spread.from_json(value)
    assert found is not None  # missing figures are caught before any comparison
    return found


def _exact(*values: Any) -> Outcomes:
    """Counts read from the code: one outcome, no noise."""
    return [frozenset([values])]


def _by_pairs(count: int, of: int) -> str:
    """All of them, none of them, or some."""
    if count == of:
        return SUPPORTED
    return NOT_SUPPORTED if count == 0 else MIXED


# The rules: where each comparison falls, and the verdict on a set of outcomes.


def _faster_zones(figures: Figures) -> Outcomes:
    rates = figures["requests_per_second"]
    return [_ratio_zones(rates[flask], rates[django], (1.05,)) for flask, django in PAIRS]


def _flask_faster(outcomes: Sequence[Any]) -> str:
    return _by_pairs(sum(zone == 1 for zone in outcomes), len(PAIRS))


def _lighter_zones(keys: Sequence[str]) -> Callable[[Figures], Outcomes]:
    def zones(figures: Figures) -> Outcomes:
        return [
            _ratio_zones(figures[key][flask], figures[key][django], (0.95,), at_most=True)
            for key in keys
            for flask, django in PAIRS
        ]

    return zones


def _flask_lighter(outcomes: Sequence[Any]) -> str:
    """Flask wins where its ratio is at most 0.95 (zone 0)."""
    return _by_pairs(sum(zone == 0 for zone in outcomes), len(outcomes))


def _extensions_counts(figures: Figures) -> Outcomes:
    needing = figures["features_needing_a_package"]
    return _exact(needing["flask-full"], needing["django-full"])


def _extensions(outcomes: Sequence[Any]) -> str:
    flask, django = outcomes[0]
    if flask <= django:
        return NOT_SUPPORTED
    holds = [flask == len(BUILT_IN_FEATURES), django == 0]
    if all(holds):
        return SUPPORTED
    return MIXED if any(holds) else IN_BETWEEN


def _first_200_zones(figures: Figures) -> Outcomes:
    seconds = figures["first_200_seconds"]
    return [_ratio_zones(seconds[django], seconds[flask], (1.5, 2)) for flask, django in PAIRS]


def _five_against_fifteen(outcomes: Sequence[Any]) -> str:
    """Zone 2 bears the claim out (Django at least 2 times), zone 0 contradicts it (under 1.5)."""
    if all(zone == 2 for zone in outcomes):
        return SUPPORTED
    if all(zone == 0 for zone in outcomes):
        return NOT_SUPPORTED
    return MIXED if {0, 2} <= set(outcomes) else IN_BETWEEN


def _protection_counts(figures: Figures) -> Outcomes:
    by_hand = figures["protections_by_hand"]
    issues = figures["deploy_check_issues"]["django-full"]
    return _exact(by_hand["flask-full"], by_hand["django-full"], issues)


def _secure_by_default(outcomes: Sequence[Any]) -> str:
    flask, django, issues = outcomes[0]
    if flask <= django:
        return NOT_SUPPORTED
    supported = flask >= FLASK_BY_HAND_AT_LEAST and django <= DJANGO_BY_HAND_AT_MOST
    return SUPPORTED if supported and issues == 0 else MIXED


def _admin_counts(figures: Figures) -> Outcomes:
    lines = figures["admin_lines"]
    return _exact(lines["flask-full"], lines["django-full"])


def _admin(outcomes: Sequence[Any]) -> str:
    flask, django = outcomes[0]
    if flask < 1.5 * django:
        return NOT_SUPPORTED
    if flask >= 3 * django:  # Flask's bear the claim out; Django's may not be "a few"
        return SUPPORTED if django <= 20 else MIXED
    return IN_BETWEEN


# Gathering each claim's figures.


def _features_needing_a_package(data: dict[str, Any]) -> Figures:
    packages: dict[str, dict[str, list[str]] | None] = {}
    needing: dict[str, int | None] = {}
    for name in FULL:
        entry = _full(data, name)
        framework = name.removesuffix("-full")
        if entry is None or "features" not in entry:
            packages[name], needing[name] = None, None
            continue
        own = {
            feature: [d for d in entry["features"].get(feature, {}).get("dependencies", [])
                      if d != framework]
            for feature in BUILT_IN_FEATURES
        }  # fmt: skip
        packages[name] = own
        needing[name] = sum(1 for pulled in own.values() if pulled)
    return {"packages": packages, "features_needing_a_package": needing}


def _protections(data: dict[str, Any]) -> Figures:
    how: dict[str, dict[str, str] | None] = {}
    by_hand: dict[str, int | None] = {}
    for name in FULL:
        entry = _full(data, name)
        declared = entry.get("protections") if entry else None
        if not declared:  # not compared, or the template says nothing about its protections
            how[name], by_hand[name] = None, None
            continue
        ways = {p: declared[p]["how"] if p in declared else "not declared" for p in PROTECTIONS}
        how[name] = ways
        by_hand[name] = sum(1 for way in ways.values() if way in HAND_WORK)
    django = _full(data, "django-full")
    issues = django.get("measured", {}).get("deploy_check_issues") if django else None
    return {
        "protections": how,
        "protections_by_hand": by_hand,
        "deploy_check_issues": {"django-full": issues},
    }


def _admin_lines(data: dict[str, Any]) -> Figures:
    """The admin's lines in each full template, its own choices (accessibility, branding) aside."""
    lines = {}
    own_choice = {}
    for name in FULL:
        entry = _full(data, name)
        admin = entry.get("features", {}).get("admin") if entry else None
        lines[name] = admin["lines"] - admin.get("own_choice_lines", 0) if admin else None
        own_choice[name] = admin.get("own_choice_lines", 0) if admin else None
    return {"admin_lines": lines, "admin_own_choice_lines": own_choice}


# Code written, or a package added, for a protection: what "set up by hand" means here.
HAND_WORK = {"code", "extension", "not declared"}
# The rule's thresholds, scaled from those of the first list of seven (Flask at least 5
# by hand, Django at most 1) to the list's length: three quarters and one sixth, rounded
# down (9 and 2 of 12).
FLASK_BY_HAND_AT_LEAST = len(PROTECTIONS) * 3 // 4
DJANGO_BY_HAND_AT_MOST = len(PROTECTIONS) // 6

CLAIMS = (
    Claim(
        "faster",
        "Flask serves requests faster than Django.",
        "Flask is faster in a pair when its /healthz requests/s are at least 1.05 times "
        "Django's. Supported when it is faster bare and full, not supported when in neither "
        "pair, mixed when in one.",
        lambda data: {"requests_per_second": _measured(data, "requests_per_second")},
        _faster_zones,
        _flask_faster,
    ),
    Claim(
        "starts-lighter",
        "Flask starts faster and uses less memory than Django.",
        "Flask wins a comparison when its figure is at most 0.95 times Django's. Four "
        "comparisons: import time and worker memory, bare and full. Supported when Flask wins "
        "all four, not supported when it wins none, mixed otherwise.",
        lambda data: {key: _measured(data, key) for key in ("import_ms", "rss_mib")},
        _lighter_zones(("import_ms", "rss_mib")),
        _flask_lighter,
    ),
    Claim(
        "smaller-install",
        "Flask is lighter: less to install than Django.",
        "Flask is lighter in a pair when its site-packages is at most 0.95 times Django's. "
        "Supported when lighter bare and full, not supported when in neither pair, mixed when "
        "in one. The number of distributions is shown, not judged.",
        lambda data: {key: _measured(data, key) for key in ("site_packages_mib", "distributions")},
        _lighter_zones(("site_packages_mib",)),
        _flask_lighter,
    ),
    Claim(
        "extensions",
        "Django ships an ORM, migrations, auth, forms and admin; Flask needs an extension for "
        "each.",
        "Counts, of those five features in each full template's feature map, the ones that "
        "declare a package other than the framework itself. Supported when Flask's all five do "
        "and Django's none; not supported when Flask's do no more than Django's; mixed when "
        "only one of Flask's all five and Django's none holds; in between otherwise.",
        _features_needing_a_package,
        _extensions_counts,
        _extensions,
    ),
    Claim(
        "five-against-fifteen",
        "A Flask project is up in 5 minutes; a Django project takes 15.",
        "Seconds from nothing to a first 200 (scaffold new, venv, install, migrations, "
        "gunicorn; for the bare apps: venv, install, gunicorn). A pair bears the claim out when "
        "Django takes at least 2 times Flask's time, and contradicts it under 1.5 times. "
        "Supported when both pairs bear it out, not supported when both contradict it, mixed "
        "when one bears it out and the other contradicts it, in between otherwise. Machine "
        "time: the reading and typing the minutes stand for are not in it.",
        lambda data: {"first_200_seconds": _measured(data, "first_200_seconds")},
        _first_200_zones,
        _five_against_fifteen,
    ),
    Claim(
        "secure-by-default",
        "Django is secure by default; in Flask each protection is set up by hand.",
        f"Of {len(PROTECTIONS)} protections (CSRF, secure cookies, security headers, session "
        "revocation, password hashing, open-redirect-safe login, request limits, login "
        "throttling, constant-time login, a Content-Security-Policy, HTTPS behind a proxy, "
        "JSON API errors), counts those each full template had to write code for or add a "
        "package for (settings alone do not count: both frameworks are configured through "
        "settings; an undeclared one counts as left to do). Not supported when Flask's count is "
        f"no higher than Django's; supported when Flask's is at least {FLASK_BY_HAND_AT_LEAST} "
        f"(three quarters of the list), Django's at most {DJANGO_BY_HAND_AT_MOST} (one sixth) "
        "and Django's check --deploy (run with --measure) finds no issue; mixed otherwise.",
        _protections,
        _protection_counts,
        _secure_by_default,
    ),
    Claim(
        "admin",
        "Flask-Admin needs significant configuration; Django's admin is a few lines.",
        "Lines of the admin feature in each full template's feature map, the template's own "
        "choices (accessibility fixes, branding) aside. Supported when Flask's take at least 3 "
        "times Django's and Django's are at most 20; not supported when Flask's take under 1.5 "
        "times Django's; mixed when Flask's take 3 times but Django's are over 20; in between "
        "otherwise.",
        _admin_lines,
        _admin_counts,
        _admin,
    ),
)
