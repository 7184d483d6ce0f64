"""Side-effect-free evaluation of small expressions (names, attributes, subscripts, arithmetic,
comparisons, a whitelist of pure builtins) that never runs user code; compiled once per expression."""

from __future__ import annotations

import ast
import builtins
import heapq
import itertools
import math
import operator
import types
from collections import deque
from typing import Any, Callable

from tracepile.values import _instance_dict


class Unsafe(Exception):
    """The expression cannot be evaluated without risking user code or a huge cost."""


PRIMITIVES = frozenset({int, float, bool, str, bytes, complex, type(None)})
CONTAINERS = frozenset({list, tuple, set, frozenset, dict, range, deque})
_PLAIN_TYPES = PRIMITIVES | CONTAINERS
_SIZED_SEQUENCES = frozenset({list, tuple})
MAX_PLAIN_ITEMS = 2_000
MAX_RESULT_LEN = 100_000

Compiled = Callable[[dict, dict], Any]


def is_plain(value: Any, budget: list[int] | None = None) -> bool:
    """Built of primitives and built-in containers only (so ==, <, hash and str run no user code),
    MAX_PLAIN_ITEMS container items in all at most. The answer does not depend on the order in which
    items are visited, so each container's item types are checked at C speed first."""
    cls = type(value)
    if cls in PRIMITIVES:
        return True
    if cls not in CONTAINERS:
        return False
    if cls is range:
        return True
    if budget is None:
        if _verdicts is None:
            return is_plain(value, [MAX_PLAIN_ITEMS])
        kept = _verdicts.get(id(value))
        if kept is None or kept[0] is not value:
            kept = _verdicts[id(value)] = (value, is_plain(value, [MAX_PLAIN_ITEMS]))
        return kept[1]
    budget[0] -= len(value)
    if budget[0] < 0:
        return False
    items = itertools.chain(dict.keys(value), dict.values(value)) if cls is dict else value
    kinds = set(map(type, items))
    if kinds <= PRIMITIVES:
        return True
    if not kinds <= _PLAIN_TYPES:
        return False
    items = itertools.chain(dict.keys(value), dict.values(value)) if cls is dict else value
    nested = [item for item in items if type(item) not in PRIMITIVES]
    if kinds - PRIMITIVES <= _SIZED_SEQUENCES:  # rows of a table, tuples in a heap: one level at once
        budget[0] -= sum(map(len, nested))
        if budget[0] < 0:
            return False
        kinds = set(map(type, itertools.chain.from_iterable(nested)))
        if kinds <= PRIMITIVES:
            return True
        if not kinds <= _PLAIN_TYPES:
            return False
        nested = [item for item in itertools.chain.from_iterable(nested) if type(item) not in PRIMITIVES]
    return all(is_plain(item, budget) for item in nested)


_verdicts: dict[int, tuple[Any, bool]] | None = None  # see same_moment


def begin_moment() -> None:
    """Evaluations from here to `end_moment` see one unchanging program state (a tracer event), so
    is_plain's verdict on a container is kept and reused by identity until then."""
    global _verdicts
    _verdicts = {}


def end_moment() -> None:
    global _verdicts
    _verdicts = None


class same_moment:
    """`with same_moment():` the block is one moment (see begin_moment)."""

    def __enter__(self) -> None:
        begin_moment()

    def __exit__(self, *exc_info) -> None:
        end_moment()


def _plain(value: Any) -> Any:
    if type(value) not in PRIMITIVES and not is_plain(value):
        raise Unsafe("operand is not a plain built-in value")
    return value


def _key(value: Any) -> Any:
    if type(value) in PRIMITIVES or (type(value) is tuple and is_plain(value)):
        return value
    raise Unsafe("key is not a plain built-in value")


# ---------------------------------------------------------------- operators


def _checked_pow(a, b):
    if type(b) is int and abs(b) > 4096 and type(a) is int and abs(a) > 1:
        raise Unsafe("power too large")
    return a ** b


_REPEATABLE = frozenset({str, bytes, list, tuple})


def _checked_mul(a, b):
    if type(a) in _REPEATABLE or type(b) in _REPEATABLE:
        for seq, n in ((a, b), (b, a)):
            if type(seq) in _REPEATABLE and type(n) is int and len(seq) * n > MAX_RESULT_LEN:
                raise Unsafe("repetition too large")
    return a * b


def _checked_lshift(a, b):
    if type(b) is int and b > 4096:
        raise Unsafe("shift too large")
    return a << b


def _checked_mod(a, b):
    if type(a) is str:
        _plain(b)
    return a % b


BINOPS = {
    ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: _checked_mul,
    ast.Div: operator.truediv, ast.FloorDiv: operator.floordiv, ast.Mod: _checked_mod,
    ast.Pow: _checked_pow, ast.LShift: _checked_lshift, ast.RShift: operator.rshift,
    ast.BitOr: operator.or_, ast.BitXor: operator.xor, ast.BitAnd: operator.and_,
}
UNARYOPS = {ast.UAdd: operator.pos, ast.USub: operator.neg, ast.Not: operator.not_,
            ast.Invert: operator.invert}
CMPOPS = {
    ast.Eq: operator.eq, ast.NotEq: operator.ne, ast.Lt: operator.lt, ast.LtE: operator.le,
    ast.Gt: operator.gt, ast.GtE: operator.ge, ast.Is: operator.is_, ast.IsNot: operator.is_not,
    ast.In: lambda a, b: a in b, ast.NotIn: lambda a, b: a not in b,
}

PURE_BUILTINS = {
    builtins.len, builtins.abs, builtins.min, builtins.max, builtins.sum, builtins.sorted,
    builtins.round, builtins.divmod, builtins.ord, builtins.chr, builtins.any, builtins.all,
    builtins.str, builtins.int, builtins.float, builtins.bool, builtins.list, builtins.tuple,
    builtins.set, builtins.frozenset, builtins.dict, builtins.repr, builtins.hex, builtins.bin, builtins.range,
    builtins.pow, math.gcd, math.isqrt, math.sqrt, math.floor, math.ceil, math.log, math.log2, math.log10,
    math.exp, math.sin, math.cos, math.hypot, math.fabs, math.trunc, math.lcm, math.dist,
}
_UNCHECKED_BUILTINS = PURE_BUILTINS - {builtins.int, builtins.pow}  # no argument check of their own
BOUNDED = {math.comb: 10_000, math.perm: 10_000, math.factorial: 2_000}  # largest argument evaluated
PURE_METHODS = {
    str: {"upper", "lower", "strip", "lstrip", "rstrip", "split", "startswith", "endswith", "find",
          "rfind", "count", "isdigit", "isalpha", "isalnum", "isspace", "isupper", "islower",
          "join", "replace", "title", "capitalize", "zfill", "swapcase", "index", "rsplit"},
    list: {"count", "index", "copy"}, tuple: {"count", "index"},
    dict: {"get", "keys", "values", "items", "copy"},
    set: {"issubset", "issuperset", "union", "intersection", "difference", "copy"},
    frozenset: {"issubset", "issuperset", "union", "intersection", "difference"},
    bytes: {"decode", "count", "find"}, int: {"bit_length", "bit_count"}, float: {"is_integer"},
}


# ---------------------------------------------------------------- compiler


def compile_expr(source: str | ast.expr) -> Compiled:
    """Compile an expression to a function `(locals, globals) -> value` that raises Unsafe."""
    node = ast.parse(source, mode="eval").body if isinstance(source, str) else source
    return _compile(node)


def _compile(node: ast.expr) -> Compiled:
    builder = _BUILDERS.get(type(node))
    if builder is None:
        raise Unsafe(f"{type(node).__name__} is not evaluated")
    return builder(node)


def _constant(node: ast.Constant) -> Compiled:
    value = node.value
    return lambda loc, glob: value


def _name(node: ast.Name) -> Compiled:
    name = node.id
    missing = object()

    def load(loc, glob):
        value = loc.get(name, missing)
        if value is missing:
            value = glob.get(name, missing)
            if value is missing:
                table = glob.get("__builtins__")
                table = table if type(table) is dict else getattr(table, "__dict__", {})
                value = table.get(name, missing)
                if value is missing:
                    raise Unsafe(f"name {name!r} is not bound")
        return value
    return load


def _attribute(node: ast.Attribute) -> Compiled:
    base, attr = _compile(node.value), node.attr

    def load(loc, glob):
        obj = base(loc, glob)
        if isinstance(obj, types.ModuleType):
            table = types.ModuleType.__dict__["__dict__"].__get__(obj)
        elif type(obj) in PRIMITIVES or type(obj) in CONTAINERS:
            raise Unsafe("attribute of a built-in value")
        else:
            table = _instance_dict(obj)
        if attr not in table:
            raise Unsafe(f"attribute {attr!r} is not a plain instance attribute")
        return table[attr]
    return load


def _subscript(node: ast.Subscript) -> Compiled:
    base = _compile(node.value)
    index = _slice(node.slice)

    def load(loc, glob):
        obj = base(loc, glob)
        cls = type(obj)
        key = index(loc, glob)
        if cls in (list, tuple, str, bytes, range):
            if type(key) not in (int, bool, slice):
                raise Unsafe("sequence index is not an int or slice")
            return obj[key]
        if cls is dict:
            return dict.__getitem__(obj, _key(key))
        raise Unsafe(f"subscript of {cls.__name__} is not evaluated")
    return load


def _slice(node: ast.expr) -> Compiled:
    if not isinstance(node, ast.Slice):
        return _compile(node)
    parts = [None if p is None else _compile(p) for p in (node.lower, node.upper, node.step)]

    def load(loc, glob):
        values = [None if p is None else p(loc, glob) for p in parts]
        if any(v is not None and type(v) is not int for v in values):
            raise Unsafe("slice bound is not an int")
        return slice(*values)
    return load


def _binop(node: ast.BinOp) -> Compiled:
    op = BINOPS.get(type(node.op))
    if op is None:
        raise Unsafe("operator not evaluated")
    left, right = _compile(node.left), _compile(node.right)

    def load(loc, glob):
        a, b = left(loc, glob), right(loc, glob)
        if type(a) not in PRIMITIVES or type(b) not in PRIMITIVES:
            _plain(a), _plain(b)
        return op(a, b)
    return load


def _unaryop(node: ast.UnaryOp) -> Compiled:
    op, operand = UNARYOPS[type(node.op)], _compile(node.operand)
    return lambda loc, glob: op(_plain(operand(loc, glob)))


def _boolop(node: ast.BoolOp) -> Compiled:
    values = [_compile(v) for v in node.values]
    is_and = isinstance(node.op, ast.And)

    def load(loc, glob):
        result = None
        for value in values:
            result = _plain(value(loc, glob))
            if bool(result) != is_and:
                return result
        return result
    return load


def _compare(node: ast.Compare) -> Compiled:
    ops = [CMPOPS[type(op)] for op in node.ops]
    operands = [_compile(node.left)] + [_compile(c) for c in node.comparators]
    membership = [isinstance(op, (ast.In, ast.NotIn)) for op in node.ops]

    if len(ops) == 1 and not membership[0]:
        op, left_fn, right_fn = ops[0], operands[0], operands[1]

        def load_simple(loc, glob):
            left, right = left_fn(loc, glob), right_fn(loc, glob)
            if type(left) not in PRIMITIVES or type(right) not in PRIMITIVES:
                _plain(left), _plain(right)
            return op(left, right)
        return load_simple

    def load(loc, glob):
        left = operands[0](loc, glob)
        for op, member, right_fn in zip(ops, membership, operands[1:]):
            right = right_fn(loc, glob)
            if member and type(right) in (dict, set, frozenset):
                _key(left)
            else:
                _plain(left), _plain(right)
            if not op(left, right):
                return False
            left = right
        return True
    return load


def _ifexp(node: ast.IfExp) -> Compiled:
    test, body, orelse = _compile(node.test), _compile(node.body), _compile(node.orelse)
    return lambda loc, glob: body(loc, glob) if _plain(test(loc, glob)) else orelse(loc, glob)


def _sequence(node: ast.List | ast.Tuple) -> Compiled:
    items = [_compile(e) for e in node.elts]
    make = list if isinstance(node, ast.List) else tuple
    return lambda loc, glob: make(item(loc, glob) for item in items)


def _call(node: ast.Call) -> Compiled:
    if node.keywords and any(k.arg is None for k in node.keywords):
        raise Unsafe("** in call")
    args = [_compile(a) for a in node.args]
    kwargs = {k.arg: _compile(k.value) for k in node.keywords}
    if isinstance(node.func, ast.Attribute):
        receiver, method = _compile(node.func.value), node.func.attr
        module_function = _attribute(node.func)

        def call_method(loc, glob):
            obj = receiver(loc, glob)
            if isinstance(obj, types.ModuleType):
                return _call_pure(module_function(loc, glob), args, kwargs, loc, glob)
            obj = _plain(obj)
            if method not in PURE_METHODS.get(type(obj), ()):
                raise Unsafe(f"method {method!r} is not whitelisted")
            values = [_plain(a(loc, glob)) for a in args]
            return getattr(obj, method)(*values, **{k: _plain(v(loc, glob)) for k, v in kwargs.items()})
        return call_method
    func = _compile(node.func)

    def call(loc, glob):
        return _call_pure(func(loc, glob), args, kwargs, loc, glob)
    return call


def _call_pure(target, args: list[Compiled], kwargs: dict[str, Compiled], loc: dict, glob: dict):
    """Call a whitelisted pure builtin or `math` function on plain values, within size bounds."""
    if target not in PURE_BUILTINS and target not in BOUNDED:
        raise Unsafe("call of a function that is not a whitelisted pure builtin")
    values = [_plain(a(loc, glob)) for a in args]
    if not kwargs and target in _UNCHECKED_BUILTINS:
        return target(*values)
    if target is builtins.int and len(values) == 1 and type(values[0]) is str and len(values[0]) > 4000:
        raise Unsafe("int() of a huge string")
    if target is builtins.pow and len(values) == 2:
        return _checked_pow(*values)
    if target in BOUNDED and any(type(v) is not int or v > BOUNDED[target] for v in values):
        raise Unsafe("argument too large")
    return target(*values, **{k: _plain(v(loc, glob)) for k, v in kwargs.items()})


MAX_COMPREHENSION_STEPS = 2_000


def _comprehension(node: ast.ListComp | ast.SetComp | ast.DictComp | ast.GeneratorExp) -> Compiled:
    """A comprehension over plain iterables with pure parts, computed in a scope of its own (a
    generator expression gives the list of its items: only pure calls consume it)."""
    loops = []
    for gen in node.generators:
        if gen.is_async:
            raise Unsafe("async comprehension")
        loops.append((_binder(gen.target), _compile(gen.iter), [_compile(c) for c in gen.ifs]))
    if isinstance(node, ast.DictComp):
        key, value = _compile(node.key), _compile(node.value)
        item = lambda scope, glob: (_key(key(scope, glob)), value(scope, glob))  # noqa: E731
    else:
        item = _compile(node.elt)
    make = {ast.ListComp: list, ast.GeneratorExp: list, ast.SetComp: set, ast.DictComp: dict}[type(node)]

    def load(loc, glob):
        scope, out, steps = dict(loc), [], [MAX_COMPREHENSION_STEPS]

        def walk(depth: int) -> None:
            if depth == len(loops):
                out.append(_plain(item(scope, glob)))
                return
            bind, iterable, conditions = loops[depth]
            for element in _plain(iterable(scope, glob)):
                steps[0] -= 1
                if steps[0] < 0:
                    raise Unsafe("comprehension too long")
                bind(scope, element)
                if all(_plain(test(scope, glob)) for test in conditions):
                    walk(depth + 1)
        walk(0)
        return make(out)
    return load


def _binder(target: ast.expr) -> Callable[[dict, Any], None]:
    """Assignment of one item to a comprehension target: a name or a (nested) tuple of names."""
    if isinstance(target, ast.Name):
        name = target.id

        def bind(scope, value):
            scope[name] = value
        return bind
    if isinstance(target, (ast.Tuple, ast.List)) and not any(isinstance(e, ast.Starred) for e in target.elts):
        parts = [_binder(e) for e in target.elts]

        def unpack(scope, value):
            if type(value) not in (tuple, list, str) or len(value) != len(parts):
                raise Unsafe("item does not unpack into the target")
            for part, item in zip(parts, value):
                part(scope, item)
        return unpack
    raise Unsafe("comprehension target is not a name or a tuple of names")


# mutating calls of built-in containers whose result and effect depend only on the container and the
# arguments (not `set.pop`: which element it returns depends on the set's memory layout)
MUTATING_METHODS = {
    list: {"append", "extend", "insert", "pop", "remove", "sort", "reverse", "clear"},
    deque: {"append", "appendleft", "extend", "extendleft", "pop", "popleft", "remove", "rotate", "insert",
            "reverse", "clear"},
    dict: {"pop", "popitem", "setdefault", "update", "clear"},
    set: {"add", "discard", "remove", "update", "clear", "difference_update", "intersection_update"},
}
HEAP_FUNCTIONS = frozenset({heapq.heappush, heapq.heappop, heapq.heappushpop, heapq.heapreplace})
HEAP_NAMES = frozenset(f.__name__ for f in HEAP_FUNCTIONS)


def compile_mutating(node: ast.Call) -> Compiled:
    """A mutating call (`q.popleft()`, `heapq.heappush(h, x)`, `next(it)`) computed on a copy of its
    plain container with plain arguments (for `next`, read from the iterator's position): what the
    real call returns, without changing anything. Valid
    only just before the call runs: the analysis records it only where nothing runs between."""
    if node.keywords and any(k.arg is None for k in node.keywords):
        raise Unsafe("** in call")
    args = [_compile(a) for a in node.args]
    kwargs = {k.arg: _compile(k.value) for k in node.keywords}
    func = node.func
    if isinstance(func, ast.Attribute) and func.attr not in HEAP_NAMES:
        receiver, method = _compile(func.value), func.attr

        def call_method(loc, glob):
            obj = receiver(loc, glob)
            if method not in MUTATING_METHODS.get(type(obj), ()):
                raise Unsafe(f"method {method!r} is not a known mutating method of a built-in container")
            copy = _copy(_plain(obj))
            values = [_plain(a(loc, glob)) for a in args]
            return getattr(copy, method)(*values, **{k: _plain(v(loc, glob)) for k, v in kwargs.items()})
        return call_method
    callee = _compile(func)

    def call_function(loc, glob):
        function = callee(loc, glob)
        if function is builtins.next and not kwargs and 1 <= len(args) <= 2:
            return _next_item(args[0](loc, glob), *[_plain(a(loc, glob)) for a in args[1:]])
        values = [_plain(a(loc, glob)) for a in args]
        if function not in HEAP_FUNCTIONS or kwargs or not values or type(values[0]) is not list:
            raise Unsafe("not a heapq function on a list")
        return function(_copy(values[0]), *values[1:])
    return call_function


SEQUENCE_ITERATORS = frozenset(type(iter(empty)) for empty in ([], (), "", "\u00e9", range(0)))
_NO_DEFAULT = object()


def _next_item(iterator, default=_NO_DEFAULT):
    """What `next(iterator[, default])` returns, for an iterator over a list, tuple, str or range,
    read from its position (its pickle state: the sequence and the index) without advancing it."""
    if type(iterator) not in SEQUENCE_ITERATORS:
        raise Unsafe("next() of an iterator that is not over a built-in sequence")
    state = type(iterator).__reduce__(iterator)
    if len(state) == 3 and type(state[2]) is int and 0 <= state[2] < len(state[1][0]):
        return _plain(state[1][0][state[2]])
    if default is _NO_DEFAULT:
        raise Unsafe("the iterator is exhausted: next() raises StopIteration")
    return default


def _copy(container):
    if type(container) is deque:
        return deque(container, container.maxlen)
    return type(container)(container)


_BUILDERS = {
    ast.Constant: _constant, ast.Name: _name, ast.Attribute: _attribute,
    ast.Subscript: _subscript, ast.BinOp: _binop, ast.UnaryOp: _unaryop, ast.BoolOp: _boolop,
    ast.Compare: _compare, ast.IfExp: _ifexp, ast.List: _sequence, ast.Tuple: _sequence,
    ast.Call: _call, ast.ListComp: _comprehension, ast.SetComp: _comprehension, ast.DictComp: _comprehension,
    ast.GeneratorExp: _comprehension,
}


def evaluate(compiled: Compiled, loc: dict, glob: dict) -> tuple[bool, Any]:
    """Run a compiled expression: (True, value), or (False, None) when it is unsafe or raises."""
    try:
        return True, compiled(loc, glob)
    except Exception:  # noqa: BLE001 - any failure just means "no value recorded"
        return False, None
