"""Pick a template from what the project needs, and say why.

The rules follow the usual Flask-versus-Django trade-off (the README's "Use"
section says them to users), and they are data: a table of rules tried in order,
and a table of what each framework brings for each need. The reasons are
built from those tables, so the explanation can never drift from the rule
that fired.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from scaffold.chooser_words import DEFAULT_PREFERENCE, KINDS, NEEDS, PREFERENCES
from scaffold.errors import ScaffoldUsageError

# Needs that only make sense with another: accounts and an admin are stored somewhere.
IMPLIED_NEEDS = {"accounts": ("database",), "admin": ("database", "accounts")}

# What each full template uses for each need, in the words of the trade-off.
PROVIDERS = {
    "flask-full": {
        "database": "Flask-SQLAlchemy and Flask-Migrate",
        "accounts": "Flask-Login and Flask-WTF",
        "admin": "Flask-Admin",
    },
    "django-full": {
        "database": "its ORM and migrations",
        "accounts": "django.contrib.auth",
        "admin": "django.contrib.admin",
    },
}

# flask-full's options for each need, so that --need database renders only that rung.
FLASK_OPTIONS = {"database": "use_database", "accounts": "use_accounts", "admin": "use_admin"}


class DecisionError(ScaffoldUsageError):
    """A need, kind or preference the chooser does not know."""


@dataclass(frozen=True)
class ProjectNeeds:
    """What the user told us about the project."""

    kind: str | None = None
    needs: frozenset[str] = frozenset()
    prefer: str | None = None


@dataclass(frozen=True)
class Decision:
    template: str
    reasons: tuple[str, ...]
    data: dict[str, bool] = field(default_factory=dict)


@dataclass(frozen=True)
class Rule:
    name: str
    applies: str  # "no needs", "components" or "conventions"
    template: str


RULES = (
    Rule("nothing to store", applies="no needs", template="flask-minimal"),
    Rule("choose components", applies="components", template="flask-full"),
    Rule("follow conventions", applies="conventions", template="django-full"),
)


def with_implied_needs(needs: frozenset[str]) -> tuple[frozenset[str], list[str]]:
    """Add the needs that the given ones imply; return them and a note for each addition."""
    complete = set(needs)
    notes = []
    for need in NEEDS:
        if need not in needs:
            continue
        for implied in IMPLIED_NEEDS.get(need, ()):
            if implied not in complete:
                complete.add(implied)
                notes.append(f"{_need_phrase(need)} needs {_need_phrase(implied)}: added it")
    return frozenset(complete), notes


def decide(project: ProjectNeeds) -> Decision:
    unknown = project.needs - set(NEEDS)
    if unknown:
        raise DecisionError(f"unknown need {sorted(unknown)[0]!r}; choose from: {', '.join(NEEDS)}")
    if project.kind is not None and project.kind not in KINDS:
        raise DecisionError(f"unknown kind {project.kind!r}; choose from: {', '.join(KINDS)}")
    if project.prefer is not None and project.prefer not in PREFERENCES:
        raise DecisionError(
            f"unknown preference {project.prefer!r}; choose from: {', '.join(PREFERENCES)}"
        )

    needs, notes = with_implied_needs(project.needs)
    prefer = project.prefer or DEFAULT_PREFERENCE
    situation = "no needs" if not needs else prefer
    rule = next(rule for rule in RULES if rule.applies == situation)
    reasons = [*notes, _reason(rule, project, needs, prefer)]
    if needs and project.prefer is None:
        reasons.append(
            f"you gave no preference, so scaffold went with {DEFAULT_PREFERENCE} "
            "(pass --prefer components for Flask)"
        )
    data = {}
    if rule.template == "flask-full":
        data = {option: need in needs for need, option in FLASK_OPTIONS.items()}
    return Decision(template=rule.template, reasons=tuple(reasons), data=data)


def _reason(rule: Rule, project: ProjectNeeds, needs: frozenset[str], prefer: str) -> str:
    if rule.applies == "no needs":
        what = KINDS[project.kind] if project.kind else "a project"
        return (
            f"{what} with no database, accounts or admin: one small Flask module "
            "does the job and carries nothing you do not use"
        )
    wanted = _join([_need_phrase(need) for need in NEEDS if need in needs])
    providers = PROVIDERS[rule.template]
    if rule.template == "django-full":
        return (
            f"you need {wanted}, and prefer to {PREFERENCES[prefer]}: "
            f"Django ships {'it' if len(needs) == 1 else 'them'} built in "
            f"({_join([providers[need] for need in NEEDS if need in needs])}), "
            "wired together and secured the same way in every project"
        )
    return (
        f"you need {wanted}, and prefer to {PREFERENCES[prefer]}: "
        f"Flask adds each as an extension you can swap "
        f"({_join([providers[need] for need in NEEDS if need in needs])})"
    )


def _need_phrase(need: str) -> str:
    return {"database": "a database", "accounts": "user accounts", "admin": "an admin panel"}[need]


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"
