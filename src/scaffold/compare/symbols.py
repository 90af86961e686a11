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

from scaffold.errors import ScaffoldError
from scaffold.spelling import closest

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
        return [_span(_nested(tree, outer, inner))]
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


def _nested(tree: ast.Module, outer: str, inner: list[str]) -> ast.stmt:
    path = [outer, *inner]
    found = _definition(tree.body, outer, "the module")
    for depth, name in enumerate(inner, 1):
        found = _definition(found.body, name, ".".join(path[:depth]))
    return found


def _definition(
    body: list[ast.stmt], name: str, where: str
) -> ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef:
    children = [n for n in body if isinstance(n, DEFINITIONS)]
    found = next((n for n in children if n.name == name), None)
    if found is None:
        raise SymbolNotFound(_not_found(name, [n.name for n in children], where))
    return found


def _span(node: ast.stmt) -> Span:
    decorators = getattr(node, "decorator_list", [])
    first = min([node.lineno, *(d.lineno for d in decorators)])
    # ast.parse sets every statement's end; the stubs allow None for nodes built by hand.
    assert node.end_lineno is not None
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


def _not_found(wanted: str, names: list[str], where: str = "the module") -> str:
    close = closest(wanted, names)
    hint = f"; did you mean {close!r}?" if close else ""
    listed = ", ".join(names) if names else "nothing"
    return f"no {wanted!r} in {where} (it has: {listed}){hint}"
