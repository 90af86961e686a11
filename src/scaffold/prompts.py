"""The chooser's questions in a terminal: arrow-key choices, defaults shown.

questionary comes with Copier, so the chooser's prompts look and behave like
the template's own questions that follow them.
"""

from __future__ import annotations

from scaffold import choose
from scaffold.chooser_words import DEFAULT_PREFERENCE, KINDS, PREFERENCES, TYPICAL_NEEDS


def ask_project() -> choose.ProjectNeeds:
    import questionary

    kind = questionary.select(
        "What are you building?",
        choices=[questionary.Choice(title, value=key) for key, title in KINDS.items()],
        default=None,
    ).unsafe_ask()
    typical = TYPICAL_NEEDS[kind]
    needs = {
        need
        for need, question in (
            ("database", "Does it need a database?"),
            ("accounts", "Does it need user accounts (register, log in)?"),
            ("admin", "Does it need an admin panel?"),
        )
        if questionary.confirm(question, default=need in typical).unsafe_ask()
    }
    prefer = None
    if needs:
        choices = [
            questionary.Choice(f"{title[0].upper()}{title[1:]}", value=key)
            for key, title in PREFERENCES.items()
        ]
        # Enter alone must give what no preference gives with flags (choose.decide).
        default = next(c for c in choices if c.value == DEFAULT_PREFERENCE)
        prefer = questionary.select(
            "How do you like to work?", choices=choices, default=default
        ).unsafe_ask()
    return choose.ProjectNeeds(kind=kind, needs=frozenset(needs), prefer=prefer)


def confirm_template(decision: choose.Decision, names: list[str]) -> str:
    import questionary

    if questionary.confirm(f"Use {decision.template}?", default=True).unsafe_ask():
        return decision.template
    chosen: str = questionary.select("Which template, then?", choices=names).unsafe_ask()
    return chosen
