"""Natural replacement names: a small vocabulary by role (index, counter, list, text, ...) and by word.
Roles are read off how a function uses a name; the caller still checks every candidate is free."""

from __future__ import annotations

import libcst as cst

from tracepile.enrich.rewrites import syntax

ROLE_NAMES = {
    "index": ("idx", "pos", "index", "cursor", "k"),
    "count": ("count", "counter", "tally", "hits", "occurrences"),
    "total": ("total", "acc", "running", "subtotal", "accum"),
    "flag": ("flag", "found", "done", "matched", "ok"),
    "list": ("items", "values", "elems", "collected", "output"),
    "dict": ("mapping", "table", "lookup", "index_of", "registry"),
    "set": ("seen", "members", "visited", "pool", "uniq"),
    "text": ("text", "chars", "word", "buf", "string"),
    "item": ("item", "elem", "value", "entry", "element"),
    "sequence": ("values", "items", "seq", "data", "elements"),
    "number": ("num", "size", "limit", "amount", "bound"),
    "value": ("value", "current", "cur", "val", "temp"),
}

NAME_SYNONYMS = {
    "arr": ("values", "items", "seq"), "nums": ("numbers", "values", "items"), "lst": ("items", "values"),
    "array": ("values", "items"), "l": ("items", "values"), "a": ("values", "first"), "b": ("second", "other"),
    "i": ("idx", "pos", "index"), "j": ("col", "inner", "jdx"), "k": ("step", "offset", "width"),
    "n": ("size", "count", "length"), "m": ("cols", "width", "size2"), "s": ("text", "string", "chars"),
    "res": ("result", "output", "answer"), "result": ("output", "answer", "res"), "ans": ("answer", "result"),
    "cnt": ("count", "tally"), "count": ("tally", "counter"), "d": ("mapping", "table"),
    "dic": ("mapping", "table"), "x": ("value", "item", "elem"), "c": ("ch", "char", "letter"),
    "ch": ("char", "letter", "symbol"), "char": ("ch", "letter", "symbol"), "text": ("string", "chars"),
    "st": ("text", "string"), "t": ("other", "target"), "dp": ("table", "best", "memo"),
    "lo": ("low", "left"), "hi": ("high", "right"), "mid": ("middle", "center"), "key": ("pivot_key", "k"),
    "temp": ("tmp", "saved"), "tmp": ("temp", "saved"), "idx": ("pos", "index"), "val": ("value", "item"),
}

GENERIC = frozenset({
    "arr", "nums", "lst", "res", "ans", "cnt", "tmp", "temp", "val", "idx", "num", "text", "string", "result",
    "count", "item", "value", "data", "seq", "array", "elem", "st", "dic", "char", "key", "out", "output",
    "new", "ret", "total", "letters", "chars", "word", "words", "nums1", "nums2", "vals", "values", "items",
})

WORD_SYNONYMS = {
    "search": "find", "find": "locate", "count": "tally", "compute": "calc", "get": "fetch", "build": "make",
    "make": "build", "check": "verify", "solve": "resolve", "merge": "combine", "insert": "add",
    "remove": "drop", "sum": "total", "min": "smallest", "max": "largest", "shortest": "cheapest",
    "longest": "maximal", "paths": "routes", "path": "route", "walk": "traverse", "visit": "explore",
    "dist": "distance", "distance": "dist", "edges": "links", "edge": "link", "adj": "neighbors",
    "neighbors": "adj", "visited": "seen", "seen": "visited", "queue": "frontier", "frontier": "queue",
    "node": "vertex", "vertex": "node", "start": "begin", "begin": "start", "low": "lo", "high": "hi",
    "length": "size", "size": "length", "counts": "tallies", "best": "optimal",
    "prev": "previous", "previous": "prev", "curr": "current", "current": "curr", "next": "following",
    "parent": "parent_of", "weight": "cost", "cost": "weight", "weights": "costs", "costs": "weights",
    "total": "acc", "order": "sequence", "chosen": "selected", "selected": "chosen", "matrix": "grid",
    "grid": "board", "board": "grid", "pivot": "split_value", "target": "goal", "goal": "target",
    "first": "head", "last": "tail", "values": "vals", "index": "pos", "pos": "index", "heap": "pq",
    "stack": "pending", "dp": "table", "memo": "cache", "cache": "memo", "capacity": "limit",
}

FUNCTION_ROLE_NAMES = {
    "bool": ("check", "is_valid", "satisfies", "has_match"),
    "list": ("collect_items", "build_list", "transform_list", "gather"),
    "text": ("transform_text", "format_text", "build_string", "rewrite_text"),
    "dict": ("build_mapping", "make_table", "group_items"),
    "count": ("count_matches", "tally_items", "count_items"),
    "value": ("compute", "solve", "process", "evaluate", "apply_rules"),
}

TEXT_METHODS = {"upper", "lower", "strip", "lstrip", "rstrip", "split", "replace", "startswith", "endswith",
                 "isdigit", "isalpha", "isupper", "islower", "title", "capitalize", "swapcase", "center",
                 "ljust", "rjust", "zfill", "find", "rfind", "partition", "rpartition", "isspace", "casefold",
                "isdecimal", "isnumeric", "isalnum", "isascii", "istitle"}


def local_candidates(func: cst.FunctionDef, name: str) -> tuple[tuple[str, ...], ...]:
    """Replacement names for local `name` of `func`, in tiers (the first tier with a free name wins):
    synonyms of the name, then, for a short or generic name only, names for its role. A descriptive
    name gets word synonyms or nothing, never a vaguer name."""
    own = NAME_SYNONYMS.get(name, ()) + _word_swaps(name)
    if len(name) <= 2 or name in GENERIC:
        return own, ROLE_NAMES[infer_role(func, name)]
    return (own,)


def _word_swaps(name: str) -> tuple[str, ...]:
    words = name.split("_")
    if not any(w in WORD_SYNONYMS for w in words):
        return ()
    return ("_".join(WORD_SYNONYMS.get(w, w) for w in words),)


def function_candidates(func: cst.FunctionDef) -> tuple[str, ...]:
    """Replacement names for a function: word synonyms of a descriptive name, else a role by its returns."""
    name = func.name.value
    if len(name) > 2 and _word_swaps(name):
        return (*_word_swaps(name), f"{name}_impl", f"do_{name}")
    if len(name) > 2:
        return (f"{name}_impl", f"do_{name}", f"compute_{name}")
    return FUNCTION_ROLE_NAMES[return_role(func)]


def infer_role(func: cst.FunctionDef, name: str) -> str:
    """How `func` uses `name`: the first role whose evidence is found, else 'value'."""
    evidence = _Evidence(name)
    func.visit(evidence)
    for role in ("flag", "dict", "set", "list", "text", "count", "total", "index", "item", "sequence",
                 "number"):
        if role in evidence.roles:
            return role
    return "value"


def return_role(func: cst.FunctionDef) -> str:
    roles = {_value_role(r.value, func) for r in syntax.own_returns(func) if r.value is not None}
    roles.discard(None)
    return roles.pop() if len(roles) == 1 else "value"


def _value_role(value: cst.BaseExpression, func: cst.FunctionDef) -> str | None:
    if isinstance(value, cst.Name) and value.value in ("True", "False"):
        return "bool"
    if isinstance(value, (cst.Comparison,)) or (isinstance(value, cst.UnaryOperation)
                                                and isinstance(value.operator, cst.Not)):
        return "bool"
    kind = _literal_kind(value)
    if kind in ("list", "dict", "text"):
        return kind
    if isinstance(value, cst.Name):
        role = infer_role(func, value.value)
        return {"list": "list", "dict": "dict", "text": "text", "count": "count", "flag": "bool"}.get(role)
    return None


def _literal_kind(value: cst.BaseExpression) -> str | None:
    if isinstance(value, (cst.List, cst.ListComp)):
        return "list"
    if isinstance(value, (cst.Dict, cst.DictComp)):
        return "dict"
    if isinstance(value, (cst.Set, cst.SetComp)):
        return "set"
    if isinstance(value, (cst.SimpleString, cst.FormattedString, cst.ConcatenatedString)):
        return "text"
    if isinstance(value, cst.Call):
        func = value.func
        if isinstance(func, cst.Name):
            return {"list": "list", "sorted": "list", "dict": "dict", "defaultdict": "dict", "Counter": "dict",
                    "set": "set", "str": "text"}.get(func.value)
        if isinstance(func, cst.Attribute) and func.attr.value in ("join", "upper", "lower", "replace", "strip"):
            return "text"
    return None


class _Evidence(cst.CSTVisitor):
    """Collects the roles a name plays in one function."""

    def __init__(self, name: str):
        super().__init__()
        self.name = name
        self.roles: set[str] = set()

    def _is(self, node) -> bool:
        return isinstance(node, cst.Name) and node.value == self.name

    def visit_Assign(self, node: cst.Assign) -> None:
        if len(node.targets) == 1 and self._is(node.targets[0].target):
            value = node.value
            if isinstance(value, cst.Name) and value.value in ("True", "False"):
                self.roles.add("flag")
            elif syntax.int_literal(value) is not None:
                self.roles.add("number")
            kind = _literal_kind(value)
            if kind:
                self.roles.add(kind)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        if self._is(node.target) and isinstance(node.operator, (cst.AddAssign, cst.SubtractAssign)):
            self.roles.add("count" if syntax.int_literal(node.value) == 1 else "total")

    def visit_For(self, node: cst.For) -> None:
        self._loop_target(node.target, node.iter)
        if self._is(node.iter):
            self.roles.add("sequence")

    def visit_CompFor(self, node: cst.CompFor) -> None:
        self._loop_target(node.target, node.iter)

    def _loop_target(self, target, iterable) -> None:
        if self._is(target):
            self.roles.add("index" if syntax.is_call_to(iterable, "range") else "item")
        elif isinstance(target, cst.Tuple) and target.elements and self._is(target.elements[0].value) \
                and syntax.is_call_to(iterable, "enumerate"):
            self.roles.add("index")

    def visit_Subscript(self, node: cst.Subscript) -> None:
        if self._is(node.value):
            self.roles.add("sequence")
        for element in node.slice:
            if isinstance(element.slice, cst.Index) and self._is(element.slice.value):
                self.roles.add("index")

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        if isinstance(func, cst.Attribute) and self._is(func.value):
            method = func.attr.value
            if method in ("append", "extend", "pop", "insert"):
                self.roles.add("list")
            elif method in ("add", "discard"):
                self.roles.add("set")
            elif method in ("items", "keys", "values", "get", "setdefault"):
                self.roles.add("dict")
            elif method in TEXT_METHODS:
                self.roles.add("text")
        elif syntax.is_call_to(node, "len", (1,)) and self._is(node.args[0].value):
            self.roles.add("sequence")
        elif syntax.is_call_to(node, "range") and any(self._is(a.value) for a in node.args):
            self.roles.add("number")
