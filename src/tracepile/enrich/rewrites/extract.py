"""Extracting a helper function: one computed expression becomes a module-level `def` taking the
local names it reads. Only expressions that evaluate every name they mention (no short-circuit)."""

from __future__ import annotations

import random

import libcst as cst
from libcst.metadata import GlobalScope

from tracepile.enrich.rewrites import syntax
from tracepile.enrich.rewrites.base import Context, Rewrite, Site, Skip, replace, replacing, statement
from tracepile.enrich.rewrites.rename import _resolve

CONDITION_NAMES = ("is_match", "check_condition", "meets_condition", "should_take", "holds")
VALUE_NAMES = ("compute_value", "combine", "next_value", "calc_value", "derive")
OPERATOR_NAMES = {
    cst.Add: ("combine", "add_up", "total_of"), cst.Subtract: ("difference", "offset_value", "gap"),
    cst.Multiply: ("scaled", "product_of", "scale"), cst.FloorDivide: ("quotient", "half_of", "divide_down"),
    cst.Modulo: ("remainder", "wrap_index", "mod_value"), cst.Divide: ("ratio", "divide", "fraction_of"),
}
_ALLOWED = (cst.Name, cst.Attribute, cst.Subscript, cst.SubscriptElement, cst.Index, cst.Slice, cst.Call, cst.Arg,
            cst.Integer, cst.Float, cst.Imaginary, cst.SimpleString, cst.ConcatenatedString, cst.BinaryOperation,
            cst.UnaryOperation, cst.Comparison, cst.ComparisonTarget, cst.Tuple, cst.Element, cst.LeftParen,
            cst.RightParen, cst.LeftSquareBracket, cst.RightSquareBracket, cst.LeftCurlyBrace, cst.RightCurlyBrace, cst.Comma, cst.Colon, cst.Dot,
            cst.BaseParenthesizableWhitespace, cst.BaseBinaryOp, cst.BaseUnaryOp, cst.BaseCompOp,
            cst.AssignEqual, cst.StarredElement)


_OWN_SCOPE = (cst.ListComp, cst.SetComp, cst.DictComp, cst.GeneratorExp, cst.Lambda)
_DISPLAYS = (cst.List, cst.Dict, cst.Set)


def _candidate(stmt: cst.CSTNode) -> cst.BaseExpression | None:
    """The expression a statement computes: an assigned value, a returned value or a branch test."""
    if isinstance(stmt, (cst.Assign, cst.AugAssign)):
        return stmt.value
    if isinstance(stmt, cst.Return):
        return stmt.value
    if isinstance(stmt, (cst.If, cst.While)):
        return stmt.test
    return None


def _shape_problem(expr: cst.BaseExpression) -> str | None:
    if not isinstance(expr, (cst.BinaryOperation, cst.Comparison)) and not (
            isinstance(expr, cst.UnaryOperation) and isinstance(expr.operator, cst.Not)):
        return ""
    if isinstance(expr, cst.Comparison) and len(expr.comparisons) != 1:
        return "unsafe: chained comparison short-circuits"
    for node in syntax.walk(expr):
        if isinstance(node, cst.Comparison) and len(node.comparisons) != 1:
            return "unsafe: chained comparison short-circuits"
        if isinstance(node, _OWN_SCOPE):
            return "not eligible: expression has a comprehension or lambda (evaluated lazily)"
        if isinstance(node, (cst.BooleanOperation, cst.IfExp)):
            return "unsafe: short-circuit evaluation (arguments would read every name)"
        if isinstance(node, (cst.NamedExpr, cst.Yield, cst.Await)):
            return "unsafe: expression rebinds a name or suspends"
        if isinstance(node, _DISPLAYS):
            return "not eligible: expression builds a list, dict or set"
        if not isinstance(node, _ALLOWED):
            return f"not eligible: expression contains {type(node).__name__}"
        if isinstance(node, cst.Attribute) and node.attr.value.startswith("__") and not node.attr.value.endswith("__"):
            return "unsafe: expression uses a mangled private name"
        if isinstance(node, cst.Name) and node.value in ("super", "__class__", "self", "cls"):
            return "not eligible: expression reads self, cls or super"
    return None


def _split_header(header):
    """(module header, the comment lines directly above the first statement)."""
    lines = list(header)
    cut = len(lines)
    while cut and lines[cut - 1].comment is not None:
        cut -= 1
    return lines[:cut], lines[cut:]


class ExtractHelper(Rewrite):
    """`y = a * b + c` in a function -> `y = combine(a, b, c)` with a new module-level `def combine`."""

    name = "extract_helper"

    def sites(self, ctx: Context):
        if ctx.dynamic:
            return [], ["unsafe: program uses eval/exec/locals/globals"]
        eligible, unsafe = [], []
        for node in syntax.walk(ctx.module):
            stmt = syntax.single_statement(node) if isinstance(node, cst.SimpleStatementLine) else node
            expr = _candidate(stmt) if stmt is not None else None
            func = ctx.enclosing_function(node) if expr is not None else None
            if func is None:
                continue
            found = self._match(ctx, expr)
            if isinstance(found, str):
                if found:
                    unsafe.append(found)
            else:
                eligible.append(Site(expr, {"params": found}))
        return eligible, unsafe

    def _match(self, ctx: Context, expr: cst.BaseExpression):
        reason = _shape_problem(expr)
        if reason is not None:
            return reason
        params = []
        for name in syntax.iter_names(expr):
            scope = _resolve(ctx, name)
            if scope is None:
                return "unsafe: a name cannot be resolved to a scope"
            if not isinstance(scope, GlobalScope) and name.value not in params:
                params.append(name.value)
        if not params:
            return "not eligible: expression reads no local name"
        return params if len(params) <= 4 else "not eligible: expression reads more than four locals"

    def transform(self, ctx: Context, site: Site, rng: random.Random):
        expr, params = site.node, site.data["params"]
        condition = isinstance(expr, cst.Comparison) or isinstance(expr, cst.UnaryOperation)
        pool = CONDITION_NAMES if condition else OPERATOR_NAMES.get(type(getattr(expr, "operator", None)), VALUE_NAMES)
        helper = ctx.fresh_tiered((pool, VALUE_NAMES), rng)
        if helper is None:
            return Skip("no free natural name")
        body = ctx.module.code_for_node(expr.with_changes(lpar=[], rpar=[])).strip()
        definition = statement(f"def {helper}({', '.join(params)}):\n    return {body}")
        call = cst.parse_expression(f"{helper}({', '.join(params)})")
        top = self._top_statement(ctx, expr)
        module = replace(ctx.module, replacing((expr, call)))
        statements = list(module.body)
        index = next(k for k, s in enumerate(ctx.module.body) if s is top)
        spacing = [cst.EmptyLine(), cst.EmptyLine()]
        definition = definition.with_changes(leading_lines=spacing if index else [])
        following = statements[index]
        if index == 0:  # comments right above the first statement belong to it, not to the helper
            header, attached = _split_header(module.header)
            module = module.with_changes(header=header)
            following = following.with_changes(leading_lines=[*attached, *following.leading_lines])
        if not any(line.comment is None for line in following.leading_lines):
            following = following.with_changes(leading_lines=[*spacing, *following.leading_lines])
        statements[index:index + 1] = [definition, following]
        return ctx.render(module.with_changes(body=statements), site)

    def _top_statement(self, ctx: Context, node: cst.CSTNode) -> cst.CSTNode:
        top = node
        for parent in ctx.ancestors(node):
            if isinstance(parent, cst.Module):
                return top
            top = parent
        return top
