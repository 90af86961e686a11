"""The comparison as Rich tables, recorded to text that fits a 100-column terminal."""

from __future__ import annotations

import io

from scaffold.compare import report
from scaffold.compare.report import Comparison, as_data

WIDTH = 100


def render(comparison: Comparison) -> str:
    from rich.console import Console
    from rich.table import Table

    data = as_data(comparison)
    projects = report.names(data)
    # Recorded into a string at a fixed width, so the output is the same on any terminal.
    console = Console(
        file=io.StringIO(), width=WIDTH, record=True, force_terminal=False, color_system=None
    )

    def table(title: str, header: list[str], rows: list[list[str]], numeric: bool) -> None:
        shown = Table(title=title, title_justify="left")
        for index, column in enumerate(header):
            right = numeric and index > 0
            shown.add_column(column, justify="right" if right else "left", overflow="fold")
        for row in rows:
            shown.add_row(*row)
        console.print(shown)

    table("Size", ["", *projects], report.size_rows(data), numeric=True)
    table("Where each feature lives (files / lines)", ["feature", *projects],
          report.feature_rows(data), numeric=False)  # fmt: skip
    table("Dependencies", ["dependency", *projects], report.dependency_rows(data), numeric=False)
    if data.get("ladder"):
        table("The flask-full ladder, rung by rung", report.LADDER_HEADER,
              report.ladder_rows(data), numeric=False)  # fmt: skip
    if report.measured_rows(data):
        table("Measured", ["", *projects], report.measured_rows(data), numeric=True)
        console.print(report.measure_note(data))
    table("Files by role (lines)", ["role", *projects], report.tree_rows(data), numeric=False)
    return console.export_text()
