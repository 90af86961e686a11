"""The comparison as Markdown tables, for READMEs and slides."""

from __future__ import annotations

from scaffold.compare.report import Comparison, as_data
from scaffold.compare.report.sections import sections


def render(comparison: Comparison) -> str:
    out: list[str] = []
    for section in sections(as_data(comparison)):
        out += [f"## {section.title}", "", _row(section.header)]
        out.append(_row(["---"] * len(section.header)))
        out += [_row(row) for row in section.rows]
        out += ["", section.note, ""]
    return "\n".join(out).rstrip() + "\n"


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"
