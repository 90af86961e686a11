"""Shipped migrations are append-only: a release adds migration files and changes none.

tests/migration_record.py says why, and how a release records its new ones.
"""

import shutil
from pathlib import Path

import pytest
from migration_record import changed_since_shipped, combinations, key, migration_digests, read

from scaffold import registry, render
from scaffold.answers import AnswerError

SHIPPED = read()


def rendered_migrations(template, rendered) -> dict[str, dict[str, str]]:
    """The migrations of every combination of answers the template accepts, by combination."""
    found = {}
    for answers in combinations(template):
        try:
            project = rendered(answers)
        except AnswerError:
            continue  # a combination the template refuses
        found[key(answers)] = migration_digests(project)
    return found


@pytest.mark.parametrize("name", sorted(SHIPPED))
def test_no_migration_a_release_shipped_has_changed(name, rendered_template):
    template = registry.get(name)
    now = rendered_migrations(template, lambda answers: rendered_template(name, **answers))
    assert changed_since_shipped(SHIPPED[name], now) == [], (
        "a shipped migration must never change: put the change in a new migration file"
    )


def test_the_record_covers_both_full_templates_and_every_combination_with_a_database():
    assert set(SHIPPED) == {"flask-full", "django-full"}
    initial = SHIPPED["flask-full"]["migrations/versions/0001_initial.py"]
    # The ladder's four rungs with a database, each with SQLite or PostgreSQL in production.
    assert len(initial) == 8
    assert all(entry["shipped_in"] == "0.1.0" for entry in initial.values())
    # 0.2.0 shipped it with the session token column for the rungs with accounts;
    # projects of 0.2.0 keep that form (src/scaffold/migrations.py).
    with_accounts = {answers: entry for answers, entry in initial.items()
                     if "use_accounts=true" in answers}  # fmt: skip
    assert len(with_accounts) == 6
    for answers, entry in initial.items():
        also = entry.get("also_shipped", [])
        assert [form["shipped_in"] for form in also] == (
            ["0.2.0"] if answers in with_accounts else []
        )
    for path in ("0002_session_tokens.py", "0003_login_attempts.py"):
        later = SHIPPED["flask-full"][f"migrations/versions/{path}"]
        assert {entry["shipped_in"] for entry in later.values()} == {"0.3.0"}, path


@pytest.fixture
def flask_full_copy(tmp_path):
    """A copy of flask-full that the test changes, as the template's authors would."""
    folder = tmp_path / "flask-full"
    shutil.copytree(registry.get("flask-full").path, folder)
    return folder


def versions(template_folder: Path) -> Path:
    return template_folder / "template" / "{% if use_database %}migrations{% endif %}" / "versions"


def test_the_guard_accepts_a_new_migration_and_refuses_a_changed_one(flask_full_copy, tmp_path):
    template = registry.get(str(flask_full_copy))
    answers = {"use_database": True, "use_accounts": True, "use_forms": True, "use_admin": True,
               "database": "sqlite"}  # fmt: skip
    combination = key(answers)
    shipped = {path: {combination: by_answers[combination]}
               for path, by_answers in SHIPPED["flask-full"].items()}  # fmt: skip

    def migrations_now(name: str) -> dict[str, dict[str, str]]:
        render.render(template.path, tmp_path / name, answers, defaults=True)
        return {combination: migration_digests(tmp_path / name)}

    assert changed_since_shipped(shipped, migrations_now("as-shipped")) == []
    (versions(flask_full_copy) / "0003_tags.py").write_text('"""Tags."""\n\nrevision = "0003"\n')
    assert changed_since_shipped(shipped, migrations_now("with-a-new-one")) == []

    initial = versions(flask_full_copy) / "0001_initial.py.jinja"
    initial.write_text(initial.read_text().replace("length=150", "length=100"))
    (versions(flask_full_copy) / "{% if use_accounts %}0002_session_tokens.py{% endif %}").unlink()
    assert changed_since_shipped(shipped, migrations_now("changed")) == [
        f"migrations/versions/0001_initial.py changed with {combination} (shipped in 0.1.0)",
        f"migrations/versions/0002_session_tokens.py removed with {combination} (shipped in 0.3.0)",
    ]
