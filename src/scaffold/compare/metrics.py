"""Static figures for one project folder: its files, the role of each, their lines.

Lines of Python count code only: a line holding nothing but a comment, a
docstring or whitespace is not code, which Python's own tokenizer can tell.
"""

from __future__ import annotations

import ast
import io
import tokenize
from dataclasses import dataclass, field
from pathlib import Path

IGNORED_PARTS = {".venv", "__pycache__", ".git", ".pytest_cache", ".ruff_cache", "instance"}
IGNORED_NAMES = {".copier-answers.yml", ".env", "db.sqlite3"}
CONFIG_MODULES = {"manage.py", "wsgi.py", "asgi.py", "settings.py", "config.py"}
# What a team runs around the app (CI, commit hooks, the container), not what sets it up.
OPS_FILES = {".pre-commit-config.yaml", "Dockerfile", ".dockerignore"}
NON_CODE_TOKENS = {
    tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT,
    tokenize.ENDMARKER, tokenize.ENCODING,
}  # fmt: skip
DOCUMENTED = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
ROLES = ("app", "migrations", "templates", "static", "tests", "config", "ops", "docs")


@dataclass(frozen=True)
class FileStat:
    path: str
    role: str
    lines: int


@dataclass
class ProjectMetrics:
    name: str
    files: list[FileStat] = field(default_factory=list)

    def lines(self, role: str | None = None, suffix: str | None = None) -> int:
        return sum(
            stat.lines
            for stat in self.files
            if (role is None or stat.role == role)
            and (suffix is None or stat.path.endswith(suffix))
        )

    @property
    def python_lines(self) -> int:
        return sum(s.lines for s in self.files if s.path.endswith(".py") and s.role != "tests")

    @property
    def html_lines(self) -> int:
        return self.lines(suffix=".html")

    @property
    def config_lines(self) -> int:
        return self.lines(role="config")

    @property
    def test_lines(self) -> int:
        return self.lines(role="tests")


def measure(name: str, root: Path) -> ProjectMetrics:
    metrics = ProjectMetrics(name=name)
    for path in sorted(project_files(root)):
        relative = path.relative_to(root).as_posix()
        metrics.files.append(FileStat(relative, role_of(relative), count_lines(path)))
    return metrics


def project_files(root: Path) -> list[Path]:
    return [
        path
        for path in root.rglob("*")
        if path.is_file()
        and path.name not in IGNORED_NAMES
        and not IGNORED_PARTS.intersection(path.relative_to(root).parts)
    ]


def role_of(relative: str) -> str:
    parts = relative.split("/")
    name = parts[-1]
    if parts[0] == ".github" or relative in OPS_FILES:
        return "ops"
    if parts[0] == "tests" or name.startswith("test_") or name == "conftest.py":
        return "tests"
    if "migrations" in parts:
        return "migrations"
    if name.endswith(".html"):
        return "templates"
    if "static" in parts:
        return "static"
    if name.endswith(".md"):
        return "docs"
    if name.endswith(".py"):
        return "config" if name in CONFIG_MODULES else "app"
    return "config"


def count_lines(path: Path) -> int:
    """Lines of code in Python files; non-blank lines in every other file."""
    return len(code_lines(path))


def code_lines(path: Path) -> set[int]:
    """The numbers (from 1) of the lines :func:`count_lines` counts."""
    text = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix == ".py":
        return python_code_line_numbers(text)
    return {number for number, line in enumerate(text.splitlines(), 1) if line.strip()}


def python_code_lines(source: str) -> int:
    return len(python_code_line_numbers(source))


def python_code_line_numbers(source: str) -> set[int]:
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return {number for number, line in enumerate(source.splitlines(), 1) if line.strip()}
    docstrings: set[int] = set()
    for node in ast.walk(tree):
        if not isinstance(node, DOCUMENTED) or not node.body:
            continue
        first = node.body[0]
        if (
            isinstance(first, ast.Expr)
            and isinstance(first.value, ast.Constant)
            and isinstance(first.value.value, str)
        ):
            # ast.parse sets every statement's end; the stubs allow None for nodes built by hand.
            assert first.end_lineno is not None
            docstrings.update(range(first.lineno, first.end_lineno + 1))
    code: set[int] = set()
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type not in NON_CODE_TOKENS:
            code.update(range(token.start[0], token.end[0] + 1))
    return code - docstrings
