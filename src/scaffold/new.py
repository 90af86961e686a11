"""``scaffold new``: choose a template, render it, then commit, install and test it.

The command is a sequence of steps that each leave something real behind: the
rendered project, its first commit, its ``.venv``. Until rendering ends,
nothing exists; after it, a failure or a Ctrl-C stops with a message that says
exactly what exists and the one command that finishes the job.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

import click

from scaffold import paths
from scaffold.chooser_words import KINDS, NEEDS, PREFERENCES
from scaffold.errors import INTERRUPTED, ScaffoldUsageError
from scaffold.spelling import Choice, closest

if TYPE_CHECKING:
    from pathlib import Path

    from scaffold import choose, registry


def _split_needs(
    ctx: click.Context, param: click.Parameter, values: tuple[str, ...]
) -> set[str] | None:
    """``--need a,b --need c`` as a set; None when not given, empty for ``none``."""
    if not values:
        return None
    needs = {need.strip() for value in values for need in value.split(",") if need.strip()}
    needs.discard("none")
    unknown = sorted(needs - set(NEEDS))
    if unknown:
        match = closest(unknown[0], NEEDS)
        hint = f"did you mean {match}? " if match else ""
        raise click.BadParameter(
            f"unknown need {unknown[0]!r}; {hint}choose from: {', '.join(NEEDS)}, none"
        )
    return needs


@click.command()
@click.argument("dest", type=click.Path(path_type=str), required=False, callback=paths.absolute)
@click.option("-t", "--template", "template_name", metavar="NAME", help="Render this template.")
@click.option(
    "--kind",
    type=Choice(list(KINDS)),
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
    type=Choice(list(PREFERENCES)),
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
    type=Choice(["auto", "uv", "pip"]),
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
    """Create a new project in DEST (a new folder, or an empty one such as .).

    Without --template, scaffold asks what the project needs and picks the
    template that fits (or takes --kind, --need and --prefer instead).
    """
    from scaffold import choose, registry, render
    from scaffold.answers import suggested_defaults

    # Every argument is checked before anything is decided, asked or printed.
    if dest is None and not explain:
        raise ScaffoldUsageError("missing DEST: the folder to create the project in")
    if dest is not None and not (explain or pretend):
        render.check_destination(dest)
    interactive = sys.stdin.isatty() and not defaults
    chooser_flags = kind is not None or needs is not None or prefer is not None
    decision = None
    if template_name is None:
        if chooser_flags or defaults or explain:
            given = frozenset(needs) if needs is not None else None
            project = choose.ProjectNeeds(kind=kind, needs=given, prefer=prefer)
        elif interactive:
            from scaffold.prompts import ask_project

            project = ask_project()
        else:
            raise ScaffoldUsageError(
                "no terminal to ask on: choose with --template NAME, or describe the project "
                "with --need database,accounts,admin --prefer components|conventions, "
                "and add --defaults"
            )
        decision = choose.decide(project)
        template_name = decision.template
    if explain or dest is None:  # no DEST was refused above, unless with --explain
        _print_choice(decision, template_name)
        return
    template = registry.get(template_name)
    data = _data(template, decision, data_pairs, defaults=defaults)
    if decision is not None or chooser_flags:
        _print_choice(decision, template_name)
    if decision is not None and interactive:
        from scaffold.prompts import confirm_template

        names = [template.name for template in registry.available()]
        chosen = confirm_template(decision, names)
        if chosen != template.name:
            template = registry.get(chosen)
            data = _data(template, None, data_pairs, defaults=defaults)
    suggested = suggested_defaults(template, dest)
    answers = _generate(template, dest, data, suggested, defaults=defaults, pretend=pretend)
    if answers is None:
        return
    _after_generation(
        template, dest, answers, git=git, install=install or check, check=check, installer=installer
    )


def _data(
    template: registry.Template,
    decision: choose.Decision | None,
    data_pairs: tuple[str, ...],
    *,
    defaults: bool,
) -> dict[str, Any]:
    """The answers given before rendering: the chooser's for its template, then ``--data``'s.

    Without a terminal to ask on, and without ``--defaults``, every question must be answered.
    """
    from scaffold.answers import parse_data

    data = dict(decision.data if decision and decision.template == template.name else {})
    data.update(parse_data(template, data_pairs))
    if not defaults and not sys.stdin.isatty():
        missing = sorted(set(template.questions) - set(data))
        if missing:
            raise ScaffoldUsageError(
                "no terminal to ask questions on; pass --defaults, "
                "or answer with --data KEY=VALUE for: " + ", ".join(missing)
            )
    return data


def _print_choice(decision: choose.Decision | None, template_name: str) -> None:
    """The chooser's decision: what the user said, what it assumed, why this template."""
    if decision is None:
        click.echo(f"--template {template_name} given: the chooser was not asked.")
        return
    click.secho(f"Template: {decision.template}", bold=True)
    for said in decision.said:
        click.echo(f"  you said: {said}")
    for assumed in decision.assumed:
        click.echo(f"  assumed:  {assumed}")
    for reason in decision.reasons:
        click.echo(f"  because:  {reason}")


def _generate(
    template: registry.Template,
    dest: Path,
    data: dict[str, Any],
    suggested: dict[str, Any],
    *,
    defaults: bool,
    pretend: bool,
) -> dict[str, Any] | None:
    """Render the project, or with ``pretend`` list its files; return the answers used."""
    from pathlib import Path

    from scaffold import names, render

    # The template's validator refuses a package name that would collide with a module.
    data = {**data, names.RESERVED_KEY: names.reserved(template)}
    if pretend:
        files = render.preview(template.path, data, defaults=defaults, user_defaults=suggested)
        for path in files:
            click.echo(Path(paths.shown(dest)) / path)
        click.echo(f"(pretend: nothing was written to {paths.shown(dest)})")
        return None
    answers = render.render(template.path, dest, data, defaults=defaults, user_defaults=suggested)
    del answers[names.RESERVED_KEY]
    click.secho(f"Created {template.name} project in {paths.shown(dest)}", fg="green", bold=True)
    return answers


def _after_generation(
    template: registry.Template,
    dest: Path,
    answers: dict[str, Any],
    *,
    git: bool | None,
    install: bool,
    check: bool,
    installer: str,
) -> None:
    from scaffold import git as git_tool
    from scaffold import post

    if git is None:
        git = git_tool.available()
    outcome = post.Outcome(dest, commit=git, install=install, check=check)
    step = "making the initial commit"
    try:
        if git:
            try:
                post.initial_commit(
                    dest, answers["author_name"], answers["author_email"], template.name
                )
                outcome.committed = True
                click.echo("Made the initial git commit.")
            except post.StepError as error:
                outcome.commit = False
                click.secho(f"Skipped the initial commit: {error}", fg="yellow", err=True)
        if install:
            from rich.console import Console

            console = Console(stderr=True)
            step = "installing the project into .venv"
            with console.status("Installing the project into .venv ..."):
                outcome.venv, tool = post.install(dest, installer)
            click.echo(f"Installed into {paths.shown(outcome.venv)} with {tool}.")
            # --check implies --install: the tests run in the venv just made.
            if check:
                step = "running the project's own tests"
                with console.status("Running the project's own tests ..."):
                    result = post.run_tests(dest, outcome.venv)
                if not result.passed:
                    click.echo(result.output, err=True)
                    raise post.StepError(f"the project's tests failed ({result.summary})")
                outcome.tested = True
                click.secho(f"The project's own tests pass: {result.summary}", fg="green")
    except KeyboardInterrupt:
        raise outcome.stopped(f"Interrupted while {step}", INTERRUPTED) from None
    except post.StepError as error:
        raise outcome.stopped(f"Error while {step}: {error}", 1) from None
    _print_next_steps(template, dest, answers, installed=install)


def _print_next_steps(
    template: registry.Template, dest: Path, answers: dict[str, Any], *, installed: bool
) -> None:
    from scaffold import shell

    steps = template.next_steps_for(
        answers, shell.quote(paths.shown(dest)), activate=shell.activate()
    )
    if paths.is_current_folder(dest):
        steps = [step for step in steps if not step.startswith("cd ")]
    if installed:
        # The venv exists and holds the project: what is left is to activate it.
        made = ("python -m venv", "python -m pip install", "pip install")
        steps = [step for step in steps if not step.startswith(made)]
    click.echo("\nNext steps:")
    for step in steps:
        click.echo(f"  {step}")
