"""Each claim in one line: its verdict and the figure that decided it.

The claims table holds every figure and the rule in full; this is what a
reader takes in first (the HTML report opens with it): per claim, the ratio
or the counts its rule compares, in the rule's own direction.
"""

from __future__ import annotations

from typing import Any

from scaffold.compare.claims import NOT_MEASURED, PAIRS
from scaffold.compare.report.sections import ratio

# The command that measures the claims' figures, and what it does that takes its time.
MEASURE_COMMAND = "scaffold compare flask-full django-full --measure"
MEASURE_DOES = "it installs, serves and tests each project and the bare frameworks"
# Per measured figure: its short name, and whether the rule reads Django's over Flask's.
SHORT = {
    "requests_per_second": ("/healthz requests/s, Flask/Django", False),
    "import_ms": ("import time, Flask/Django", False),
    "rss_mib": ("worker memory, Flask/Django", False),
    "site_packages_mib": ("site-packages, Flask/Django", False),
    "first_200_seconds": ("new to first 200, Django/Flask", True),
}


def unmeasured(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The claims a figure is missing for: shown folded, under how to measure them."""
    return [claim for claim in data["claims"] if claim["verdict"] == NOT_MEASURED]


def decided(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [claim for claim in data["claims"] if claim["verdict"] != NOT_MEASURED]


def deciding(claim: dict[str, Any]) -> str:
    """The figure a claim's verdict rests on, in a line."""
    figures = claim["figures"]
    if claim["verdict"] == NOT_MEASURED:
        return "needs --measure, with flask-full and django-full among the projects"
    shown = [_pairs(key, figures[key]) for key in SHORT if key in figures]
    if "features_needing_a_package" in figures:
        needing = figures["features_needing_a_package"]
        shown.append(
            f"of five, needing a package: flask-full {needing['flask-full']}, "
            f"django-full {needing['django-full']}"
        )
    if "protections_by_hand" in figures:
        by_hand = figures["protections_by_hand"]
        protections = figures["protections"]["flask-full"]
        issues = figures["deploy_check_issues"]["django-full"]
        shown.append(
            f"set up by hand, of {len(protections)}: flask-full {by_hand['flask-full']}, "
            f"django-full {by_hand['django-full']}; check --deploy issues: {issues}"
        )
    if "admin_lines" in figures:
        lines = figures["admin_lines"]
        shown.append(
            f"admin lines, own choices aside: flask-full {lines['flask-full']}, "
            f"django-full {lines['django-full']}"
        )
    return "; ".join(shown)


def _pairs(key: str, values: dict[str, Any]) -> str:
    label, django_over_flask = SHORT[key]
    texts = []
    for (flask, django), pair in zip(PAIRS, ("bare", "full"), strict=True):
        top, bottom = (values[django], values[flask]) if django_over_flask else (
            values[flask], values[django])  # fmt: skip
        median, runs = ratio(top, bottom)
        texts.append(f"{pair} {median}" + (f" (runs {runs})" if runs else ""))
    return f"{label}: {', '.join(texts)}"
