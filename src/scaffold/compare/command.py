"""The ``scaffold compare`` command: parse, render or read the projects, print a report.

Everything past Click is imported inside the functions, pathlib included, so
that ``scaffold --help``, which loads this module for its line of help, does not
pay for them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

import click

from scaffold.errors import ScaffoldUsageError
from scaffold.spelling import Choice, closest

if TYPE_CHECKING:
    from pathlib import Path

    from scaffold.compare.projects import ComparedProject
    from scaffold.compare.report import Comparison

DEFAULT_PROJECTS = ("flask-full", "django-full")
FORMATS = ("table", "markdown", "json", "html")
NO_WRK = (
    "wrk is not installed: /healthz load comes from scaffold's Python client, one request at "
    "a time, which is slower than wrk and reported as such (apt-get install wrk)"
)


class ReportOptions(NamedTuple):
    """What the options ask of the report, past the projects and their answers."""

    output_format: str
    output: str | None
    measure: bool
    runs: int
    feature: str | None
    no_ladder: bool
    workers: int = 2
    load_seconds: int = 2
    database_url: str | None = None


@click.command()
@click.argument("projects", nargs=-1, metavar="[TEMPLATE_OR_DIR]...")
@click.option(
    "-d", "--data", "data_pairs", multiple=True, metavar="KEY=VALUE",
    help="An answer given to every template compared that asks for it; repeat for more.",
)  # fmt: skip
@click.option("--format", "output_format", type=Choice(FORMATS), default="table", show_default=True)
@click.option("-o", "--output", type=click.Path(), help="Write here, not to stdout.")
@click.option(
    "--measure", is_flag=True,
    help="Also install, serve and test each project and each bare framework (wrk loads them).",
)  # fmt: skip
@click.option(
    "--runs", type=click.IntRange(min=1), default=3, show_default=True,
    help="With --measure: runs per figure, interleaved between Flask and Django (the report "
    "shows medians with the lowest and highest run).",
)  # fmt: skip
@click.option(
    "--workers", type=click.IntRange(min=1), default=2, show_default=True,
    help="With --measure: gunicorn sync workers serving each project and bare app.",
)  # fmt: skip
@click.option(
    "--load-seconds", type=click.IntRange(min=1), default=2, show_default=True,
    help="With --measure: seconds of each load on each page (wrk, then hey).",
)  # fmt: skip
@click.option(
    "--database-url", metavar="URL",
    help="With --measure: serve both full templates from this PostgreSQL server "
    "(postgresql://user:password@host/db; scaffold makes and drops databases of its own on it), "
    "not a scratch SQLite file each.",
)  # fmt: skip
@click.option(
    "--feature", metavar="NAME", help="Show the code implementing one feature, side by side."
)
@click.option("--no-ladder", is_flag=True, help="Skip rendering flask-full rung by rung.")
def compare(
    projects: tuple[str, ...],
    data_pairs: tuple[str, ...],
    output_format: str,
    output: str | None,
    measure: bool,
    runs: int,
    feature: str | None,
    no_ladder: bool,
    workers: int,
    load_seconds: int,
    database_url: str | None,
) -> None:
    """Compare generated projects: size, dependencies, features, cost, and the common claims.

    Arguments are template names (rendered with the same answers) or folders
    of existing projects. Default: flask-full and django-full.
    """
    import shutil
    import tempfile
    from pathlib import Path

    from scaffold.answers import parse_pairs
    from scaffold.compare.features import FEATURES

    names = projects or DEFAULT_PROJECTS
    if feature is not None and feature not in FEATURES:
        raise ScaffoldUsageError(
            f"--feature: unknown feature {feature!r}; choose from: {', '.join(FEATURES)}"
        )
    if feature is not None and measure:
        raise ScaffoldUsageError("--feature shows code and --measure runs it: use one at a time")
    for name in names:
        _check_project(name)
    data = parse_pairs(data_pairs)
    if database_url is not None:
        _check_database_url(database_url, measure)
    if measure:
        from scaffold.compare.loads import require_hey

        require_hey()
    if measure and shutil.which("wrk") is None:
        click.echo(NO_WRK, err=True)
    scratch = Path(tempfile.mkdtemp(prefix="scaffold-compare-"))
    try:
        options = ReportOptions(output_format, output, measure, runs, feature, no_ladder,
                                workers, load_seconds, database_url)  # fmt: skip
        rendered = _report(names, data, scratch, options)
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        raise
    if measure:
        _remove_after_exit(scratch)
    else:
        shutil.rmtree(scratch, ignore_errors=True)
    if rendered is None:
        return
    if output is None:
        click.echo(rendered, nl=False)
    else:
        Path(output).write_text(rendered, encoding="utf-8")
        click.echo(f"Wrote {output}", err=True)


def _remove_after_exit(scratch: Path) -> None:
    """``scratch`` removed by a process of its own, which goes on once this command is done.

    A ``--measure`` run leaves a dozen projects and venvs there (its first runs, kept
    to spare each run the wait); removing them took over a minute on a busy disk, which
    the user waiting for the report need not pay.
    """
    import subprocess
    import sys

    remove = "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)"
    subprocess.Popen(
        [sys.executable, "-c", remove, str(scratch)], start_new_session=True,
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip


def _report(
    names: tuple[str, ...], data: dict[str, str], workspace: Path, options: ReportOptions
) -> str | None:
    """The report's text; None when the feature view was printed straight to the terminal."""
    import time

    from scaffold.compare import codeview, ladder, serving
    from scaffold.compare import measure as measuring
    from scaffold.compare.projects import load
    from scaffold.compare.report import Comparison
    from scaffold.compare.timing import StepTimes

    steps = StepTimes()
    steps("render, count and climb the ladder")
    _check_keys(names, data)
    if options.database_url:
        # A server given is a server used: the templates that ask render for PostgreSQL.
        data = {"database": "postgresql", **data}
    loaded = [load(name, workspace, data) for name in names]
    duplicates = sorted({p.name for p in loaded if [q.name for q in loaded].count(p.name) > 1})
    if duplicates:
        raise ScaffoldUsageError(f"two projects are called {', '.join(duplicates)}; rename one")
    comparison = Comparison(projects=loaded)
    if options.feature is not None and options.output_format != "html":
        if options.output_format == "table":
            width = None if options.output is None else 160
            return codeview.to_terminal(loaded, options.feature, width=width)
        return {"markdown": codeview.to_markdown, "json": codeview.to_json}[options.output_format](
            loaded, options.feature
        )
    wants_ladder = options.feature is None and not options.no_ladder
    if wants_ladder and any(_is(p, "flask-full") for p in loaded):
        django = next((p for p in loaded if _is(p, "django-full")), None)
        if django is None:
            django = _render(workspace, "django-full", data)
        comparison.ladder = ladder.climb(workspace, data, django)
    if options.measure:
        settings = serving.Settings(
            runs=options.runs, seconds=options.load_seconds, latency_seconds=options.load_seconds,
            workers=options.workers, database_url=options.database_url,
        )  # fmt: skip
        comparison.settings = settings
        comparison.installer = measuring.installer()
        measured = measuring.measure_all(loaded, workspace, settings, steps)
        comparison.measured, comparison.bare = measured.projects, measured.bare
        # From the command's start to the report: what a user waits for, the rendering included.
        whole = round(time.monotonic() - steps.started, 1)
        comparison.configuration = {**measured.configuration, "installer": comparison.installer,
                                    "command_seconds": whole}  # fmt: skip
        comparison.command = reproduce(names, data, options)
    return _format(comparison, options.output_format, options.feature)


def reproduce(names: tuple[str, ...], data: dict[str, str], options: ReportOptions) -> str:
    """The one command that measures again as this run did (a database password hidden)."""
    import shlex

    words = ["scaffold", "compare", *names]
    for key, value in sorted(data.items()):
        words += ["--data", f"{key}={value}"]
    words += ["--measure", "--runs", str(options.runs), "--workers", str(options.workers),
              "--load-seconds", str(options.load_seconds)]  # fmt: skip
    if options.database_url:
        words += ["--database-url", hide_password(options.database_url)]
    words += ["--format", options.output_format]
    return shlex.join(words)


def hide_password(url: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if parts.password is None:
        return url
    return parts._replace(netloc=parts.netloc.replace(f":{parts.password}@", ":PASSWORD@")).geturl()


def _check_database_url(url: str, measure: bool) -> None:
    """Only a PostgreSQL server: SQLite is what --measure uses without one."""
    from urllib.parse import urlsplit

    if not measure:
        raise ScaffoldUsageError("--database-url is for --measure: add --measure, or leave it out")
    parts = urlsplit(url)
    if parts.scheme not in ("postgresql", "postgres") or not parts.hostname:
        raise ScaffoldUsageError(
            f"--database-url: {hide_password(url)!r} is not a PostgreSQL URL; give one like "
            "postgresql://user:password@127.0.0.1:5432/postgres (without it, SQLite is used)"
        )


def _format(comparison: Comparison, output_format: str, feature: str | None) -> str:
    from scaffold.compare.report import html_report, json_report, markdown, table

    if output_format == "html":
        return html_report.render(comparison, feature)
    renderers = {"json": json_report.render, "markdown": markdown.render, "table": table.render}
    return renderers[output_format](comparison)


def _is(project: ComparedProject, template_name: str) -> bool:
    return project.template is not None and project.template.name == template_name


def _render(workspace: Path, name: str, data: dict[str, str]) -> ComparedProject:
    from scaffold import registry
    from scaffold.compare.projects import render_template

    return render_template(registry.get(name), name, workspace / "reference", data, resolve=False)


def _check_project(argument: str) -> None:
    """A template name or a project folder; anything else is a usage error naming the choices."""
    from pathlib import Path

    from scaffold import registry

    folder = Path(argument)
    if folder.is_dir():
        return
    known = [template.name for template in registry.available()]
    if argument in known:
        return
    if folder.exists():
        raise ScaffoldUsageError(f"{argument} is a file, not a project folder")
    close = closest(argument, known)
    hint = f"did you mean {close!r}? " if close else ""
    raise ScaffoldUsageError(
        f"{argument!r} is neither a template nor a folder; {hint}templates: {', '.join(known)}"
    )


def _check_keys(names: tuple[str, ...], data: dict[str, str]) -> None:
    """A key that no compared template asks about is a typo: say so rather than ignore it."""
    from pathlib import Path

    from scaffold import registry

    known = {t.name: t for t in registry.available()}
    asked = [known[name] for name in names if name in known and not Path(name).is_dir()]
    if not asked:
        return
    for key in data:
        if not any(key in template.questions for template in asked):
            hints = {close for t in asked if (close := t.closest_question(key)) is not None}
            hint = f"; did you mean {sorted(hints)[0]!r}?" if hints else ""
            raise ScaffoldUsageError(f"--data: no template compared asks for {key!r}{hint}")
