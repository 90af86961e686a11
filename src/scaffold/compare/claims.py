"""The common claims about Flask and Django, each judged by a written rule on this run's figures.

Every claim is data in ``CLAIMS``, the one place to add one: the claim stated
neutrally, the rule in words, ``gather`` (the figures that bear on it, read
from the report's own data, so the verdict rests on what the JSON shows) and
``judge`` (the rule as code, on those figures alone). A verdict is one of
``VERDICTS``; nothing is typed in by hand.

Measured claims are judged on two pairs made the same way: the bare frameworks
(``bare.py``'s hello worlds) and the full templates. They often disagree, and
the disagreement is the lesson: what a framework costs bare is not what an
app with the same features costs on it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from scaffold.compare.security import PROTECTIONS

SUPPORTED, NOT_SUPPORTED, MIXED, NOT_MEASURED = (
    "supported",
    "not supported",
    "mixed",
    "not measured",
)
VERDICTS = (SUPPORTED, NOT_SUPPORTED, MIXED, NOT_MEASURED)
FULL = ("flask-full", "django-full")
SUBJECTS = ("bare flask", "bare django", "flask-full", "django-full")
PAIRS = (("bare flask", "bare django"), ("flask-full", "django-full"))
BUILT_IN_FEATURES = ("database", "migrations", "accounts", "forms", "admin")
Figures = dict[str, Any]


@dataclass(frozen=True)
class Claim:
    key: str
    claim: str
    rule: str
    gather: Callable[[dict[str, Any]], Figures]
    judge: Callable[[Figures], str]


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


# Reading figures out of the report's data.


def _full(data: dict[str, Any], name: str) -> dict[str, Any] | None:
    return next((t for t in data["templates"] if t["template"] == name), None)


def _measured(data: dict[str, Any], key: str) -> dict[str, float | None]:
    """``key``'s median for each subject: the bare apps and the full templates; None where not
    measured."""
    bare = data.get("measure", {}).get("bare", {})
    values: dict[str, float | None] = {}
    for subject in SUBJECTS:
        if subject.startswith("bare "):
            found = bare.get(subject.removeprefix("bare "))
            spread = found["figures"].get(key) if found else None
        else:
            entry = _full(data, subject)
            spread = entry["measured"].get(key) if entry and "measured" in entry else None
        values[subject] = None if spread is None else spread["median"]
    return values


def _by_pairs(count: int, of: int) -> str:
    """All of them, none of them, or some."""
    if count == of:
        return SUPPORTED
    return NOT_SUPPORTED if count == 0 else MIXED


# The rules, each on its claim's figures only.


def _flask_faster(figures: Figures) -> str:
    rates = figures["requests_per_second"]
    if None in rates.values():
        return NOT_MEASURED
    wins = sum(rates[flask] / rates[django] >= 1.05 for flask, django in PAIRS)
    return _by_pairs(wins, len(PAIRS))


def _flask_starts_lighter(figures: Figures) -> str:
    values = [figures["import_ms"], figures["rss_mib"]]
    if any(None in figure.values() for figure in values):
        return NOT_MEASURED
    wins = sum(
        figure[flask] / figure[django] <= 0.95 for figure in values for flask, django in PAIRS
    )
    return _by_pairs(wins, 2 * len(PAIRS))


def _flask_installs_less(figures: Figures) -> str:
    sizes = figures["site_packages_mib"]
    if None in sizes.values():
        return NOT_MEASURED
    wins = sum(sizes[flask] / sizes[django] <= 0.95 for flask, django in PAIRS)
    return _by_pairs(wins, len(PAIRS))


def _extensions(figures: Figures) -> str:
    needing = figures["features_needing_a_package"]
    if None in needing.values():
        return NOT_MEASURED
    flask, django = needing["flask-full"], needing["django-full"]
    if flask <= django:
        return NOT_SUPPORTED
    return SUPPORTED if flask == len(BUILT_IN_FEATURES) and django == 0 else MIXED


def _five_against_fifteen(figures: Figures) -> str:
    seconds = figures["first_200_seconds"]
    if None in seconds.values():
        return NOT_MEASURED
    ratios = [seconds[django] / seconds[flask] for flask, django in PAIRS]
    if all(r >= 2 for r in ratios):
        return SUPPORTED
    return NOT_SUPPORTED if all(r < 1.5 for r in ratios) else MIXED


def _secure_by_default(figures: Figures) -> str:
    by_hand = figures["protections_by_hand"]
    if None in by_hand.values():
        return NOT_MEASURED
    flask, django = by_hand["flask-full"], by_hand["django-full"]
    issues = figures["deploy_check_issues"]["django-full"]
    if flask <= django:
        return NOT_SUPPORTED
    clean = issues is None or issues == 0
    return SUPPORTED if flask >= 5 and django <= 1 and clean else MIXED


def _admin(figures: Figures) -> str:
    lines = figures["admin_lines"]
    if None in lines.values() or not lines["django-full"]:
        return NOT_MEASURED
    ratio = lines["flask-full"] / lines["django-full"]
    if ratio < 1.5:
        return NOT_SUPPORTED
    return SUPPORTED if ratio >= 3 and lines["django-full"] <= 20 else MIXED


# Gathering each claim's figures.


def _features_needing_a_package(data: dict[str, Any]) -> Figures:
    packages: dict[str, dict[str, list[str]] | None] = {}
    needing: dict[str, int | None] = {}
    for name in FULL:
        entry = _full(data, name)
        framework = name.removesuffix("-full")
        if entry is None:
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
        if entry is None:
            how[name], by_hand[name] = None, None
            continue
        declared = entry["protections"]
        if not declared:  # the template says nothing about its protections
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
    lines = {}
    for name in FULL:
        entry = _full(data, name)
        admin = entry["features"].get("admin") if entry else None
        lines[name] = admin["lines"] if admin else None
    return {"admin_lines": lines}


# Code written, or a package added, for a protection: what "set up by hand" means here.
HAND_WORK = {"code", "extension", "not declared"}

CLAIMS = (
    Claim(
        "faster",
        "Flask serves requests faster than Django.",
        "Flask is faster in a pair when its /healthz requests/s are at least 1.05 times "
        "Django's. Supported when it is faster bare and full, not supported when in neither "
        "pair, mixed when in one.",
        lambda data: {"requests_per_second": _measured(data, "requests_per_second")},
        _flask_faster,
    ),
    Claim(
        "starts-lighter",
        "Flask starts faster and uses less memory than Django.",
        "Flask wins a comparison when its figure is at most 0.95 times Django's. Four "
        "comparisons: import time and worker memory, bare and full. Supported when Flask wins "
        "all four, not supported when it wins none, mixed otherwise.",
        lambda data: {key: _measured(data, key) for key in ("import_ms", "rss_mib")},
        _flask_starts_lighter,
    ),
    Claim(
        "smaller-install",
        "Flask is lighter: less to install than Django.",
        "Flask is lighter in a pair when its site-packages is at most 0.95 times Django's. "
        "Supported when lighter bare and full, not supported when in neither pair, mixed when "
        "in one. The number of distributions is shown, not judged.",
        lambda data: {key: _measured(data, key) for key in ("site_packages_mib", "distributions")},
        _flask_installs_less,
    ),
    Claim(
        "extensions",
        "Django ships an ORM, migrations, auth, forms and admin; Flask needs an extension for "
        "each.",
        "Counts, of those five features in each full template's feature map, the ones that "
        "declare a package other than the framework itself. Supported when Flask's all five do "
        "and Django's none; not supported when Flask's do no more than Django's; mixed otherwise.",
        _features_needing_a_package,
        _extensions,
    ),
    Claim(
        "five-against-fifteen",
        "A Flask project is up in 5 minutes; a Django project takes 15.",
        "Seconds from nothing to a first 200 (scaffold new, venv, install, migrations, "
        "gunicorn; for the bare apps: venv, install, gunicorn). A pair bears the claim out when "
        "Django takes at least 2 times Flask's time, and contradicts it under 1.5 times. "
        "Supported when both pairs bear it out, not supported when both contradict it, mixed "
        "otherwise. Machine time: the reading and typing the minutes stand for are not in it.",
        lambda data: {"first_200_seconds": _measured(data, "first_200_seconds")},
        _five_against_fifteen,
    ),
    Claim(
        "secure-by-default",
        "Django is secure by default; in Flask each protection is set up by hand.",
        "Of seven protections (CSRF, secure cookies, security headers, session revocation, "
        "password hashing, open-redirect-safe login, request limits), counts those each full "
        "template had to write code for or add a package for (settings alone do not count: "
        "both frameworks are configured through settings; an undeclared one counts as left to "
        "do). Not supported when Flask's count is no higher than Django's; supported when "
        "Flask's is at least 5, Django's at most 1 and Django's check --deploy (run with "
        "--measure) finds no issue; mixed otherwise.",
        _protections,
        _secure_by_default,
    ),
    Claim(
        "admin",
        "Flask-Admin needs significant configuration; Django's admin is a few lines.",
        "Lines of the admin feature in each full template's feature map. Supported when "
        "Flask's take at least 3 times Django's and Django's are at most 20; not supported "
        "when Flask's take under 1.5 times Django's; mixed otherwise.",
        _admin_lines,
        _admin,
    ),
)
