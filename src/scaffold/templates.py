"""Find the packaged templates and read what each declares about itself.

A template is a folder holding Copier's ``copier.yml`` and scaffold's own
``scaffold.toml`` (description, what it includes, next steps). Reading them
must stay cheap: ``scaffold list`` should not pay for importing Copier.
"""

from __future__ import annotations

import difflib
import tomllib
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any


class UnknownTemplateError(LookupError):
    """Raised for a template name that is not packaged."""

    def __init__(self, name: str, known: list[str]) -> None:
        self.name = name
        self.known = known
        super().__init__(f"unknown template {name!r}; choose one of: {', '.join(known)}")


@dataclass(frozen=True)
class Question:
    """One Copier question, as much of it as scaffold needs to reason about."""

    name: str
    type: str
    default: Any
    help: str
    choices: tuple[Any, ...]
    when: Any


@dataclass(frozen=True)
class Template:
    name: str
    path: Path

    @cached_property
    def metadata(self) -> dict[str, Any]:
        with (self.path / "scaffold.toml").open("rb") as file:
            return tomllib.load(file)

    @property
    def description(self) -> str:
        return self.metadata["description"]

    @property
    def framework(self) -> str:
        return self.metadata["framework"]

    @property
    def includes(self) -> list[str]:
        return list(self.metadata.get("includes", []))

    @property
    def next_steps(self) -> list[str]:
        return [step if isinstance(step, str) else step["run"] for step in self._steps]

    def next_steps_for(self, answers: dict[str, Any], dest: Any, activate: str) -> list[str]:
        """The next steps for one project: a step with ``when`` needs that answer true.

        ``activate`` is the command that activates ``.venv`` on the user's platform.
        """
        return [
            (step if isinstance(step, str) else step["run"]).format(
                dest=dest, activate=activate, **answers
            )
            for step in self._steps
            if isinstance(step, str) or answers.get(step["when"])
        ]

    @property
    def _steps(self) -> list[str | dict[str, str]]:
        return list(self.metadata.get("next_steps", []))

    @cached_property
    def questions(self) -> dict[str, Question]:
        import yaml  # Copier depends on PyYAML; imported here to keep start-up light

        config = yaml.safe_load((self.path / "copier.yml").read_text(encoding="utf-8"))
        questions = {}
        for name, spec in config.items():
            if name.startswith("_"):
                continue
            if not isinstance(spec, dict):
                spec = {"default": spec}
            choices = spec.get("choices") or ()
            if isinstance(choices, dict):
                choices = tuple(choices.values())
            questions[name] = Question(
                name=name,
                type=spec.get("type", "str"),
                default=spec.get("default"),
                help=str(spec.get("help", "")).strip(),
                choices=tuple(choices),
                when=spec.get("when", True),
            )
        return questions

    def closest_question(self, key: str) -> str | None:
        """The question name a mistyped ``--data`` key most likely meant."""
        matches = difflib.get_close_matches(key, list(self.questions), n=1, cutoff=0.6)
        return matches[0] if matches else None


def templates_root() -> Path:
    """Where the templates are: inside the wheel, or beside ``src/`` in a checkout."""
    packaged = Path(__file__).parent / "templates"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "templates"


def available() -> list[Template]:
    root = templates_root()
    return [
        Template(name=folder.name, path=folder.resolve())
        for folder in sorted(root.iterdir())
        if (folder / "copier.yml").is_file() and (folder / "scaffold.toml").is_file()
    ]


def get(name: str) -> Template:
    templates = {template.name: template for template in available()}
    try:
        return templates[name]
    except KeyError:
        raise UnknownTemplateError(name, sorted(templates)) from None
