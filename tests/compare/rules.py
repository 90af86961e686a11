"""The claims' rules written again from their words, not from compare's code.

Each rule reads a claim's figures as the JSON has them (a number is one run, a
spread lists its runs) and gives the verdict the rule's words and the legend's
give: not measured when any figure is missing, within noise when the runs
allow more than one verdict, in between for a figure between two thresholds.
"""

import itertools

PAIRS = (("bare flask", "bare django"), ("flask-full", "django-full"))
VERDICTS = (
    "supported", "not supported", "mixed", "in between", "within noise", "not measured",
)  # fmt: skip


# The JSON's figures, read without compare's code: a number is one run, a spread lists its runs.


def runs(value):
    return [value] if isinstance(value, (int, float)) else value["runs"]


def ratio_span(numerator, denominator):
    """The lowest and highest ratio any run of the one over any run of the other gives."""
    return (
        min(runs(numerator)) / max(runs(denominator)),
        max(runs(numerator)) / min(runs(denominator)),
    )


def possible(numerator, denominator, classify, cuts):
    """Every class ``classify`` gives a ratio inside the span: at its ends and at each cut in it."""
    low, high = ratio_span(numerator, denominator)
    return {classify(r) for r in (low, high, *(c for c in cuts if low <= c <= high))}


def verdict_over(choices, rule):
    """The rule's verdict when every way the choices may fall agrees, else "within noise"."""
    verdicts = {rule(choice) for choice in itertools.product(*choices)}
    return verdicts.pop() if len(verdicts) == 1 else "within noise"


def has_a_gap(f):
    return any(v is None or (isinstance(v, dict) and None in v.values()) for v in f.values())


def all_none_or_mixed(wins) -> str:
    if all(wins):
        return "supported"
    return "not supported" if not any(wins) else "mixed"


def faster(f):
    if has_a_gap(f):
        return "not measured"
    rates = f["requests_per_second"]
    choices = [possible(rates[a], rates[b], lambda r: r >= 1.05, [1.05]) for a, b in PAIRS]
    return verdict_over(choices, all_none_or_mixed)


def lighter(f, keys):
    if has_a_gap(f):
        return "not measured"
    choices = [
        possible(f[key][a], f[key][b], lambda r: r <= 0.95, [0.95])
        for key in keys
        for a, b in PAIRS
    ]
    return verdict_over(choices, all_none_or_mixed)


def starts_lighter(f):
    return lighter(f, ("import_ms", "rss_mib"))


def smaller_install(f):
    return lighter(f, ("site_packages_mib",))


def extensions(f):
    if has_a_gap(f):
        return "not measured"
    flask = f["features_needing_a_package"]["flask-full"]
    django = f["features_needing_a_package"]["django-full"]
    if flask <= django:
        return "not supported"
    if (flask, django) == (5, 0):
        return "supported"
    return "mixed" if flask == 5 or django == 0 else "in between"


def five_against_fifteen(f):
    if has_a_gap(f):
        return "not measured"
    seconds = f["first_200_seconds"]

    def says(r):
        return "bears out" if r >= 2 else "contradicts" if r < 1.5 else "between"

    def rule(said):
        if set(said) == {"bears out"}:
            return "supported"
        if set(said) == {"contradicts"}:
            return "not supported"
        return "mixed" if {"bears out", "contradicts"} <= set(said) else "in between"

    return verdict_over([possible(seconds[b], seconds[a], says, [1.5, 2]) for a, b in PAIRS], rule)


def secure_by_default(f):
    if has_a_gap(f):
        return "not measured"
    flask, django = f["protections_by_hand"]["flask-full"], f["protections_by_hand"]["django-full"]
    if flask <= django:
        return "not supported"
    issues = f["deploy_check_issues"]["django-full"]
    # Of twelve protections: three quarters and one sixth (5 and 1 of the first seven).
    return "supported" if flask >= 9 and django <= 2 and issues == 0 else "mixed"


def admin(f):
    if has_a_gap(f):
        return "not measured"
    flask, django = f["admin_lines"]["flask-full"], f["admin_lines"]["django-full"]
    if flask < 1.5 * django:
        return "not supported"
    if flask >= 3 * django:
        return "supported" if django <= 20 else "mixed"
    return "in between"


RULES = {
    "faster": faster,
    "starts-lighter": starts_lighter,
    "smaller-install": smaller_install,
    "extensions": extensions,
    "five-against-fifteen": five_against_fifteen,
    "secure-by-default": secure_by_default,
    "admin": admin,
}
