"""A mistake in what was typed is one line: what is wrong, the likely meaning, the help to read.

Click's own usage errors (an unknown command or option, a value outside the
choices, a missing argument) and ours read the same way, from the installed
``scaffold``: exactly one line on stderr naming the help of the command that
was typed, exit code 2, nothing on stdout and nothing written. A near miss gets
"did you mean" from the one matcher (``spelling.closest``) that ``--data``
keys use too.
"""

from __future__ import annotations

import pytest

from scaffold import shell, spelling

# What a user types (after `scaffold`), and the one line they read.
MISTAKES = [
    (("nwe", "x"), "Error: no such command 'nwe'; did you mean new? (see `scaffold --help`)"),
    (
        ("zzz",),
        "Error: no such command 'zzz'; the commands are: compare, exercise, export, list, new, "
        "update, workshop (see `scaffold --help`)",
    ),
    (
        ("--verison",),
        "Error: no such option --verison; did you mean --version? (see `scaffold --help`)",
    ),
    (
        ("new", "x", "--templat", "flask-minimal"),
        "Error: no such option --templat; did you mean --template? (see `scaffold new --help`)",
    ),
    (
        ("new", "x", "--template", "flask-minimall", "--defaults"),
        "Error: unknown template 'flask-minimall'; did you mean flask-minimal? Or choose one of: "
        "django-full, flask-full, flask-minimal, or the path of a Copier template "
        "(see `scaffold new --help`)",
    ),
    (
        ("new", "x", "--prefer", "componets", "--defaults"),
        "Error: invalid value for '--prefer': 'componets' is not one of 'components', "
        "'conventions'; did you mean components? (see `scaffold new --help`)",
    ),
    (
        ("new", "x", "--need", "databse", "--defaults"),
        "Error: invalid value for '--need': unknown need 'databse'; did you mean database? "
        "choose from: database, accounts, admin, none (see `scaffold new --help`)",
    ),
    (
        ("list", "--format", "jsn"),
        "Error: invalid value for '--format': 'jsn' is not one of 'table', 'json'; "
        "did you mean json? (see `scaffold list --help`)",
    ),
    (("export",), "Error: missing argument 'TEMPLATE' (see `scaffold export --help`)"),
    (
        ("new", "x", "--template"),
        "Error: option '--template' requires an argument (see `scaffold new --help`)",
    ),
    (
        ("--debug=yes", "list"),
        "Error: option '--debug' does not take a value (see `scaffold --help`)",
    ),
    (
        ("update", "--pretnd"),
        "Error: no such option --pretnd; did you mean --pretend? (see `scaffold update --help`)",
    ),
    (
        ("compare", "flask-minimal", "--formt", "json"),
        "Error: no such option --formt; did you mean --format? (see `scaffold compare --help`)",
    ),
    (
        ("workshop", "class", "--wheelhous"),
        "Error: no such option --wheelhous; did you mean --wheelhouse? "
        "(see `scaffold workshop --help`)",
    ),
    (
        ("new", "--defaults"),
        "Error: missing DEST: the folder to create the project in (see `scaffold new --help`)",
    ),
]


@pytest.mark.parametrize(("typed", "line"), MISTAKES, ids=[" ".join(t) for t, _ in MISTAKES])
def test_a_usage_error_is_one_line_naming_the_help_of_what_was_typed(user, typed, line):
    result = user.run(*typed)
    assert result.returncode == 2, result.stderr
    assert result.stderr.splitlines() == [line]
    assert result.stdout == ""
    assert list(user.cwd.iterdir()) == []


def test_nothing_is_decided_before_the_arguments_are_complete(user):
    """the chooser speaks only once the destination, template and answers are known to be good."""
    refused = user.run("new", "x", "--kind", "site", "--defaults", "--data", "projct_name=Blog")
    assert refused.returncode == 1
    assert refused.stderr.splitlines() == [
        "Error: django-full has no question 'projct_name'; did you mean 'project_name'?"
    ]
    assert refused.stdout == ""
    (user.cwd / "full").mkdir()
    (user.cwd / "full" / "notes.txt").write_text("mine\n")
    full = user.run("new", "full", "--kind", "site", "--defaults")
    assert full.returncode == 1
    assert full.stderr.splitlines() == [
        "Error: full already exists and is not empty; choose a new folder or empty this one"
    ]
    assert full.stdout == ""


def test_one_matcher_answers_every_near_miss():
    """commands, options, choices, templates and --data keys are all judged by spelling.closest."""
    from scaffold import registry

    template = registry.get("flask-minimal")
    assert template.closest_question("projct_name") == spelling.closest(
        "projct_name", template.questions
    )
    assert spelling.closest("flask-minimall", ["flask-full", "flask-minimal"]) == "flask-minimal"
    assert spelling.closest("zzz", ["compare", "export", "new"]) is None


@pytest.mark.parametrize(
    ("word", "quoted"),
    [
        ("x", "x"),
        ("my site", "'my site'"),
        ("L'Atelier", "'L''Atelier'"),
        ("Zoë\u2019s Blog", "'Zoë\u2019\u2019s Blog'"),  # PowerShell reads U+2019 as a quote too
        ("$HOME", "'$HOME'"),
        (r"C:\Users\ada\blog", r"C:\Users\ada\blog"),
    ],
)
def test_powershell_quoting_keeps_a_path_one_literal_argument(word, quoted):
    assert shell.powershell_quote(word) == quoted
