"""Counts made a second way, to check compare's: Pygments' lexer instead of Python's tokenizer.

compare counts code lines with ``tokenize`` and ``ast``; here a line is code
when Pygments finds on it a token that is neither a comment, a docstring
(``String.Doc``) nor whitespace. Two lexers agreeing is the check.
"""

import ast
from pathlib import Path

from pygments.lexers import PythonLexer
from pygments.token import Comment, String, Whitespace

NOT_PROJECT_FILES = {".env", ".copier-answers.yml"}


def python_lines(source: str) -> int:
    return len(python_line_numbers(source))


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


def python_line_numbers(source: str) -> set[int]:
    """The lines :func:`python_lines` counts, by number."""
    code, line = set(), 1
    for kind, value in PythonLexer(stripnl=False, ensurenl=False).get_tokens(source):
        if value.strip() and not (kind in Comment or kind in String.Doc or kind in Whitespace):
            code.update(range(line, line + value.rstrip("\n").count("\n") + 1))
        line += value.count("\n")
    return code


def line_numbers(path: Path) -> set[int]:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".py":
        return python_line_numbers(text)
    return {number for number, line in enumerate(text.splitlines(), 1) if line.strip()}


def symbol_line_numbers(source: str, symbol: str) -> set[int]:
    """The lines a ``file.py:symbol`` entry names, found by walking the tree another way.

    A dotted name descends through definitions; a plain one is a top-level definition,
    or else every top-level assignment whose target, unparsed, is the name or starts
    with ``name.``.
    """
    tree = ast.parse(source)
    *outer, last = symbol.split(".")
    scope = tree
    for name in outer:
        scope = next(n for n in ast.iter_child_nodes(scope) if getattr(n, "name", None) == name)
    for node in ast.iter_child_nodes(scope):
        if getattr(node, "name", None) == last:
            top = min([node.lineno] + [d.lineno for d in node.decorator_list])
            return set(range(top, node.end_lineno + 1))
    assert not outer, f"no {symbol}"
    found = set()
    for node in tree.body:
        targets = getattr(node, "targets", None) or [getattr(node, "target", None)]
        texts = [ast.unparse(t) for t in targets if t is not None]
        if any(text == last or text.startswith(f"{last}.") for text in texts):
            found.update(range(node.lineno, node.end_lineno + 1))
    assert found, f"no {symbol}"
    return found
