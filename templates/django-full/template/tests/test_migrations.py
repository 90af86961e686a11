from io import StringIO

from django.core.management import call_command


def test_p17_migrations_match_the_models(db):
    output = StringIO()
    call_command("makemigrations", check=True, dry_run=True, stdout=output)
    assert "No changes detected" in output.getvalue()
