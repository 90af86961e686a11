"""The teaching view: the code that implements one feature in each project, side by side."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from scaffold.compare.projects import Project

FENCES = {".py": "python", ".html": "jinja", ".toml": "toml", ".css": "css"}


@dataclass(frozen=True)
class Source:
    path: str
    lines: int
    text: str


def sources(project: Project, feature: str) -> list[Source] | None:
    """The files declared for ``feature``; None when the project does not say."""
    found = project.features.get(feature)
    if found is None:
        return None
    lines = {stat.path: stat.lines for stat in project.metrics.files}
    return [
        Source(path, lines[path], (project.root / path).read_text(encoding="utf-8"))
        for path in found.files
    ]


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


def to_terminal(projects: list[Project], feature: str, width: int | None = None) -> str | None:
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
                Syntax(s.text, lexer_name(s.path), line_numbers=True, word_wrap=True),
                title=f"{s.path} ({s.lines})",
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
        return None
    console = Console(file=io.StringIO(), width=width, record=True, color_system=None)
    console.print(view)
    return console.export_text()


def to_markdown(projects: list[Project], feature: str) -> str:
    out = [f"## {feature}", ""]
    for project in projects:
        found = sources(project, feature)
        out += [f"### {project.name}", ""]
        if found is None:
            out += [f"{feature}: not declared", ""]
            continue
        for source in found:
            fence = "```" + _fence_language(source.path)
            out += [f"`{source.path}` ({source.lines} lines)", "", fence, source.text.rstrip()]
            out += ["```", ""]
    return "\n".join(out).rstrip() + "\n"


def _fence_language(path: str) -> str:
    return FENCES.get(PurePosixPath(path).suffix, "")


def to_json(projects: list[Project], feature: str) -> str:
    data: dict[str, Any] = {"feature": feature, "projects": []}
    for project in projects:
        found = sources(project, feature)
        files = None if found is None else [s.__dict__ for s in found]
        data["projects"].append({"name": project.name, "files": files})
    return json.dumps(data, indent=2, sort_keys=True) + "\n"
