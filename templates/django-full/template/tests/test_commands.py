import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command


@pytest.fixture
def superuser_env(monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_USERNAME", "boss")
    monkeypatch.setenv("DJANGO_SUPERUSER_EMAIL", "boss@example.com")
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "a long password")


def test_p16_createsuperuser_makes_a_staff_user(db, superuser_env):
    call_command("createsuperuser", interactive=False, verbosity=0)
    user = get_user_model().objects.get(username="boss")
    assert user.is_staff and user.is_superuser and user.check_password("a long password")


def test_p16_a_duplicate_gets_a_clear_error(db, superuser_env):
    call_command("createsuperuser", interactive=False, verbosity=0)
    with pytest.raises(CommandError, match="That username is already taken."):
        call_command("createsuperuser", interactive=False, verbosity=0)
