"""Counts made a second way, to check compare's: Pygments' lexer instead of Python's tokenizer.

compare counts code lines with ``tokenize`` and ``ast``; here a line is code
when Pygments finds on it a token that is neither a comment, a docstring
(``String.Doc``) nor whitespace. Two lexers agreeing is the check.
"""

from pathlib import Path

from pygments.lexers import PythonLexer
from pygments.token import Comment, String, Whitespace

NOT_PROJECT_FILES = {".env", ".copier-answers.yml"}


def python_lines(source: str) -> int:
    code, line = set(), 1
    for kind, value in PythonLexer(stripnl=False, ensurenl=False).get_tokens(source):
        if value.strip() and not (kind in Comment or kind in String.Doc or kind in Whitespace):
            code.update(range(line, line + value.rstrip("\n").count("\n") + 1))
        line += value.count("\n")
    return len(code)


def lines(path: Path) -> int:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".py":
        return python_lines(text)
    return sum(1 for line in text.splitlines() if line.strip())


def project_files(root: Path) -> dict[str, Path]:
    """A freshly rendered project's files, by path: nothing to skip but Copier's and .env."""
    return {
        p.relative_to(root).as_posix(): p
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name not in NOT_PROJECT_FILES
    }
