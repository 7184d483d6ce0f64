"""Safe rendering of runtime values to text, and reading that text back.
Never calls user code (`__repr__`, `__eq__`, `__hash__`, `__len__`, ...): only exact built-in types are
formatted as literals, user objects are summarised by class and attributes, big values are truncated
with the marker `…(+N)` (N items, characters or digits left out) that the verifier understands."""

from __future__ import annotations

import ast
import collections
import enum
import decimal
import fractions
import functools
import io
import itertools
import math
import operator
import re
import types

from tracepile.library_values import library_repr

TRUNCATION = "…"
MARKER_RE = re.compile(r"…\(\+\d+\)")
MAX_DEPTH = 8
BIG_INT_BITS = 3000  # beyond ~900 digits an int is shown by its leading digits only

_SIMPLE = (bool, type(None), type(Ellipsis))
_MUTABLE_TYPES = (list, dict, set, bytearray, collections.deque)
_getset = types.GetSetDescriptorType
_member = types.MemberDescriptorType
_type_name = type.__dict__["__name__"].__get__
_type_dict = type.__dict__["__dict__"].__get__
_type_mro = type.__dict__["__mro__"].__get__


def render(value: object, max_chars: int = 400) -> str:
    """Render `value` as text of at most about `max_chars` characters."""
    text = _fast(value, max_chars, None)
    if text is not None:
        return text
    out = _Renderer(max_chars, None)
    out.value(value, 0)
    return "".join(out.parts)


def render_tracked(value: object, max_chars: int, mutable_ids: set[int]) -> str:
    """Like `render`, and add the id of every mutable object seen to `mutable_ids`."""
    text, seen = render_watched(value, max_chars)
    mutable_ids.update(seen)
    return text


def render_watched(value: object, max_chars: int) -> tuple[str, dict[int, object]]:
    """Like `render`, with every mutable object seen (id -> object): the text changes only when one of
    them changes in place or `value` is another object."""
    seen: dict[int, object] = {}
    text = _fast(value, max_chars, seen)
    if text is not None:
        return text, seen
    out = _Renderer(max_chars, seen)
    out.value(value, 0)
    return "".join(out.parts), seen


_LEAVES = frozenset({int, float, bool, type(None), str})
_FAST_ITEMS = 64


def _fast(value: object, max_chars: int, ids: dict[int, object] | None) -> str | None:
    """C-level repr for exact built-in scalars and small containers of them (no user code can run:
    every type involved is checked exactly first); None means 'use the full renderer'."""
    cls = type(value)
    if cls is int:
        return int.__repr__(value) if int.bit_length(value) <= BIG_INT_BITS else None
    if cls is str:
        return repr(value) if len(value) <= max_chars else None
    if cls in _LEAVES:
        return repr(value)
    if cls is range:
        return range.__repr__(value)
    if cls is list or cls is tuple:
        if len(value) > _FAST_ITEMS:
            return _fast_long(value, cls, max_chars, ids)
        kinds = set(map(type, value))
        if str in kinds and _text_size(value) > max_chars:
            return None  # the full renderer truncates long strings without building them whole
        if kinds <= _LEAVES:
            nested = ()
        elif kinds <= _CONTAINERS_OF_LEAVES:
            big = 3 * sum(len(item) for item in value if type(item) in (list, tuple)) > max_chars
            if big and str not in kinds:  # a number table that would be cut: cut it where rendering does
                text = _fast_table(value, cls, max_chars, ids)
                if text is not None:
                    return text
            if not all(_flat(item) for item in value):
                return None
            if big:
                return _fast_table(value, cls, max_chars, ids)  # would be cut: cut it the same way
            nested = value
        else:
            return None
    elif cls is dict and len(value) > _FAST_ITEMS:
        return _fast_long_dict(value, max_chars, ids)
    elif cls is collections.deque:
        return _fast_deque(value, max_chars, ids)
    elif cls is dict or cls is set:
        if len(value) > _FAST_ITEMS or not set(map(type, value)) <= _LEAVES:
            return None
        if cls is dict and not set(map(type, dict.values(value))) <= _LEAVES:
            return None
        if _text_size(value) + (_text_size(dict.values(value)) if cls is dict else 0) > max_chars:
            return None
        nested = ()
    elif cls not in _HANDLERS and type(cls) is type and len(_type_mro(cls)) == 2:
        return _fast_object(value, cls, max_chars, ids)
    else:
        return None
    try:
        text = repr(value)
    except ValueError:  # an int beyond sys.int_info's digit limit
        return None
    if len(text) > max_chars:
        return None
    if ids is not None:
        if cls is not tuple:
            ids[id(value)] = value
        ids.update((id(item), item) for item in nested if type(item) is list)
    return text


_CONTAINERS_OF_LEAVES = _LEAVES | {list, tuple}


_NUMERIC_LEAVES = frozenset({int, float, bool, type(None)})


def _fast_long_dict(value: dict, max_chars: int, ids: dict[int, object] | None) -> str | None:
    """A long dict of numbers, cut exactly where the full renderer would cut it."""
    head = dict(itertools.islice(dict.items(value), max_chars // 6 + 2))
    if not set(map(type, head)) <= _NUMERIC_LEAVES or not set(map(type, head.values())) <= _NUMERIC_LEAVES:
        return None
    try:
        joined = repr(head)[1:-1]
    except ValueError:
        return None
    text = _cut(joined, len(value), max_chars, "{", "}")
    if text is not None and ids is not None:
        ids[id(value)] = value
    return text


_FAST_OBJECT_DEPTH = 3  # plain objects nested deeper (a linked list) go to the full renderer


def _fast_object(value, cls, max_chars: int, ids: dict[int, object] | None, path: tuple[int, ...] = ()) -> str | None:
    """`Name(a=1, b=[2, …(+9)])` for an instance of a plain class whose attributes render fast (plain
    objects nested a few deep, never on a cycle), each cut with the budget the full renderer has left."""
    if any(type(d) is _member for d in _type_dict(cls).values()):
        return None  # __slots__: the full renderer handles them
    attrs = _instance_dict(value)
    if not attrs:
        return None
    name = _type_name(cls)
    inner = {} if ids is not None else None
    path += (id(value),)
    parts = []
    budget = max_chars - len(name) - 1
    for index, (key, item) in enumerate(attrs.items()):
        budget -= 2 if index else 0
        if budget <= 0:
            parts.append(f"{TRUNCATION}(+{len(attrs) - index})")
            break
        if type(key) is not str:
            return None
        budget -= len(key) + 1
        kind = type(item)
        if kind not in _HANDLERS and type(kind) is type and len(_type_mro(kind)) == 2:
            if len(path) >= _FAST_OBJECT_DEPTH or id(item) in path:
                return None
            text = _fast_object(item, kind, budget, inner, path)
        else:
            text = _fast(item, budget, inner)
        if text is None:
            return None
        parts.append(f"{key}={text}")
        budget -= len(text)
    if ids is not None:
        ids[id(value)] = value
        ids.update(inner)
    return f"{name}({', '.join(parts)})"


def _fast_long(value, cls, max_chars: int, ids: dict[int, object] | None) -> str | None:
    """A long list/tuple of leaves, cut exactly where the full renderer would cut it. The text depends
    only on the class, the length and the (immutable) items shown: the last one per list is kept and
    reused while those are the same objects (a sieve's flag list changing past its shown part)."""
    head = value[: max_chars // 3 + 2]
    key = id(value)
    kept = _LONG_TEXTS.get(key)
    if kept is not None and kept[0] is cls and kept[1] == len(value) and kept[2] == max_chars \
            and len(kept[3]) == len(head) and all(map(operator.is_, head, kept[3])):
        text = kept[4]
    else:
        kinds = set(map(type, head))
        if not kinds <= _LEAVES or str in kinds:
            return _fast_table(value, cls, max_chars, ids) if kinds <= _ROW_ITEMS else None
        try:
            joined = ", ".join(map(repr, head))
        except ValueError:
            return None
        open_, close = ("[", "]") if cls is list else ("(", ")")
        text = _cut(joined, len(value), max_chars, open_, close)
        if len(_LONG_TEXTS) >= 64:
            _LONG_TEXTS.clear()
        _LONG_TEXTS[key] = (cls, len(value), max_chars, head, text)
    if text is not None and ids is not None and cls is list:
        ids[key] = value
    return text


_LONG_TEXTS: dict[int, tuple] = {}  # id of a long list -> (class, length, max_chars, items shown, text)


_BRACKETS = {list: ("[", "]"), tuple: ("(", ")")}


_ROW_ITEMS = _NUMERIC_LEAVES | {list, tuple}


def _fast_deque(value: collections.deque, max_chars: int, ids: dict[int, object] | None) -> str | None:
    """`deque([...])` of numbers and number rows (a BFS queue), as the full renderer writes it."""
    inner = {} if ids is not None else None
    text = _fast_table(value, list, max_chars - len("deque("), inner)
    if text is None:
        return None
    if ids is not None:
        ids[id(value)] = value
        ids.update(inner)
    return f"deque({text})"


def _fast_table(value, cls, max_chars: int, ids: dict[int, object] | None) -> str | None:
    """A list/tuple of numbers and of number rows (a DP table, a heap of pairs): the full renderer's
    output, item by item with the budget it has left (only the items shown are looked at)."""
    if cls is tuple and len(value) == 1:
        return None  # "(x,)" has its own comma: leave it to the full renderer
    budget = max_chars - 1
    parts = [_BRACKETS[cls][0]]
    seen = []
    for index, row in enumerate(value):
        if index:
            parts.append(", ")
            budget -= 2
        if budget <= 0:
            parts.append(f"{TRUNCATION}(+{len(value) - index})")
            break
        kind = type(row)
        if kind in _NUMERIC_LEAVES:
            if kind is int and int.bit_length(row) > BIG_INT_BITS:
                return None
            text = repr(row)
            parts.append(text)
            budget -= len(text)
            continue
        if kind not in _BRACKETS:
            return None
        if kind is tuple and len(row) == 1:
            return None  # "(x,)" has its own comma: leave it to the full renderer
        text = _short_row_text(row, budget) if len(row) <= _SHORT_ROW else None
        if text is None:
            if not set(map(type, row[: budget // 3 + 2])) <= _NUMERIC_LEAVES:
                return None
            text = _row_text(row, kind, budget)
            if text is None:
                return None
        parts.append(text)
        budget -= len(text)
        seen.append(row)
    parts.append(_BRACKETS[cls][1])
    if ids is not None:
        if cls is list:
            ids[id(value)] = value
        ids.update((id(row), row) for row in seen if type(row) is list)
    return "".join(parts)


_SHORT_ROW = 16


def _short_row_text(row, budget: int) -> str | None:
    """A short row of numbers (a heap entry) in one C repr when the budget shows all of it (every
    item then starts before the budget runs out); None when it would be cut or holds anything else."""
    if not set(map(type, row)) <= _NUMERIC_LEAVES:
        return None
    try:
        text = repr(row)
    except ValueError:  # an int beyond sys.int_info's digit limit
        return None
    return text if len(text) <= budget and len(text) < 900 else None  # < 900: no big int inside


def _row_text(row, kind, budget: int) -> str | None:
    open_, close = _BRACKETS[kind]
    head = row[: budget // 3 + 2]
    try:
        joined = ", ".join(map(repr, head))
    except ValueError:
        return None
    if len(joined) > 900 and any(type(x) is int and int.bit_length(x) > BIG_INT_BITS for x in head):
        return None  # a big int is shown by its leading digits: the full renderer handles it
    cut = _cut(joined, len(row), budget, open_, close)
    if cut is not None:
        return cut
    if len(head) < len(row):
        return None
    return f"{open_}{joined}{close}"


def _cut(joined: str, total: int, max_chars: int, open_: str, close: str) -> str | None:
    """`joined` items (", "-separated, none containing ", ") cut where the full renderer cuts:
    item i is shown iff it starts before max_chars - 1; None when nothing needs cutting."""
    if max_chars <= 1 and total:
        return f"{open_}{TRUNCATION}(+{total}){close}"  # no room even for the first item
    cut_at = joined.find(", ", max(max_chars - 3, 0))
    if cut_at < 0:
        return None
    shown = joined[:cut_at]
    return f"{open_}{shown}, {TRUNCATION}(+{total - shown.count(', ') - 1}){close}"


def _flat(item: object) -> bool:
    cls = type(item)
    return cls in _LEAVES or (len(item) <= _FAST_ITEMS and set(map(type, item)) <= _LEAVES
                              and _text_size(item) <= 4096)


def _text_size(items) -> int:
    """Characters held by the strings among `items` (a cheap bound before building a repr)."""
    return sum(len(x) for x in items if type(x) is str)


def is_truncated(text: str) -> bool:
    return TRUNCATION in text


class _Renderer:
    __slots__ = ("budget", "parts", "ids", "stack")

    def __init__(self, budget: int, ids: dict[int, object] | None):
        self.budget = budget
        self.parts: list[str] = []
        self.ids = ids
        self.stack: set[int] = set()

    def emit(self, text: str) -> None:
        self.parts.append(text)
        self.budget -= len(text)

    def value(self, obj: object, depth: int) -> None:
        cls = type(obj)
        handler = _HANDLERS.get(cls)
        if handler is not None:
            handler(self, obj, depth)
        else:
            self.other(obj, cls, depth)

    # ---- scalars
    def scalar(self, obj: object, depth: int) -> None:
        self.emit(repr(obj))

    def integer(self, obj: int, depth: int) -> None:
        if int.bit_length(obj) > BIG_INT_BITS:
            exponent = math.log10(abs(obj))
            digits = int(exponent) + 1
            head = str(int(10 ** (exponent - int(exponent) + 11)))[:12]
            self.emit(f"{'-' if obj < 0 else ''}{head}{TRUNCATION}(+{digits - len(head)})")
        else:
            self.emit(int.__repr__(obj))

    def text(self, obj: str | bytes, depth: int) -> None:
        limit = max(self.budget, 16)
        if len(obj) <= limit:
            self.emit(repr(obj))
        else:
            self.emit(repr(obj[:limit]) + f"{TRUNCATION}(+{len(obj) - limit})")

    # ---- containers
    def sequence(self, items, count: int, open_: str, close: str, depth: int, single_comma=False):
        self.emit(open_)
        for i, item in enumerate(items):
            if i:
                self.emit(", ")
            if self.budget <= 0:
                self.emit(f"{TRUNCATION}(+{count - i})")
                break
            self.value(item, depth + 1)
        if single_comma and count == 1:
            self.emit(",")
        self.emit(close)

    def guarded(self, obj: object, depth: int, body, placeholder: str) -> None:
        key = id(obj)
        if key in self.stack or depth > MAX_DEPTH:
            self.emit(placeholder)
            return
        if self.ids is not None and _is_tracked(type(obj)):
            self.ids[key] = obj
        self.stack.add(key)
        body()
        self.stack.discard(key)

    def list_(self, obj: list, depth: int) -> None:
        self.guarded(obj, depth, lambda: self.sequence(list.__iter__(obj), list.__len__(obj), "[", "]", depth), "[...]")

    def tuple_(self, obj: tuple, depth: int) -> None:
        n = tuple.__len__(obj)
        self.guarded(obj, depth, lambda: self.sequence(tuple.__iter__(obj), n, "(", ")", depth, True), "(...)")

    def set_(self, obj, depth: int) -> None:
        cls = type(obj)
        n = cls.__len__(obj)
        if n == 0:
            self.emit("set()" if cls is set else "frozenset()")
            return
        wrap = ("{", "}") if cls is set else ("frozenset({", "})")
        self.guarded(obj, depth, lambda: self.sequence(cls.__iter__(obj), n, *wrap, depth), "{...}")

    def dict_items(self, obj: dict, depth: int) -> None:
        n = dict.__len__(obj)
        self.emit("{")
        for i, (k, v) in enumerate(dict.items(obj)):
            if i:
                self.emit(", ")
            if self.budget <= 0:
                self.emit(f"{TRUNCATION}(+{n - i})")
                break
            self.value(k, depth + 1)
            self.emit(": ")
            self.value(v, depth + 1)
        self.emit("}")

    def dict_(self, obj: dict, depth: int) -> None:
        self.guarded(obj, depth, lambda: self.dict_items(obj, depth), "{...}")

    def wrapped(self, name: str, obj, depth: int, inner, prefix: str = "") -> None:
        def body():
            self.emit(f"{name}({prefix}")
            inner()
            self.emit(")")
        self.guarded(obj, depth, body, f"{name}(...)")

    def deque_(self, obj, depth: int) -> None:
        items = collections.deque.__iter__(obj)
        n = collections.deque.__len__(obj)
        self.wrapped("deque", obj, depth, lambda: self.sequence(items, n, "[", "]", depth))

    def counter_(self, obj, depth: int) -> None:
        self.wrapped("Counter", obj, depth, lambda: self.dict_items(obj, depth))

    def ordered_(self, obj, depth: int) -> None:
        self.wrapped("OrderedDict", obj, depth, lambda: self.dict_items(obj, depth))

    def defaultdict_(self, obj, depth: int) -> None:
        factory = obj.default_factory
        name = _type_name(factory) if isinstance(factory, type) else _callable_name(factory)
        self.wrapped("defaultdict", obj, depth, lambda: self.dict_items(obj, depth), f"{name}, ")

    def bytearray_(self, obj, depth: int) -> None:
        self.wrapped("bytearray", obj, depth, lambda: self.text(bytes(obj), depth))

    def fraction_(self, obj, depth: int) -> None:
        self.emit(f"Fraction({int.__repr__(obj.numerator)}, {int.__repr__(obj.denominator)})")

    def decimal_(self, obj, depth: int) -> None:
        self.emit(f"Decimal({decimal.Decimal.__str__(obj)!r})")

    def range_(self, obj: range, depth: int) -> None:
        self.emit(range.__repr__(obj))

    # ---- everything else
    def other(self, obj: object, cls: type, depth: int) -> None:
        if issubclass(cls, (types.FunctionType, types.BuiltinFunctionType, types.MethodType)):
            self.emit(f"<function {_callable_name(obj)}>")
        elif issubclass(cls, type):
            self.emit(f"<class {_type_name(obj)!r}>")
        elif issubclass(cls, types.ModuleType):
            name = types.ModuleType.__dict__["__dict__"].__get__(obj).get("__name__")
            self.emit(f"<module {name!r}>" if type(name) is str else "<module>")
        elif issubclass(cls, enum.Enum):
            name = _instance_dict(obj).get("_name_")
            self.emit(f"{_type_name(cls)}.{name}" if type(name) is str else f"<{_type_name(cls)}>")
        elif issubclass(cls, types.GeneratorType):
            self.emit(f"<generator {obj.gi_code.co_name}>")
        elif issubclass(cls, io.IOBase):
            self.emit(_stream(cls))
        elif issubclass(cls, BaseException):
            self.exception_(obj, cls, depth)
        elif cls is functools.partial:
            self.partial_(obj, depth)
        elif cls is _LRU_WRAPPER:
            wrapped = _instance_dict(obj).get("__wrapped__")
            self.emit(f"<function {_callable_name(wrapped)}>")
        else:
            shown = library_repr(obj, cls)
            if shown is not None:
                self.library(shown)
                return
            for base, handler in _SUBCLASS_HANDLERS:
                if issubclass(cls, base):
                    self.builtin_subclass(obj, cls, base, handler, depth)
                    return
            self.user_object(obj, cls, depth)

    def partial_(self, obj: functools.partial, depth: int) -> None:
        """`partial(<function f>, 1, k=2)`: Python's repr without the function's address."""
        items = [obj.func, *obj.args, *obj.keywords.values()]
        names = [""] * (1 + len(obj.args)) + [f"{key}=" for key in obj.keywords]

        def inner():
            for i, (name, item) in enumerate(zip(names, items)):
                self.emit(", " if i else "")
                if self.budget <= 0:
                    self.emit(f"{TRUNCATION}(+{len(items) - i})")
                    break
                self.emit(name)
                self.value(item, depth + 1)
        self.wrapped("partial", obj, depth, inner)

    def library(self, text: str) -> None:
        limit = max(self.budget, 16)
        self.emit(text if len(text) <= limit else f"{text[:limit]}{TRUNCATION}(+{len(text) - limit})")

    def exception_(self, obj: BaseException, cls: type, depth: int) -> None:
        self.wrapped(_type_name(cls), obj, depth,
                     lambda: self.sequence(iter(obj.args), len(obj.args), "", "", depth))

    def builtin_subclass(self, obj, cls, base, handler, depth: int) -> None:
        fields = _type_dict(cls).get("_fields") if base is tuple else None
        if type(fields) is tuple and all(type(f) is str for f in fields):
            attrs = list(zip(fields, tuple.__iter__(obj)))
            self.wrapped(_type_name(cls), obj, depth, lambda: self.attributes(attrs, depth))
        elif base in _CONTAINER_BASES:
            self.wrapped(_type_name(cls), obj, depth, lambda: self.items_of(obj, base, depth))
        else:
            self.wrapped(_type_name(cls), obj, depth, lambda: handler(self, base(obj) if base in (int, float, str) else obj, depth))

    def items_of(self, obj, base: type, depth: int) -> None:
        """The items of a container subclass (`Stack([1, 9])`), read through the built-in base type."""
        n = base.__len__(obj)
        if base is dict:
            self.dict_items(obj, depth)
        elif base is tuple:
            self.sequence(tuple.__iter__(obj), n, "(", ")", depth, True)
        elif base in (list, collections.deque):
            self.sequence(base.__iter__(obj), n, "[", "]", depth)
        elif n:
            self.sequence(base.__iter__(obj), n, "{", "}", depth)

    def user_object(self, obj: object, cls: type, depth: int) -> None:
        attrs = list(_instance_dict(obj).items()) + _slot_values(obj, cls)
        name = _type_name(cls)
        if not attrs and not _has_instance_state(cls):
            self.emit(f"<{name} object>")
            return
        self.wrapped(name, obj, depth, lambda: self.attributes(attrs, depth))

    def attributes(self, attrs: list, depth: int) -> None:
        for i, (key, val) in enumerate(attrs):
            if i:
                self.emit(", ")
            if self.budget <= 0:
                self.emit(f"{TRUNCATION}(+{len(attrs) - i})")
                break
            self.emit(f"{key}=" if type(key) is str else "?=")
            self.value(val, depth + 1)


# the tracer's stand-ins for sys.stdout and sys.stdin, shown as the standard streams they replace
STANDARD_STREAMS = {"CapturedStdout": "<_io.TextIOWrapper name='<stdout>' mode='w' encoding='utf-8'>",
                    "RecordingStdin": "<_io.TextIOWrapper name='<stdin>' mode='r' encoding='utf-8'>"}


def _stream(cls: type) -> str:
    """A file object as Python shows it, less the memory address (`<_io.StringIO object>`); the tracer's
    own streams as the standard streams they stand in for."""
    if cls.__module__.startswith("tracepile.") and cls.__name__ in STANDARD_STREAMS:
        return STANDARD_STREAMS[cls.__name__]
    return f"<{cls.__module__}.{cls.__qualname__} object>"


def _callable_name(obj: object) -> str:
    """`helper` or `Solution.solve` (a nested function without its `outer.<locals>.` path); a method
    of an input stream (the tracer's recording stdin included) as `TextIOWrapper.readline`."""
    cls = type(obj)
    if cls is types.MethodType:
        if isinstance(obj.__self__, io.TextIOWrapper):
            return f"TextIOWrapper.{_callable_name(obj.__func__).rpartition('.')[2]}"
        obj = obj.__func__
        cls = type(obj)
    name = obj.__qualname__ if cls in (types.FunctionType, types.BuiltinFunctionType) else None
    return name.rpartition("<locals>.")[2] if type(name) is str else "?"


def _instance_dict(obj: object) -> dict:
    """The instance `__dict__`, read only through the built-in descriptor (never user code)."""
    for klass in _type_mro(type(obj)):
        desc = _type_dict(klass).get("__dict__")
        if desc is not None:
            if type(desc) is _getset:
                try:
                    found = desc.__get__(obj)
                except (AttributeError, TypeError):
                    return {}
                return found if type(found) is dict else {}
            return {}
    return {}


def _slot_values(obj: object, cls: type) -> list:
    values = []
    for klass in _type_mro(cls):
        for name, desc in _type_dict(klass).items():
            if type(desc) is _member:
                try:
                    values.append((name, desc.__get__(obj)))
                except AttributeError:
                    pass
    return values


def _has_instance_state(cls: type) -> bool:
    return any("__slots__" in _type_dict(k) or "__init__" in _type_dict(k) for k in _type_mro(cls)[:-1])


_HANDLERS = {
    int: _Renderer.integer,
    bool: _Renderer.scalar,
    float: _Renderer.scalar,
    complex: _Renderer.scalar,
    type(None): _Renderer.scalar,
    type(Ellipsis): _Renderer.scalar,
    str: _Renderer.text,
    bytes: _Renderer.text,
    list: _Renderer.list_,
    tuple: _Renderer.tuple_,
    dict: _Renderer.dict_,
    set: _Renderer.set_,
    frozenset: _Renderer.set_,
    range: _Renderer.range_,
    collections.deque: _Renderer.deque_,
    collections.Counter: _Renderer.counter_,
    collections.OrderedDict: _Renderer.ordered_,
    collections.defaultdict: _Renderer.defaultdict_,
    bytearray: _Renderer.bytearray_,
    fractions.Fraction: _Renderer.fraction_,
    decimal.Decimal: _Renderer.decimal_,
}
_SUBCLASS_HANDLERS = (
    (dict, _Renderer.dict_items),
    (list, _Renderer.list_),
    (tuple, _Renderer.tuple_),
    (set, _Renderer.set_),
    (frozenset, _Renderer.set_),
    (collections.deque, _Renderer.deque_),
    (int, _Renderer.integer),
    (float, _Renderer.scalar),
    (str, _Renderer.text),
)
_CONTAINER_BASES = (dict, list, tuple, set, frozenset, collections.deque)
_LRU_WRAPPER = type(functools.lru_cache(lambda: None))
_MUTABLE = frozenset(_MUTABLE_TYPES + (collections.Counter, collections.OrderedDict, collections.defaultdict))


def _is_tracked(cls: type) -> bool:
    """Mutable built-in containers and user-defined types: things a later line can change in place."""
    return cls in _MUTABLE or cls not in _HANDLERS


# ---------------------------------------------------------------- reading rendered text back

_SPECIAL_FLOATS = {"nan": math.nan, "inf": math.inf, "-inf": -math.inf}


class Unparsable(ValueError):
    """Rendered text that is not a plain literal (a user object, a truncated value, ...)."""


def parse_value(text: str) -> object:
    """Turn rendered text back into a Python value; raises Unparsable for summaries."""
    text = text.strip()
    if text in _SPECIAL_FLOATS:
        return _SPECIAL_FLOATS[text]
    if TRUNCATION in text:
        raise Unparsable("truncated value")
    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        pass
    try:
        return _parse_known(ast.parse(text, mode="eval").body)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError, ArithmeticError, Unparsable):
        raise Unparsable(f"not a literal: {text[:40]!r}") from None


_CONSTRUCTORS = {
    "Fraction": fractions.Fraction, "Decimal": decimal.Decimal, "deque": collections.deque,
    "Counter": collections.Counter, "OrderedDict": collections.OrderedDict,
    "frozenset": frozenset, "set": set, "bytearray": bytearray, "range": range,
}


_FACTORIES = {"int": int, "float": float, "str": str, "list": list, "set": set, "dict": dict, "tuple": tuple}


def _parse_known(node: ast.expr) -> object:
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "defaultdict" and \
            len(node.args) == 2 and isinstance(node.args[0], ast.Name) and node.args[0].id in _FACTORIES:
        return collections.defaultdict(_FACTORIES[node.args[0].id], _parse_known(node.args[1]))
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in _CONSTRUCTORS:
        if node.keywords:
            raise Unparsable("keyword arguments")
        return _CONSTRUCTORS[node.func.id](*(_parse_known(a) for a in node.args))
    if isinstance(node, ast.Name) and node.id in _SPECIAL_FLOATS:
        return _SPECIAL_FLOATS[node.id]
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        items = [_parse_known(e) for e in node.elts]
        return {ast.List: list, ast.Tuple: tuple, ast.Set: set}[type(node)](items)
    if isinstance(node, ast.Dict):
        return {_parse_known(k): _parse_known(v) for k, v in zip(node.keys, node.values)}
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return -_parse_known(node.operand)
    return ast.literal_eval(node)


def sequence_size(text: str) -> int | None:
    """The number of items of a rendered range, list, tuple or string; None for any other value."""
    try:
        value = parse_value(text)
    except Unparsable:
        return None
    return len(value) if isinstance(value, (range, list, tuple, str)) else None


def same_value(claimed: str, actual: str) -> bool:
    """Whether a claimed value text denotes the rendered actual value."""
    claimed, actual = claimed.strip(), actual.strip()
    if claimed == actual:
        return True
    try:
        a, b = parse_value(claimed), parse_value(actual)
    except Unparsable:
        return _normalise(claimed) == _normalise(actual)
    return _equal(a, b)


def _equal(a: object, b: object) -> bool:
    if type(a) is not type(b) and not (isinstance(a, (int, float)) and isinstance(b, (int, float))
                                        and type(a) is not bool and type(b) is not bool):
        return False
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(_equal(x, y) for x, y in zip(a, b))
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_equal(a[k], b[k]) for k in a)
    return a == b


def _normalise(text: str) -> str:
    return re.sub(r"\s+", "", text)
