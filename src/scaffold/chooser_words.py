"""The words a user describes a project with to the chooser: its kind, its needs, a preference.

They are the values of ``scaffold new``'s ``--kind``, ``--need`` and
``--prefer``, the choices of the chooser's questions (prompts.py) and what the
chooser's rules are written in (choose.py). They live apart from the rules so
that the command line can declare its options without loading the rules:
``scaffold --help`` loads every command's module (docs/performance.md).
"""

KINDS = {
    "prototype": "a prototype",
    "api": "a small API or service",
    "site": "a content or data-driven site",
}
NEEDS = ("database", "accounts", "admin")
PREFERENCES = {
    "components": "choose your own components",
    "conventions": "follow conventions (a team project, security first)",
}
DEFAULT_PREFERENCE = "conventions"

# What the kind of project suggests, used as the defaults of the questions.
TYPICAL_NEEDS = {
    "prototype": (),
    "api": ("database",),
    "site": ("database", "accounts", "admin"),
}
