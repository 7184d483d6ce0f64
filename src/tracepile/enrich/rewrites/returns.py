"""Early return <-> result variable: `for ...: if c: return v` / `return w` and its `break` form.
Only loops that sit directly in the function body and are followed by its final `return`."""

from __future__ import annotations

import random

import libcst as cst

from tracepile.enrich.rewrites import syntax
from tracepile.enrich.rewrites.base import Context, Rewrite, Site, Skip, replace, replacing, statement

RESULT_NAMES = ("result", "answer", "outcome", "res", "found_value")
FLAG_NAMES = ("found", "done", "matched", "hit", "stopped")
_LITERALS = (cst.Integer, cst.Float, cst.SimpleString)


def _is_literal(expr: cst.BaseExpression | None) -> bool:
    return expr is None or isinstance(expr, _LITERALS) or syntax.is_number_literal(expr) or (
        isinstance(expr, cst.Name) and expr.value in ("True", "False", "None"))


def _tail_loops(ctx: Context):
    """(function, loop, final return line) where the loop is followed by the function's last statement,
    a `return`, and both sit directly in the function body."""
    for func in syntax.functions(ctx.module):
        body = syntax.block_statements(func.body)
        if not body or len(body) < 2 or syntax.is_generator(func):
            continue
        loop, last = body[-2], body[-1]
        if isinstance(loop, syntax.LOOPS) and isinstance(syntax.single_statement(last), cst.Return) \
                and loop.orelse is None:
            yield func, loop, last


def _exit_branch(ctx: Context, loop, stmt: cst.CSTNode):
    """The `if` whose body ends with `stmt` when that `if` is a direct statement of the loop body."""
    holder = ctx.parents.get(stmt)
    line = holder if isinstance(holder, cst.SimpleStatementLine) else None
    block = ctx.parents.get(line if line is not None else stmt)
    branch = ctx.parents.get(block)
    if not (isinstance(branch, cst.If) and branch.body is block):
        return None
    last = block.body[-1]
    if (line is not None and last is not line) or (line is None and last is not stmt):
        return None
    if line is not None and line.body[-1] is not stmt:
        return None
    return branch if ctx.parents.get(branch) is loop.body else None


class EarlyReturnToFlag(Rewrite):
    """`for x in xs: if c: return v` / `return w` -> the loop sets a result and breaks."""

    name = "early_return_to_flag"

    def sites(self, ctx: Context):
        eligible, unsafe = [], []
        for func, loop, last in _tail_loops(ctx):
            returns = [r for r in syntax.own_returns(func) if any(a is loop for a in ctx.ancestors(r))]
            if len(returns) != 1:
                if len(returns) > 1:
                    unsafe.append("not eligible: loop has more than one return")
                continue
            branch = _exit_branch(ctx, loop, returns[0])
            if branch is None:
                unsafe.append("unsafe: return is not directly in an if of the loop body")
            else:
                eligible.append(Site(loop, {"func": func, "return": returns[0], "last": last}))
        return eligible, unsafe or ["not eligible: no loop with an early return before the final return"]

    def transform(self, ctx: Context, site: Site, rng: random.Random):
        data, loop = site.data, site.node
        result = ctx.fresh(RESULT_NAMES, rng)
        final = syntax.single_statement(data["last"]).value
        constant = _is_literal(final)
        flag = None if constant else ctx.fresh(FLAG_NAMES, rng)
        if result is None or (not constant and flag is None):
            return Skip("no free natural name")
        code = lambda n: "None" if n is None else ctx.module.code_for_node(n).strip()  # noqa: E731
        exit_lines = [f"{result} = {code(data['return'].value)}"] + ([f"{flag} = True"] if flag else []) + ["break"]
        replacements = [_exit_replacement(ctx, data["return"], exit_lines)]
        head = statement(f"{result} = {code(final)}") if constant else statement(f"{flag} = False")
        tail = [statement(f"return {result}").with_changes(leading_lines=data["last"].leading_lines,
                                                             trailing_whitespace=data["last"].trailing_whitespace)]
        if not constant:
            tail.insert(0, statement(f"if not {flag}:\n    {result} = {code(final)}"))
        new_loop = replace(loop, replacing(*replacements))
        replacements = [(loop, cst.FlattenSentinel([head.with_changes(leading_lines=loop.leading_lines),
                                                    new_loop.with_changes(leading_lines=[])])),
                        (data["last"], cst.FlattenSentinel(tail))]
        return ctx.render(replace(ctx.module, replacing(*replacements)), site)


def _exit_replacement(ctx: Context, ret: cst.Return, lines: list[str]):
    """(old node, new node) putting `lines` where the early `return` was, one statement per line."""
    holder = ctx.parents.get(ret)
    if isinstance(holder, cst.SimpleStatementLine) and len(holder.body) == 1:
        new = [statement(t) for t in lines]
        new[0] = new[0].with_changes(leading_lines=holder.leading_lines, trailing_whitespace=holder.trailing_whitespace)
        return holder, cst.FlattenSentinel(new)
    if isinstance(holder, cst.SimpleStatementSuite):
        kept = [cst.SimpleStatementLine(body=[s.with_changes(semicolon=cst.MaybeSentinel.DEFAULT)])
                for s in holder.body[:-1]]
        new = [statement(t) for t in lines]
        return holder, cst.IndentedBlock(header=holder.trailing_whitespace, body=kept + new)
    return ret, cst.FlattenSentinel([cst.parse_statement(t).body[0] for t in lines])


class FlagToEarlyReturn(Rewrite):
    """`r = w` / loop with `if c: r = v; break` / `return r` -> `if c: return v` / `return w`."""

    name = "flag_to_early_return"

    def sites(self, ctx: Context):
        eligible, unsafe = [], []
        for func, loop, last in _tail_loops(ctx):
            found = self._match(ctx, func, loop, last)
            if isinstance(found, str):
                unsafe.append(found)
            elif found is not None:
                eligible.append(Site(loop, found))
        return eligible, unsafe or ["not eligible: no result variable set before a break and returned"]

    def _match(self, ctx: Context, func, loop, last):
        value = syntax.single_statement(last).value
        if not isinstance(value, cst.Name):
            return None
        name = value.value
        statements, index = ctx.block_of(loop)
        init = syntax.simple_assign(statements[index - 1]) if index > 0 else None
        if init is None or init[0] != name or not _is_literal(init[1]):
            return None
        setters = [n for n in syntax.walk(loop.body) if syntax.simple_assign(n) and syntax.simple_assign(n)[0] == name]
        if len(setters) != 1:
            return "not eligible: result variable is set more than once in the loop"
        setter = setters[0]
        block = ctx.parents.get(setter)
        branch = ctx.parents.get(block)
        if not (isinstance(block, cst.IndentedBlock) and isinstance(branch, cst.If) and branch.body is block
                and ctx.parents.get(branch) is loop.body and len(block.body) >= 2 and block.body[-2] is setter
                and isinstance(syntax.single_statement(block.body[-1]), cst.Break)):
            return "unsafe: result is not set just before a break in an if of the loop body"
        if sum(1 for n in syntax.iter_names(func) if n.value == name) != 3:
            return "unsafe: result variable is read elsewhere"
        if name in ctx.declared or ctx.dynamic:
            return "unsafe: name used by global/nonlocal or dynamic lookup"
        if syntax.has_comments(block.body[-1]) or syntax.has_comments(statements[index - 1]):
            return "not eligible: would drop a comment"
        return {"init": statements[index - 1], "start": init[1], "setter": setter,
                "value": syntax.simple_assign(setter)[1], "brk": block.body[-1], "last": last}

    def transform(self, ctx: Context, site: Site, rng: random.Random):
        data = site.data
        code = lambda n: ctx.module.code_for_node(n).strip()  # noqa: E731
        exit_line = statement(f"return {code(data['value'])}").with_changes(
            leading_lines=data["setter"].leading_lines, trailing_whitespace=data["setter"].trailing_whitespace)
        final = statement(f"return {code(data['start'])}").with_changes(
            leading_lines=data["last"].leading_lines, trailing_whitespace=data["last"].trailing_whitespace)
        loop = site.node.with_changes(leading_lines=[*data["init"].leading_lines, *site.node.leading_lines])
        loop = replace(loop, replacing((data["setter"], exit_line), (data["brk"], cst.RemoveFromParent())))
        module = replace(ctx.module, replacing((data["init"], cst.RemoveFromParent()), (site.node, loop),
                                               (data["last"], final)))
        return ctx.render(module, site)
