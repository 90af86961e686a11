"""The one matcher for a mistyped name, and the option type that uses it.

A mistyped command, option, choice, template or ``--data`` key is answered
with "did you mean ...?" from :func:`closest`, so every near miss is judged
the same way, however it was typed.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import click


def closest(word: str, known: Iterable[str]) -> str | None:
    """The known name ``word`` most likely meant, or None when none is near enough."""
    import difflib  # imported here: `scaffold --help` never needs it

    matches = difflib.get_close_matches(word, list(known), n=1, cutoff=0.6)
    return matches[0] if matches else None


class Choice(click.Choice[str]):
    """Click's Choice, whose refusal adds the choice that was most likely meant."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter as error:
            match = closest(str(value), [str(choice) for choice in self.choices])
            if match is None:
                raise
            self.fail(f"{error.message.rstrip('.')}; did you mean {match}?", param, ctx)
