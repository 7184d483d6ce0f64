"""How a line updates a name, read from the AST of its assignment: by adding, multiplying, dividing or
otherwise. Change words must match it: `grows by` only for an addition, `doubles` only for a multiplication."""

from __future__ import annotations

import ast
from functools import lru_cache

ADDS, MULTIPLIES, DIVIDES, OTHER = "adds", "multiplies", "divides", "other"
_OPS = {ast.Add: ADDS, ast.Sub: ADDS, ast.Mult: MULTIPLIES, ast.Div: DIVIDES, ast.FloorDiv: DIVIDES}
# operators whose update may also be written `x = e op x`
_SYMMETRIC = (ast.Add, ast.Mult)


@lru_cache(maxsize=4096)
def update_kind(source: str, name: str) -> str:
    """How the statement `source` updates `name`: ADDS for `x += e`, `x -= e`, `x = x + e`, `x = e + x`,
    `x = x - e`; MULTIPLIES and DIVIDES likewise for `*` and `/`, `//`; OTHER for anything else (a tuple
    assignment, `x = x * x % m`, `x = f(x)`, a `for` target) or a name the statement does not update."""
    try:
        tree = ast.parse(source.strip())
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return OTHER
    kinds = {_kind(statement, name) for statement in tree.body}
    kinds.discard(None)
    return kinds.pop() if len(kinds) == 1 else OTHER


def _kind(statement: ast.stmt, name: str) -> str | None:
    """The update of `name` one statement makes, or None when it does not bind `name`."""
    if isinstance(statement, ast.AugAssign) and _is(statement.target, name):
        return _OPS.get(type(statement.op), OTHER)
    if isinstance(statement, ast.Assign) and any(_binds(target, name) for target in statement.targets):
        value = statement.value
        if len(statement.targets) != 1 or not _is(statement.targets[0], name) or not isinstance(value, ast.BinOp):
            return OTHER
        if _is(value.left, name) or isinstance(value.op, _SYMMETRIC) and _is(value.right, name):
            return _OPS.get(type(value.op), OTHER)
        return OTHER
    if isinstance(statement, (ast.AnnAssign, ast.For, ast.With)) or \
            any(isinstance(node, ast.NamedExpr) and _is(node.target, name) for node in ast.walk(statement)):
        return OTHER if any(_binds(node, name) for node in ast.walk(statement)) else None
    return None


def _is(node: ast.AST, name: str) -> bool:
    return isinstance(node, ast.Name) and node.id == name


def _binds(node: ast.AST, name: str) -> bool:
    return any(isinstance(n, ast.Name) and n.id == name and isinstance(n.ctx, ast.Store) for n in ast.walk(node))
