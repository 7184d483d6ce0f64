"""How the verifier compares what a text states with what the run recorded: exact Python literals
(`8.0` is not `8`, `True` is not `1`), expressions evaluated over recorded values, printed text."""

from __future__ import annotations

import ast
import collections
import math
import re
from functools import lru_cache

from tracepile.model import CallEvent, Event, ExceptionEvent, LineEvent, OutputEvent, ReturnEvent
from tracepile.tracer.safe_eval import Unsafe, compile_expr
from tracepile.values import Unparsable, is_truncated, parse_value, render


def exact(stated: str, actual: str) -> bool:
    """Whether a stated value text denotes the actual rendered value, type for type. A truncated
    value matches only its own text, marker included."""
    stated, actual = stated.strip(), actual.strip()
    if stated == actual:
        return True
    try:
        return _same(parse_value(stated), parse_value(actual))
    except Unparsable:
        return re.sub(r"\s+", "", stated) == re.sub(r"\s+", "", actual)


def _same(a: object, b: object) -> bool:
    if type(a) is not type(b):
        return False
    if isinstance(a, float):
        return a == b and math.copysign(1, a) == math.copysign(1, b) or math.isnan(a) and math.isnan(b)
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, (set, frozenset)):
        return a == b and {(type(x), x) for x in a} == {(type(y), y) for y in b}
    return a == b


@lru_cache(maxsize=8192)
def normal(expr: str) -> str:
    """An expression in one canonical spelling (spaces, parentheses), or the text if it is not one."""
    try:
        return ast.unparse(ast.parse(expr.strip(), mode="eval"))
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return expr.strip()


@lru_cache(maxsize=4096)
def normal_statement(source: str) -> str:
    try:
        return ast.unparse(ast.parse(source.strip()))
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return normal(source)


@lru_cache(maxsize=8192)
def _compiled(expr: str):
    try:
        tree = ast.parse(expr, mode="eval")
        return compile_expr(tree.body), frozenset(n.id for n in ast.walk(tree) if isinstance(n, ast.Name))
    except (Unsafe, SyntaxError, ValueError, KeyError, RecursionError, MemoryError):
        return None, frozenset()


def evaluate(expr: str, state: dict[str, str], recorded: dict[str, str]) -> tuple[bool | None, str]:
    """The rendered value of `expr` at a moment: a recorded sub-expression, a variable, or the
    expression evaluated over the literal values of `state` (never user code). (None, "") if unknown."""
    key = normal(expr)
    for name, actual in recorded.items():
        if normal(name) == key:
            return True, actual
    if key in state:
        return True, state[key]
    compiled, names = _compiled(key)
    if compiled is None:
        return None, ""
    scope = {}
    for name in names & state.keys():
        if is_truncated(state[name]):
            return None, ""
        try:
            scope[name] = parse_value(state[name])
        except Unparsable:
            return None, ""
        if type(scope[name]) is collections.defaultdict:  # read as the dict it holds: a missing key is unknown
            scope[name] = dict(scope[name])
    try:
        value = compiled(scope, {"__builtins__": __builtins__})
    except Exception:  # noqa: BLE001 - unknown names, unsafe operands, errors: cannot check
        return None, ""
    return True, render(value, 100_000)


def same_output(claimed: str, actual: str) -> bool:
    """Printed text as a text states it: verbatim, without the final newline, or as a string literal."""
    if claimed == actual or actual.endswith("\n") and claimed == actual[:-1]:
        return True
    try:
        value = ast.literal_eval(claimed)
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return False
    return isinstance(value, str) and value == actual


def unfence(text: str) -> str:
    """The text inside a fenced block (closed by exactly its opening backticks), else the stripped text."""
    lines = text.strip("\n").splitlines()
    if len(lines) >= 2 and lines[0].startswith("```"):
        ticks = lines[0][:len(lines[0]) - len(lines[0].lstrip("`"))]
        if lines[-1] == ticks:
            return "\n".join(lines[1:-1])
    return text.strip()


def describe(event: Event) -> str:
    """A step of the run in a few words, for reports."""
    if isinstance(event, LineEvent):
        return f"line {event.line}"
    if isinstance(event, CallEvent):
        return f"the {'resumption' if event.resumed else 'call'} of `{event.func}`"
    if isinstance(event, ReturnEvent):
        return f"`{event.func}` {'yielding' if event.yielded else 'returning'} `{event.value[:40]}`"
    if isinstance(event, ExceptionEvent):
        return f"`{event.type}` {'leaving its frame' if event.unwound else 'raised'} at line {event.line}"
    if isinstance(event, OutputEvent):
        return f"output {event.text[:40]!r} at line {event.line}"
    return type(event).__name__
