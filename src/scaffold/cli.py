"""The ``scaffold`` command line: parse, call, print.

Heavy imports (Copier, Rich, questionary) happen inside the commands that
need them, so that ``scaffold --help`` starts as fast as Click itself.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from scaffold import __version__, choose
from scaffold import templates as template_registry

INTERRUPTED = 130


class FriendlyGroup(click.Group):
    """Turns any exception into one line on stderr; ``--debug`` shows the traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except KeyboardInterrupt:
            click.echo("\nInterrupted: nothing was written.", err=True)
            ctx.exit(INTERRUPTED)
        except Exception as error:
            if ctx.meta.get("scaffold.debug"):
                raise
            from scaffold.errors import describe

            raise click.ClickException(describe(error)) from None


@click.group(cls=FriendlyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="scaffold")
@click.option("--debug", is_flag=True, help="Show the full traceback when something fails.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Start a Flask or Django web project, and see what each framework costs."""
    ctx.meta["scaffold.debug"] = debug


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
    """Show the templates, what each includes, and what it exports to."""
    from scaffold.export import unsupported

    available = template_registry.available()
    exports = {t.name: [] if unsupported(t) else ["cookiecutter"] for t in available}
    if output_format == "json":
        listing = [
            {
                "name": template.name,
                "framework": template.framework,
                "description": template.description,
                "includes": template.includes,
                "options": sorted(template.questions),
                "exports": exports[template.name],
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
    table.add_column("exports to")
    for template in available:
        table.add_row(
            template.name,
            template.description,
            ", ".join(template.includes),
            ", ".join(exports[template.name]) or "-",
        )
    Console().print(table)


def _split_needs(
    ctx: click.Context, param: click.Parameter, values: tuple[str, ...]
) -> set[str] | None:
    """``--need a,b --need c`` as a set; None when not given, empty for ``none``."""
    if not values:
        return None
    needs = {need.strip() for value in values for need in value.split(",") if need.strip()}
    needs.discard("none")
    unknown = needs - set(choose.NEEDS)
    if unknown:
        raise click.BadParameter(
            f"unknown need {sorted(unknown)[0]!r}; choose from: {', '.join(choose.NEEDS)}, none"
        )
    return needs


@main.command()
@click.argument("dest", type=click.Path(path_type=Path), required=False)
@click.option("-t", "--template", "template_name", metavar="NAME", help="Render this template.")
@click.option(
    "--kind",
    type=click.Choice(list(choose.KINDS)),
    help="What the project is; sets the chooser's defaults.",
)
@click.option(
    "--need",
    "needs",
    multiple=True,
    callback=_split_needs,
    metavar="LIST",
    help="What the project needs: database,accounts,admin (or none).",
)
@click.option(
    "--prefer",
    type=click.Choice(list(choose.PREFERENCES)),
    help="Choose your own components (Flask) or follow conventions (Django).",
)
@click.option("--explain", is_flag=True, help="Say which template and why; write nothing.")
@click.option("--defaults", is_flag=True, help="Answer every question with its default.")
@click.option(
    "-d",
    "--data",
    "data_pairs",
    multiple=True,
    metavar="KEY=VALUE",
    help="Answer one of the template's questions; repeat for more.",
)
@click.option("--pretend", is_flag=True, help="Show the files that would be written; write none.")
@click.option(
    "--git/--no-git",
    default=None,
    help="Make an initial commit (default: on when git is installed).",
)
@click.option("--install", is_flag=True, help="Create .venv in the project and install it.")
@click.option("--check", is_flag=True, help="Run the project's own tests (implies --install).")
@click.option(
    "--installer",
    type=click.Choice(["auto", "uv", "pip"]),
    default="auto",
    show_default=True,
    help="What --install uses; auto picks uv when it is installed.",
)
def new(
    dest: Path | None,
    template_name: str | None,
    kind: str | None,
    needs: set[str] | None,
    prefer: str | None,
    explain: bool,
    defaults: bool,
    data_pairs: tuple[str, ...],
    pretend: bool,
    git: bool | None,
    install: bool,
    check: bool,
    installer: str,
) -> None:
    """Create a new project in DEST.

    Without --template, scaffold asks what the project needs and picks the
    template that fits (or takes --kind, --need and --prefer instead).
    """
    from scaffold.answers import parse_data

    interactive = sys.stdin.isatty() and not defaults
    chooser_flags = kind is not None or needs is not None or prefer is not None
    decision = None
    if template_name is None:
        if chooser_flags or defaults or explain:
            if needs is None:
                needs = set(choose.TYPICAL_NEEDS.get(kind, ()))
            project = choose.Project(kind=kind, needs=frozenset(needs), prefer=prefer)
        elif interactive:
            from scaffold.prompts import ask_project

            project = ask_project()
        else:
            raise click.UsageError(
                "no terminal to ask on: choose with --template NAME, or describe the project "
                "with --need database,accounts,admin --prefer components|conventions, "
                "and add --defaults"
            )
        decision = choose.decide(project)
        _print_decision(decision)
        template_name = decision.template
        if interactive and not explain:
            from scaffold.prompts import confirm_template

            names = [template.name for template in template_registry.available()]
            template_name = confirm_template(decision, names)
    elif chooser_flags or explain:
        click.echo(f"--template {template_name} given: the chooser was not asked.")

    if explain:
        return
    if dest is None:
        raise click.UsageError("missing DEST: the folder to create the project in")
    try:
        template = template_registry.get(template_name)
    except template_registry.UnknownTemplateError as error:
        raise click.UsageError(str(error)) from None

    data = {**(decision.data if decision and template_name == decision.template else {})}
    data.update(parse_data(template, data_pairs))
    if not defaults and not sys.stdin.isatty():
        missing = sorted(set(template.questions) - set(data))
        if missing:
            raise click.UsageError(
                "no terminal to ask questions on; pass --defaults, "
                "or answer with --data KEY=VALUE for: " + ", ".join(missing)
            )
    answers = _generate(template, dest, data, defaults=defaults, pretend=pretend)
    if answers is None:
        return
    _after_generation(
        template, dest, answers, git=git, install=install or check, check=check, installer=installer
    )


@main.command("export")
@click.argument("template_name", metavar="TEMPLATE")
@click.argument("dest", type=click.Path(path_type=Path))
@click.option(
    "--format",
    "export_format",
    type=click.Choice(["cookiecutter"]),
    default="cookiecutter",
    show_default=True,
    help="The other tool's template format.",
)
def export_template(template_name: str, dest: Path, export_format: str) -> None:
    """Write TEMPLATE as a template for another tool into DEST.

    The export needs nothing of scaffold: `cookiecutter DEST` renders the same
    project that `scaffold new` does for the same answers.
    """
    from scaffold.export import ExportError, export_cookiecutter, unsupported

    try:
        template = template_registry.get(template_name)
    except template_registry.UnknownTemplateError as error:
        raise click.UsageError(str(error)) from None
    reasons = unsupported(template)
    if reasons:
        raise ExportError(f"{template.name} cannot be exported: {'; '.join(reasons)}")
    export_cookiecutter(template, dest)
    click.secho(f"Exported {template.name} as a Cookiecutter template in {dest}", fg="green")
    click.echo(f"  cookiecutter {dest}")


def _print_decision(decision: choose.Decision) -> None:
    click.secho(f"Template: {decision.template}", bold=True)
    for reason in decision.reasons:
        click.echo(f"  - {reason}")


def _generate(
    template: template_registry.Template,
    dest: Path,
    data: dict[str, Any],
    *,
    defaults: bool,
    pretend: bool,
) -> dict[str, Any] | None:
    """Render the project, or with ``pretend`` list its files; return the answers used."""
    from scaffold import render

    if pretend:
        for path in render.preview(template.path, data, defaults=defaults):
            click.echo(dest / path)
        click.echo(f"(pretend: nothing was written to {dest})")
        return None
    # Refuse before Copier asks its questions, not after the user answered them.
    render.check_destination(dest)
    answers = render.render(template.path, dest, data, defaults=defaults)
    click.secho(f"Created {template.name} project in {dest}", fg="green", bold=True)
    return answers


def _after_generation(
    template: template_registry.Template,
    dest: Path,
    answers: dict[str, Any],
    *,
    git: bool | None,
    install: bool,
    check: bool,
    installer: str,
) -> None:
    from scaffold import post

    if git is None:
        git = post.git_available()
    if git:
        try:
            post.initial_commit(
                dest, answers["author_name"], answers["author_email"], template.name
            )
            click.echo("Made the initial git commit.")
        except post.StepError as error:
            click.secho(f"Skipped the initial commit: {error}", fg="yellow", err=True)
    steps = template.next_steps_for(answers, dest)
    if install:
        from rich.console import Console

        console = Console(stderr=True)
        with console.status("Installing the project into .venv ..."):
            venv, tool = post.install(dest, installer)
        click.echo(f"Installed into {venv} with {tool}.")
        if check:
            with console.status("Running the project's own tests ..."):
                result = post.run_tests(dest, venv)
            if not result.passed:
                click.echo(result.output, err=True)
                raise click.ClickException(f"the project's tests failed: {result.summary}")
            click.secho(f"The project's own tests pass: {result.summary}", fg="green")
    if install:
        # The venv exists and holds the project: activating it replaces making it.
        steps = [
            step for step in steps if "python -m venv" not in step and "pip install" not in step
        ]
        steps.insert(1, ". .venv/bin/activate")
    click.echo("\nNext steps:")
    for step in steps:
        click.echo(f"  {step}")


from scaffold.compare.command import compare  # noqa: E402  (registered once the group exists)

main.add_command(compare)
