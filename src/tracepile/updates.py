"""How a line updates a name, read from the AST of its code: by adding, multiplying, dividing or otherwise,
and whether its own code changes the name at all (else a function it calls did, or an alias)."""

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


MUTATING = frozenset({"append", "extend", "insert", "pop", "remove", "sort", "reverse", "clear", "appendleft",
                      "extendleft", "popleft", "rotate", "add", "discard", "update", "setdefault", "popitem",
                      "difference_update", "intersection_update", "symmetric_difference_update", "__setitem__"})


@lru_cache(maxsize=4096)
def changes_directly(source: str, name: str, defined: frozenset[str] = frozenset()) -> bool:
    """Whether the code `source` itself binds `name` or changes its object in place (an item or attribute
    store or delete, an augmented assignment, a mutating method called on it, a library function it is
    passed to: `heapq.heappush(heap, x)`, any function not in `defined`, the program's own); a change of
    `name` that a line's code does not make was made inside a function of the program it called (or
    through an alias). Unparsable source (a compound statement's header) counts as changing it."""
    try:
        tree = ast.parse(source.strip())
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return True
    for node in ast.walk(tree):
        if isinstance(node, (ast.Name, ast.Attribute, ast.Subscript)) and isinstance(node.ctx, (ast.Store, ast.Del)) \
                and _root(node) == name:
            return True
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in MUTATING \
                and _root(node.func.value) == name:
            return True
        if isinstance(node, ast.Call) and _called(node) not in defined and \
                any(_root(arg) == name for arg in node.args + [k.value for k in node.keywords]):
            return True
        if isinstance(node, (ast.Global, ast.Nonlocal, ast.Import, ast.ImportFrom, ast.FunctionDef,
                             ast.AsyncFunctionDef, ast.ClassDef)):
            return True  # binds names without a Name node in store context
    return False


def _called(call: ast.Call) -> str | None:
    """The name of the function a call calls (`f` of `f(x)` and of `self.f(x)`)."""
    func = call.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None


def _root(node: ast.AST) -> str | None:
    """The name an attribute/subscript chain starts from (`a` of `a.b[2]`)."""
    while isinstance(node, (ast.Attribute, ast.Subscript)):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def root_name(expr: str) -> str | None:
    """The name an expression's attribute/subscript chain starts from (`arr` of `arr[2]`), else None."""
    try:
        node = ast.parse(expr.strip(), mode="eval").body
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    return _root(node)
