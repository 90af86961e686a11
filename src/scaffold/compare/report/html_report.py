"""The comparison as one self-contained HTML page: styles, chart and code all inline.

Nothing is fetched (no CDN, no font, not even a favicon), so the page opens the
same offline, from a mail attachment or a CI artifact. No script either: the
page is tables, an SVG chart and Pygments' highlighted code.
"""

from __future__ import annotations

from html import escape
from typing import Any

from scaffold.compare import codeview
from scaffold.compare.features import FEATURES
from scaffold.compare.projects import ComparedProject
from scaffold.compare.report import Comparison, as_data, summary
from scaffold.compare.report.sections import count, names, sections

STYLE = """
body { font: 15px/1.45 system-ui, sans-serif; margin: 0 auto; max-width: 1400px;
       padding: .5rem clamp(.75rem, 2vw, 2rem); color: #1d232a; }
h1 { margin: .2rem 0; font-size: 1.5em; } h2 { margin-top: 2rem; border-bottom: 1px solid #d0d7de; }
nav a { margin-right: 1rem; display: inline-block; }
table { border-collapse: collapse; margin: .6rem 0; max-width: 100%; }
th, td { border: 1px solid #d0d7de; padding: .25rem .6rem; text-align: left; vertical-align: top;
         overflow-wrap: break-word; }
/* File paths are one long word each: they may break anywhere, or the table outgrows the page. */
#tree td { overflow-wrap: anywhere; }
th { background: #f3f5f7; } td.n { text-align: right; font-variant-numeric: tabular-nums; }
td.role { color: #57606a; }
#summary h2 { margin-top: .6rem; }
.summary td { border-width: 0 0 1px; }
.summary td.verdict { font-weight: 700; white-space: nowrap; }
.side { display: grid; gap: 1rem; grid-template-columns: repeat(var(--columns), minmax(0, 1fr)); }
.side h4 { margin: .6rem 0 .2rem; font-family: ui-monospace, monospace; font-size: 13px;
           overflow-wrap: anywhere; }
.hl { font-size: 12.5px; border: 1px solid #d0d7de; border-radius: 4px; }
/* Code wraps rather than scrolls: no line is cut, and the page never scrolls sideways. */
.hl pre { margin: 0; padding: .5rem; white-space: pre-wrap; overflow-wrap: anywhere; }
details { margin: .5rem 0; } summary { cursor: pointer; font-weight: 600; }
.note { color: #57606a; }
svg.chart { width: 100%; max-width: 820px; height: auto; }
@media (max-width: 900px) { .side { grid-template-columns: minmax(0, 1fr); } }
@media print {
  body { font-size: 11pt; max-width: none; padding: 0; color: #000; }
  nav { display: none; }
  h2 { break-after: avoid; } tr, svg { break-inside: avoid; }
}
"""
# Read from the back of a room: type twice the size, the page as wide as the screen.
LARGE_TYPE = """
body.large { font-size: 26px; max-width: none; }
body.large .hl { font-size: 21px; }
body.large .side h4 { font-size: 21px; }
body.large svg.chart { max-width: none; }
body.large nav { font-size: .7em; }
"""
CHART_COLOURS = {"flask": "#3572a5", "django": "#0c4b33"}


def render(comparison: Comparison, feature: str | None = None, *, large_type: bool = False) -> str:
    """The whole report, or with ``feature`` the teaching view: that feature's code alone.

    ``large_type`` sets it for a projector (``scaffold workshop`` does).
    """
    data = as_data(comparison)
    title = f"scaffold compare: {' / '.join(names(data))}"
    if feature is not None:
        code = _note(codeview.NOTE) + _code(comparison.projects, [feature], opened=True)
        sections = [("code", f"The code of {feature}", code)]
        return _page(f"{title}: {feature}", sections, large_type)
    return _page(title, _sections(comparison, data), large_type)


def _sections(comparison: Comparison, data: dict[str, Any]) -> list[tuple[str, str, str]]:
    shown = [("summary", "The claims, in short", _summary(data))]
    for section in sections(data):
        content = _table(section.header, section.rows, numeric=section.numeric)
        if section.key == "ladder":
            content = _ladder_chart(data["ladder"]) + content
        content += _note(section.note)
        if section.key == "claims":
            # Three screens of figures and rules: folded, the summary above says the verdicts.
            content = (
                f"<details><summary>Each claim's figures and rule</summary>{content}</details>"
            )
        shown.append((section.key, section.title, content))
    code = _note(codeview.NOTE) + _code(comparison.projects, FEATURES)
    shown.append(("code", "The code of each feature", code))
    return shown


def _summary(data: dict[str, Any]) -> str:
    """One line per claim: its verdict and the figure it rests on; the unmeasured ones folded."""

    def rows(claims: list[dict[str, Any]]) -> str:
        return "\n".join(
            f'<tr><td class="verdict">{escape(claim["verdict"])}</td>'
            f"<td>{escape(claim['claim'])}</td><td>{escape(summary.deciding(claim))}</td></tr>"
            for claim in claims
        )

    head = "<thead><tr><th>verdict</th><th>claim</th><th>deciding figure</th></tr></thead>"
    out = []
    if summary.decided(data):
        out.append(f'<table class="summary">{head}<tbody>{rows(summary.decided(data))}</tbody>'
                   "</table>")  # fmt: skip
    waiting = summary.unmeasured(data)
    if waiting:
        out.append(
            f"<details><summary>{count(len(waiting), 'more claim')} not measured: run "
            f"<code>{escape(summary.MEASURE_COMMAND)}</code> ({escape(summary.MEASURE_DOES)})"
            f'</summary><table class="summary">{head}<tbody>{rows(waiting)}</tbody></table>'
            "</details>"
        )
    return "\n".join(out) + _note(data["meaning"]["verdicts"])


def _note(text: str) -> str:
    return f'\n<p class="note">{escape(text)}</p>\n'


def _page(title: str, sections: list[tuple[str, str, str]], large_type: bool = False) -> str:
    from pygments.formatters import HtmlFormatter

    nav = " ".join(f'<a href="#{key}">{escape(heading)}</a>' for key, heading, _ in sections)
    body = "\n".join(
        f'<section id="{key}" aria-labelledby="{key}-title">\n'
        f'<h2 id="{key}-title">{escape(heading)}</h2>\n{content}\n</section>'
        for key, heading, content in sections
    )
    # types-Pygments leaves HtmlFormatter.get_style_defs unannotated.
    pygments_css = HtmlFormatter(style="default").get_style_defs(".hl")  # type: ignore[no-untyped-call]
    style = STYLE + LARGE_TYPE if large_type else STYLE
    body_tag = 'body class="large"' if large_type else "body"
    return (
        "<!doctype html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<link rel="icon" href="data:,">\n'
        f"<title>{escape(title)}</title>\n"
        f"<style>{style}\n{pygments_css}\n</style>\n</head>\n<{body_tag}>\n"
        f'<header>\n<h1>{escape(title)}</h1>\n<nav aria-label="Sections">{nav}</nav>\n</header>\n'
        f"<main>\n{body}\n</main>\n</body>\n</html>\n"
    )


def _table(header: list[str], rows: list[list[str]], numeric: bool = False) -> str:
    # A header cell with no words is no header: an empty corner is a plain cell.
    head = "".join(f"<th>{escape(cell)}</th>" if cell else "<td></td>" for cell in header)
    body = []
    for row in rows:
        cells = []
        for index, cell in enumerate(row):
            kind = ' class="n"' if numeric and index > 0 else ""
            cells.append(f"<td{kind}>{escape(cell)}</td>")
        body.append(f"<tr>{''.join(cells)}</tr>")
    return (
        f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n"
        + "\n".join(body)
        + "\n</tbody>\n</table>"
    )


def _ladder_chart(ladder: list[dict[str, Any]]) -> str:
    """Per rung, the Python lines flask-full adds, beside what django-full's same feature takes."""
    # The bars' labels sit after them, so the longest bar leaves room for its label: every
    # label is inside the drawing, which scales to the page's width (viewBox) at any size.
    width, label_width, label_room, row_height, bar_height = 760, 90, 170, 46, 16
    bar_width = width - label_width - label_room
    values = [rung["added_python_lines"] for rung in ladder]
    values += [rung["django_full"]["python_lines"] for rung in ladder if rung["django_full"]]
    scale = bar_width / max([*values, 1])
    height = row_height * len(ladder) + 40
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img"'
        f' viewBox="0 0 {width} {height}" aria-labelledby="ladder-title"'
        ' font-family="system-ui, sans-serif" font-size="14">',
        '<title id="ladder-title">Lines of Python each rung of flask-full adds, against'
        " the same features in django-full</title>",
    ]
    for index, rung in enumerate(ladder):
        top = 10 + index * row_height
        parts.append(f'<text x="0" y="{top + 13}">{escape(rung["rung"])}</text>')
        bars = [("flask", rung["added_python_lines"], "flask-full adds")]
        if rung["django_full"]:
            bars.append(("django", rung["django_full"]["python_lines"], "django-full"))
        for offset, (kind, value, label) in enumerate(bars):
            y = top + offset * (bar_height + 2)
            length = max(1, round(value * scale))
            parts.append(
                f'<rect x="{label_width}" y="{y}" width="{length}" height="{bar_height}"'
                f' fill="{CHART_COLOURS[kind]}"><title>{label}: {value} lines</title></rect>'
            )
            parts.append(
                f'<text x="{label_width + length + 6}" y="{y + 13}">{label}: {value}</text>'
            )
    legend_y = height - 12
    parts.append(
        f'<rect x="{label_width}" y="{legend_y - 10}" width="12" height="12"'
        f' fill="{CHART_COLOURS["flask"]}"/>'
        f'<text x="{label_width + 18}" y="{legend_y}">flask-full: lines the rung adds</text>'
        f'<rect x="{label_width + 260}" y="{legend_y - 10}" width="12" height="12"'
        f' fill="{CHART_COLOURS["django"]}"/>'
        f'<text x="{label_width + 278}" y="{legend_y}">django-full: lines of the same features'
        "</text>"
    )
    parts.append("</svg>")
    return "\n".join(parts)


def _code(
    projects: list[ComparedProject], features: list[str] | tuple[str, ...], opened: bool = False
) -> str:
    """Each feature's files in each project, highlighted by Pygments, one column per project."""
    from pygments import highlight
    from pygments.formatters import HtmlFormatter
    from pygments.lexers import get_lexer_by_name

    out = []
    for feature in features:
        if all(project.features.get(feature) is None for project in projects):
            continue
        columns = []
        for project in projects:
            found = codeview.sources(project, feature)
            if found is None:
                columns.append(f"<div><h3>{escape(project.name)}</h3><p>not declared</p></div>")
                continue
            total = sum(source.lines for source in found)
            blocks = [f"<h3>{escape(project.name)}: {total} lines</h3>"]
            for source in found:
                lexer = get_lexer_by_name(codeview.lexer_name(source.path), stripnl=False)
                numbered = HtmlFormatter(
                    cssclass="hl", style="default", linenos="inline", linenostart=source.first_line
                )
                blocks.append(f"<h4>{escape(source.title)}</h4>")
                blocks.append(highlight(source.text, lexer, numbered))
            columns.append("<div>" + "\n".join(blocks) + "</div>")
        out.append(
            f'<details id="code-{feature}"{" open" if opened else ""}>'
            f"<summary>{escape(feature)}</summary>\n"
            f'<div class="side" style="--columns: {len(projects)}">\n'
            + "\n".join(columns)
            + "\n</div>\n</details>"
        )
    return "\n".join(out) or '<p class="note">No project declares its features.</p>'
