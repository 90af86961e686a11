"""``scaffold compare --feature`` in a terminal or a pipe: every declared line, whole, once.

The installed scaffold prints into a pipe, as for ``less -R``: at the width
COLUMNS gives, or Rich's 80 columns when it gives none. Wrapping moves words
and folds long ones onto the next line, so the check reads each project's
column back with the borders and whitespace taken out: a declared part must be
there as its line numbers and its source, in order, exactly once.
"""

import itertools
import json
import re

import pytest

FEATURE = "accounts"
PROJECTS = ("flask-full", "django-full")
BORDERS = re.compile(r"[\s│╭╮╰╯─⋮]")


def squeezed(text: str) -> str:
    return BORDERS.sub("", text)


def project_streams(output: str) -> dict[str, str]:
    """Each project's column, read top to bottom and squeezed, whether side by side or stacked."""
    lines = output.splitlines()
    starts = [index for index, char in enumerate(lines[0]) if char == "╭"]
    bounds = [*starts, None]
    columns = [
        "".join(squeezed(line[start:end]) for line in lines)
        for start, end in itertools.pairwise(bounds)
    ]
    stream = "".join(columns)
    titles = [stream.index(f"{name}:{FEATURE},") for name in PROJECTS]
    ends = [*titles[1:], len(stream)]
    return {name: stream[t:e] for name, t, e in zip(PROJECTS, titles, ends, strict=True)}


def numbered(part: dict) -> str:
    """The part as the view shows it, squeezed: each line's number, then its code."""
    return "".join(
        f"{part['first_line'] + offset}{squeezed(line)}"
        for offset, line in enumerate(part["text"].splitlines())
    )


@pytest.fixture
def declared(user):
    shown = user.run("compare", "--feature", FEATURE, "--format", "json")
    assert shown.returncode == 0, shown.stderr
    return {p["name"]: p["parts"] for p in json.loads(shown.stdout)["projects"]}


@pytest.mark.parametrize("columns", ["60", "200", ""], ids=["60", "200", "piped-default"])
def test_each_declared_part_is_shown_once_and_whole(user, declared, columns):
    result = user.run("compare", "--feature", FEATURE, COLUMNS=columns)
    assert result.returncode == 0, result.stderr
    assert "…" not in result.stdout
    width = int(columns or 80)
    assert max(len(line) for line in result.stdout.splitlines()) <= width
    streams = project_streams(result.stdout)
    for name, parts in declared.items():
        for part in parts:
            assert streams[name].count(numbered(part)) == 1, (name, part["path"], part["symbol"])
        # One block per file: its path heads it once, however many parts the file holds.
        for path in {part["path"] for part in parts}:
            assert len(re.findall(rf"{re.escape(path)}[:(]", streams[name])) == 1, path


def test_a_files_parts_share_one_block_with_their_line_numbers(user, declared):
    result = user.run("compare", "--feature", FEATURE, COLUMNS="200")
    assert result.returncode == 0, result.stderr
    login_manager = [p for p in declared["flask-full"] if p["symbol"] == "login_manager"]
    assert len(login_manager) > 1, "flask-full declares login_manager as several statements"
    block = "".join(numbered(part) for part in login_manager)
    path = login_manager[0]["path"]
    assert f"{path}:login_manager(3){block}" in project_streams(result.stdout)["flask-full"]
