"""The comparison as Markdown tables, for READMEs and slides."""

from __future__ import annotations

from scaffold.compare import report
from scaffold.compare.report import Comparison, as_data


def render(comparison: Comparison) -> str:
    data = as_data(comparison)
    projects = report.names(data)
    out: list[str] = []
    _table(out, "Size", ["", *projects], report.size_rows(data))
    _table(out, "Where each feature lives (files / lines)", ["feature", *projects],
           report.feature_rows(data))  # fmt: skip
    _table(out, "Dependencies", ["dependency", *projects], report.dependency_rows(data))
    if data.get("ladder"):
        _table(out, "The flask-full ladder", report.LADDER_HEADER, report.ladder_rows(data))
    if report.measured_rows(data):
        _table(out, "Measured", ["", *projects], report.measured_rows(data))
        out += [report.measure_note(data), ""]
    _table(out, "Files by role (lines)", ["role", *projects], report.tree_rows(data))
    return "\n".join(out).rstrip() + "\n"


def _table(out: list[str], title: str, header: list[str], rows: list[list[str]]) -> None:
    out += [f"## {title}", "", _row(header), _row(["---"] * len(header))]
    out += [_row(row) for row in rows]
    out.append("")


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"
