"""Every rule and branch of the chooser."""

import pytest

from scaffold import choose
from scaffold.choose import ProjectNeeds, decide
from scaffold.chooser_words import NEEDS, PREFERENCES, TYPICAL_NEEDS


def test_no_needs_is_flask_minimal():
    decision = decide(ProjectNeeds(kind="prototype"))
    assert decision.template == "flask-minimal"
    assert decision.data == {}
    assert "a prototype with no database, accounts or admin" in decision.reasons[0]


def test_no_needs_without_a_kind_still_reads_well():
    assert decide(ProjectNeeds()).reasons[0].startswith("a project with no database")


def test_no_needs_ignores_the_preference():
    assert decide(ProjectNeeds(prefer="conventions")).template == "flask-minimal"
    assert decide(ProjectNeeds(prefer="components")).template == "flask-minimal"


@pytest.mark.parametrize("need", NEEDS)
def test_any_need_with_components_is_flask_full(need):
    decision = decide(ProjectNeeds(needs=frozenset({need}), prefer="components"))
    assert decision.template == "flask-full"
    assert "choose your own components" in decision.reasons[-1]
    assert "Flask adds each as an extension" in decision.reasons[-1]


@pytest.mark.parametrize("need", NEEDS)
def test_any_need_with_conventions_is_django_full(need):
    decision = decide(ProjectNeeds(needs=frozenset({need}), prefer="conventions"))
    assert decision.template == "django-full"
    assert "Django ships" in decision.reasons[-1]


def test_admin_and_accounts_with_conventions_names_what_django_ships():
    decision = decide(ProjectNeeds(needs=frozenset({"admin", "accounts"}), prefer="conventions"))
    assert decision.reasons[-1].startswith(
        "for a database, user accounts and an admin panel, to follow conventions"
    )
    assert "django.contrib.auth and django.contrib.admin" in decision.reasons[-1]


def test_admin_implies_accounts_and_database_and_says_so():
    decision = decide(ProjectNeeds(needs=frozenset({"admin"}), prefer="components"))
    assert decision.reasons[:2] == (
        "an admin panel needs a database: added it",
        "an admin panel needs user accounts: added it",
    )


def test_accounts_imply_a_database():
    decision = decide(ProjectNeeds(needs=frozenset({"accounts"}), prefer="components"))
    assert decision.reasons[0] == "user accounts needs a database: added it"
    assert decision.data == {"use_database": True, "use_accounts": True, "use_admin": False}


def test_flask_full_renders_only_the_rungs_needed():
    decision = decide(ProjectNeeds(needs=frozenset({"database"}), prefer="components"))
    assert decision.data == {"use_database": True, "use_accounts": False, "use_admin": False}


def test_no_preference_defaults_to_conventions_and_says_how_to_change_it():
    decision = decide(ProjectNeeds(needs=frozenset({"database"})))
    assert decision.template == "django-full"
    assert decision.said == ("it needs a database (--need database)",)
    assert decision.assumed == (
        "you follow conventions (a team project, security first), scaffold's default; "
        "--prefer components says otherwise (Flask)",
    )


def test_a_kind_without_needs_assumes_its_typical_needs_and_says_so():
    decision = decide(ProjectNeeds(kind="api", prefer="components"))
    assert decision.template == "flask-full"
    assert decision.said == (
        "a small API or service (--kind api)",
        "you choose your own components (--prefer components)",
    )
    assert decision.assumed == (
        "a database, as a small API or service usually needs; "
        "--need says otherwise (any of database,accounts,admin, or none)",
    )


def test_nothing_said_assumes_nothing_to_store():
    decision = decide(ProjectNeeds())
    assert decision.template == "flask-minimal"
    assert decision.said == ()
    assert decision.assumed[0].startswith("no database, accounts or admin, as nothing said")


def test_needs_said_are_not_assumed():
    decision = decide(ProjectNeeds(kind="site", needs=frozenset(), prefer="components"))
    assert decision.template == "flask-minimal"
    assert decision.assumed == ()


def test_every_rule_is_reachable_and_names_a_packaged_template():
    from scaffold import registry

    situations = {rule.applies for rule in choose.RULES}
    assert situations == {"no needs", *PREFERENCES}
    packaged = {template.name for template in registry.available()}
    assert {rule.template for rule in choose.RULES} == packaged


@pytest.mark.parametrize(
    ("project", "message"),
    [
        (ProjectNeeds(needs=frozenset({"cache"})), "unknown need 'cache'"),
        (ProjectNeeds(kind="game"), "unknown kind 'game'"),
        (ProjectNeeds(prefer="magic"), "unknown preference 'magic'"),
    ],
)
def test_unknown_inputs_are_refused_with_the_valid_ones(project, message):
    with pytest.raises(choose.DecisionError, match=message):
        decide(project)


def test_typical_needs_follow_the_kind():
    assert decide(ProjectNeeds(kind="site", needs=frozenset(TYPICAL_NEEDS["site"]))).template == (
        "django-full"
    )
    assert TYPICAL_NEEDS["prototype"] == ()
