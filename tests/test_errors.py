"""Exceptions turned into one line that says what to do."""

import errno

from scaffold.errors import describe


def test_a_value_error_is_not_taken_for_an_invalid_answer():
    assert describe(ValueError("bad\nthing")) == (
        "unexpected ValueError: bad thing "
        "(run `scaffold --debug ...` for the traceback, and report it)"
    )


def test_os_errors_say_what_to_do():
    full = OSError(errno.ENOSPC, "No space left on device", "/srv/x")
    assert (
        describe(full) == "no space left on the disk to write /srv/x; free some space and try again"
    )
    denied = PermissionError(errno.EACCES, "Permission denied", "/srv/x")
    assert describe(denied) == "not allowed to write /srv/x; choose a folder you can write to"


def test_copier_errors_are_recognised_by_their_module():
    from copier.errors import UserMessageError

    assert describe(UserMessageError("the template said no")) == (
        "the template could not be rendered: the template said no"
    )
