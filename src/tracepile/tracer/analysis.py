"""Static facts about each line of a program, computed once from its AST: what the line binds,
which objects it may mutate, which side-effect-free sub-expressions explain it, and loop/branch shape."""

from __future__ import annotations

import ast
import copy
from dataclasses import dataclass, field
from functools import lru_cache

from tracepile.tracer.safe_eval import (HEAP_NAMES, MUTATING_METHODS, PURE_METHODS, Compiled, Unsafe, compile_expr,
                                        compile_mutating)

MAX_WHY = 8
UNTRACED_FUNCTIONS = frozenset({"<lambda>", "<genexpr>", "<listcomp>", "<setcomp>", "<dictcomp>"})
PURE_NAMES = frozenset({"len", "abs", "min", "max", "sum", "sorted", "round", "divmod", "ord", "chr",
                        "any", "all", "str", "int", "float", "bool", "list", "tuple", "set", "range",
                        "print", "isinstance", "enumerate", "zip", "reversed", "map", "filter",
                        "repr", "hex", "bin", "frozenset", "dict", "type", "input"})


@dataclass
class LineInfo:
    """What the statement starting on `line` does, statically."""

    line: int
    kind: str  # if, elif, while, for, assert, assign, augassign, return, expr, def, class, ...
    end: int = 0  # last line of the statement header
    assigns: tuple[str, ...] = ()
    mutates: tuple[tuple[str, Compiled], ...] = ()  # chains whose objects may change in place
    calls: bool = False  # calls something other than a pure builtin
    why: tuple[tuple[str, Compiled], ...] = ()
    computed: frozenset[str] = frozenset()  # sources in `why` that are computations (arithmetic, calls)
    mutating: str = ""  # the source of the mutating call in `why` (its result computed on a copy), if any
    test: str | None = None  # condition source for if/elif/while/assert
    target: str | None = None  # for-loop target source
    reads: tuple[str, ...] = ()  # names the condition / right-hand side reads
    body: frozenset[int] = field(default_factory=frozenset)  # lines inside a loop / if-body
    orelse: frozenset[int] = field(default_factory=frozenset)  # lines of an else / elif chain
    source: str = ""
    # the statement's one standard-input read call, evaluated at most once per run of the line:
    # (its source, the callee's receiver) then the enclosing pure expressions evaluated right after
    # it, compiled with the read's value as READ_VALUE, e.g. `int(input())`, `input().split()`
    read_chain: tuple[tuple[str, Compiled], ...] = ()


@dataclass
class CodeInfo:
    """Per-line facts for a whole program."""

    lines: dict[int, LineInfo]
    owner: dict[int, int]  # every physical line of a simple statement -> its first line
    functions: dict[str, int]  # function name -> def line
    source_lines: list[str]

    def info(self, line: int) -> LineInfo | None:
        return self.lines.get(line)


@lru_cache(maxsize=256)
def analyze(code: str) -> CodeInfo:
    """Analyse program source; raises SyntaxError for invalid code. Cached: treat the result as
    read-only (assembly, narration, verification and questions all read the same analysis)."""
    tree = ast.parse(code)
    source_lines = code.splitlines()
    builder = _Builder(source_lines)
    builder.visit_body(tree.body, in_else=False)
    return CodeInfo(builder.lines, builder.owner, builder.functions, source_lines)


@lru_cache(maxsize=1024)
def parameters(code: str, line: int) -> frozenset[str] | None:
    """The parameter names of the function defined at `line` (None when no `def` starts there: a lambda,
    a comprehension). A call's recorded locals also hold the names a closure sees; these are not arguments."""
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    found = None
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and \
                min([d.lineno for d in node.decorator_list] + [node.lineno]) <= line <= node.lineno:
            spec = node.args
            names = [a.arg for a in spec.posonlyargs + spec.args + spec.kwonlyargs]
            names += [a.arg for a in (spec.vararg, spec.kwarg) if a is not None]
            found = (found or frozenset()) | frozenset(names)
    return found


def call_arguments(code: str, event) -> tuple[tuple[str, str], ...]:
    """The arguments a CallEvent bound: its recorded locals less the enclosing names a closure sees."""
    names = parameters(code, event.line)
    return event.args if names is None else tuple((n, v) for n, v in event.args if n in names)


class _Builder:
    def __init__(self, source_lines: list[str]):
        self.src = source_lines
        self.lines: dict[int, LineInfo] = {}
        self.owner: dict[int, int] = {}
        self.functions: dict[str, int] = {}

    def visit_body(self, body: list[ast.stmt], in_else: bool) -> None:
        for stmt in body:
            self.visit(stmt, in_else)

    def visit(self, stmt: ast.stmt, in_else: bool) -> None:
        info = self.lines.get(stmt.lineno)
        header_end = _header_end(stmt)
        new = _describe(stmt, header_end, in_else)
        new.source = "\n".join(self.src[stmt.lineno - 1:header_end]).strip()
        if info is None:
            self.lines[stmt.lineno] = new
        else:  # several statements on one line: merge what they bind and mutate
            info.assigns += tuple(a for a in new.assigns if a not in info.assigns)
            info.mutates += new.mutates
            info.calls |= new.calls
        for ln in range(_first_line(stmt), header_end + 1):  # a decorator's lines run as its `def`
            self.owner.setdefault(ln, stmt.lineno)
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            self.functions.setdefault(stmt.name, stmt.lineno)
        for name in ("body", "orelse", "finalbody"):
            sub = getattr(stmt, name, None)
            if sub:
                is_elif = name == "orelse" and isinstance(stmt, ast.If) and len(sub) == 1 \
                    and isinstance(sub[0], ast.If) and sub[0].col_offset == stmt.col_offset \
                    and _is_elif(self.src, sub[0])
                self.visit_body(sub, in_else=is_elif)
        for handler in getattr(stmt, "handlers", ()):
            self.lines.setdefault(handler.lineno, LineInfo(handler.lineno, "except", handler.lineno,
                                                           assigns=(handler.name,) if handler.name else (),
                                                           body=_lines_of(handler.body)))
            self.owner.setdefault(handler.lineno, handler.lineno)
            self.visit_body(handler.body, in_else=False)
        if isinstance(stmt, ast.Match):
            for case in stmt.cases:
                self.visit_body(case.body, in_else=False)


def _is_elif(src: list[str], node: ast.If) -> bool:
    return src[node.lineno - 1].lstrip().startswith("elif")


def _first_line(stmt: ast.stmt) -> int:
    """The statement's first line: its first decorator's, for a decorated definition."""
    return min([d.lineno for d in getattr(stmt, "decorator_list", ())] + [stmt.lineno])


def _header_end(stmt: ast.stmt) -> int:
    """Last line of a statement's own text (for compound statements: up to the body)."""
    body = getattr(stmt, "body", None)
    if isinstance(body, list) and body:
        start = _first_line(body[0])
        return max(stmt.lineno, start - 1) if start > stmt.lineno else stmt.lineno
    return stmt.end_lineno or stmt.lineno


def _lines_of(stmts: list[ast.stmt]) -> frozenset[int]:
    lines: set[int] = set()
    for stmt in stmts:
        for node in ast.walk(stmt):
            if isinstance(node, (ast.stmt, ast.ExceptHandler)):
                lines.update(range(node.lineno, (node.end_lineno or node.lineno) + 1))
    return frozenset(lines)


def _describe(stmt: ast.stmt, header_end: int, in_else: bool) -> LineInfo:
    kind = _KINDS.get(type(stmt), "other")
    info = LineInfo(stmt.lineno, kind, header_end)
    if isinstance(stmt, (ast.If, ast.While)):
        if isinstance(stmt, ast.If):
            info.kind = "elif" if in_else else "if"
        info.test = ast.unparse(stmt.test)
        info.why = _condition_values(stmt.test)
        info.body, info.orelse = _lines_of(stmt.body), _lines_of(stmt.orelse)
        _scan(stmt.test, info)
    elif isinstance(stmt, (ast.For, ast.AsyncFor)):
        info.target = ast.unparse(stmt.target)
        info.assigns = _bound_names(stmt.target)
        info.body, info.orelse = _lines_of(stmt.body), _lines_of(stmt.orelse)
        _scan(stmt.iter, info)
    elif isinstance(stmt, ast.Assert):
        info.test = ast.unparse(stmt.test)
        info.why = _condition_values(stmt.test)
        _scan(stmt.test, info)
    elif isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        info.assigns = (stmt.name,)
        for deco in stmt.decorator_list:
            _scan(deco, info)
    elif isinstance(stmt, (ast.With, ast.AsyncWith)):
        for item in stmt.items:
            _scan(item.context_expr, info)
            if item.optional_vars is not None:
                info.assigns += _bound_names(item.optional_vars)
        info.calls = True
    elif isinstance(stmt, (ast.Try, ast.Match)) or type(stmt).__name__ == "TryStar":
        if isinstance(stmt, ast.Match):
            _scan(stmt.subject, info)
    else:
        _simple(stmt, info)
    if info.kind in ("for", "while") and info.body and info.body <= {stmt.lineno}:
        # a loop written on one line: no back end reports its iterations one by one, so it is
        # one step, narrated by its net effect (never by an iteration count it cannot observe)
        info.kind, info.why, info.test, info.body, info.orelse = "inline_loop", (), None, frozenset(), frozenset()
    if info.why == () and kind not in ("def", "class"):
        info.why = _operand_values(stmt, info)
    info.reads = _reads(stmt)
    info.read_chain = _read_chain(stmt)
    info.computed |= frozenset(source for source, _ in info.read_chain)
    return info


READ_CALLS = {"input": "input", "sys.stdin.readline": "sys.stdin", "sys.stdin.read": "sys.stdin"}
READ_VALUE = "__tracepile_read__"
ONCE_PARENTS = (ast.BinOp, ast.UnaryOp, ast.Call, ast.Subscript, ast.Attribute, ast.Compare, ast.Tuple,
                ast.List, ast.keyword, ast.Starred)


def _read_chain(stmt: ast.stmt) -> tuple[tuple[str, Compiled], ...]:
    """The read call of a simple statement or `for` header and the pure expressions around it, when
    the statement holds exactly one read call that runs at most once (not in a comprehension or
    lambda). Recording stops at the first enclosing expression that is not pure arithmetic, a pure
    call, a subscript or a comparison (never past `and`/`or` or a conditional expression)."""
    root = stmt.iter if isinstance(stmt, (ast.For, ast.AsyncFor)) else getattr(stmt, "value", None)
    if not isinstance(stmt, (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Expr, ast.Return, ast.For)) \
            or not isinstance(root, ast.expr):
        return ()
    parents = {child: node for node in ast.walk(root) for child in ast.iter_child_nodes(node)}
    reads = [n for n in ast.walk(root) if isinstance(n, ast.Call) and not n.args and not n.keywords
             and ast.unparse(n.func) in READ_CALLS]
    if len(reads) != 1:
        return ()
    read = reads[0]
    path, node = [], read
    while node in parents:
        node = parents[node]
        if isinstance(node, (ast.Lambda, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)):
            return ()
        path.append(node)
    chain = [(ast.unparse(read), compile_expr(READ_CALLS[ast.unparse(read.func)]))]
    for node in path:
        if not isinstance(node, ONCE_PARENTS) or isinstance(node, ast.Call) and not _is_pure_call(node):
            break
        if isinstance(node, (ast.keyword, ast.Starred, ast.Attribute)):
            continue  # evaluated only as part of their parent (`input().split` of `input().split()`)
        try:
            chain.append((ast.unparse(node), compile_expr(_with_read_value(node, read))))
        except (Unsafe, KeyError):
            break
    return tuple(chain)


def _with_read_value(node: ast.expr, read: ast.Call) -> ast.expr:
    """A copy of `node` in which the read call is the name READ_VALUE."""
    source = ast.unparse(read)

    class Swap(ast.NodeTransformer):
        def visit_Call(self, call: ast.Call) -> ast.AST:
            if ast.unparse(call) == source:
                return ast.Name(READ_VALUE, ast.Load())
            return self.generic_visit(call)
    return Swap().visit(copy.deepcopy(node))


def _reads(stmt: ast.stmt) -> tuple[str, ...]:
    """Names loaded by a statement's condition or value, in order of first use."""
    root = getattr(stmt, "test", None) or getattr(stmt, "value", None) or getattr(stmt, "iter", None)
    if not isinstance(root, ast.expr):
        return ()
    skip = {n.id for n in ast.walk(root) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
    names: list[str] = []
    for node in ast.walk(root):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and node.id not in skip \
                and node.id not in names and node.id not in PURE_NAMES:
            names.append(node.id)
    return tuple(names)


_KINDS = {
    ast.Assign: "assign", ast.AnnAssign: "assign", ast.AugAssign: "augassign", ast.Return: "return",
    ast.Expr: "expr", ast.FunctionDef: "def", ast.AsyncFunctionDef: "def", ast.ClassDef: "class",
    ast.Import: "import", ast.ImportFrom: "import", ast.Raise: "raise", ast.Try: "try",
    ast.With: "with", ast.Break: "break", ast.Continue: "continue", ast.Pass: "pass",
    ast.Delete: "del", ast.Global: "global", ast.Nonlocal: "global", ast.For: "for",
    ast.While: "while", ast.If: "if", ast.Assert: "assert", ast.Match: "match",
}


def _simple(stmt: ast.stmt, info: LineInfo) -> None:
    if isinstance(stmt, ast.Assign):
        for target in stmt.targets:
            _store_target(target, info)
        _scan(stmt.value, info)
    elif isinstance(stmt, (ast.AnnAssign, ast.AugAssign)):
        _store_target(stmt.target, info)
        if isinstance(stmt, ast.AugAssign) and isinstance(stmt.target, ast.Name):
            _add_mutation(info, stmt.target)  # `xs += [1]` extends the list in place
        if stmt.value is not None:
            _scan(stmt.value, info)
    elif isinstance(stmt, (ast.Import, ast.ImportFrom)):
        info.assigns = tuple((a.asname or a.name).split(".")[0] for a in stmt.names if a.name != "*")
    elif isinstance(stmt, ast.Delete):
        for target in stmt.targets:
            _store_target(target, info)
    elif isinstance(stmt, (ast.Expr, ast.Return, ast.Raise)):
        for child in ast.iter_child_nodes(stmt):
            _scan(child, info)


def _store_target(target: ast.expr, info: LineInfo) -> None:
    if isinstance(target, ast.Name):
        info.assigns += (target.id,)
    elif isinstance(target, (ast.Tuple, ast.List)):
        for elt in target.elts:
            _store_target(elt, info)
    elif isinstance(target, ast.Starred):
        _store_target(target.value, info)
    elif isinstance(target, (ast.Subscript, ast.Attribute)):
        _add_mutation(info, target.value)
        _scan(target.value, info)
        if isinstance(target, ast.Subscript):
            _scan(target.slice, info)


def _bound_names(target: ast.expr) -> tuple[str, ...]:
    return tuple(n.id for n in ast.walk(target) if isinstance(n, ast.Name))


def _scan(node: ast.AST, info: LineInfo) -> None:
    """Record calls, method-call receivers, call arguments and walrus targets in `node`."""
    for sub in ast.walk(node):
        if isinstance(sub, ast.NamedExpr):
            info.assigns += (sub.target.id,)
        elif isinstance(sub, ast.Call):
            func = sub.func
            if isinstance(func, ast.Name) and func.id in PURE_NAMES:
                if func.id == "print":
                    info.calls = True
                continue
            info.calls = True
            if isinstance(func, ast.Attribute):
                _add_mutation(info, func.value)
            for arg in list(sub.args) + [k.value for k in sub.keywords]:
                if isinstance(arg, ast.Starred):
                    arg = arg.value
                if isinstance(arg, (ast.Name, ast.Attribute, ast.Subscript)):
                    _add_mutation(info, arg)


def _add_mutation(info: LineInfo, node: ast.expr) -> None:
    """Note `node` (and each object along its attribute/subscript chain) as possibly mutated."""
    while isinstance(node, (ast.Attribute, ast.Subscript, ast.Name)):
        if isinstance(node, (ast.Name, ast.Attribute)) or _simple_index(node):
            source = ast.unparse(node)
            if all(source != s for s, _ in info.mutates):
                try:
                    info.mutates += ((source, compile_expr(node)),)
                except Unsafe:
                    pass
        if isinstance(node, ast.Name):
            return
        node = node.value


def _simple_index(node: ast.Subscript) -> bool:
    return isinstance(node.slice, (ast.Name, ast.Constant, ast.BinOp, ast.UnaryOp))


# ---------------------------------------------------------------- explanatory values


def _condition_values(test: ast.expr) -> tuple[tuple[str, Compiled], ...]:
    """The condition itself and its operands, e.g. `a[i] > m` -> (a[i] > m, a[i], m). An operand that
    Python reaches only through `and`/`or` or a comparison chain carries that guard: it is recorded only
    when the guard holds (`dq and a[dq[-1]] <= a[i]` records no `a[i]` when `dq` is empty)."""
    parts = [(test, None)]
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        parts += _parts(test.operand, None)
    else:
        parts += _parts(test, None)
    return _compiled([expr for expr, _ in parts], guards={id(expr): guard for expr, guard in parts})


def _parts(node: ast.expr, guard: ast.expr | None) -> list[tuple[ast.expr, ast.expr | None]]:
    """`node`'s operands in evaluation order, each with the condition under which Python evaluates it."""
    if isinstance(node, ast.BoolOp):
        out = []
        for index, value in enumerate(node.values):
            inner = _and(guard, _reached(node, index))
            out.append((value, inner))
            out += _parts(value, inner)
        return out
    if isinstance(node, ast.Compare):
        operands = [node.left, *node.comparators]
        return [(operand, _and(guard, ast.Compare(node.left, node.ops[:index - 1], node.comparators[:index - 1])
                               if index >= 2 else guard))
                for index, operand in enumerate(operands)]
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        return [(node.operand, guard)] + _parts(node.operand, guard)
    if isinstance(node, ast.Call):
        return [(arg, guard) for arg in node.args]
    return []


def _reached(node: ast.BoolOp, index: int) -> ast.expr | None:
    """The condition for Python to evaluate operand `index` of an `and`/`or`."""
    if index == 0:
        return None
    before = node.values[0] if index == 1 else ast.BoolOp(node.op, node.values[:index])
    return before if isinstance(node.op, ast.And) else ast.UnaryOp(ast.Not(), before)


def _and(first: ast.expr | None, second: ast.expr | None) -> ast.expr | None:
    if first is None or second is None:
        return first or second
    return ast.BoolOp(ast.And(), [first, second])


def _operand_values(stmt: ast.stmt, info: LineInfo) -> tuple[tuple[str, Compiled], ...]:
    """Subscripts, attributes, arithmetic sub-expressions and pure calls a simple statement evaluates,
    in Python's evaluation order, up to the first step Python may skip or that may run user code."""
    found: list[ast.expr] = []
    value = getattr(stmt, "value", None)
    roots = [value] if isinstance(value, ast.expr) else []
    if isinstance(stmt, (ast.For, ast.AsyncFor)):
        roots = [stmt.iter]
    elif isinstance(stmt, ast.AugAssign) and isinstance(stmt.target, ast.Subscript):
        roots = [stmt.target] + roots  # `c[ord(ch) - 97] += 1`: the target's index comes first
    elif isinstance(stmt, ast.Assign):
        roots += [t for t in stmt.targets if isinstance(t, ast.Subscript)]  # after the value
    for root in roots:
        if not _collect_reads(root, found):
            break
    info.mutating = next((ast.unparse(e) for e in found if _is_mutating_call(e)), "")
    info.computed = frozenset(ast.unparse(e) for e in found if isinstance(e, COMPUTATIONS)) - {info.mutating}
    return _compiled(found, info.mutating)


COMPUTATIONS = (ast.BinOp, ast.UnaryOp, ast.Call)
PURE_NAMES = frozenset("""len abs min max sum sorted round divmod ord chr any all str int float pow bool range
gcd isqrt comb perm factorial sqrt floor ceil lcm hypot""".split())
PURE_METHOD_NAMES = frozenset().union(*PURE_METHODS.values())


def _is_pure_call(node: ast.Call) -> bool:
    """A call the safe evaluator may perform: a pure builtin, a `math` function or a pure method of a
    built-in type (checked again on the real objects when the expression is evaluated)."""
    func = node.func
    if isinstance(func, ast.Name):
        return func.id in PURE_NAMES
    return isinstance(func, ast.Attribute) and (func.attr in PURE_METHOD_NAMES or func.attr in PURE_NAMES)


MUTATING_METHOD_NAMES = frozenset().union(*MUTATING_METHODS.values())


def _is_mutating_call(node: ast.expr) -> bool:
    """A call of a mutating method of a built-in container, of a `heapq` function or of `next`, by
    its name (the safe evaluator checks the real objects)."""
    if not isinstance(node, ast.Call):
        return False
    func = node.func
    name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
    if isinstance(func, ast.Name) and name == "next":
        return bool(node.args)
    return name in HEAP_NAMES or isinstance(func, ast.Attribute) and name in MUTATING_METHOD_NAMES


def _collect_reads(node: ast.expr, found: list[ast.expr]) -> bool:
    """Append `node`'s explaining sub-expressions in evaluation order (operands before their result).
    False once a later part may not run (short-circuit, branches) or may run user code: stop there."""
    if isinstance(node, (ast.Constant, ast.Name)):
        return True
    if isinstance(node, ast.Lambda):
        return False
    if isinstance(node, COMPREHENSIONS):
        # its first iterable runs first, in this scope; the rest only counts as read when nothing
        # in it can run user code (the safe evaluator then computes the whole comprehension)
        return _collect_reads(node.generators[0].iter, found) and _pure_comprehension(node)
    if isinstance(node, (ast.BoolOp, ast.IfExp)):
        first = node.values[0] if isinstance(node, ast.BoolOp) else node.test
        _collect_reads(first, found)
        return False
    if isinstance(node, ast.Compare) and len(node.ops) > 1:
        _collect_reads(node.left, found) and _collect_reads(node.comparators[0], found)
        return False
    if isinstance(node, (ast.Subscript, ast.Attribute)) and isinstance(node.ctx, ast.Load):
        found.append(node)
        return True
    if isinstance(node, ast.Call):
        receiver = [node.func.value] if isinstance(node.func, ast.Attribute) else []
        parts = receiver + list(node.args) + [k.value for k in node.keywords]
    else:
        parts = [c for c in ast.iter_child_nodes(node) if isinstance(c, ast.expr)]
    if not all(_collect_reads(part, found) for part in parts):
        return False
    if _is_mutating_call(node):
        found.append(node)  # its result, computed on a copy just before it runs; what follows sees
        return False  # the changed container, so recording stops here
    if isinstance(node, ast.Call) and not _is_pure_call(node):
        return False
    if isinstance(node, ast.Call) or isinstance(node, COMPUTATIONS) and not all(
            isinstance(p, ast.Constant) for p in parts):
        found.append(node)
    return True


COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)


def _pure_comprehension(node: ast.expr) -> bool:
    """No call but pure ones, no lambda, no walrus and no `await` anywhere inside."""
    for sub in ast.walk(node):
        if isinstance(sub, (ast.Lambda, ast.NamedExpr, ast.Await, ast.Yield, ast.YieldFrom)):
            return False
        if isinstance(sub, ast.Call) and not _is_pure_call(sub):
            return False
    return True


def _compiled(exprs: list[ast.expr], mutating: str = "", guards: dict[int, ast.expr | None] | None = None
              ) -> tuple[tuple[str, Compiled], ...]:
    """Each expression compiled once; a mutating call only when it is `mutating` (the one call the
    evaluation-order walk reached last), never elsewhere (a condition's parts may not all run); an
    expression with a guard is evaluated only when its guard holds."""
    out: list[tuple[str, Compiled]] = []
    seen: set[str] = set()
    for expr in exprs:
        if isinstance(expr, (ast.Constant, ast.Name)):
            continue
        source = ast.unparse(expr)
        if source in seen:
            continue
        guard = (guards or {}).get(id(expr))
        try:
            if _is_mutating_call(expr):
                if source != mutating:
                    continue
                compiled = compile_mutating(expr)
            else:
                compiled = compile_expr(expr)
            out.append((source, compiled if guard is None else _guarded(compiled, compile_expr(guard))))
        except (Unsafe, KeyError):
            continue
        seen.add(source)
        if len(out) == MAX_WHY:
            break
    return tuple(out)


class NotEvaluated(Exception):
    """Python skips this operand on this run (its `and`/`or` or comparison chain stopped earlier)."""


def _guarded(compiled: Compiled, guard: Compiled) -> Compiled:
    def load(loc, glob):
        if not guard(loc, glob):  # the safe evaluator returns plain values only: bool() runs no user code
            raise NotEvaluated
        return compiled(loc, glob)
    return load


def for_iterable(header: str) -> str | None:
    """The iterable of a `for` header in canonical spelling (`for x in xs:` -> `xs`), or None."""
    text = header.strip()  # the header may span lines and carry comments (a line's source keeps them)
    for candidate in (text + "\n pass", text):  # a header alone, or a one-line loop with its body
        try:
            tree = ast.parse(candidate)
            break
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            continue
    else:
        return None
    node = tree.body[0] if tree.body else None
    return ast.unparse(node.iter) if isinstance(node, (ast.For, ast.AsyncFor)) else None
