"""The ``scaffold`` command line: parse, call, print.

Heavy imports (Copier, Rich) happen inside the commands that need them, so
that ``scaffold --help`` starts as fast as Click itself.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from scaffold import __version__
from scaffold import templates as template_registry


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="scaffold")
def main() -> None:
    """Start a Flask or Django web project, and see what each framework costs."""


@main.command("list")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="table for people, json for scripts.",
)
def list_templates(output_format: str) -> None:
    """Show the templates and what each includes."""
    available = template_registry.available()
    if output_format == "json":
        listing = [
            {
                "name": template.name,
                "framework": template.framework,
                "description": template.description,
                "includes": template.includes,
                "options": sorted(template.questions),
            }
            for template in available
        ]
        click.echo(json.dumps({"templates": listing}, indent=2))
        return

    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=True)
    table.add_column("template", style="bold cyan", no_wrap=True)
    table.add_column("description")
    table.add_column("includes")
    for template in available:
        table.add_row(template.name, template.description, ", ".join(template.includes))
    Console().print(table)


@main.command()
@click.argument("dest", type=click.Path(path_type=Path))
@click.option("-t", "--template", "template_name", metavar="NAME", help="Template to render.")
@click.option(
    "--defaults", is_flag=True, help="Answer every question with its default; never prompt."
)
@click.option(
    "-d",
    "--data",
    "data_pairs",
    multiple=True,
    metavar="KEY=VALUE",
    help="Answer one question; repeat for more.",
)
@click.option("--pretend", is_flag=True, help="Show the files that would be written; write none.")
def new(
    dest: Path,
    template_name: str | None,
    defaults: bool,
    data_pairs: tuple[str, ...],
    pretend: bool,
) -> None:
    """Create a new project in DEST."""
    from scaffold import render

    if template_name is None:
        template_name = _ask_template()
    try:
        template = template_registry.get(template_name)
    except template_registry.UnknownTemplateError as error:
        raise click.UsageError(str(error)) from None
    data = _parse_data(template, data_pairs)
    if not defaults and not sys.stdin.isatty():
        missing = sorted(set(template.questions) - set(data))
        if missing:
            raise click.UsageError(
                "no terminal to ask questions on; pass --defaults, "
                "or answer with --data KEY=VALUE for: " + ", ".join(missing)
            )
    try:
        if pretend:
            for path in render.preview(template.path, data, defaults=defaults):
                click.echo(dest / path)
            click.echo(f"(pretend: nothing was written to {dest})")
            return
        answers = render.render(template.path, dest, data, defaults=defaults)
    except render.RenderError as error:
        raise click.ClickException(str(error)) from None
    except ValueError as error:
        raise click.ClickException(f"invalid answer: {error}") from None

    click.secho(f"Created {template.name} project in {dest}", fg="green", bold=True)
    _print_next_steps(template, dest, answers)


def _ask_template() -> str:
    if not sys.stdin.isatty():
        raise click.UsageError("no terminal to ask on; choose a template with --template NAME")
    names = [template.name for template in template_registry.available()]
    return click.prompt("Template", type=click.Choice(names), default=names[0])


def _parse_data(template: template_registry.Template, pairs: tuple[str, ...]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for pair in pairs:
        key, separator, value = pair.partition("=")
        key = key.strip()
        if not separator or not key:
            raise click.BadParameter(f"{pair!r} is not KEY=VALUE", param_hint="--data")
        if key not in template.questions:
            hint = template.closest_question(key)
            suggestion = f"; did you mean {hint!r}?" if hint else ""
            raise click.BadParameter(
                f"{template.name} has no question {key!r}{suggestion}", param_hint="--data"
            )
        data[key] = value
    return data


def _print_next_steps(template: template_registry.Template, dest: Path, answers: dict) -> None:
    steps = [step.format(dest=dest, **answers) for step in template.next_steps]
    if steps:
        click.echo("\nNext steps:")
        for step in steps:
            click.echo(f"  {step}")
