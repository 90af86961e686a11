"""``scaffold exercise``: what a student runs inside a workshop app (see :mod:`practice`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from scaffold.workshop.exercises import Exercise

    NameType = click.ParamType[Exercise]
else:  # ParamType is generic in newer Clicks only; pyproject allows from 8.2
    NameType = click.ParamType


class ExerciseName(NameType):
    """The name of one of the workshop's exercises; a near miss gets "did you mean"."""

    name = "exercise"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from scaffold.errors import ScaffoldUsageError
        from scaffold.workshop import practice

        try:
            return practice.find(str(value))
        except ScaffoldUsageError as error:
            self.fail(str(error), param, ctx)


@click.group()
def exercise() -> None:
    """In a workshop app: start an exercise again, or see a file of its solution.

    Run it inside flask-app/ or django-app/ of a folder `scaffold workshop` made.
    Nothing of yours is deleted: reset saves your work on a branch first.
    """


@exercise.command()
@click.argument("chosen", metavar="EXERCISE", type=ExerciseName())
def reset(chosen: Exercise) -> None:
    """Save all your work on a branch, then start EXERCISE again on a branch of its own."""
    from pathlib import Path

    from scaffold.workshop import practice
    from scaffold.workshop.exercises import START_TAG

    done = practice.reset(Path.cwd(), chosen)
    if done.saved:
        click.echo(f"Saved your work on the branch {done.saved}: `git switch {done.saved}`")
        click.echo(f"brings it back, `git diff {START_TAG} {done.saved}` shows it.")
    for copy in done.databases:
        click.echo(f"Kept your database as it was in {copy.relative_to(copy.parents[1])}; yours")
        click.echo("now has the migrations of the start (your rows stay).")
    else:
        click.echo("Nothing to save: you had not changed anything yet.")
    click.secho(f"You are on the branch {done.branch}, at the start of {chosen.name}.", fg="green")


@exercise.command()
@click.argument("chosen", metavar="EXERCISE", type=ExerciseName())
@click.argument("file", required=False)
def show(chosen: Exercise, file: str | None) -> None:
    """Print the solution's version of FILE (yours stays as it is); without FILE, list its files."""
    from pathlib import Path

    from scaffold.workshop import practice

    here = Path.cwd()
    if file is None:
        for path in practice.solution_files(practice.app_root(here), chosen):
            click.echo(path)
        return
    click.echo(practice.solution_file(here, chosen, file), nl=False)
