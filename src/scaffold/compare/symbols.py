"""Where a named piece of a Python module is: the lines of a function, a class or a setting.

A feature map may name part of a file, ``blog/views.py:PostCreateView``. The
name is looked up in the module's syntax tree, never by searching text:

- ``Name`` is the top-level ``def`` or ``class`` of that name, decorators
  included, or else the module-level statements that assign ``Name`` or one of
  its attributes (``login_manager = LoginManager()`` and the
  ``login_manager.login_view = ...`` lines that configure it);
- ``Outer.inner`` is a ``def`` or ``class`` inside another: a method, or a
  function defined inside a factory.
"""

from __future__ import annotations

import ast
import difflib

from scaffold.errors import ScaffoldError

DEFINITIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
ASSIGNMENTS = (ast.Assign, ast.AnnAssign, ast.AugAssign)

Span = tuple[int, int]


class SymbolNotFound(ScaffoldError):
    """The module has no such name; the message says what it does have."""


def spans(source: str, symbol: str) -> list[Span]:
    """The first and last line of each statement ``symbol`` names, in order."""
    tree = ast.parse(source)
    outer, *inner = symbol.split(".")
    if inner:
        return [_span(_nested(tree, outer, inner, symbol))]
    for node in tree.body:
        if isinstance(node, DEFINITIONS) and node.name == outer:
            return [_span(node)]
    assigned = [
        _span(node)
        for node in tree.body
        if isinstance(node, ASSIGNMENTS) and outer in _assigned_roots(node)
    ]
    if assigned:
        return assigned
    raise SymbolNotFound(_not_found(symbol, top_level_names(tree)))


def top_level_names(tree: ast.Module) -> list[str]:
    """Every name the lookup can find at the top of a module, in order."""
    found: list[str] = []
    for node in tree.body:
        if isinstance(node, DEFINITIONS):
            found.append(node.name)
        elif isinstance(node, ASSIGNMENTS):
            found += sorted(_assigned_roots(node))
    return list(dict.fromkeys(found))


def _nested(tree: ast.Module, outer: str, inner: list[str], symbol: str) -> ast.AST:
    scope: ast.AST = tree
    path = [outer, *inner]
    for depth, name in enumerate(path):
        children = [n for n in getattr(scope, "body", []) if isinstance(n, DEFINITIONS)]
        found = next((n for n in children if n.name == name), None)
        if found is None:
            where = ".".join(path[:depth]) or "the module"
            raise SymbolNotFound(_not_found(symbol, [n.name for n in children], where))
        scope = found
    return scope


def _span(node: ast.AST) -> Span:
    decorators = getattr(node, "decorator_list", [])
    first = min([node.lineno, *(d.lineno for d in decorators)])
    return first, node.end_lineno


def _assigned_roots(node: ast.Assign | ast.AnnAssign | ast.AugAssign) -> set[str]:
    """The names an assignment binds or configures: ``a = ...``, ``a.b = ...``, ``a += ...``."""
    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
    roots = set()
    for target in targets:
        for element in target.elts if isinstance(target, ast.Tuple) else [target]:
            while isinstance(element, ast.Attribute):
                element = element.value
            if isinstance(element, ast.Name):
                roots.add(element.id)
    return roots


def _not_found(symbol: str, names: list[str], where: str = "the module") -> str:
    wanted = symbol.rsplit(".", 1)[-1]
    close = difflib.get_close_matches(wanted, names, n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    listed = ", ".join(names) if names else "nothing"
    return f"no {wanted!r} in {where} (it has: {listed}){hint}"
