"""The teaching view: the code that implements one feature in each project, side by side."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from scaffold.compare.metrics import code_lines
from scaffold.compare.projects import ComparedProject

NOTE = (
    "The code each template names for this feature in its scaffold.toml, part by part: whole "
    "files, or functions and classes of a Python file. The figures count lines of code: no "
    "blank lines, comments or docstrings in Python, no blank lines elsewhere."
)
FENCES = {".py": "python", ".html": "jinja", ".toml": "toml", ".css": "css"}


@dataclass(frozen=True)
class Source:
    """One piece of a feature's code: a whole file, or the lines of a named part of one."""

    path: str
    symbol: str | None
    first_line: int
    lines: int
    text: str

    @property
    def name(self) -> str:
        return self.path if self.symbol is None else f"{self.path}:{self.symbol}"

    @property
    def title(self) -> str:
        return f"{self.name} ({self.lines})"


def sources(project: ComparedProject, feature: str) -> list[Source] | None:
    """The code declared for ``feature``, part by part; None when the project does not say."""
    found = project.features.get(feature)
    if found is None:
        return None
    shown = []
    for part in found.parts:
        text = (project.root / part.path).read_text(encoding="utf-8")
        if part.symbol is None:
            shown.append(Source(part.path, None, 1, part.lines, text))
            continue
        code = code_lines(project.root / part.path)
        every_line = text.splitlines(keepends=True)
        for first, last in part.spans:
            counted = len(code & set(range(first, last + 1)))
            snippet = "".join(every_line[first - 1 : last])
            shown.append(Source(part.path, part.symbol, first, counted, snippet))
    return shown


def lexer_name(path: str) -> str:
    """The Pygments lexer for a file; HTML here is always a Jinja or Django template."""
    from pygments.lexers import get_lexer_for_filename
    from pygments.util import ClassNotFound

    if path.endswith(".html"):
        return "html+django"
    try:
        return get_lexer_for_filename(path).aliases[0]
    except ClassNotFound:
        return "text"


def to_terminal(
    projects: list[ComparedProject], feature: str, width: int | None = None
) -> str | None:
    """Columns of highlighted code; printed when ``width`` is None, else returned as text."""
    import io

    from rich.console import Console, Group
    from rich.panel import Panel
    from rich.syntax import Syntax
    from rich.table import Table

    panels = []
    for project in projects:
        found = sources(project, feature)
        if found is None:
            panels.append(Panel(f"{feature}: not declared", title=project.name))
            continue
        blocks = [
            Panel(
                Syntax(
                    s.text,
                    lexer_name(s.path),
                    line_numbers=True,
                    word_wrap=True,
                    start_line=s.first_line,
                ),
                title=s.title,
            )
            for s in found
        ]
        total = sum(s.lines for s in found)
        panels.append(Panel(Group(*blocks), title=f"{project.name}: {feature}, {total} lines"))
    # A grid, not Columns: Columns stacks panels wider than half the screen, and code is.
    view = Table.grid(expand=True, padding=(0, 1))
    for _ in panels:
        view.add_column(ratio=1)
    view.add_row(*panels)
    if width is None:
        Console().print(view)
        Console().print(NOTE, highlight=False)
        return None
    console = Console(file=io.StringIO(), width=width, record=True, color_system=None)
    console.print(view)
    console.print(NOTE, highlight=False)
    return console.export_text()


def to_markdown(projects: list[ComparedProject], feature: str) -> str:
    out = [f"## {feature}", "", NOTE, ""]
    for project in projects:
        found = sources(project, feature)
        if found is None:
            out += [f"### {project.name}", "", f"{feature}: not declared", ""]
            continue
        total = sum(source.lines for source in found)
        out += [f"### {project.name}: {total} lines", ""]
        for source in found:
            code = "1 line" if source.lines == 1 else f"{source.lines} lines"
            where = f"`{source.name}` (from line {source.first_line}; {code} of code)"
            fence = "```" + _fence_language(source.path)
            out += [where, "", fence, source.text.rstrip(), "```", ""]
    return "\n".join(out).rstrip() + "\n"


def _fence_language(path: str) -> str:
    return FENCES.get(PurePosixPath(path).suffix, "")


def to_json(projects: list[ComparedProject], feature: str) -> str:
    data: dict[str, Any] = {"feature": feature, "meaning": NOTE, "projects": []}
    for project in projects:
        found = sources(project, feature)
        parts = None if found is None else [s.__dict__ for s in found]
        data["projects"].append({"name": project.name, "parts": parts})
    return json.dumps(data, indent=2, sort_keys=True) + "\n"
