"""Comprehension <-> loop: `x = [e for v in it if c]` and the `x = []` / `for` / `x.append(e)` loop.
A loop leaks its variables and binds `x` before it runs; sites where that could show are skipped."""

from __future__ import annotations

import random

import libcst as cst

from tracepile.enrich.rewrites import naming, syntax
from tracepile.enrich.rewrites.base import Context, Rewrite, Site, Skip, replace, replacing, statement

COMPREHENSIONS = (cst.ListComp, cst.SetComp, cst.DictComp)
_CLOSURES = (cst.Lambda, cst.FunctionDef, cst.ClassDef, cst.GeneratorExp, cst.NamedExpr, cst.Yield, cst.Await)
_EMPTY = {cst.ListComp: "[]", cst.SetComp: "set()", cst.DictComp: "{}"}


def _code(ctx: Context, node: cst.CSTNode) -> str:
    return ctx.module.code_for_node(node).strip()


def _wrapped(node: cst.BaseExpression, types: tuple[type, ...]) -> cst.BaseExpression:
    if not node.lpar and isinstance(node, types):
        return node.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])
    return node


def _iterable(node):
    return _wrapped(node, (cst.Tuple, cst.IfExp, cst.Lambda, cst.NamedExpr, cst.Yield))


def _condition(node):
    return _wrapped(node, (cst.IfExp, cst.Lambda, cst.NamedExpr, cst.Yield))


def _element(node):
    return _wrapped(node, (cst.Tuple, cst.NamedExpr, cst.Yield))


def _clauses(comp) -> list[tuple[str, cst.CSTNode, ...]]:
    """[('for', target, iter) | ('if', test)] in source order."""
    out, clause = [], comp.for_in
    while clause is not None:
        out.append(("for", clause.target, clause.iter, clause.asynchronous))
        out.extend(("if", c.test, None, None) for c in clause.ifs)
        clause = clause.inner_for_in
    return out


def _plain_targets(clauses) -> bool:
    """Every `for` target is made of names only (no `for self.x in ...` or `for a[i] in ...`)."""
    return all(not syntax.store_subscripts(cst.AssignTarget(target=c[1])) for c in clauses if c[0] == "for")


def _loop_variables(clauses) -> set[str]:
    return set().union(*(syntax.target_names(c[1]) for c in clauses if c[0] == "for"))


def _shared_problem(ctx: Context, node: cst.CSTNode, func, names: set[str], region, target) -> str | None:
    """Why moving the loop variables `names` between the function and a comprehension could show."""
    if ctx.dynamic:
        return "unsafe: program uses eval/exec/locals/globals"
    if ctx.inside_try(node, func):
        return "unsafe: statement is inside a try block"
    if (names | {target}) & ctx.declared:
        return "unsafe: name used by global/nonlocal"
    enclosing = {id(a) for a in ctx.ancestors(node)}
    if any(syntax.used_elsewhere(func, name, [region], enclosing) for name in names):
        return "unsafe: loop variable is used outside the comprehension"
    return None


class ComprehensionToLoop(Rewrite):
    """`x = [e for v in it if c]` -> `x = []` / `for v in it:` / `if c:` / `x.append(e)` (sets, dicts too)."""

    name = "comprehension_to_loop"

    def sites(self, ctx: Context):
        eligible, unsafe = [], []
        for line in syntax.walk(ctx.module):
            found = self._match(ctx, line)
            if isinstance(found, str):
                unsafe.append(found)
            elif found is not None:
                eligible.append(Site(line, found))
        return eligible, unsafe or ["not eligible: no comprehension assigned to a name or returned"]

    def _match(self, ctx: Context, line: cst.CSTNode):
        stmt = syntax.single_statement(line)
        if isinstance(stmt, cst.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0].target, cst.Name) \
                and isinstance(stmt.value, COMPREHENSIONS):
            target, comp = stmt.targets[0].target.value, stmt.value
        elif isinstance(stmt, cst.Return) and isinstance(stmt.value, COMPREHENSIONS):
            target, comp = None, stmt.value
        else:
            return None
        func = ctx.enclosing_function(line)
        if func is None or not isinstance(ctx.parents.get(line), cst.IndentedBlock):
            return None
        clauses = _clauses(comp)
        if any(c[0] == "for" and c[3] is not None for c in clauses) or syntax.contains(comp, _CLOSURES):
            return "unsafe: closure, walrus or await inside the comprehension"
        if syntax.has_comments(comp):
            return "not eligible: would drop a comment"
        if not _plain_targets(clauses):
            return "not eligible: a loop target is not a plain name"
        if target is not None and target in syntax.name_values(comp):
            return "unsafe: the comprehension reads the name it is assigned to"
        if isinstance(comp, cst.SetComp) and "set" in ctx.bound:
            return "unsafe: set is rebound"
        if isinstance(comp, cst.DictComp) and not isinstance(comp.key, (cst.Name, cst.Integer, cst.SimpleString)):
            return "unsafe: dict key and value evaluation order would change"
        reason = _shared_problem(ctx, line, func, _loop_variables(clauses), comp, target)
        return reason or {"func": func, "target": target, "comp": comp, "clauses": clauses}

    def transform(self, ctx: Context, site: Site, rng: random.Random):
        data, line = site.data, site.node
        comp, target = data["comp"], data["target"]
        if target is None:
            target = ctx.fresh(naming.ROLE_NAMES["list"] if isinstance(comp, cst.ListComp) else
                               naming.ROLE_NAMES["set" if isinstance(comp, cst.SetComp) else "dict"], rng)
            if target is None:
                return Skip("no free natural name")
        text, depth = "", 0
        for kind, first, second, _ in data["clauses"]:
            head = f"for {_code(ctx, first)} in {_code(ctx, second)}:" if kind == "for" else f"if {_code(ctx, first)}:"
            text += "    " * depth + head + "\n"
            depth += 1
        text += "    " * depth + _terminal(ctx, comp, target) + "\n"
        init = statement(f"{target} = {_EMPTY[type(comp)]}").with_changes(leading_lines=line.leading_lines)
        parts = [init, statement(text)]
        if data["target"] is None:
            parts.append(statement(f"return {target}").with_changes(trailing_whitespace=line.trailing_whitespace))
        else:
            parts[0] = init.with_changes(trailing_whitespace=line.trailing_whitespace)
        return ctx.render(replace(ctx.module, replacing((line, cst.FlattenSentinel(parts)))), site)


def _terminal(ctx: Context, comp, target: str) -> str:
    if isinstance(comp, cst.DictComp):
        return f"{target}[{_code(ctx, comp.key)}] = {_code(ctx, comp.value)}"
    method = "append" if isinstance(comp, cst.ListComp) else "add"
    return f"{target}.{method}({_code(ctx, comp.elt)})"


class LoopToComprehension(Rewrite):
    """`x = []` / `for v in it:` / `[if c:]` / `x.append(e)` -> `x = [e for v in it if c]` (sets, dicts too)."""

    name = "loop_to_comprehension"

    def sites(self, ctx: Context):
        eligible, unsafe = [], []
        for loop in syntax.walk(ctx.module):
            if isinstance(loop, cst.For):
                found = self._match(ctx, loop)
                if isinstance(found, str):
                    unsafe.append(found)
                elif found is not None:
                    eligible.append(Site(loop, found))
        return eligible, unsafe or ["not eligible: no loop that only fills an empty list, set or dict"]

    def _match(self, ctx: Context, loop: cst.For):
        func = ctx.enclosing_function(loop)
        statements, index = ctx.block_of(loop)
        if func is None or statements is None or index == 0:
            return None
        init = syntax.simple_assign(statements[index - 1])
        kind = _empty_kind(init[1]) if init else None
        if kind is None:
            return None
        clauses, terminal = _loop_clauses(loop)
        target = init[0]
        parts = _terminal_parts(terminal, target, kind)
        if parts is None:
            return "not eligible: loop body does more than fill the collection"
        if syntax.contains(loop, _CLOSURES):
            return "unsafe: closure, walrus or await inside the loop"
        if not _plain_targets(clauses):
            return "not eligible: a loop target is not a plain name"
        if syntax.has_comments(loop.with_changes(leading_lines=[])) or syntax.has_comments(statements[index - 1]):
            return "not eligible: would drop a comment"
        if sum(1 for n in syntax.iter_names(loop) if n.value == target) != 1:
            return "unsafe: the loop reads the collection it fills"
        if kind == "dict" and not isinstance(parts[0], (cst.Name, cst.Integer, cst.SimpleString)):
            return "unsafe: dict key and value evaluation order would change"
        if kind == "set" and "set" in ctx.bound:
            return "unsafe: set is rebound"
        reason = _shared_problem(ctx, loop, func, _loop_variables(clauses), loop, target)
        return reason or {"init": statements[index - 1], "target": target, "kind": kind, "clauses": clauses,
                          "parts": parts}

    def transform(self, ctx: Context, site: Site, rng: random.Random):
        data, loop = site.data, site.node
        pieces = []
        for kind, first, second, _ in data["clauses"]:
            pieces.append(f"for {_code(ctx, first)} in {_code(ctx, _iterable(second))}" if kind == "for"
                          else f"if {_code(ctx, _condition(first))}")
        parts = data["parts"]
        if data["kind"] == "dict":
            head, brackets = f"{_code(ctx, parts[0])}: {_code(ctx, parts[1])}", "{}"
        else:
            head, brackets = _code(ctx, _element(parts[0])), "[]" if data["kind"] == "list" else "{}"
        value = f"{brackets[0]}{head} {' '.join(pieces)}{brackets[1]}"
        line = statement(f"{data['target']} = {value}").with_changes(
            leading_lines=[*data["init"].leading_lines, *loop.leading_lines])
        module = replace(ctx.module, replacing((data["init"], cst.RemoveFromParent()), (loop, line)))
        return ctx.render(module, site)


def _empty_kind(value: cst.BaseExpression) -> str | None:
    if isinstance(value, cst.List) and not value.elements:
        return "list"
    if isinstance(value, cst.Dict) and not value.elements:
        return "dict"
    if syntax.is_call_to(value, "set", (0,)):
        return "set"
    return None


def _loop_clauses(loop: cst.For):
    """The for/if clauses of a nest of plain loops and ifs, and the one statement at its core."""
    clauses, node = [], loop
    while True:
        if isinstance(node, cst.For):
            if node.asynchronous is not None or node.orelse is not None:
                return clauses, None
            clauses.append(("for", node.target, node.iter, None))
        elif isinstance(node, cst.If):
            if node.orelse is not None:
                return clauses, None
            clauses.append(("if", node.test, None, None))
        else:
            return clauses, node
        inner = _single(node.body)
        if inner is None:
            return clauses, None
        node = inner


def _single(block: cst.BaseSuite):
    if isinstance(block, cst.IndentedBlock):
        if len(block.body) != 1:
            return None
        only = block.body[0]
        return only if isinstance(only, (cst.For, cst.If)) else syntax.single_statement(only)
    return block.body[0] if len(block.body) == 1 else None


def _terminal_parts(stmt, target: str, kind: str):
    """(element,) for `x.append(e)` / `x.add(e)`, (key, value) for `x[k] = v`; else None."""
    if kind in ("list", "set") and isinstance(stmt, cst.Expr) and isinstance(stmt.value, cst.Call):
        call = stmt.value
        method = "append" if kind == "list" else "add"
        if isinstance(call.func, cst.Attribute) and isinstance(call.func.value, cst.Name) \
                and call.func.value.value == target and call.func.attr.value == method \
                and len(call.args) == 1 and call.args[0].keyword is None and not call.args[0].star:
            return (call.args[0].value,)
    if kind == "dict" and isinstance(stmt, cst.Assign) and len(stmt.targets) == 1:
        sub = stmt.targets[0].target
        if isinstance(sub, cst.Subscript) and isinstance(sub.value, cst.Name) and sub.value.value == target \
                and len(sub.slice) == 1 and isinstance(sub.slice[0].slice, cst.Index):
            return (sub.slice[0].slice.value, stmt.value)
    return None
