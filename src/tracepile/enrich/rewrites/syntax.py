"""Read-only questions about a libcst tree that every rewrite asks: names, bindings, loops, comments.
Conservative by design: when a helper cannot tell, its answer makes the caller skip the site."""

from __future__ import annotations

import builtins
import dataclasses
import keyword
from typing import Iterator

import libcst as cst

RESERVED = frozenset(dir(builtins)) | frozenset(keyword.kwlist) | frozenset(keyword.softkwlist) | {
    "self", "cls", "_", "__class__", "print", "super",
}
DYNAMIC_NAMES = frozenset({"eval", "exec", "locals", "vars", "globals", "__import__", "compile", "__dict__"})
SCOPES = (cst.FunctionDef, cst.ClassDef, cst.Lambda)
LOOPS = (cst.For, cst.While)


_FIELDS: dict[type, tuple[str, ...]] = {}


def children(node: cst.CSTNode) -> list[cst.CSTNode]:
    """The direct child nodes, in field order (libcst's `.children` runs a visitor: much slower)."""
    names = _FIELDS.get(type(node))
    if names is None:
        names = _FIELDS[type(node)] = tuple(f.name for f in dataclasses.fields(node))
    out = []
    for name in names:
        value = getattr(node, name)
        if isinstance(value, cst.CSTNode):
            out.append(value)
        elif isinstance(value, (list, tuple)):
            out.extend(item for item in value if isinstance(item, cst.CSTNode))
    return out


def walk(node: cst.CSTNode) -> Iterator[cst.CSTNode]:
    """Every node of the subtree, in source order (pre-order)."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(children(current)))


def iter_names(node: cst.CSTNode) -> Iterator[cst.Name]:
    """Name nodes that read or bind a variable: attribute and keyword-argument names are left out."""
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, cst.Name):
            yield current
        elif isinstance(current, cst.Attribute):
            stack.append(current.value)
        elif isinstance(current, cst.Arg):
            stack.append(current.value)
        else:
            stack.extend(reversed(children(current)))


def name_values(node: cst.CSTNode) -> set[str]:
    return {name.value for name in iter_names(node)}


def identifiers(node: cst.CSTNode) -> set[str]:
    """Every identifier spelled anywhere in the tree, attributes and keywords included."""
    return {n.value for n in walk(node) if isinstance(n, cst.Name)}


def target_names(target: cst.CSTNode) -> set[str]:
    """Names bound by an assignment target (`a`, `a, (b, *c)`); subscripts and attributes bind none."""
    if isinstance(target, cst.Name):
        return {target.value}
    if isinstance(target, (cst.Tuple, cst.List)):
        return set().union(*(target_names(e.value) for e in target.elements))
    if isinstance(target, cst.StarredElement):
        return target_names(target.value)
    return set()


def bound_names(node: cst.CSTNode) -> set[str]:
    """Every name the subtree binds or deletes, nested scopes included (a deliberate over-estimate)."""
    found: set[str] = set()
    for current in walk(node):
        found |= binds(current)
    return found


def binds(node: cst.CSTNode) -> set[str]:
    if isinstance(node, cst.AssignTarget):
        return target_names(node.target)
    if isinstance(node, (cst.AugAssign, cst.AnnAssign, cst.For, cst.CompFor, cst.NamedExpr)):
        return target_names(node.target)
    if isinstance(node, cst.Del):
        return target_names(node.target)
    if isinstance(node, cst.AsName):
        return target_names(node.name)
    if isinstance(node, (cst.FunctionDef, cst.ClassDef, cst.Param)):
        return {node.name.value}
    if isinstance(node, (cst.Global, cst.Nonlocal)):
        return {item.name.value for item in node.names}
    if isinstance(node, cst.ImportAlias) and node.asname is None:
        return {_import_head(node.name)}
    return set()


def _import_head(name: cst.BaseExpression) -> str:
    while isinstance(name, cst.Attribute):
        name = name.value
    return name.value if isinstance(name, cst.Name) else ""


def declared_global_or_nonlocal(node: cst.CSTNode) -> set[str]:
    return {item.name.value for n in walk(node) if isinstance(n, (cst.Global, cst.Nonlocal)) for item in n.names}


def uses_dynamic_scope(node: cst.CSTNode) -> bool:
    """True when the code can reach variables by their spelling (eval, exec, locals(), vars(), ...)."""
    return any(isinstance(n, cst.Name) and n.value in DYNAMIC_NAMES for n in walk(node))


def has_comments(node: cst.CSTNode) -> bool:
    return any(isinstance(n, cst.Comment) for n in walk(node))


def loop_jumps(body: cst.CSTNode) -> set[str]:
    """'break' / 'continue' statements that belong to the loop owning `body` (not to nested loops)."""
    found: set[str] = set()
    stack = [body]
    while stack:
        current = stack.pop()
        if isinstance(current, cst.Break):
            found.add("break")
        elif isinstance(current, cst.Continue):
            found.add("continue")
        elif isinstance(current, LOOPS):
            if current.orelse is not None:
                stack.append(current.orelse)  # a nested loop's else clause still belongs to us
        elif not isinstance(current, SCOPES):
            stack.extend(children(current))
    return found


def contains(node: cst.CSTNode, types: tuple[type, ...]) -> bool:
    return any(isinstance(n, types) for n in walk(node))


def is_call_to(node: cst.CSTNode, name: str, nargs: tuple[int, ...] | None = None) -> bool:
    """`name(...)` with plain positional arguments only (and, if given, one of `nargs` of them)."""
    if not (isinstance(node, cst.Call) and isinstance(node.func, cst.Name) and node.func.value == name):
        return False
    if any(a.keyword is not None or a.star for a in node.args):
        return False
    return nargs is None or len(node.args) in nargs


def int_literal(node: cst.BaseExpression) -> int | None:
    """The value of `3`, `-2` or `+1`, else None."""
    if isinstance(node, cst.Integer) and not node.lpar:
        return int(node.evaluated_value)
    if isinstance(node, cst.UnaryOperation) and isinstance(node.expression, cst.Integer):
        value = int(node.expression.evaluated_value)
        if isinstance(node.operator, cst.Minus):
            return -value
        if isinstance(node.operator, cst.Plus):
            return value
    return None


def is_number_literal(node: cst.BaseExpression) -> bool:
    if isinstance(node, (cst.Integer, cst.Float)):
        return True
    return isinstance(node, cst.UnaryOperation) and isinstance(node.operator, (cst.Minus, cst.Plus)) \
        and isinstance(node.expression, (cst.Integer, cst.Float))


def single_statement(line: cst.CSTNode) -> cst.BaseSmallStatement | None:
    """The only small statement of a simple statement line (`x = 1`), else None."""
    if isinstance(line, cst.SimpleStatementLine) and len(line.body) == 1:
        return line.body[0]
    return None


def block_statements(block: cst.BaseSuite) -> list[cst.BaseStatement] | None:
    """The statements of an indented block; None for a one-line suite (`if x: y`)."""
    return list(block.body) if isinstance(block, cst.IndentedBlock) else None


def simple_assign(line: cst.CSTNode) -> tuple[str, cst.BaseExpression] | None:
    """(`x`, value) for a statement line that is exactly `x = value`."""
    stmt = single_statement(line)
    if isinstance(stmt, cst.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0].target, cst.Name):
        return stmt.targets[0].target.value, stmt.value
    return None


def functions(module: cst.Module) -> list[cst.FunctionDef]:
    return [n for n in walk(module) if isinstance(n, cst.FunctionDef)]


def is_generator(func: cst.FunctionDef) -> bool:
    return any(isinstance(n, (cst.Yield, cst.Await)) for n in _own_nodes(func.body))


def _own_nodes(node: cst.CSTNode) -> Iterator[cst.CSTNode]:
    """Nodes of a function body that run in its own frame (nested defs and lambdas left out)."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        if not isinstance(current, SCOPES):
            stack.extend(reversed(children(current)))


def own_returns(func: cst.FunctionDef) -> list[cst.Return]:
    return [n for n in _own_nodes(func.body) if isinstance(n, cst.Return)]


def has_late_binding(node: cst.CSTNode, name: str) -> bool:
    """True when a lambda, nested def or generator expression inside `node` reads `name` later."""
    for current in walk(node):
        if isinstance(current, (cst.Lambda, cst.FunctionDef, cst.ClassDef, cst.GeneratorExp)):
            if name in name_values(current):
                return True
    return False


def parenthesize(expr: cst.BaseExpression) -> cst.BaseExpression:
    """`expr` wrapped in parentheses when it could bind looser than an operand."""
    if expr.lpar:
        return expr
    loose = (cst.IfExp, cst.Lambda, cst.NamedExpr, cst.Yield, cst.BooleanOperation, cst.Comparison,
             cst.BinaryOperation, cst.UnaryOperation, cst.Tuple, cst.Await)
    if isinstance(expr, loose):
        return expr.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])
    return expr


def compiles(code: str) -> bool:
    try:
        compile(code, "<rewrite>", "exec")
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    return True


def used_elsewhere(func: cst.CSTNode, name: str, regions: list[cst.CSTNode], enclosing: set[int]) -> bool:
    """True when `name` occurs in `func` outside `regions` and outside the target and body of every
    other `for name in ...` loop (one that does not enclose the regions, whose ids are `enclosing`).
    Flow-insensitive on purpose: such a loop rebinds `name` before any read in its body."""
    skip = {id(r) for r in regions}
    stack = [func]
    while stack:
        current = stack.pop()
        if id(current) in skip:
            continue
        if isinstance(current, cst.Name):
            if current.value == name:
                return True
        elif isinstance(current, cst.Attribute):
            stack.append(current.value)
        elif isinstance(current, cst.Arg):
            stack.append(current.value)
        elif isinstance(current, cst.For) and target_names(current.target) == {name} \
                and isinstance(current.target, cst.Name) and id(current) not in enclosing:
            stack.append(current.iter)
            if current.orelse is not None:
                stack.append(current.orelse)
        else:
            stack.extend(children(current))
    return False


def store_subscripts(node: cst.CSTNode) -> list[cst.BaseExpression]:
    """Subscripts and attributes written or deleted in the subtree (`a[i] = ...`, `del a[i]`, `o.x += 1`)."""
    found = []
    for current in walk(node):
        targets = []
        if isinstance(current, cst.AssignTarget):
            targets = [current.target]
        elif isinstance(current, (cst.AugAssign, cst.AnnAssign, cst.For, cst.CompFor, cst.Del)):
            targets = [current.target]
        elif isinstance(current, cst.AsName):
            targets = [current.name]
        for target in targets:
            found.extend(_stored(target))
    return found


def _stored(target: cst.CSTNode) -> list[cst.BaseExpression]:
    if isinstance(target, (cst.Subscript, cst.Attribute)):
        return [target]
    if isinstance(target, (cst.Tuple, cst.List)):
        return [s for e in target.elements for s in _stored(e.value)]
    if isinstance(target, cst.StarredElement):
        return _stored(target.value)
    return []


def base_name(node: cst.BaseExpression) -> str | None:
    """`a` for `a[i][j]` or `a.b.c`; None when the chain does not start at a name."""
    while isinstance(node, (cst.Subscript, cst.Attribute)):
        node = node.value
    return node.value if isinstance(node, cst.Name) else None
