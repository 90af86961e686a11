"""Turn ``--data KEY=VALUE`` pairs into answers a template accepts, or say what is wrong.

Copier would accept an unknown key silently and report a bad choice with a
traceback-shaped message; checking against the template's questions first
lets every mistake get one line that says how to fix it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from scaffold import git
from scaffold.errors import ScaffoldError
from scaffold.registry import Template

TRUE_WORDS = {"true", "yes", "y", "on", "1"}
FALSE_WORDS = {"false", "no", "n", "off", "0"}


class AnswerError(ScaffoldError):
    """An answer the template cannot take; the message says how to fix it."""

    def __init__(self, message: str, reason: str | None = None) -> None:
        super().__init__(message)
        # The refusal alone, for a command whose user gives the answer another way than --data.
        self.reason = reason or message


def parse_data(template: Template, pairs: Sequence[str]) -> dict[str, Any]:
    """``--data`` pairs as answers to ``template``'s questions, each checked and typed."""
    return {key: parse_answer(template, key, value) for key, value in parse_pairs(pairs).items()}


def parse_pairs(pairs: Sequence[str]) -> dict[str, str]:
    """``--data`` pairs as the strings typed, keyed by KEY; a pair without ``=`` is refused."""
    data: dict[str, str] = {}
    for pair in pairs:
        key, separator, value = pair.partition("=")
        key = key.strip()
        if not separator or not key:
            raise AnswerError(f"--data {pair!r} is not KEY=VALUE, for example project_name=Blog")
        data[key] = value
    return data


def as_pairs(data: Mapping[str, Any]) -> list[str]:
    """Answers as ``--data`` takes them, booleans as true and false: ``parse_data`` reversed."""
    return [
        f"{key}={str(value).lower() if isinstance(value, bool) else value}"
        for key, value in data.items()
    ]


def parse_answer(template: Template, key: str, value: str) -> Any:
    question = template.questions.get(key)
    if question is None:
        hint = template.closest_question(key)
        suggestion = f"did you mean {hint!r}?" if hint else "see `scaffold list --format json`"
        raise AnswerError(f"{template.name} has no question {key!r}; {suggestion}")
    if question.type == "bool":
        word = value.strip().lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        raise AnswerError(f"{key} takes true or false, not {value!r}")
    if question.choices and value not in [str(choice) for choice in question.choices]:
        listed = ", ".join(str(choice) for choice in question.choices)
        raise AnswerError(f"{key} must be one of: {listed} (got {value!r})")
    return value


def suggested_defaults(template: Template, dest: Path) -> dict[str, Any]:
    """Defaults from what the user already told us: the folder's name, and git's identity.

    They replace the template's own defaults (``My Blog``, ``Your Name``) but are
    still defaults: asked like them, and overridden by ``--data``.
    """
    suggestions: dict[str, Any] = {}
    if "project_name" in template.questions and dest.name:
        suggestions["project_name"] = dest.name
    for question, key in (("author_name", "user.name"), ("author_email", "user.email")):
        value = git.config(key, Path.cwd()) if question in template.questions else None
        if value:
            suggestions[question] = value
    return suggestions
