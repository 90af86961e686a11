"""Find the templates and read what each declares about itself.

A template is a folder holding Copier's ``copier.yml`` and scaffold's own
``scaffold.toml`` (description, what it includes, next steps). The packaged
ones ship in the wheel; any other folder holding a ``copier.yml`` works too
(a team's own template), with nothing but Copier's file. Reading them must
stay cheap: ``scaffold list`` should not pay for importing Copier.
"""

from __future__ import annotations

import hashlib
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from scaffold import __version__
from scaffold.errors import ScaffoldUsageError
from scaffold.spelling import closest


class UnknownTemplateError(ScaffoldUsageError):
    """A template name that is not packaged, or a folder that holds no Copier template."""

    def __init__(self, name: str, known: list[str], why: str = "") -> None:
        self.name = name
        self.known = known
        match = None if why else closest(name, known)
        problem = why or f"unknown template {name!r}"
        hint = f"did you mean {match}? Or " if match else ""
        super().__init__(
            f"{problem}; {hint}choose one of: {', '.join(known)}, or the path of a Copier template"
        )


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
        """scaffold.toml, or nothing for a template that is only Copier's."""
        declared = self.path / "scaffold.toml"
        if not declared.is_file():
            return {}
        with declared.open("rb") as file:
            return tomllib.load(file)

    @property
    def packaged(self) -> bool:
        return self.path.parent == templates_root().resolve()

    @property
    def description(self) -> str:
        return str(self.metadata.get("description", ""))

    @property
    def framework(self) -> str:
        return str(self.metadata.get("framework", ""))

    @property
    def includes(self) -> list[str]:
        return list(self.metadata.get("includes", []))

    @property
    def next_steps(self) -> list[str]:
        return [step if isinstance(step, str) else step["run"] for step in self._steps]

    def next_steps_for(self, answers: dict[str, Any], dest: Any, activate: str) -> list[str]:
        """The next steps for one project: a step with ``when`` needs that answer true.

        ``dest`` is the project's folder as the user's shell reads it (quoted by
        ``shell.quote``), ``activate`` the command that activates ``.venv`` in that shell.
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
    def config(self) -> dict[str, Any]:
        """Copier's settings and questions, as copier.yml holds them."""
        import yaml  # Copier depends on PyYAML; imported here to keep start-up light

        return yaml.safe_load(_copier_file(self.path).read_text(encoding="utf-8")) or {}

    @cached_property
    def questions(self) -> dict[str, Question]:
        questions = {}
        for name, spec in self.config.items():
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

    @cached_property
    def excluded(self) -> Callable[[str], bool]:
        """Whether a path of the template's files is one Copier leaves out (``_exclude``)."""
        import pathspec  # Copier matches ``_exclude`` with it, in gitignore syntax

        return pathspec.GitIgnoreSpec.from_lines(self.config.get("_exclude", [])).match_file

    @cached_property
    def digest(self) -> str:
        """A short hash of every file Copier reads, so a changed template is told apart."""
        content = hashlib.sha256()
        for path in sorted(p for p in self.path.rglob("*") if p.is_file()):
            relative = path.relative_to(self.path).as_posix()
            if self.excluded(relative):
                continue
            content.update(relative.encode() + b"\0" + path.read_bytes() + b"\0")
        return content.hexdigest()[:16]

    def record(self) -> dict[str, str] | None:
        """What a packaged template's answers file says made the project; None for others."""
        if not self.packaged:
            return None
        return {
            "template": self.name,
            "template_digest": self.digest,
            "scaffold_version": __version__,
        }

    def closest_question(self, key: str) -> str | None:
        """The question name a mistyped ``--data`` key most likely meant."""
        return closest(key, self.questions)


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
    """A packaged template by name, or any folder holding a Copier template by its path."""
    templates = {template.name: template for template in available()}
    if name in templates:
        return templates[name]
    folder = Path(name).expanduser()
    if folder.is_dir():
        if _copier_file(folder).is_file():
            return Template(name=str(folder.resolve()), path=folder.resolve())
        raise UnknownTemplateError(name, sorted(templates), f"{name} holds no copier.yml")
    raise UnknownTemplateError(name, sorted(templates))


def recorded(answers: Mapping[str, Any]) -> str | None:
    """The template an answers file says made the project: a packaged name or a path."""
    made_by = answers.get("_scaffold")
    if isinstance(made_by, dict) and made_by.get("template"):
        return str(made_by["template"])
    source = answers.get("_src_path")
    if not source:
        return None
    # scaffold 0.1.0 recorded the packaged template by its path in the virtual
    # environment (site-packages/scaffold/templates/NAME), which is gone or holds
    # an old release: such a project is updated from the template shipped today.
    where = Path(str(source))
    in_a_wheel = where.parent.name == "templates" and where.parent.parent.name == "scaffold"
    if in_a_wheel and where.name in {template.name for template in available()}:
        return where.name
    return str(source)


def _copier_file(folder: Path) -> Path:
    """copier.yml, or copier.yaml, as Copier looks for them."""
    yml = folder / "copier.yml"
    return (
        yml if yml.is_file() or not (folder / "copier.yaml").is_file() else folder / "copier.yaml"
    )
