"""Publish one ``scaffold compare --measure --format json`` run into README.md and docs/compare.md.

    python benchmarks/publish_compare.py RUN.json [SECOND.json] [--check]

Both files quote the same run (issue #28): its tables, its verdicts and how long
it took. Each quoted part sits between ``<!-- publish_compare: NAME -->`` and
``<!-- /publish_compare -->``, and is written from RUN.json here, never by hand,
so the two files cannot drift apart. SECOND.json, another run of the same
command, puts its verdicts beside the first's: a verdict that differs other than
to or from "within noise" is named on stderr, as the issue's reader would want
to know. ``--check`` writes nothing and exits 1 naming the first file whose blocks
are not what RUN.json gives. Errors are one line and exit 2.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any, NoReturn

from scaffold.compare.report.sections import Section, sections

ROOT = Path(__file__).resolve().parents[1]
BLOCK = re.compile(r"<!-- publish_compare: ([\w-]+) -->(.*?)<!-- /publish_compare -->", re.S)
# Blocks inside a sentence: no line breaks around their text.
INLINE = {"duration", "machine"}
# The sections of a report each file quotes whole, by their key in ``sections``.
DOCS_SECTIONS = ("size", "features", "ladder", "measured", "bare")
README_TABLES = ("size", "features", "ladder")


class PublishError(Exception):
    """A run or a file that cannot be published: one line says why."""


def duration(seconds: float) -> str:
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes} min {rest} s"


def table(header: list[str], rows: list[list[str]]) -> str:
    def row(cells: list[str]) -> str:
        return "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"

    return "\n".join([row(header), row(["---"] * len(header)), *map(row, rows)])


def configuration(run: dict[str, Any]) -> dict[str, Any]:
    found = run.get("measure", {}).get("configuration", {})
    if "command_seconds" not in found:
        raise PublishError(
            "the run has no measure.configuration.command_seconds: publish a `--measure "
            "--format json` run made by this scaffold"
        )
    return dict(found)


def machine(run: dict[str, Any]) -> str:
    config = configuration(run)
    load = config.get("load_average", {})
    return (
        f"{config['cores']} cores, load average {load.get('before')} before the run and "
        f"{load.get('after')} after, Python {config['python']}, installs by {config['installer']}"
    )


def verdict_changes(first: dict[str, Any], second: dict[str, Any]) -> list[str]:
    """Claims whose verdict moved between two runs other than to or from "within noise"."""
    again = {claim["claim"]: claim["verdict"] for claim in second["claims"]}
    changed = []
    for claim in first["claims"]:
        verdicts = (claim["verdict"], again.get(claim["claim"]))
        if verdicts[0] != verdicts[1] and "within noise" not in verdicts:
            changed.append(f"{claim['claim']} ({verdicts[0]}, then {verdicts[1]})")
    return changed


def claims_block(run: dict[str, Any], second: dict[str, Any] | None) -> str:
    found = {section.key: section for section in sections(run)}["claims"]
    header, rows = list(found.header), [list(row) for row in found.rows]
    said = ""
    if second is not None:
        again = {claim["claim"]: claim["verdict"] for claim in second["claims"]}
        header.insert(3, "second run")
        for row in rows:
            row.insert(3, again.get(row[0], "-"))
        said = (
            f"\n\nThe second run's verdicts are beside the first's; it took "
            f"{duration(configuration(second)['command_seconds'])} ({machine(second)})."
        )
    return f"### {found.title}\n\n{table(header, rows)}\n\n{found.note}{said}"


def section_block(found: Section) -> str:
    return f"### {found.title}\n\n{table(found.header, found.rows)}\n\n{found.note}"


def blocks(run: dict[str, Any], second: dict[str, Any] | None) -> dict[str, dict[str, str]]:
    """Each file's blocks, by name, as RUN.json (and SECOND.json) give them."""
    config = configuration(run)
    by_key = {section.key: section for section in sections(run)}
    missing = [key for key in DOCS_SECTIONS if key not in by_key]
    if missing:
        raise PublishError(
            f"the run has no {', '.join(missing)}: publish a default run (both full templates, "
            "--measure, without --no-ladder)"
        )
    took = duration(config["command_seconds"])
    docs = {
        "run": (
            # One sentence: the command and its duration are checked together (no ; or :).
            f"`{run['measure']['command']}` ran on the project's build machine ({machine(run)}), "
            f"and the whole run took {took}."
        ),
        "claims": claims_block(run, second),
        **{key: section_block(by_key[key]) for key in DOCS_SECTIONS},
    }
    verdicts = [[row[0], row[2]] for row in by_key["claims"].rows]
    readme = {
        "duration": f"the run docs/compare.md shows took {took} on {config['cores']} cores",
        "machine": machine(run),
        "verdicts": table(["claim", "verdict"], verdicts),
        **{key: table(by_key[key].header, by_key[key].rows) for key in README_TABLES},
    }
    return {"README.md": readme, "docs/compare.md": docs}


def published(text: str, path: str, wanted: dict[str, str]) -> str:
    """``text`` with every block replaced by what ``wanted`` gives for its name."""
    named = [match.group(1) for match in BLOCK.finditer(text)]
    for name in sorted(set(wanted) ^ set(named)):
        where = "has no" if name in wanted else "has a block scaffold does not write:"
        raise PublishError(f"{path} {where} <!-- publish_compare: {name} -->")

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        # Blank lines around a block's text, so that Markdown ends a table before the marker.
        inner = wanted[name] if name in INLINE else f"\n\n{wanted[name]}\n\n"
        return f"<!-- publish_compare: {name} -->{inner}<!-- /publish_compare -->"

    return BLOCK.sub(replace, text)


def read_run(path: str) -> dict[str, Any]:
    try:
        run: dict[str, Any] = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        message = f"{path}: not a report of `scaffold compare --format json` ({error})"
        raise PublishError(message) from None
    if "claims" not in run or "measure" not in run:
        raise PublishError(f"{path}: not a `scaffold compare --measure --format json` report")
    return run


class Arguments(argparse.ArgumentParser):
    """argparse, but a wrong argument is one line and exit 2, like scaffold's own commands."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"error: {message} (see --help)\n")


def main(argv: list[str] | None = None) -> int:
    parser = Arguments(description=__doc__.splitlines()[0])
    parser.add_argument("run", metavar="RUN.json")
    parser.add_argument("second", metavar="SECOND.json", nargs="?")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 on a change")
    parser.add_argument("--root", type=Path, default=ROOT, help="the repository (default: this)")
    args = parser.parse_args(argv)
    try:
        run = read_run(args.run)
        second = read_run(args.second) if args.second else None
        for path, wanted in blocks(run, second).items():
            text = (args.root / path).read_text(encoding="utf-8")
            new = published(text, path, wanted)
            if args.check and new != text:
                print(f"{path} does not quote {args.run}: run without --check", file=sys.stderr)
                return 1
            if not args.check and new != text:
                (args.root / path).write_text(new, encoding="utf-8")
    except PublishError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    for change in verdict_changes(run, second) if second else []:
        print(f"verdict changed between the runs, not to or from noise: {change}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
