"""Loop rewrites: `for i in range(...)` <-> counted `while`, and `range(len(x))` <-> `enumerate(x)`.
Sites are skipped where the forms differ: the variable after the loop, `continue`, moving bounds, mutation."""

from __future__ import annotations

import random

import libcst as cst

from tracepile.enrich.rewrites import naming, syntax
from tracepile.enrich.rewrites.base import Context, Rewrite, Site, Skip, replace, replacing, statement

AFTER = "unsafe: loop variable is used after the loop"
CONTINUE = "unsafe: loop body uses continue"
ASSIGNED = "unsafe: loop variable is assigned in the body"
CLOSURE = "unsafe: a closure captures the loop variable"
BOUND = "unsafe: loop bound may change during the loop"
DYNAMIC = "unsafe: program uses eval/exec/locals/globals"
MUTATED = "unsafe: the sequence may change during the loop"

PURE_CALLS = frozenset({
    "len", "sum", "min", "max", "sorted", "list", "tuple", "str", "print", "abs", "any", "all", "set",
    "frozenset", "dict", "int", "float", "bool", "repr", "reversed", "isinstance", "ord", "chr", "round",
    "zip", "enumerate", "range", "map", "filter",
})
READ_METHODS = frozenset({
    "count", "index", "find", "rfind", "startswith", "endswith", "get", "keys", "values", "items", "copy",
    "join", "split", "upper", "lower", "strip", "lstrip", "rstrip", "isdigit", "isalpha", "isupper",
    "islower", "isspace", "replace", "format",
})
MUTATING_METHODS = frozenset({
    "append", "extend", "insert", "pop", "remove", "clear", "sort", "reverse", "update", "add", "discard",
    "setdefault", "popitem", "appendleft", "popleft", "extendleft", "rotate",
})


def _loops(ctx: Context, kind: type):
    """(loop, function) for every loop of `kind` inside a function."""
    for node in syntax.walk(ctx.module):
        if isinstance(node, kind):
            func = ctx.enclosing_function(node)
            if func is not None:
                yield node, func


def _enclosing_ids(ctx: Context, node: cst.CSTNode) -> set[int]:
    return {id(a) for a in ctx.ancestors(node)}


def _builtins_ok(ctx: Context, *names: str) -> bool:
    return not any(n in ctx.bound for n in names)


def _stable_bound(ctx: Context, func, expr: cst.BaseExpression, loop, var: str) -> bool:
    """True when `expr` has the same value on every test of the loop: int literals, locals the body
    cannot rebind, `len(xs)` of a local the body cannot change, and arithmetic on those."""
    if syntax.int_literal(expr) is not None:
        return True
    if isinstance(expr, cst.Name):
        name = expr.value
        return name != var and name in ctx.local_names(func) and name not in syntax.bound_names(loop.body) \
            and name not in ctx.declared
    if isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, (cst.Add, cst.Subtract, cst.Multiply,
                                                                           cst.FloorDivide)):
        return _stable_bound(ctx, func, expr.left, loop, var) and _stable_bound(ctx, func, expr.right, loop, var)
    if syntax.is_call_to(expr, "len", (1,)) and isinstance(expr.args[0].value, cst.Name) \
            and "len" not in ctx.bound:
        seq = expr.args[0].value.value
        return seq != var and _sequence_problem(ctx, loop, func, seq, var) is None
    return False


def _code(ctx: Context, node: cst.CSTNode) -> str:
    return ctx.module.code_for_node(node).strip()


class ForToWhile(Rewrite):
    """`for i in range(a, b, s): body` -> `i = a` / `while i < b: body; i += s`."""

    name = "for_to_while"

    def sites(self, ctx: Context):
        if ctx.dynamic:
            return [], [DYNAMIC]
        if not _builtins_ok(ctx, "range"):
            return [], ["unsafe: range is rebound"]
        eligible, unsafe = [], []
        for loop, func in _loops(ctx, cst.For):
            reason = self._problem(ctx, loop, func)
            if reason is None:
                eligible.append(Site(loop, {"func": func}))
            else:
                unsafe.append(reason)
        return eligible, unsafe

    def _problem(self, ctx: Context, loop: cst.For, func) -> str | None:
        if loop.asynchronous is not None or not isinstance(loop.target, cst.Name):
            return "not eligible: loop target is not a single name"
        if loop.target.value == "_":
            return "not eligible: loop variable is the throwaway `_`"
        if not syntax.is_call_to(loop.iter, "range", (1, 2, 3)):
            return "not eligible: loop iterates over a non-range iterable"
        if not isinstance(loop.body, cst.IndentedBlock):
            return "not eligible: one-line loop body"
        var, args = loop.target.value, loop.iter.args
        if len(args) == 3 and not syntax.int_literal(args[2].value):
            return "not eligible: range step is not a non-zero integer literal"
        if any(var in syntax.name_values(a.value) for a in args):
            return "unsafe: range bounds read the loop variable"
        if var in syntax.bound_names(loop.body):
            return ASSIGNED
        if "continue" in syntax.loop_jumps(loop.body):
            return CONTINUE
        if syntax.has_late_binding(loop.body, var):
            return CLOSURE
        if var in ctx.declared:
            return "unsafe: name used by global/nonlocal"
        regions = [loop.target, loop.iter, loop.body]
        if syntax.used_elsewhere(func, var, regions, _enclosing_ids(ctx, loop)):
            return AFTER
        return None

    def transform(self, ctx: Context, site: Site, rng: random.Random):
        loop, func = site.node, site.data["func"]
        var, args = loop.target.value, [a.value for a in loop.iter.args]
        start = _code(ctx, args[0]) if len(args) > 1 else "0"
        stop_expr = args[1] if len(args) > 1 else args[0]
        step = syntax.int_literal(args[2]) if len(args) == 3 else 1
        head = [statement(f"{var} = {start}").with_changes(leading_lines=loop.leading_lines)]
        inclusive = _shifted(stop_expr, step)
        if inclusive is not None and _stable_bound(ctx, func, inclusive, loop, var):
            test = f"{var} {'<=' if step > 0 else '>='} {_code(ctx, inclusive)}"
        elif _stable_bound(ctx, func, stop_expr, loop, var):
            test = f"{var} {'<' if step > 0 else '>'} {_code(ctx, stop_expr)}"
        else:
            stop = ctx.fresh(("stop", "end", "limit", "upper", "bound"), rng)
            if stop is None:
                return Skip("no free natural name")
            head.append(statement(f"{stop} = {_code(ctx, stop_expr)}"))
            test = f"{var} {'<' if step > 0 else '>'} {stop}"
        bump = f"{var} += {step}" if step > 0 else f"{var} -= {-step}"
        body = loop.body.with_changes(body=[*loop.body.body, statement(bump)])
        template = statement(f"while {test}:\n    pass")
        node = template.with_changes(body=body, orelse=loop.orelse)
        module = replace(ctx.module, replacing((loop, cst.FlattenSentinel([*head, node]))))
        return ctx.render(module, site)


class WhileToFor(Rewrite):
    """`i = a` / `while i < b: body; i += s` -> `for i in range(a, b, s): body` (the step being the
    body's last statement that mentions `i`)."""

    name = "while_to_for"

    def sites(self, ctx: Context):
        if ctx.dynamic:
            return [], [DYNAMIC]
        if not _builtins_ok(ctx, "range"):
            return [], ["unsafe: range is rebound"]
        eligible, unsafe = [], []
        for loop, func in _loops(ctx, cst.While):
            found = self._match(ctx, loop, func)
            if isinstance(found, str):
                unsafe.append(found)
            else:
                eligible.append(Site(loop, found))
        return eligible, unsafe

    def _match(self, ctx: Context, loop: cst.While, func):
        test = loop.test
        if not (isinstance(test, cst.Comparison) and len(test.comparisons) == 1
                and isinstance(test.left, cst.Name) and not test.left.lpar):
            return "not eligible: loop test is not `name < bound`"
        var, op = test.left.value, test.comparisons[0].operator
        bound = test.comparisons[0].comparator
        if not isinstance(op, (cst.LessThan, cst.LessThanEqual, cst.GreaterThan, cst.GreaterThanEqual)):
            return "not eligible: loop test is not `name < bound`"
        init, start, folded = _initialisation(ctx, loop, func, var)
        if init is None:
            return "not eligible: loop variable is not initialised before the loop"
        if any(isinstance(n, cst.Float) for n in (*syntax.walk(bound), *(syntax.walk(start) if start else ()))):
            return "unsafe: range() needs integers, the loop counts with a float"
        body = syntax.block_statements(loop.body) or []
        mentions = [k for k, line in enumerate(body) if var in syntax.name_values(line)]
        step = _step(body[mentions[-1]], var) if mentions else None
        if not step or (step > 0) != isinstance(op, (cst.LessThan, cst.LessThanEqual)):
            return "not eligible: loop does not end with a constant step toward the bound"
        bump = body[mentions[-1]]
        reason = self._problem(ctx, loop, func, var, bound, [line for line in body if line is not bump] + [bump], init)
        if reason:
            return reason
        return {"func": func, "var": var, "op": op, "bound": bound, "step": step, "bump": bump,
                "init": init if folded else None, "start": start if folded else cst.Name(var)}

    def _problem(self, ctx, loop, func, var, bound, body, init) -> str | None:
        rest = cst.IndentedBlock(body=body[:-1]) if len(body) > 1 else cst.IndentedBlock(body=[])
        if var in syntax.bound_names(rest):
            return ASSIGNED
        if "continue" in syntax.loop_jumps(loop.body):
            return CONTINUE
        if not _stable_bound(ctx, func, bound, loop, var):
            return BOUND
        if syntax.has_late_binding(loop.body, var):
            return CLOSURE
        if var in ctx.declared:
            return "unsafe: name used by global/nonlocal"
        if syntax.has_comments(body[-1]) or (isinstance(init, cst.SimpleStatementLine)
                                            and syntax.has_comments(init.trailing_whitespace)):
            return "not eligible: would drop a comment"
        regions = [init, loop.test, loop.body]
        if syntax.used_elsewhere(func, var, regions, _enclosing_ids(ctx, loop)):
            return AFTER
        return None

    def transform(self, ctx: Context, site: Site, rng: random.Random):
        data, loop = site.data, site.node
        var, step, op = data["var"], data["step"], data["op"]
        start = _code(ctx, data["start"])
        stop = _range_stop(ctx, data["bound"], op)
        args = [stop] if start == "0" and step == 1 else [start, stop] + ([str(step)] if step != 1 else [])
        body = [line for line in loop.body.body if line is not data["bump"]] or [statement("pass")]
        template = statement(f"for {var} in range({', '.join(args)}):\n    pass")
        init = data["init"]
        leading = [*init.leading_lines, *loop.leading_lines] if init is not None else loop.leading_lines
        node = template.with_changes(body=loop.body.with_changes(body=body), orelse=loop.orelse, leading_lines=leading)
        pairs = [(loop, node)] + ([(init, cst.RemoveFromParent())] if init is not None else [])
        return ctx.render(replace(ctx.module, replacing(*pairs)), site)


def _shifted(stop: cst.BaseExpression, step: int) -> cst.BaseExpression | None:
    """`x` for a stop written `x + 1` (counting up) or `x - 1` (counting down): the inclusive bound."""
    if not (isinstance(stop, cst.BinaryOperation) and not stop.lpar and syntax.int_literal(stop.right) == 1):
        return None
    up = isinstance(stop.operator, cst.Add)
    return stop.left if (up and step > 0) or (isinstance(stop.operator, cst.Subtract) and step < 0) else None


def _initialisation(ctx: Context, loop: cst.While, func, var: str):
    """(binding node, start value, whether it can be folded into `range`) for the loop variable:
    the nearest earlier statement of the loop's block that mentions it must be `var = start`
    (folded when it comes just before the loop); a parameter of the function is read as it is."""
    statements, index = ctx.block_of(loop)
    if statements is None:
        return None, None, False
    for k in range(index - 1, -1, -1):
        if var in syntax.name_values(statements[k]):
            found = syntax.simple_assign(statements[k])
            if found is None or found[0] != var:
                return None, None, False
            return statements[k], found[1], k == index - 1
    if ctx.parents.get(ctx.parents.get(loop)) is func:
        params = [p for p in syntax.walk(func.params) if isinstance(p, cst.Param) and p.name.value == var]
        if params and not params[0].star:
            return params[0], None, False
    return None, None, False


def _step(line: cst.CSTNode, var: str) -> int | None:
    stmt = syntax.single_statement(line)
    if not (isinstance(stmt, cst.AugAssign) and isinstance(stmt.target, cst.Name) and stmt.target.value == var):
        return None
    value = syntax.int_literal(stmt.value)
    if not value or value < 0:
        return None
    if isinstance(stmt.operator, cst.AddAssign):
        return value
    return -value if isinstance(stmt.operator, cst.SubtractAssign) else None


def _range_stop(ctx: Context, bound: cst.BaseExpression, op) -> str:
    shift = 1 if isinstance(op, cst.LessThanEqual) else -1 if isinstance(op, cst.GreaterThanEqual) else 0
    literal = syntax.int_literal(bound)
    if literal is not None:
        return str(literal + shift)
    if shift and isinstance(bound, cst.BinaryOperation) and not bound.lpar and syntax.int_literal(bound.right) == 1 \
            and isinstance(bound.operator, cst.Subtract if shift > 0 else cst.Add):
        return _code(ctx, bound.left)  # `i <= n - 1` -> range(..., n)
    code = _code(ctx, bound)
    return code if not shift else f"{code} + 1" if shift > 0 else f"{code} - 1"


# ---------------------------------------------------------------- range(len(x)) <-> enumerate(x)


def _sequence_problem(ctx: Context, loop: cst.For, func, seq: str, index: str) -> str | None:
    """Why iterating `seq` lazily (enumerate) could differ from indexing it (range(len)) in this loop."""
    if seq not in ctx.local_names(func) or seq in ctx.declared:
        return "not eligible: the sequence is not a local name"
    if seq in syntax.bound_names(loop.body):
        return "unsafe: the sequence is rebound in the loop"
    if any(syntax.base_name(t) == seq for t in syntax.store_subscripts(loop.body)):
        return MUTATED
    if syntax.has_late_binding(loop.body, seq) or syntax.has_late_binding(loop.body, index):
        return CLOSURE
    for node in syntax.iter_names(loop.body):
        if node.value == seq and not _read_only_use(ctx, node):
            return MUTATED
    if _aliases_possible(ctx, loop, func, seq):
        return MUTATED
    return None


def _read_only_use(ctx: Context, node: cst.Name) -> bool:
    parent = ctx.parents.get(node)
    if isinstance(parent, cst.Subscript) and parent.value is node:
        return True
    if isinstance(parent, cst.Attribute) and parent.value is node:
        call = ctx.parents.get(parent)
        return isinstance(call, cst.Call) and call.func is parent and parent.attr.value in READ_METHODS
    if isinstance(parent, cst.Arg):
        call = ctx.parents.get(parent)
        return isinstance(call, cst.Call) and isinstance(call.func, cst.Name) and call.func.value in PURE_CALLS \
            and call.func.value not in ctx.bound
    return isinstance(parent, (cst.ComparisonTarget, cst.Comparison, cst.CompFor, cst.For))


def _aliases_possible(ctx: Context, loop: cst.For, func, seq: str) -> bool:
    """True when another name could be the same object as `seq` and the loop changes that name:
    the other parameters (when `seq` is one) and names assigned to or from `seq`."""
    params = {p.name.value for p in syntax.walk(func.params) if isinstance(p, cst.Param)}
    others = params - {seq} if seq in params else set()
    for node in syntax.walk(func):
        if isinstance(node, cst.Assign) and isinstance(node.value, cst.Name):
            targets = set().union(*(syntax.target_names(t.target) for t in node.targets))
            if node.value.value == seq:
                others |= targets
            elif seq in targets:
                others.add(node.value.value)
    others.discard(seq)
    stored = {syntax.base_name(t) for t in syntax.store_subscripts(loop.body)}
    return bool(stored & others) or any(_mutating_call_on(n, others) for n in syntax.walk(loop.body))


def _mutating_call_on(node: cst.CSTNode, names: set[str]) -> bool:
    return isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) \
        and node.func.attr.value in MUTATING_METHODS and syntax.base_name(node.func.value) in names


def _indexed_reads(ctx: Context, body: cst.CSTNode, seq: str, index: str) -> list[cst.Subscript]:
    stores = {id(t) for t in syntax.store_subscripts(body)}
    return [n for n in syntax.walk(body)
            if isinstance(n, cst.Subscript) and id(n) not in stores and _is_item(n, seq, index)]


def _is_item(node: cst.Subscript, seq: str, index: str) -> bool:
    if not (isinstance(node.value, cst.Name) and node.value.value == seq and len(node.slice) == 1):
        return False
    element = node.slice[0].slice
    return isinstance(element, cst.Index) and isinstance(element.value, cst.Name) \
        and element.value.value == index and element.star is None


def _text_method_receiver(ctx: Context, node: cst.CSTNode) -> bool:
    parent = ctx.parents.get(node)
    return isinstance(parent, cst.Attribute) and parent.value is node and parent.attr.value in naming.TEXT_METHODS


class _IndexLoopRewrite(Rewrite):
    """Shared site search of the range(len(...)) <-> enumerate pair: `_match` judges each `for`."""

    def sites(self, ctx: Context):
        if not _builtins_ok(ctx, "range", "len", "enumerate"):
            return [], ["unsafe: range/len/enumerate is rebound"]
        eligible, unsafe = [], []
        for loop, func in _loops(ctx, cst.For):
            found = self._match(ctx, loop, func)
            (unsafe.append(found) if isinstance(found, str) else eligible.append(Site(loop, found)))
        return eligible, unsafe

    def _match(self, ctx, loop: cst.For, func):
        raise NotImplementedError


class RangeLenToEnumerate(_IndexLoopRewrite):
    """`for i in range(len(xs)):` reading `xs[i]` -> `for i, item in enumerate(xs):` reading `item`."""

    name = "range_len_to_enumerate"

    def _match(self, ctx, loop: cst.For, func):
        it = loop.iter
        if not (isinstance(loop.target, cst.Name) and syntax.is_call_to(it, "range", (1,))
                and syntax.is_call_to(it.args[0].value, "len", (1,))
                and isinstance(it.args[0].value.args[0].value, cst.Name)):
            return "not eligible: loop is not over range(len(name))"
        if not isinstance(loop.body, cst.IndentedBlock):
            return "not eligible: one-line loop body"
        seq, index = it.args[0].value.args[0].value.value, loop.target.value
        if index in syntax.bound_names(loop.body):
            return ASSIGNED
        reads = _indexed_reads(ctx, loop.body, seq, index)
        if not reads:
            return "not eligible: the body never reads the indexed item"
        reason = _sequence_problem(ctx, loop, func, seq, index)
        return reason or {"func": func, "seq": seq, "index": index, "reads": reads}

    def transform(self, ctx: Context, site: Site, rng: random.Random):
        data, loop = site.data, site.node
        textual = naming.infer_role(data["func"], data["seq"]) == "text" or any(
            _text_method_receiver(ctx, read) for read in data["reads"])
        pool = ("ch", "char", "letter") if textual else naming.ROLE_NAMES["item"]
        item = ctx.fresh(pool, rng)
        if item is None:
            return Skip("no free natural name")
        body = replace(loop.body, replacing(*((r, cst.Name(item, lpar=r.lpar, rpar=r.rpar)) for r in data["reads"])))
        template = statement(f"for {data['index']}, {item} in enumerate({data['seq']}):\n    pass")
        node = template.with_changes(body=body, orelse=loop.orelse, leading_lines=loop.leading_lines)
        return ctx.render(replace(ctx.module, replacing((loop, node))), site)


class EnumerateToRangeLen(_IndexLoopRewrite):
    """`for i, item in enumerate(xs):` -> `for i in range(len(xs)):` with `item = xs[i]` first."""

    name = "enumerate_to_range_len"

    def _match(self, ctx, loop: cst.For, func):
        target, it = loop.target, loop.iter
        if not (syntax.is_call_to(it, "enumerate", (1,)) and isinstance(it.args[0].value, cst.Name)
                and isinstance(target, cst.Tuple) and len(target.elements) == 2
                and isinstance(target.elements[0].value, cst.Name)
                and not isinstance(target.elements[1].value, cst.StarredElement)):
            return "not eligible: loop is not `for i, item in enumerate(name)`"
        if not isinstance(loop.body, cst.IndentedBlock):
            return "not eligible: one-line loop body"
        seq, index = it.args[0].value.value, target.elements[0].value.value
        if seq in syntax.target_names(target.elements[1].value) or seq == index:
            return "unsafe: the loop target rebinds the sequence"
        reason = _sequence_problem(ctx, loop, func, seq, index)
        return reason or {"seq": seq, "index": index, "item": target.elements[1].value}

    def transform(self, ctx: Context, site: Site, rng: random.Random):
        data, loop = site.data, site.node
        item = _code(ctx, data["item"].with_changes(lpar=[], rpar=[])) \
            if isinstance(data["item"], cst.Tuple) else _code(ctx, data["item"])
        first = statement(f"{item} = {data['seq']}[{data['index']}]")
        body = loop.body.with_changes(body=[first, *loop.body.body])
        template = statement(f"for {data['index']} in range(len({data['seq']})):\n    pass")
        node = template.with_changes(body=body, orelse=loop.orelse, leading_lines=loop.leading_lines)
        return ctx.render(replace(ctx.module, replacing((loop, node))), site)
