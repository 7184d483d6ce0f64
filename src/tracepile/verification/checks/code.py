"""What a line's own code contains, read from its statement's source: its sub-expressions and the
comparisons it makes. A reason a text gives for a line must be made of these."""

from __future__ import annotations

import ast
from functools import lru_cache

# a relation's words as the comparison operator they state
OPERATORS = {"greater than": ast.Gt, "larger than": ast.Gt, "less than": ast.Lt, "smaller than": ast.Lt,
             "at least": ast.GtE, "at most": ast.LtE, "equal to": ast.Eq, "different from": ast.NotEq,
             "in": ast.In, "not in": ast.NotIn}
NEGATED = {ast.Gt: ast.LtE, ast.LtE: ast.Gt, ast.Lt: ast.GtE, ast.GtE: ast.Lt, ast.Eq: ast.NotEq,
           ast.NotEq: ast.Eq, ast.In: ast.NotIn, ast.NotIn: ast.In}
# A true relation that settles a comparison either way is its reason: `a <= b` is True because `a` is equal to
# `b`; `a < b` is False because `a` is greater than `b` (each relation below implies the comparison it keys).
ENTAILS = {ast.LtE: {ast.LtE, ast.Lt, ast.Eq}, ast.GtE: {ast.GtE, ast.Gt, ast.Eq},
           ast.NotEq: {ast.NotEq, ast.Lt, ast.Gt}}
MIRRORED = {ast.Gt: ast.Lt, ast.Lt: ast.Gt, ast.GtE: ast.LtE, ast.LtE: ast.GtE, ast.Eq: ast.Eq,
            ast.NotEq: ast.NotEq}  # the operator with its sides swapped (`a > b` is `b < a`)
SYMBOLS = {ast.Gt: ">", ast.Lt: "<", ast.GtE: ">=", ast.LtE: "<=", ast.Eq: "==", ast.NotEq: "!=", ast.In: "in",
           ast.NotIn: "not in", ast.Is: "is", ast.IsNot: "is not"}


@lru_cache(maxsize=4096)
def statement(source: str) -> ast.AST | None:
    """The parsed statement (a compound statement's header with an empty body), or None."""
    text = source.strip()
    if text.startswith("elif"):
        text = text[2:]  # `elif c:` reads as `if c:`
    for attempt in (text, text + "\n    pass"):
        try:
            return ast.parse(attempt)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            continue
    return None


@lru_cache(maxsize=4096)
def sub_expressions(source: str) -> frozenset[str]:
    """Every expression a statement's source contains, targets included, in canonical spelling."""
    tree = statement(source)
    if tree is None:
        return frozenset()
    try:
        return frozenset(ast.unparse(node) for node in ast.walk(tree) if isinstance(node, ast.expr))
    except (ValueError, RecursionError, MemoryError):
        return frozenset()


@lru_cache(maxsize=4096)
def comparisons(source: str) -> tuple[tuple[str, type, str], ...]:
    """Each comparison a statement makes, as (left, operator, right) sources: one per operator of a
    chain (`0 < i < n` makes `0 < i` and `i < n`)."""
    tree = statement(source)
    if tree is None:
        return ()
    found = []
    try:
        for node in ast.walk(tree):
            if isinstance(node, ast.Compare):
                sides = [ast.unparse(part) for part in [node.left, *node.comparators]]
                found += [(sides[k], type(op), sides[k + 1]) for k, op in enumerate(node.ops)]
    except (ValueError, RecursionError, MemoryError):
        return ()
    return tuple(found)


def written(comparison: tuple[str, type, str]) -> str:
    left, op, right = comparison
    return f"{left} {SYMBOLS.get(op, '?')} {right}"


def states(relation: str, op: type, swapped: bool) -> bool:
    """Whether a relation's words, with its sides in the comparison's order (or swapped), state the
    comparison `op` or its negation (the reason a comparison came out True, or False)."""
    stated = OPERATORS.get(relation)
    if swapped:
        stated = MIRRORED.get(stated)
    negated = NEGATED.get(op)
    return stated is not None and (stated in ENTAILS.get(op, {op}) or stated in ENTAILS.get(negated, {negated}))


@lru_cache(maxsize=4096)
def bound_source(source: str, name: str) -> str | None:
    """The expression a plain assignment `name = expr` binds `name` to, in canonical spelling, or None."""
    tree = statement(source)
    node = tree.body[0] if tree is not None and len(tree.body) == 1 else None
    if not isinstance(node, ast.Assign) or len(node.targets) != 1 or not isinstance(node.targets[0], ast.Name) \
            or node.targets[0].id != name:
        return None
    try:
        return ast.unparse(node.value)
    except (ValueError, RecursionError, MemoryError):
        return None
