"""What each count of the report means, in one place: every format prints these words.

The JSON carries them under ``"meaning"``, the table, Markdown and HTML under
the section they explain, so a reader of any format knows what a number counts
without opening the docs.
"""

from __future__ import annotations

from scaffold.compare.claims import VERDICT_MEANING

LINES = (
    "Lines are lines of code: in Python files, lines holding code (blank lines, comments and "
    "docstrings are not); in other files, non-blank lines."
)

VERDICTS = "; ".join(f"{verdict}: {meaning}" for verdict, meaning in VERDICT_MEANING.items()) + "."

MEANING = {
    "verdicts": VERDICTS,
    "size": (
        f"{LINES} Python counts every .py file but the tests; configuration is pyproject.toml, "
        ".env.example, .gitignore, the settings and entry-point modules (CI, commit hooks and "
        "container files are the role ops, in the files by role). 'all dependencies, "
        "resolved' is every distribution the direct ones pull in, found by a package resolver "
        "without installing anything (the row says when no resolver could answer)."
    ),
    "features": (
        "Each feature counts the code its template names for it in scaffold.toml: whole files, "
        "or functions, classes and settings of a Python file (decorators and docstrings "
        f"included). {LINES} No line counts in two features. The skeleton is every line no "
        "feature claims (the app factory, URL and settings glue, imports, packaging, the README, "
        "CI and container files), "
        "so the features and the skeleton add up to the project's lines. 'own choice': the "
        "lines of the feature the template marks as its own choice (accessibility fixes, "
        "branding, hardening beyond the framework's default), counted in the feature but not "
        "in what a claim says the framework needs. In brackets: the direct dependencies the "
        "feature needs."
    ),
    "dependencies": (
        "direct: named in the project's pyproject.toml; pulled in: required by those, "
        "transitively, as the resolver found them."
    ),
    "ladder": (
        "flask-full rendered with one more option on per rung; 'adds' is what that rung has "
        "over the rung below (files, lines of Python code outside the tests). Beside it, the "
        "lines of Python django-full spends on the same features (+database: the database and "
        "its migrations), from the parts its feature map names, as in the features table."
    ),
    "measured": (
        "Times and sizes are this machine's: compare the ratios, which travel between machines "
        "far better than absolute figures. The installer's cache is warm: each timed install "
        "follows an install of the same packages."
    ),
    "tree": f"Each file's lines, grouped by role, files of the same name on one row. {LINES}",
    "claims": (
        "What articles comparing the frameworks say, each judged on this run's figures by the "
        f"rule beside it. {VERDICTS} Measured claims are judged on two pairs measured the same "
        "way: the bare frameworks "
        "(a one-route hello world of each) and the full templates (the same blog in each)."
    ),
    "bare": (
        "Each framework's hello world, alone with gunicorn, installed with the version its full "
        "template got and measured exactly as the projects are: what the framework costs "
        "before any app is written on it."
    ),
}
