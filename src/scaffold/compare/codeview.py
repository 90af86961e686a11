"""The teaching view: the code that implements one feature in each project, side by side."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any

from scaffold.compare.metrics import code_lines
from scaffold.compare.projects import ComparedProject

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.panel import Panel

    from scaffold.compare.features import Feature, Part

NOTE = (
    "The code each template names for this feature in its scaffold.toml, part by part: whole "
    "files, or functions and classes of a Python file. The figures count lines of code: no "
    "blank lines, comments or docstrings in Python, no blank lines elsewhere."
)
FENCES = {".py": "python", ".html": "jinja", ".toml": "toml", ".css": "css"}
# The terminal width each project needs to stand beside the others: a line of code and its number.
SIDE_BY_SIDE_WIDTH = 90


@dataclass(frozen=True)
class Source:
    """One piece of a feature's code: a whole file, or the lines of a named part of one."""

    path: str
    symbol: str | None
    first_line: int
    lines: int
    text: str
    # The template's own choices in it, said in words ("" when none).
    own_choice: str = ""

    @property
    def name(self) -> str:
        return self.path if self.symbol is None else f"{self.path}:{self.symbol}"

    @property
    def title(self) -> str:
        return f"{self.name} ({self.lines}){_marked(self.own_choice)}"


def _marked(own_choice: str) -> str:
    return f" [{own_choice}]" if own_choice else ""


def own_choices_in(feature: Feature, path: str, symbol: str | None = None) -> str:
    """The own choices of ``feature`` in one file (or one part of it), said in words."""
    said = []
    for part in feature.own_choices:
        if part.path != path or (symbol is not None and part.symbol != symbol):
            continue
        if part.symbol is None or part.symbol == symbol:
            said.append(f"own choice: {part.own_choice}")
        else:
            first, last = part.spans[0][0], part.spans[-1][1]
            said.append(
                f"own choice, {part.own_choice}: {part.symbol} (lines {first}-{last}, "
                f"{part.lines} of code)"
            )
    return "; ".join(said)


def sources(project: ComparedProject, feature: str) -> list[Source] | None:
    """The code declared for ``feature``, part by part; None when the project does not say."""
    found = project.features.get(feature)
    if found is None:
        return None
    shown = []
    for part in found.parts:
        text = (project.root / part.path).read_text(encoding="utf-8")
        if part.symbol is None:
            marked = own_choices_in(found, part.path)
            shown.append(Source(part.path, None, 1, part.lines, text, marked))
            continue
        code = code_lines(project.root / part.path)
        every_line = text.splitlines(keepends=True)
        for first, last in part.spans:
            counted = len(code & set(range(first, last + 1)))
            snippet = "".join(every_line[first - 1 : last])
            marked = own_choices_in(found, part.path, part.symbol)
            shown.append(Source(part.path, part.symbol, first, counted, snippet, marked))
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


@dataclass(frozen=True)
class FileView:
    """Everything one feature claims in one file, shown as one block: its parts and their lines."""

    path: str
    symbols: tuple[str, ...]
    ranges: tuple[tuple[int, int], ...]
    lines: int
    text: str
    own_choice: str = ""

    @property
    def title(self) -> str:
        names = f": {', '.join(self.symbols)}" if self.symbols else ""
        return f"{self.path}{names} ({self.lines}){_marked(self.own_choice)}"


def file_views(project: ComparedProject, feature: str) -> list[FileView] | None:
    """The code declared for ``feature``, file by file; None when the project does not say."""
    found = project.features.get(feature)
    if found is None:
        return None
    by_path: dict[str, list[Part]] = {}
    for part in found.parts:
        by_path.setdefault(part.path, []).append(part)
    views = []
    for path, parts in by_path.items():
        text = (project.root / path).read_text(encoding="utf-8")
        whole = (1, max(1, len(text.splitlines())))
        claimed = {
            number
            for part in parts
            for first, last in (part.spans if part.symbol is not None else (whole,))
            for number in range(first, last + 1)
        }
        symbols = tuple(dict.fromkeys(part.symbol for part in parts if part.symbol is not None))
        lines = sum(part.lines for part in parts)
        marked = own_choices_in(found, path)
        views.append(FileView(path, symbols, _runs(sorted(claimed)), lines, text, marked))
    return views


def _runs(numbers: list[int]) -> tuple[tuple[int, int], ...]:
    """Sorted line numbers as ranges of consecutive lines: [3, 4, 5, 9] gives (3, 5), (9, 9)."""
    runs: list[tuple[int, int]] = []
    for number in numbers:
        if runs and runs[-1][1] == number - 1:
            runs[-1] = (runs[-1][0], number)
        else:
            runs.append((number, number))
    return tuple(runs)


def to_terminal(
    projects: list[ComparedProject], feature: str, width: int | None = None
) -> str | None:
    """Highlighted code, printed when ``width`` is None, else returned as text.

    Code is wrapped, never cut: long words are folded onto the next line, so
    every declared line is there whole at any width, piped (80 columns) too.
    Projects stand side by side when each column can hold a line of code,
    else one above the other.
    """
    import io

    from rich.console import Console, Group
    from rich.table import Table

    console = (
        Console()
        if width is None
        else Console(file=io.StringIO(), width=width, record=True, color_system=None)
    )
    panels = [_project_panel(project, feature) for project in projects]
    if console.width >= SIDE_BY_SIDE_WIDTH * len(panels):
        # A grid, not Columns: Columns stacks panels wider than half the screen, and code is.
        view = Table.grid(expand=True, padding=(0, 1))
        for _ in panels:
            view.add_column(ratio=1, overflow="fold")
        view.add_row(*panels)
        console.print(view, overflow="fold")
    else:
        console.print(Group(*panels), overflow="fold")
    console.print(NOTE, highlight=False)
    return None if width is None else console.export_text()


def _project_panel(project: ComparedProject, feature: str) -> Panel:
    from rich.console import Group
    from rich.panel import Panel
    from rich.syntax import Syntax
    from rich.text import Text

    views = file_views(project, feature)
    if views is None:
        return Panel(f"{feature}: not declared", title=project.name)
    blocks = []
    for view in views:
        shown: list[RenderableType] = [Text(view.title, style="bold", overflow="fold")]
        for index, line_range in enumerate(view.ranges):
            if index:
                shown.append(Text("  ⋮", style="dim"))
            shown.append(
                Syntax(
                    view.text,
                    lexer_name(view.path),
                    line_numbers=True,
                    word_wrap=True,
                    line_range=line_range,
                )
            )
        blocks.append(Panel(Group(*shown)))
    total = sum(view.lines for view in views)
    return Panel(Group(*blocks), title=f"{project.name}: {feature}, {total} lines")


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
            where += _marked(source.own_choice)
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
