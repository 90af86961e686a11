"""Pick a template from what the project needs, and say why.

The rules follow the usual Flask-versus-Django trade-off (the README's "Use"
section says them to users), and they are data: a table of rules tried in order,
and a table of what each framework brings for each need. The reasons are
built from those tables, so the explanation can never drift from the rule
that fired. A decision keeps apart what the user said and what scaffold
assumed in its place, each assumption with the flag that says otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from scaffold.chooser_words import DEFAULT_PREFERENCE, KINDS, NEEDS, PREFERENCES, TYPICAL_NEEDS
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
    """What the user told us about the project; None for what they did not say."""

    kind: str | None = None
    needs: frozenset[str] | None = None
    prefer: str | None = None


@dataclass(frozen=True)
class Decision:
    template: str
    reasons: tuple[str, ...]
    data: dict[str, bool] = field(default_factory=dict)
    # What the user said; what scaffold assumed for the rest, each with the flag to change it.
    said: tuple[str, ...] = ()
    assumed: tuple[str, ...] = ()


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
    unknown = (project.needs or frozenset()) - set(NEEDS)
    if unknown:
        raise DecisionError(f"unknown need {sorted(unknown)[0]!r}; choose from: {', '.join(NEEDS)}")
    if project.kind is not None and project.kind not in KINDS:
        raise DecisionError(f"unknown kind {project.kind!r}; choose from: {', '.join(KINDS)}")
    if project.prefer is not None and project.prefer not in PREFERENCES:
        raise DecisionError(
            f"unknown preference {project.prefer!r}; choose from: {', '.join(PREFERENCES)}"
        )

    given = project.needs
    if given is None:
        given = frozenset(TYPICAL_NEEDS[project.kind]) if project.kind else frozenset()
    needs, notes = with_implied_needs(given)
    prefer = project.prefer or DEFAULT_PREFERENCE
    situation = "no needs" if not needs else prefer
    rule = next(rule for rule in RULES if rule.applies == situation)
    assumed = []
    if project.needs is None:
        assumed.append(_assumed_needs(project.kind, given))
    if needs and project.prefer is None:
        assumed.append(
            f"you {PREFERENCES[DEFAULT_PREFERENCE]}, scaffold's default; "
            "--prefer components says otherwise (Flask)"
        )
    data = {}
    if rule.template == "flask-full":
        data = {option: need in needs for need, option in FLASK_OPTIONS.items()}
    return Decision(
        template=rule.template,
        reasons=(*notes, _reason(rule, project, needs, prefer)),
        data=data,
        said=tuple(_said(project)),
        assumed=tuple(assumed),
    )


def _said(project: ProjectNeeds) -> list[str]:
    said = []
    if project.kind is not None:
        said.append(f"{KINDS[project.kind]} (--kind {project.kind})")
    if project.needs is not None:
        wanted = [need for need in NEEDS if need in project.needs]
        said.append(
            f"it needs {_join([_need_phrase(need) for need in wanted])} (--need {','.join(wanted)})"
            if wanted
            else "it needs no database, accounts or admin (--need none)"
        )
    if project.prefer is not None:
        said.append(f"you {PREFERENCES[project.prefer]} (--prefer {project.prefer})")
    return said


def _assumed_needs(kind: str | None, needs: frozenset[str]) -> str:
    """What scaffold took the project to need when ``--need`` said nothing, and how to say it."""
    change = "--need says otherwise (any of database,accounts,admin, or none)"
    if kind is None:
        return f"no database, accounts or admin, as nothing said the project needs them; {change}"
    if not needs:
        return f"no database, accounts or admin, as {KINDS[kind]} usually needs none; {change}"
    wanted = _join([_need_phrase(need) for need in NEEDS if need in needs])
    return f"{wanted}, as {KINDS[kind]} usually needs; {change}"


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
            f"for {wanted}, to {PREFERENCES[prefer]}: "
            f"Django ships {'it' if len(needs) == 1 else 'them'} built in "
            f"({_join([providers[need] for need in NEEDS if need in needs])}), "
            "wired together and secured the same way in every project"
        )
    return (
        f"for {wanted}, to {PREFERENCES[prefer]}: "
        f"Flask adds each as an extension you can swap "
        f"({_join([providers[need] for need in NEEDS if need in needs])})"
    )


def _need_phrase(need: str) -> str:
    return {"database": "a database", "accounts": "user accounts", "admin": "an admin panel"}[need]


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"
