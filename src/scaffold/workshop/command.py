"""``scaffold workshop DEST``: build the classroom folder, all of it or nothing.

The folder is built in a staging folder beside DEST (or inside it, when DEST is
an empty folder) and moved into place at the end, as ``scaffold new`` does with
a project: a failure or a Ctrl-C part way leaves nothing behind.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from scaffold import paths

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

DEFAULT_PROJECT_NAME = "Class Blog"


@click.command()
@click.argument("dest", type=click.Path(path_type=str), callback=paths.absolute)
@click.option(
    "--project-name",
    default=DEFAULT_PROJECT_NAME,
    show_default=True,
    metavar="NAME",
    help="The name of both apps (it also gives their package name).",
)
@click.option(
    "--wheelhouse",
    is_flag=True,
    help="Also download every package both apps need, to install them without internet.",
)
@click.option(
    "--measure",
    is_flag=True,
    help="Measure the two apps for compare.html (as scaffold compare --measure): minutes more.",
)
def workshop(dest: Path, project_name: str, wheelhouse: bool, measure: bool) -> None:
    """Write a Flask-versus-Django class into DEST (a new folder, or an empty one).

    DEST gets GUIDE.md (a 90-minute lesson plan), a Flask app whose git history
    climbs flask-full's ladder one tagged extension at a time, its Django twin,
    the compare report as HTML, exercises with their checks and solutions in
    both apps, and with --wheelhouse the packages to install them offline.
    """
    from pathlib import Path

    from scaffold.workshop.wheelhouse import WheelhouseError

    check_project_name(project_name)
    # build() refuses a DEST that holds anything before it starts (render.staged checks).
    try:
        build(dest, project_name, wheelhouse=wheelhouse, measure=measure, say=click.echo)
    except WheelhouseError as error:
        # Usually no registry in reach: a teacher preparing offline, the very case it is for.
        raise WheelhouseError(
            f"cannot make the wheelhouse: {error}; nothing was written "
            "(--wheelhouse downloads from the package registry: run it where pip can reach it)"
        ) from None
    shown = paths.shown(dest)
    click.secho(f"Created the workshop in {shown}", fg="green", bold=True)
    click.echo(f"\nNext: read {Path(shown) / 'GUIDE.md'}")


def check_project_name(project_name: str) -> None:
    """Refuse a name either app would refuse, before anything is said or written.

    The templates' own validators judge it (a name like 日本 gives no package
    name), in a scratch render of each; during the build they would refuse it
    only after minutes of progress lines. The reserved names are those
    ``scaffold new`` refuses too: a package that would shadow a module.
    """
    from scaffold import names, registry, render
    from scaffold.answers import AnswerError
    from scaffold.ladder import LADDER_TEMPLATE, TWIN_TEMPLATE, rungs

    for template_name, rung_data in ((LADDER_TEMPLATE, rungs()[-1].data), (TWIN_TEMPLATE, {})):
        template = registry.get(template_name)
        data = {"project_name": project_name, **rung_data}
        try:
            render.preview(
                template.path, {**data, names.RESERVED_KEY: names.reserved(template)}, defaults=True
            )
        except AnswerError as error:
            raise AnswerError(
                f"{error.reason} (both apps take their package name from --project-name)"
            ) from None


def build(
    dest: Path, project_name: str, *, wheelhouse: bool, measure: bool, say: Callable[[str], None]
) -> None:
    """Build the classroom in a staging folder and move it to ``dest``; ``say`` reports progress."""
    from scaffold import render
    from scaffold.ladder import LADDER_TEMPLATE, TWIN_TEMPLATE, rungs
    from scaffold.workshop import exercises, guide, ladder, report
    from scaffold.workshop import wheelhouse as packages

    folders = guide.Folders(wheelhouse=packages.FOLDER if wheelhouse else None)
    with render.staged(dest) as staging:
        flask, django = staging / folders.flask, staging / folders.django
        steps = ", ".join(rung.name for rung in rungs())
        say(f"Climbing the {LADDER_TEMPLATE} ladder in {folders.flask}: {steps}")
        answers = ladder.climb(flask, {"project_name": project_name})
        say(f"Rendering its {TWIN_TEMPLATE} twin in {folders.django}")
        ladder.start(TWIN_TEMPLATE, django, {"project_name": project_name})
        say(f"Comparing them in {folders.report}" + (", measuring each" if measure else ""))
        report.write(staging / folders.report, flask, django, project_name, measure=measure)
        names = {"project_name": project_name, "package_name": answers["package_name"]}
        author = (answers["author_name"], answers["author_email"])
        say("Adding the exercises, with their solutions on branches")
        for framework, project in (("flask", flask), ("django", django)):
            readme = guide.exercises_readme(framework, names)
            exercises.add(project, framework, names, author, readme)
        if folders.wheelhouse:
            say(f"Downloading the packages both apps need into {folders.wheelhouse}")
            packages.download(staging / folders.wheelhouse, [flask, django])
        say(f"Writing {guide.GUIDE}")
        guide.write_guide(staging, folders, names)
