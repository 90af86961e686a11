"""Logging in as an attacker does, against a served full project (P29, P31).

Both apps keep failed logins in their own database (flask-full's login_attempts
table, django-axes' axes_accessattempt), so a test moves them back past the
window instead of sleeping through it: time travel through the store.
"""

import sqlite3
import subprocess
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from serving import SETUPS, Browser

# The templates' defaults: LOGIN_FAILURE_LIMIT and LOGIN_LOCKOUT_MINUTES.
FAILURE_LIMIT = 5
LOCKOUT_MINUTES = 15


@dataclass(frozen=True)
class Accounts:
    """Where one template keeps failed logins, and what its own forms call things."""

    attempts_table: str
    attempted_at: str
    # Where staff log in to the admin (flask-full's admin sends them to the site's login).
    admin_login: str
    # The user's own password change form, given the old password and the new one.
    password_change_form: Callable[[str, str], dict[str, str]]


ACCOUNTS = {
    "flask-full": Accounts(
        attempts_table="login_attempts",
        attempted_at="attempted_at",
        admin_login="/accounts/login/?next=/admin/",
        password_change_form=lambda old, new: {
            "old_password": old,
            "new_password": new,
            "confirm": new,
        },
    ),
    "django-full": Accounts(
        attempts_table="axes_accessattempt",
        attempted_at="attempt_time",
        admin_login="/admin/login/?next=/admin/",
        password_change_form=lambda old, new: {
            "old_password": old,
            "new_password1": new,
            "new_password2": new,
        },
    ),
}


@dataclass(frozen=True)
class Store:
    """The served app's database, written to as an admin at a SQL prompt would."""

    name: str
    sqlite: Path | None = None
    postgres_url: str | None = None

    def execute(self, sql: str) -> None:
        if self.postgres_url:
            subprocess.run(["psql", self.postgres_url, "-qc", sql], check=True, capture_output=True)
        else:
            with closing(sqlite3.connect(self.sqlite, timeout=30)) as connection:
                connection.execute(sql)
                connection.commit()

    def forget_failures(self) -> None:
        self.execute(f"DELETE FROM {ACCOUNTS[self.name].attempts_table}")

    def let_the_window_pass(self) -> None:
        """Every failed login recorded so far happened a window and a minute ago."""
        accounts = ACCOUNTS[self.name]
        column, past = accounts.attempted_at, LOCKOUT_MINUTES + 1
        if self.postgres_url:
            earlier = f"{column} - interval '{past} minutes'"
        else:
            earlier = f"datetime({column}, '-{past} minutes')"
        self.execute(f"UPDATE {accounts.attempts_table} SET {column} = {earlier}")


@dataclass
class Answer:
    status: int
    retry_after: str | None
    page: str


def try_password(port: int, name: str, username: str, password: str, path: str) -> Answer:
    """One login, by a new client that fetched the form first, as a script would."""
    form = {"username": username, "password": password}
    response, page = Browser(port).post_form(path, SETUPS[name].csrf_field, form)
    return Answer(response.status, response.getheader("Retry-After"), page)


def guess_then_wait_out_the_lockout(
    port: int, name: str, store: Store, username: str, password: str, second_port: int
) -> None:
    """P31 as an attack: 30 wrong passwords for one account, from one address; the right
    one refused (site and admin login, on every worker and on a second instance) until
    the window has passed, and let in then."""
    statuses = [
        try_password(port, name, username, f"guess number {n}", "/accounts/login/").status
        for n in range(30)
    ]
    assert statuses == [200] * (FAILURE_LIMIT - 1) + [429] * (30 - FAILURE_LIMIT + 1)

    refused = {
        "site login": try_password(port, name, username, password, "/accounts/login/"),
        "admin login": try_password(port, name, username, password, ACCOUNTS[name].admin_login),
        "second instance": try_password(second_port, name, username, password, "/accounts/login/"),
        # The address is throttled too: another account from it is refused as well.
        "another account": try_password(port, name, "boss", "any password", "/accounts/login/"),
    }
    assert {where: answer.status for where, answer in refused.items()} == dict.fromkeys(
        refused, 429
    )
    for answer in refused.values():
        assert 0 < int(answer.retry_after or 0) <= LOCKOUT_MINUTES * 60
        assert "Please try again in" in answer.page

    store.let_the_window_pass()
    assert try_password(port, name, username, password, "/accounts/login/").status == 302
