"""The ``scaffold compare`` command: parse, render the projects, print a report."""

from __future__ import annotations

import tempfile
from pathlib import Path

import click

DEFAULT_PROJECTS = ("flask-full", "django-full")


@click.command()
@click.argument("projects", nargs=-1, metavar="[TEMPLATE_OR_DIR]...")
@click.option(
    "-d", "--data", "data_pairs", multiple=True, metavar="KEY=VALUE",
    help="An answer given to every template compared; repeat for more.",
)  # fmt: skip
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["table", "markdown", "json"]),
    default="table",
    show_default=True,
)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write here, not to stdout.")
@click.option(
    "--feature", metavar="NAME", help="Show the code implementing one feature, side by side."
)
@click.option("--no-ladder", is_flag=True, help="Skip rendering flask-full rung by rung.")
def compare(
    projects: tuple[str, ...],
    data_pairs: tuple[str, ...],
    output_format: str,
    output: Path | None,
    feature: str | None,
    no_ladder: bool,
) -> None:
    """Compare generated projects: size, dependencies, where each feature lives.

    Arguments are template names (rendered with the same answers) or folders
    of existing projects. Default: flask-full and django-full.
    """
    from scaffold.compare import features as feature_module
    from scaffold.compare import ladder, report
    from scaffold.compare.projects import load

    names = projects or DEFAULT_PROJECTS
    data = dict(pair.split("=", 1) for pair in data_pairs if "=" in pair)
    if feature is not None and feature not in feature_module.FEATURES:
        raise click.BadParameter(
            f"unknown feature {feature!r}; choose from: {', '.join(feature_module.FEATURES)}",
            param_hint="--feature",
        )
    with tempfile.TemporaryDirectory(prefix="scaffold-compare-") as scratch:
        workspace = Path(scratch)
        loaded = [load(name, workspace, data) for name in names]
        if feature is not None:
            _show_feature(loaded, feature)
            return
        django = next((p for p in loaded if p.template and p.template.name == "django-full"), None)
        climb = []
        if not no_ladder and any(p.template and p.template.name == "flask-full" for p in loaded):
            climb = ladder.climb(workspace, data, django)
        rendered = {
            "json": report.to_json,
            "markdown": report.to_markdown,
            "table": report.to_table,
        }[output_format](loaded, climb)
    if output is None:
        click.echo(rendered, nl=False)
    else:
        output.write_text(rendered, encoding="utf-8")
        click.echo(f"Wrote {output}")


def _show_feature(projects, feature: str) -> None:
    """The teaching view: each project's code for one feature, highlighted, in columns."""
    from rich.columns import Columns
    from rich.console import Console, Group
    from rich.panel import Panel
    from rich.syntax import Syntax

    panels = []
    for project in projects:
        found = project.features.get(feature)
        if found is None:
            panels.append(Panel(f"{feature}: not declared", title=project.name))
            continue
        blocks = [
            Syntax(
                (project.root / path).read_text(encoding="utf-8"),
                Syntax.guess_lexer(path),
                line_numbers=True,
                word_wrap=True,
            )
            for path in found.files
        ]
        titled = [Panel(block, title=path) for block, path in zip(blocks, found.files, strict=True)]
        panels.append(Panel(Group(*titled), title=f"{project.name}: {found.lines} lines"))
    Console().print(Columns(panels, equal=True, expand=True))
