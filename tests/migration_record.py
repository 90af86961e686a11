"""The digests of every migration the templates have shipped, and how to record new ones.

A database applies a migration once, by name: a shipped migration whose
content changes is never applied again by the projects that had it, so a
template adds new migration files and never changes one (docs/update.md).
src/scaffold/shipped_migrations.json (in the wheel: scaffold update reads it)
keeps, for each template and each option combination that renders migrations,
the SHA-256 of every migration file and the release that first shipped it, and
under ``also_shipped`` any other form a release shipped (flask-full's 0001 of
0.2.0), which a project keeps; tests/test_shipped_migrations.py fails when
a render no longer matches. A new migration file is fine, and is recorded when
its release is made:

    python tests/migration_record.py

adds the migrations no entry names yet, as shipped by the current version; it
never changes an entry that exists.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from scaffold import __version__, registry, render
from scaffold.answers import AnswerError
from scaffold.migrations import is_migration

RECORD = Path(__file__).parents[1] / "src" / "scaffold" / "shipped_migrations.json"


def combinations(template: registry.Template) -> Iterator[dict[str, Any]]:
    """Every combination of the template's yes/no and multiple-choice answers it accepts.

    A template with a ladder (flask-full) accepts exactly its rungs' yes/no answers
    (each option needs the one below); rendering the others only to see them
    refused would double the time this takes.
    """
    questions = template.questions.items()
    choices = {name: question.choices for name, question in questions if question.choices}
    rungs = [dict(rung["data"]) for rung in template.metadata.get("ladder", [])]
    if not rungs:
        flags = [name for name, question in questions if question.type == "bool"]
        rungs = [dict(zip(flags, values, strict=True)) for values in
                 itertools.product((True, False), repeat=len(flags))]  # fmt: skip
    for rung in rungs:
        for values in itertools.product(*choices.values()):
            yield {**rung, **dict(zip(choices, values, strict=True))}


def key(answers: dict[str, Any]) -> str:
    return " ".join(f"{name}={json.dumps(value)}" for name, value in sorted(answers.items()))


def migration_digests(project: Path) -> dict[str, str]:
    """Each migration file of a rendered project: its path, and the SHA-256 of its bytes."""
    return {
        path.relative_to(project).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(project.rglob("*.py"))
        if is_migration(path.relative_to(project).as_posix())
    }


def changed_since_shipped(
    shipped: dict[str, dict[str, dict[str, Any]]], now: dict[str, dict[str, str]]
) -> list[str]:
    """What differs from the record: a migration changed or removed, for the answers given.

    ``shipped`` is one template's record (path -> answers -> entry), ``now`` the
    migrations rendered today (answers -> path -> digest); a file only ``now``
    holds is a new migration, which is fine.
    """
    differences = []
    for path, by_answers in sorted(shipped.items()):
        for answers, entry in sorted(by_answers.items()):
            digest = now.get(answers, {}).get(path)
            if digest != entry["sha256"]:
                what = "removed" if digest is None else "changed"
                differences.append(
                    f"{path} {what} with {answers} (shipped in {entry['shipped_in']})"
                )
    return differences


def read() -> dict[str, Any]:
    return json.loads(RECORD.read_text(encoding="utf-8")) if RECORD.is_file() else {}


def record(rendered_digests: dict[str, dict[str, dict[str, str]]]) -> dict[str, Any]:
    """The record with every migration it lacks added, as shipped by this version."""
    shipped = read()
    for template, by_answers in rendered_digests.items():
        entries = shipped.setdefault(template, {})
        for answers, digests in by_answers.items():
            for path, digest in digests.items():
                entries.setdefault(path, {}).setdefault(
                    answers, {"sha256": digest, "shipped_in": __version__}
                )
    return shipped


def render_all(folder: Path) -> dict[str, dict[str, dict[str, str]]]:
    """The migrations of every template, for every combination that renders any."""
    found: dict[str, dict[str, dict[str, str]]] = {}
    for template in registry.available():
        for number, answers in enumerate(combinations(template)):
            dest = folder / template.name / str(number)
            try:
                render.render(template.path, dest, answers, defaults=True)
            except AnswerError:
                continue  # a combination the template refuses
            digests = migration_digests(dest)
            if digests:
                found.setdefault(template.name, {})[key(answers)] = digests
    return found


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as scratch:
        updated = record(render_all(Path(scratch)))
    RECORD.write_text(json.dumps(updated, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    sys.exit(0)
