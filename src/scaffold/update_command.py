"""``scaffold update``: the command line over :mod:`scaffold.update` (docs/update.md)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from scaffold import paths
from scaffold.errors import INTERRUPTED

if TYPE_CHECKING:
    from pathlib import Path

    from scaffold.update import Report

ADOPTED = {
    "first render": "its first commit, scaffold's own render, is the base of the merge",
    "none": (
        "there is no render to start from: today's template is merged with no base, so every "
        "line where the project and the template differ is a conflict for you to settle"
    ),
}


@click.command()
@click.argument("project", type=click.Path(path_type=str), default=".", callback=paths.absolute)
@click.option(
    "-d",
    "--data",
    "data_pairs",
    multiple=True,
    metavar="KEY=VALUE",
    help="Change one of the recorded answers; repeat for more.",
)
@click.option(
    "-t",
    "--template",
    "template_path",
    metavar="NAME|PATH",
    help="Render this template instead of the recorded one (one that has moved).",
)
@click.option("--pretend", is_flag=True, help="Show what the merge would change; change nothing.")
@click.option(
    "--adopt",
    is_flag=True,
    help="Start the template branch of a project that has none (made with --no-git, or by 0.1.0).",
)
@click.option(
    "--install",
    is_flag=True,
    help="After the merge, install the project into .venv again and migrate its database.",
)
@click.option("--check", is_flag=True, help="Then run the project's own tests (implies --install).")
def update(
    project: Path,
    data_pairs: tuple[str, ...],
    template_path: str | None,
    pretend: bool,
    adopt: bool,
    install: bool,
    check: bool,
) -> None:
    """Bring PROJECT (default: .) to the current template, or to new answers.

    The template is rendered again on the project's scaffold/template branch
    and merged into the current branch by git: conflicts are git's own, and
    `git merge --abort` backs out.
    """
    from pathlib import Path

    from scaffold.update import update as run_update

    report = run_update(
        project,
        data_pairs,
        template_path=Path(template_path) if template_path else None,
        pretend=pretend,
        adopt=adopt,
    )
    where = "the project" if paths.is_current_folder(project) else paths.shown(project)
    _print_report(report, where, pretend)
    if report.conflicted:
        raise click.exceptions.Exit(1)
    if pretend:
        click.echo("(pretend: nothing was changed)")
        return
    if install or check:
        _install_and_check(project, report, check)
    elif report.needs.reinstall or report.needs.migrate:
        _print_needs(project, report)


def _print_report(report: Report, where: str, pretend: bool) -> None:
    releases = ""
    if report.to_release and report.from_release != report.to_release:
        releases = f" (release {report.from_release or 'unknown'} -> {report.to_release})"
    if report.adopted in ADOPTED:
        click.echo(f"Adopting scaffold's {report.template} template: {ADOPTED[report.adopted]}.")
    if report.up_to_date:
        click.echo(f"Already up to date: {where} has scaffold's {report.template} template.")
        return
    if report.adopted == "same template":
        click.echo(
            f"{'Would adopt' if pretend else 'Adopted'} scaffold's {report.template} template "
            "as the base; the project differs from it in (counted as your edits):"
        )
    else:
        verb = "Would update" if pretend else "Updated"
        click.echo(f"{verb} {where} from scaffold's {report.template} template{releases}:")
    for change in report.changes:
        click.echo(f"  {change.status:<10} {change.path}")
    if not report.changes:
        click.echo("  (no file changes)")
    for path in report.answers_change_migrations:
        click.secho(
            f"Warning: the new answers change {path}, which a database may have applied "
            "already; a database made before this update must be made again (an empty one, "
            "migrated)",
            fg="yellow",
            err=True,
        )
    if report.conflicted:
        count = len(report.conflicted)
        files = "file has" if count == 1 else "files have"
        if pretend:
            click.echo(f"\n{count} {files} conflicts the merge would leave for you to resolve.")
        else:
            click.echo(
                f"\n{count} {files} conflicts: edit them where git marked them (<<<<<<<), "
                "then `git add` them and `git commit`; or back out with `git merge --abort`."
            )
    elif pretend and (report.needs.reinstall or report.needs.migrate):
        click.echo(f"\nIt would then need: {'; '.join(_what(report))}.")


def _what(report: Report) -> list[str]:
    what = ["new dependencies installed"] if report.needs.reinstall else []
    return what + (["the database migrated"] if report.needs.migrate else [])


def _print_needs(project: Path, report: Report) -> None:
    """The last lines: what the merged update asks of the project, and the commands for it."""
    from scaffold import shell

    click.echo(
        f"\nThis update needs {' and '.join(_what(report))}; run (or next time, "
        "`scaffold update --install`):"
    )
    if not paths.is_current_folder(project):
        click.echo(f"  cd {shell.quote(paths.shown(project))}")
    for command in report.needs.commands(project):
        click.echo(f"  {command}")


def _install_and_check(project: Path, report: Report, check: bool) -> None:
    from scaffold import follow_up, post, registry
    from scaffold.update import recorded_answers

    step = "installing the project into .venv"
    try:
        answers = recorded_answers(project, "HEAD")
        template = registry.get(report.template)
        migrate = follow_up.migrate_args(template, answers)
        if not follow_up.has_migrations(project):
            migrate = ()
        venv = follow_up.install(project, migrate)
        done = "migrated its database" if migrate else "nothing to migrate"
        click.echo(f"Installed the project into {paths.shown(venv)}; {done}.")
        if check:
            step = "running the project's own tests"
            result = post.run_tests(project, venv)
            if not result.passed:
                click.echo(result.output, err=True)
                raise post.StepError(f"the project's tests failed ({result.summary})")
            click.secho(f"The project's own tests pass: {result.summary}", fg="green")
    except KeyboardInterrupt:
        raise post.Stopped(
            f"Interrupted while {step}: the update is merged; run scaffold update --install again",
            INTERRUPTED,
        ) from None
    except post.StepError as error:
        raise post.Stopped(f"Error while {step}: {error}; the update is merged", 1) from None
