"""The ``scaffold`` command line: parse, call, print.

The commands of their own modules (``new``, ``compare``, ``workshop``) are
loaded only when typed, or when ``scaffold --help`` asks them for their one
line of help; every command module imports Click and little else, and the
heavy imports (Copier, Rich, questionary) happen inside the commands that need
them, so that ``scaffold --help`` starts about as fast as Click itself.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

import click

from scaffold import __version__, paths
from scaffold.errors import INTERRUPTED, ScaffoldError, ScaffoldUsageError, describe
from scaffold.spelling import Choice, closest

if TYPE_CHECKING:
    from pathlib import Path

# The commands defined in modules of their own: name -> module.attribute.
LAZY_COMMANDS = {
    "compare": "scaffold.compare.command.compare",
    "exercise": "scaffold.workshop.practice_command.exercise",
    "new": "scaffold.new.new",
    "update": "scaffold.update_command.update",
    "workshop": "scaffold.workshop.command.workshop",
}


class LazyGroup(click.Group):
    """A group that imports a command's module when the command is needed (Click's recipe).

    ``lazy_subcommands`` maps a command's name to ``module.attribute``.
    """

    def __init__(
        self, *args: Any, lazy_subcommands: dict[str, str] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.lazy_subcommands = lazy_subcommands or {}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy_subcommands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy_subcommands:
            return self._lazy_load(cmd_name)
        return super().get_command(ctx, cmd_name)

    def _lazy_load(self, cmd_name: str) -> click.Command:
        import_path = self.lazy_subcommands[cmd_name]
        module_name, attribute = import_path.rsplit(".", 1)
        command = getattr(importlib.import_module(module_name), attribute)
        if not isinstance(command, click.Command):
            raise TypeError(f"{import_path} is not a Click command")
        return command


class UnknownCommandError(ScaffoldUsageError):
    """A command name the group does not have."""

    def __init__(self, name: str, known: list[str]) -> None:
        match = closest(name, known)
        hint = f"did you mean {match}?" if match else f"the commands are: {', '.join(known)}"
        super().__init__(f"no such command {name!r}; {hint}")


class FriendlyGroup(LazyGroup):
    """Turns any exception into one line on stderr; ``--debug`` shows the traceback.

    A :class:`~scaffold.errors.ScaffoldError` shows its own message, a usage
    mistake (ours or Click's) with the help of the command that was typed; any
    other exception is described by :func:`scaffold.errors.describe`. A command
    that has written something by the time it is interrupted raises its own
    message saying what exists; a bare Ctrl-C means nothing was.

    Click's usage errors are met where Click raises them: the group's own
    options in :meth:`make_context`, a command's name in
    :meth:`resolve_command`, a command's options and arguments in
    :meth:`invoke` (where the command's context is made).
    """

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.exceptions.NoArgsIsHelpError:
            raise  # `scaffold` alone: Click shows the help, as it should
        except click.UsageError as error:
            click.echo(usage_line(error, info_name or self.name or "scaffold"), err=True)
            raise click.exceptions.Exit(error.exit_code) from None

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        name = args[0]
        # A name that looks like an option is left to Click, which reports it as one.
        unknown = not name.startswith("-") and self.get_command(ctx, name) is None
        if unknown and not ctx.resilient_parsing:
            raise UnknownCommandError(name, self.list_commands(ctx))
        return super().resolve_command(ctx, args)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.UsageError as error:
            click.echo(usage_line(error, typed(ctx)), err=True)
            ctx.exit(error.exit_code)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except KeyboardInterrupt:
            click.echo("\nInterrupted: nothing was written.", err=True)
            ctx.exit(INTERRUPTED)
        except BrokenPipeError:
            # The reader went away (`scaffold ... | head`): Click's own handler
            # exits quietly, without the "cannot write" a real OSError gets.
            raise
        except Exception as error:
            if ctx.meta.get("scaffold.debug"):
                raise
            line, exit_code = one_line(error, ctx)
            click.echo(line, err=True)
            ctx.exit(exit_code)


def one_line(error: Exception, ctx: click.Context) -> tuple[str, int]:
    """``error`` as the line the user reads, and the exit code the shell gets."""
    text = describe(error)
    if isinstance(error, ScaffoldUsageError):
        text += f" (see `{typed(ctx)} --help`)"
    if not isinstance(error, ScaffoldError):
        return f"Error: {text}", 1
    return (f"{error.label}: {text}" if error.label else text), error.exit_code


def typed(ctx: click.Context) -> str:
    """The command that was typed: the group's path, and its subcommand once one is known."""
    return " ".join(filter(None, [ctx.command_path, ctx.invoked_subcommand]))


def usage_line(error: click.UsageError, command_path: str) -> str:
    """One of Click's usage errors in one line, with the help of the command it was met in.

    ``command_path`` is that command's, for the errors Click raises without a
    context (an option that lacks its value).

    Click shows them in three (its usage, where the help is, the error); the
    one line keeps the error and where to read more. A mistyped option gets
    the option most likely meant, from the matcher every near miss uses.
    """
    if isinstance(error, click.NoSuchOption) and error.ctx is not None:
        known = [
            name
            for param in error.ctx.command.get_params(error.ctx)
            for name in (*param.opts, *param.secondary_opts)
            if name.startswith("-")
        ]
        match = closest(error.option_name, known)
        text = f"no such option {error.option_name}"
        if match:
            text += f"; did you mean {match}?"
    else:
        text = error.format_message().rstrip(".")
        # Click's sentences start with a capital; ours, after "Error:", do not.
        if text[:1].isupper() and text[1:2].islower():
            text = text[0].lower() + text[1:]
    where = error.ctx.command_path if error.ctx is not None else command_path
    return f"Error: {text} (see `{where} --help`)"


@click.group(
    "scaffold",
    cls=FriendlyGroup,
    lazy_subcommands=LAZY_COMMANDS,
    context_settings={"help_option_names": ["-h", "--help"]},
)
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
    type=Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="table for people, json for scripts.",
)
def list_templates(output_format: str) -> None:
    """Show the templates, what each includes, and what it exports to."""
    import json

    from scaffold import registry
    from scaffold.export import unsupported

    available = registry.available()
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


@main.command("export")
@click.argument("template_name", metavar="TEMPLATE")
@click.argument("dest", type=click.Path(path_type=str), callback=paths.absolute)
@click.option(
    "--format",
    "export_format",
    type=Choice(["cookiecutter"]),
    default="cookiecutter",
    show_default=True,
    help="The other tool's template format.",
)
def export_template(template_name: str, dest: Path, export_format: str) -> None:
    """Write TEMPLATE as a template for another tool into DEST.

    The export needs nothing of scaffold: `cookiecutter DEST` renders the same
    project that `scaffold new` does for the same answers.
    """
    from scaffold import registry, shell
    from scaffold.export import ExportError, export_cookiecutter, unsupported

    template = registry.get(template_name)
    reasons = unsupported(template)
    if reasons:
        raise ExportError(f"{template.name} cannot be exported: {'; '.join(reasons)}")
    export_cookiecutter(template, dest)
    shown = paths.shown(dest)
    click.secho(f"Exported {template.name} as a Cookiecutter template in {shown}", fg="green")
    click.echo(f"  cookiecutter {shell.quote(shown)}")
