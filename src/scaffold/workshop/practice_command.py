"""``scaffold exercise``: what a student runs inside a workshop app (see :mod:`practice`)."""

from __future__ import annotations

import click


@click.group()
def exercise() -> None:
    """In a workshop app: start an exercise again, or see a file of its solution.

    Run it inside flask-app/ or django-app/ of a folder `scaffold workshop` made.
    Nothing of yours is deleted: reset saves your work on a branch first.
    """


@exercise.command()
@click.argument("name", metavar="EXERCISE")
def reset(name: str) -> None:
    """Save all your work on a branch, then start EXERCISE again on a branch of its own."""
    from pathlib import Path

    from scaffold.workshop import practice
    from scaffold.workshop.exercises import START_TAG

    done = practice.reset(Path.cwd(), practice.find(name))
    if done.saved:
        click.echo(f"Saved your work on the branch {done.saved}: `git switch {done.saved}`")
        click.echo(f"brings it back, `git diff {START_TAG} {done.saved}` shows it.")
    else:
        click.echo("Nothing to save: you had not changed anything yet.")
    click.secho(f"You are on the branch {done.branch}, at the start of {name}.", fg="green")


@exercise.command()
@click.argument("name", metavar="EXERCISE")
@click.argument("file", required=False)
def show(name: str, file: str | None) -> None:
    """Print the solution's version of FILE (yours stays as it is); without FILE, list its files."""
    from pathlib import Path

    from scaffold.workshop import practice

    chosen = practice.find(name)
    here = Path.cwd()
    if file is None:
        for path in practice.solution_files(practice.app_root(here), chosen):
            click.echo(path)
        return
    click.echo(practice.solution_file(here, chosen, file), nl=False)
