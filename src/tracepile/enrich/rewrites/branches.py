"""Branch rewrites: `if`/`else` inversion with the negated test, and conditional expression <-> `if`.
Negation keeps truthiness exact: operators are flipped only where `not (a op b)` is `a op' b`."""

from __future__ import annotations

import random

import libcst as cst

from tracepile.enrich.rewrites import syntax
from tracepile.enrich.rewrites.base import Context, Rewrite, Site, replace, replacing, statement

_FLIP = {
    cst.Equal: cst.NotEqual, cst.NotEqual: cst.Equal, cst.In: cst.NotIn, cst.NotIn: cst.In,
    cst.Is: cst.IsNot, cst.IsNot: cst.Is,
}
_EQUALITY = (cst.Equal, cst.NotEqual)
MAX_WIDTH = 100


def negate(expr: cst.BaseExpression, custom_equality: bool) -> cst.BaseExpression:
    """An expression whose truth is always the opposite of `expr`'s, with the same evaluations."""
    if isinstance(expr, cst.UnaryOperation) and isinstance(expr.operator, cst.Not):
        inner = expr.expression
        return inner if not isinstance(inner, (cst.IfExp, cst.Lambda)) or inner.lpar else syntax.parenthesize(inner)
    flipped = _flipped(expr, custom_equality)
    if flipped is not None:
        return flipped
    if isinstance(expr, cst.BooleanOperation) and not expr.lpar:
        left, right = _flipped_operand(expr.left, custom_equality), _flipped_operand(expr.right, custom_equality)
        if left is not None and right is not None:
            operator = cst.Or() if isinstance(expr.operator, cst.And) else cst.And()
            operator = operator.with_changes(whitespace_before=expr.operator.whitespace_before,
                                             whitespace_after=expr.operator.whitespace_after)
            return cst.BooleanOperation(left=left, operator=operator, right=right)
    inner = expr if expr.lpar or not isinstance(expr, (cst.BooleanOperation, cst.Comparison, cst.IfExp,
                                                             cst.Lambda, cst.NamedExpr, cst.Yield)) \
        else expr.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])
    return cst.UnaryOperation(operator=cst.Not(), expression=inner)


def _flipped(expr: cst.BaseExpression, custom_equality: bool) -> cst.BaseExpression | None:
    if not (isinstance(expr, cst.Comparison) and len(expr.comparisons) == 1):
        return None
    target = expr.comparisons[0]
    flip = _FLIP.get(type(target.operator))
    if flip is None or (custom_equality and isinstance(target.operator, _EQUALITY)):
        return None
    old = target.operator
    new = flip(whitespace_before=old.whitespace_before, whitespace_after=old.whitespace_after)
    return expr.with_changes(comparisons=[target.with_changes(operator=new)])


def _flipped_operand(expr: cst.BaseExpression, custom_equality: bool) -> cst.BaseExpression | None:
    """The negation of one `and`/`or` operand when it needs no new parentheses, else None."""
    if isinstance(expr, cst.UnaryOperation) and isinstance(expr.operator, cst.Not) \
            and isinstance(expr.expression, (cst.Name, cst.Attribute, cst.Subscript, cst.Call)):
        return expr.expression
    return _flipped(expr, custom_equality)


def _custom_equality(module: cst.Module) -> bool:
    return any(isinstance(n, cst.FunctionDef) and n.name.value in ("__eq__", "__ne__") for n in syntax.walk(module))


class InvertIf(Rewrite):
    """`if c: A else: B` -> `if not c: B else: A` (with `not c` simplified where exact)."""

    name = "invert_if"

    def sites(self, ctx: Context):
        eligible = [Site(n) for n in syntax.walk(ctx.module)
                    if isinstance(n, cst.If) and isinstance(n.orelse, cst.Else)]
        return eligible, ([] if eligible else ["not eligible: no if statement with a plain else"])

    def transform(self, ctx: Context, site: Site, rng: random.Random):
        node = site.node
        test = negate(node.test, _custom_equality(ctx.module))
        swapped = node.with_changes(test=test, body=node.orelse.body, orelse=node.orelse.with_changes(body=node.body))
        if isinstance(test, cst.UnaryOperation) and not node.whitespace_before_test.value:
            swapped = swapped.with_changes(whitespace_before_test=cst.SimpleWhitespace(" "))
        return ctx.render(replace(ctx.module, replacing((node, swapped))), site)


# ---------------------------------------------------------------- conditional expression <-> if


def _ternary_statement(line: cst.CSTNode):
    """('assign', target, ifexp) or ('return', None, ifexp) for `t = a if c else b` / `return a if c else b`."""
    stmt = syntax.single_statement(line)
    if isinstance(stmt, cst.Assign) and len(stmt.targets) == 1 and isinstance(stmt.value, cst.IfExp):
        return "assign", stmt.targets[0].target, stmt.value
    if isinstance(stmt, cst.Return) and isinstance(stmt.value, cst.IfExp):
        return "return", None, stmt.value
    return None


class TernaryToIf(Rewrite):
    """`x = a if c else b` -> `if c: x = a else: x = b` (also for `return`)."""

    name = "ternary_to_if"

    def sites(self, ctx: Context):
        eligible = []
        for node in syntax.walk(ctx.module):
            found = _ternary_statement(node)
            if found and isinstance(ctx.parents.get(node), (cst.IndentedBlock, cst.Module)):
                eligible.append(Site(node, {"kind": found[0], "target": found[1], "ifexp": found[2]}))
        return eligible, ([] if eligible else ["not eligible: no assignment or return of a conditional expression"])

    def transform(self, ctx: Context, site: Site, rng: random.Random):
        data, line = site.data, site.node
        code = lambda n: ctx.module.code_for_node(n).strip()  # noqa: E731
        ifexp = data["ifexp"]
        head = "return " if data["kind"] == "return" else f"{code(data['target'])} = "
        text = (f"if {code(ifexp.test)}:\n    {head}{code(ifexp.body)}\n"
                f"else:\n    {head}{code(ifexp.orelse)}\n")
        node = statement(text)
        first = node.body.body[0].with_changes(trailing_whitespace=line.trailing_whitespace)
        node = node.with_changes(leading_lines=line.leading_lines,
                                 body=node.body.with_changes(body=[first]))
        return ctx.render(replace(ctx.module, replacing((line, node))), site)


class IfToTernary(Rewrite):
    """`if c: x = a else: x = b` -> `x = a if c else b` (also for two returns)."""

    name = "if_to_ternary"

    def sites(self, ctx: Context):
        eligible, unsafe = [], []
        for node in syntax.walk(ctx.module):
            if isinstance(node, cst.If) and isinstance(node.orelse, cst.Else) \
                    and isinstance(ctx.parents.get(node), (cst.IndentedBlock, cst.Module)):
                found = self._match(ctx, node)
                (unsafe.append(found) if isinstance(found, str) else eligible.append(Site(node, found)))
        return eligible, unsafe or ["not eligible: no if/else assigning one target or returning"]

    def _match(self, ctx: Context, node: cst.If):
        first, second = _only_statement(node.body), _only_statement(node.orelse.body)
        if first is None or second is None:
            return "not eligible: a branch has more than one statement"
        code = lambda n: ctx.module.code_for_node(n).strip()  # noqa: E731
        if isinstance(first, cst.Return) and isinstance(second, cst.Return) and first.value and second.value:
            kind, target = "return", None
        elif isinstance(first, cst.Assign) and isinstance(second, cst.Assign) \
                and len(first.targets) == len(second.targets) == 1 \
                and code(first.targets[0].target) == code(second.targets[0].target):
            kind, target = "assign", first.targets[0].target
        else:
            return "not eligible: branches do not assign one target or both return"
        if syntax.has_comments(node.with_changes(leading_lines=[])):
            return "not eligible: would drop a comment"
        width = ctx.positions[node].start.column + len(code(node.test)) + len(code(first)) + len(code(second.value))
        if width > MAX_WIDTH - len(" if  else "):
            return "not eligible: the conditional expression would not fit on one line"
        return {"kind": kind, "target": target, "yes": first.value, "no": second.value}

    def transform(self, ctx: Context, site: Site, rng: random.Random):
        data, node = site.data, site.node
        code = lambda n: ctx.module.code_for_node(n).strip()  # noqa: E731
        test = _operand(node.test)
        value = f"{code(_operand(data['yes']))} if {code(test)} else {code(_else_operand(data['no']))}"
        head = "return " if data["kind"] == "return" else f"{code(data['target'])} = "
        line = statement(f"{head}{value}").with_changes(leading_lines=node.leading_lines)
        return ctx.render(replace(ctx.module, replacing((node, line))), site)


def _only_statement(block: cst.BaseSuite):
    body = block.body
    if isinstance(block, cst.IndentedBlock):
        if len(body) != 1 or not isinstance(body[0], cst.SimpleStatementLine):
            return None
        body = body[0].body
    return body[0] if len(body) == 1 else None


def _operand(expr: cst.BaseExpression) -> cst.BaseExpression:
    """`expr` as the body or test of a conditional expression (an `or` operand)."""
    needs = (cst.IfExp, cst.Lambda, cst.NamedExpr, cst.Yield)
    if not expr.lpar and (isinstance(expr, needs) or isinstance(expr, cst.Tuple)):
        return expr.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])
    return expr


def _else_operand(expr: cst.BaseExpression) -> cst.BaseExpression:
    needs = (cst.NamedExpr, cst.Yield, cst.Tuple)
    if not expr.lpar and isinstance(expr, needs):
        return expr.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])
    return expr
