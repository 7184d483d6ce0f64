"""Augmented <-> plain assignment (`x += v` <-> `x = x + v`), only where the two cannot differ:
a target proven to hold scalars, or a number on the right (`+=` mutates a list, `+` rebinds)."""

from __future__ import annotations

import random

import libcst as cst

from tracepile.enrich.rewrites import syntax
from tracepile.enrich.rewrites.base import Context, Rewrite, Site, replace, replacing, statement

ALIASING = "unsafe: target may be mutable (in-place += differs from rebinding)"
_SCALAR_CALLS = frozenset({"len", "int", "float", "str", "ord", "chr", "round", "bool", "abs", "sum", "repr",
                           "hash", "min", "max", "divmod", "pow"})
_SCALAR_METHODS = frozenset({"count", "index", "find", "rfind", "join", "upper", "lower", "strip", "lstrip",
                             "rstrip", "replace", "startswith", "endswith", "isdigit", "isalpha", "isupper",
                             "islower", "isspace", "title", "capitalize", "swapcase", "zfill", "format"})
_LOOSE = (cst.BinaryOperation, cst.BooleanOperation, cst.Comparison, cst.IfExp, cst.Lambda, cst.NamedExpr,
          cst.Await, cst.Yield)


def scalar_names(func: cst.FunctionDef) -> set[str]:
    """Locals of `func` that only ever hold numbers, strings, bools or None (a greatest fixpoint over
    their bindings: literals, arithmetic on such names, `range` loops, a few builtins)."""
    bindings: dict[str, list] = {}
    unknown: set[str] = set()
    for node in syntax.walk(func.body):
        for name, value in _bindings(node):
            (unknown.add(name) if value is None else bindings.setdefault(name, []).append(value))
    unknown |= syntax.declared_global_or_nonlocal(func) | {p.name.value for p in syntax.walk(func.params)
                                                          if isinstance(p, cst.Param)}
    scalars = set(bindings) - unknown
    changed = True
    while changed:
        changed = False
        for name in sorted(scalars):
            if not all(v in ("int", "same") or is_scalar(v, scalars) for v in bindings[name]):
                scalars.discard(name)
                changed = True
    return scalars


def _bindings(node: cst.CSTNode):
    """(name, value) for each name `node` binds: an expression, 'int' (a `range` loop variable),
    'same' (an augmented assignment, which keeps a scalar a scalar) or None (anything)."""
    if isinstance(node, cst.Assign):
        for target in node.targets:
            if isinstance(target.target, cst.Name):
                yield target.target.value, node.value
            else:
                yield from ((n, None) for n in syntax.target_names(target.target))
    elif isinstance(node, cst.AugAssign):
        if isinstance(node.target, cst.Name):
            yield node.target.value, "same"  # a scalar `op=` anything is a scalar or an error
    elif isinstance(node, cst.For):
        simple = isinstance(node.target, cst.Name) and syntax.is_call_to(node.iter, "range")
        yield from ((n, "int" if simple else None) for n in syntax.target_names(node.target))
    elif isinstance(node, cst.AssignTarget):
        return
    elif isinstance(node, cst.AnnAssign):
        yield from ((n, None) for n in syntax.target_names(node.target))
    else:
        yield from ((n, None) for n in syntax.binds(node))


def is_scalar(expr: cst.BaseExpression, scalars: set[str]) -> bool:
    if isinstance(expr, (cst.Integer, cst.Float, cst.Imaginary, cst.SimpleString, cst.ConcatenatedString,
                         cst.FormattedString, cst.Comparison)):
        return True
    if isinstance(expr, cst.Name):
        return expr.value in scalars or expr.value in ("True", "False", "None")
    if isinstance(expr, cst.UnaryOperation):
        return is_scalar(expr.expression, scalars)
    if isinstance(expr, cst.BinaryOperation):
        return is_scalar(expr.left, scalars)  # int/float/str op anything: a scalar or an error
    if isinstance(expr, cst.BooleanOperation):
        return is_scalar(expr.left, scalars) and is_scalar(expr.right, scalars)
    if isinstance(expr, cst.IfExp):
        return is_scalar(expr.body, scalars) and is_scalar(expr.orelse, scalars)
    if isinstance(expr, cst.Call):
        func = expr.func
        if isinstance(func, cst.Name) and func.value in _SCALAR_CALLS:
            return func.value in ("len", "str", "repr", "bool", "hash", "int", "float", "ord", "chr", "round",
                                  "sum") or all(is_scalar(a.value, scalars) for a in expr.args)
        return isinstance(func, cst.Attribute) and func.attr.value in _SCALAR_METHODS
    return False


def _simple_place(target: cst.BaseExpression) -> bool:
    """`a[i]`, `a[i + 1]`, `a[2]` or `o.attr` on a name: evaluating it twice changes nothing."""
    if isinstance(target, cst.Attribute):
        return isinstance(target.value, cst.Name)
    if isinstance(target, cst.Subscript) and isinstance(target.value, cst.Name) and len(target.slice) == 1:
        index = target.slice[0].slice
        return isinstance(index, cst.Index) and index.star is None and _plain_arithmetic(index.value)
    return False


def _plain_arithmetic(expr: cst.BaseExpression) -> bool:
    if isinstance(expr, (cst.Name, cst.Integer, cst.SimpleString)):
        return True
    if isinstance(expr, cst.UnaryOperation):
        return _plain_arithmetic(expr.expression)
    return isinstance(expr, cst.BinaryOperation) and _plain_arithmetic(expr.left) and _plain_arithmetic(expr.right)


def _safe(target: cst.BaseExpression, value: cst.BaseExpression, scalars: set[str]) -> str | None:
    """None when `t op= v` and `t = t op v` are the same here, else why not."""
    if syntax.contains(value, (cst.NamedExpr, cst.Yield, cst.Await)):
        return "unsafe: right-hand side rebinds a name or suspends"
    if isinstance(target, cst.Name):
        if target.value in scalars or (syntax.is_number_literal(value) and target.value != "self"):
            return None
        return ALIASING
    if _simple_place(target):
        return None if syntax.is_number_literal(value) else ALIASING
    return "not eligible: target is evaluated differently when written twice"


def _sites(ctx: Context, match):
    eligible, unsafe = [], []
    for func in syntax.functions(ctx.module):
        scalars = scalar_names(func)
        for line in syntax.walk(func.body):
            if isinstance(line, cst.SimpleStatementLine) and ctx.enclosing_function(line) is func:
                found = match(ctx, line, scalars)
                if isinstance(found, str):
                    unsafe.append(found)
                elif found is not None:
                    eligible.append(Site(line, found))
    return eligible, unsafe


def _operand(ctx: Context, value: cst.BaseExpression) -> str:
    negation = isinstance(value, cst.UnaryOperation) and isinstance(value.operator, cst.Not)
    loose = isinstance(value, _LOOSE) or negation \
        or (isinstance(value, cst.Tuple) and not value.lpar)
    code = ctx.module.code_for_node(value).strip()
    return f"({code})" if loose and not value.lpar else code


class AugToPlain(Rewrite):
    """`x += v` -> `x = x + v` where the target holds immutable values."""

    name = "aug_to_plain"

    def sites(self, ctx: Context):
        eligible, unsafe = _sites(ctx, self._match)
        return eligible, unsafe or ["not eligible: no augmented assignment"]

    def _match(self, ctx: Context, line: cst.SimpleStatementLine, scalars):
        stmt = syntax.single_statement(line)
        if not isinstance(stmt, cst.AugAssign):
            return None
        reason = _safe(stmt.target, stmt.value, scalars)
        return reason or {"stmt": stmt}

    def transform(self, ctx: Context, site: Site, rng: random.Random):
        stmt = site.data["stmt"]
        target = ctx.module.code_for_node(stmt.target).strip()
        op = stmt.operator.with_changes(whitespace_before=cst.SimpleWhitespace(""),
                                        whitespace_after=cst.SimpleWhitespace(""))
        symbol = ctx.module.code_for_node(op)[:-1]
        line = statement(f"{target} = {target} {symbol} {_operand(ctx, stmt.value)}")
        line = line.with_changes(leading_lines=site.node.leading_lines,
                                 trailing_whitespace=site.node.trailing_whitespace)
        return ctx.render(replace(ctx.module, replacing((site.node, line))), site)


class PlainToAug(Rewrite):
    """`x = x + v` -> `x += v` where the target holds immutable values."""

    name = "plain_to_aug"

    def sites(self, ctx: Context):
        eligible, unsafe = _sites(ctx, self._match)
        return eligible, unsafe or ["not eligible: no `x = x op v` assignment"]

    def _match(self, ctx: Context, line: cst.SimpleStatementLine, scalars):
        stmt = syntax.single_statement(line)
        if not (isinstance(stmt, cst.Assign) and len(stmt.targets) == 1
                and isinstance(stmt.value, cst.BinaryOperation)):
            return None
        target, value = stmt.targets[0].target, stmt.value
        code = lambda n: ctx.module.code_for_node(n).strip()  # noqa: E731
        if value.lpar or value.left.lpar or code(value.left) != code(target):
            return None
        reason = _safe(target, value.right, scalars)
        return reason or {"stmt": stmt}

    def transform(self, ctx: Context, site: Site, rng: random.Random):
        stmt = site.data["stmt"]
        code = lambda n: ctx.module.code_for_node(n).strip()  # noqa: E731
        op = stmt.value.operator.with_changes(whitespace_before=cst.SimpleWhitespace(""),
                                              whitespace_after=cst.SimpleWhitespace(""))
        line = statement(f"{code(stmt.targets[0].target)} {ctx.module.code_for_node(op)}= {code(stmt.value.right)}")
        line = line.with_changes(leading_lines=site.node.leading_lines,
                                 trailing_whitespace=site.node.trailing_whitespace)
        return ctx.render(replace(ctx.module, replacing((site.node, line))), site)
