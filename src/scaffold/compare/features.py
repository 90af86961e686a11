"""Where each feature lives in a project, from its template's declared feature map.

A template's ``scaffold.toml`` names, per feature, the code that implements it:
whole files or folders (``migrations``, ``templates/registration``), or parts of
Python files (``blog/views.py:PostCreateView``, see :mod:`scaffold.compare.symbols`).
A part counts the same code lines as the file's own figure would (no blanks,
comments or docstrings). No line may belong to two features, and every line no
feature claims is the project's skeleton (the factory, settings glue, imports,
packaging), so the features and the skeleton add up to the project's lines.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from scaffold.compare import symbols
from scaffold.compare.metrics import ProjectMetrics, code_lines, role_of
from scaffold.errors import ScaffoldError
from scaffold.registry import Template

FEATURES = (
    "pages", "database", "migrations", "accounts", "forms", "admin", "api", "config", "tests",
)  # fmt: skip


class FeatureMapError(ScaffoldError):
    """A feature map names code the project does not have, or names a line twice."""


@dataclass(frozen=True)
class Part:
    """A whole file (``symbol`` None) or a named part of one, and the code lines it holds."""

    path: str
    symbol: str | None
    spans: tuple[symbols.Span, ...]
    lines: int
    # Why the template chose to write it (accessibility, branding, hardening), when the
    # framework does not need it (docs/compare.md, "Own choices").
    own_choice: str | None = None

    @property
    def name(self) -> str:
        return self.path if self.symbol is None else f"{self.path}:{self.symbol}"


@dataclass(frozen=True)
class Feature:
    name: str
    summary: str
    parts: tuple[Part, ...]
    dependencies: tuple[str, ...]
    # The parts marked as the template's own choice, inside ``parts`` or parts of them.
    own_choices: tuple[Part, ...] = ()

    @property
    def own_choice_lines(self) -> int:
        """The lines the template wrote by its own choice, which the framework does not need."""
        return sum(part.lines for part in self.own_choices)

    @property
    def files(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(part.path for part in self.parts))

    @property
    def lines(self) -> int:
        return sum(part.lines for part in self.parts)

    @property
    def python_lines(self) -> int:
        """The lines of Python outside the tests, as the size table's Python row counts them."""
        return sum(part.lines for part in self.parts if _is_python(part.path))

    @property
    def python_files(self) -> tuple[str, ...]:
        return tuple(path for path in self.files if _is_python(path))


def _is_python(path: str) -> bool:
    return path.endswith(".py") and role_of(path) != "tests"


@dataclass(frozen=True)
class Skeleton:
    """Per file, the code lines no feature claims."""

    parts: tuple[Part, ...]

    @property
    def lines(self) -> int:
        return sum(part.lines for part in self.parts)


def declared_features(template: Template, answers: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The features a project rendered with ``answers`` has: a feature may depend on an option."""
    declared = template.metadata.get("features", {})
    return {
        name: declared[name]
        for name in FEATURES
        if name in declared and rendered(declared[name], answers)
    }


def entries(spec: dict[str, Any], answers: dict[str, Any]) -> list[str]:
    """A feature's declared paths that the answers rendered, unformatted."""
    return [path for path, _ in marked_entries(spec, answers)]


def marked_entries(spec: dict[str, Any], answers: dict[str, Any]) -> list[tuple[str, str | None]]:
    """Each rendered path, with the reason it is the template's own choice (or None).

    Plain entries come first, so an own choice inside one of them (a class of a
    module the feature names whole) finds its lines already the feature's.
    """
    found = []
    for entry in spec["paths"]:
        if isinstance(entry, str):
            found.append((entry, None))
        elif rendered(entry, answers):
            found.append((entry["path"], entry.get("own_choice")))
    return sorted(found, key=lambda marked: marked[1] is not None)


def rendered(spec: dict[str, Any], answers: dict[str, Any]) -> bool:
    """Whether the option a feature or entry needs (``when``) was chosen."""
    return not spec.get("when") or bool(answers.get(spec["when"]))


def feature_map(
    template: Template | None, answers: dict[str, Any], root: Path, metrics: ProjectMetrics
) -> tuple[dict[str, Feature], Skeleton | None]:
    """Each declared feature's parts and lines in one project, and the skeleton left over."""
    if template is None:
        return {}, None
    counted = ProjectLines(root, {stat.path for stat in metrics.files})
    claimed: dict[tuple[str, int], str] = {}
    features = {}
    for name, spec in declared_features(template, answers).items():
        parts: list[Part] = []
        own: list[Part] = []
        for entry, choice in marked_entries(spec, answers):
            for part in counted.parts(entry.format(**answers), f"feature {name!r}"):
                if choice is None:
                    _claim(claimed, part, name, counted)
                    parts.append(part)
                    continue
                part = replace(part, own_choice=choice)
                if not _inside(part, name, claimed, own, counted):
                    _claim(claimed, part, name, counted)
                    parts.append(part)
                own.append(part)
        features[name] = Feature(
            name=name,
            summary=spec.get("summary", ""),
            parts=tuple(parts),
            dependencies=tuple(spec.get("dependencies", [])),
            own_choices=tuple(own),
        )
    skeleton = []
    for stat in metrics.files:
        left = counted.code(stat.path) - {line for path, line in claimed if path == stat.path}
        if left:
            skeleton.append(Part(stat.path, None, (), len(left)))
    return features, Skeleton(tuple(skeleton))


class ProjectLines:
    """The project's files, their code lines and their parts, each read once."""

    def __init__(self, root: Path, files: set[str]):
        self.root, self.files = root, files
        self._code: dict[str, set[int]] = {}

    def code(self, path: str) -> set[int]:
        if path not in self._code:
            self._code[path] = code_lines(self.root / path)
        return self._code[path]

    def parts(self, entry: str, owner: str) -> list[Part]:
        """The parts one declared entry names: a file, every file of a folder, or a symbol."""
        path, _, symbol = entry.partition(":")
        if symbol:
            return [self._symbol(path, symbol, owner)]
        inside = sorted(f for f in self.files if f == path or f.startswith(f"{path}/"))
        if not inside:
            raise FeatureMapError(f"{owner} names {path}, which the project lacks")
        return [Part(f, None, (), len(self.code(f))) for f in inside]

    def _symbol(self, path: str, symbol: str, owner: str) -> Part:
        if path not in self.files or not path.endswith(".py"):
            raise FeatureMapError(
                f"{owner} names {path}:{symbol}, but {path} is not a Python file of the project"
            )
        source = (self.root / path).read_text(encoding="utf-8")
        try:
            found = tuple(symbols.spans(source, symbol))
        except symbols.SymbolNotFound as error:
            raise FeatureMapError(f"{owner} names {path}:{symbol}: {error}") from None
        lines = {n for first, last in found for n in range(first, last + 1)} & self.code(path)
        return Part(path, symbol, found, len(lines))

    def claimed_lines(self, part: Part) -> set[int]:
        if part.symbol is None:
            return self.code(part.path)
        spans = {n for first, last in part.spans for n in range(first, last + 1)}
        return spans & self.code(part.path)


def _claim(
    claimed: dict[tuple[str, int], str], part: Part, feature: str, lines: ProjectLines
) -> None:
    """Give ``part``'s lines to ``feature``; a line already given is an error."""
    mine = lines.claimed_lines(part)
    taken = sorted(line for line in mine if (part.path, line) in claimed)
    if taken:
        other = claimed[(part.path, taken[0])]
        where = f"{part.path} line {taken[0]} ({part.name})"
        if other == feature:
            raise FeatureMapError(f"feature {feature!r} names {where} twice")
        raise FeatureMapError(
            f"features {other!r} and {feature!r} both claim {where}: a line belongs to one feature"
        )
    for line in mine:
        claimed[(part.path, line)] = feature


def _inside(
    part: Part,
    feature: str,
    claimed: dict[tuple[str, int], str],
    own: list[Part],
    lines: ProjectLines,
) -> bool:
    """Whether an own choice lies inside the feature's other parts, or stands alone."""
    mine = lines.claimed_lines(part)
    marked = {(p.path, n) for p in own for n in lines.claimed_lines(p)}
    if any((part.path, n) in marked for n in mine):
        raise FeatureMapError(f"feature {feature!r} marks {part.name} as its own choice twice")
    already = {n for n in mine if claimed.get((part.path, n)) == feature}
    if already and already != mine:
        raise FeatureMapError(
            f"feature {feature!r}: the own choice {part.name} lies partly inside its other "
            "parts; name it whole or name the parts around it"
        )
    return bool(already)


def answers_of(root: Path) -> dict[str, Any]:
    """A generated project's answers, from Copier's answers file."""
    import yaml

    answers_file = root / ".copier-answers.yml"
    if not answers_file.is_file():
        return {}
    return yaml.safe_load(answers_file.read_text(encoding="utf-8")) or {}
