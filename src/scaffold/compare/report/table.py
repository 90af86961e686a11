"""The comparison as Rich tables, recorded to text that fits a 100-column terminal."""

from __future__ import annotations

import io

from scaffold.compare.report import Comparison, as_data
from scaffold.compare.report.sections import sections

WIDTH = 100


def render(comparison: Comparison) -> str:
    from rich.console import Console
    from rich.table import Table

    # Recorded into a string at a fixed width, so the output is the same on any terminal.
    console = Console(
        file=io.StringIO(), width=WIDTH, record=True, force_terminal=False, color_system=None
    )
    for section in sections(as_data(comparison)):
        shown = Table(title=section.title, title_justify="left")
        for index, column in enumerate(section.header):
            right = section.numeric and index > 0
            shown.add_column(column, justify="right" if right else "left", overflow="fold")
        for row in section.rows:
            shown.add_row(*row)
        console.print(shown)
        console.print(section.note, highlight=False)
        console.print()
    return console.export_text()
