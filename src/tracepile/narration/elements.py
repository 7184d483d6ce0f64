"""Saying less about big values: the one item a step changed in a container that is not small, and a
call said as code (`cmp('0', '0')`) when it repeats an earlier call."""

from __future__ import annotations

import ast
from functools import lru_cache

from tracepile.values import Unparsable, is_truncated, parse_value, render

SMALL_CONTAINER_CHARS = 40  # a container whose rendering is at most this long is restated whole
MAX_CALL_CHARS = 80


def element_change(source: str, name: str, old: str | None, new: str) -> str | None:
    """The change of one item of `name` that the statement `source` makes, said as that item
    ("`seen[29]` becomes `True`", "`dist[3]` goes from `7` to `5`", "this appends `4` to `stack`"), or None
    when the container is small (its new rendering at most SMALL_CONTAINER_CHARS), a value was recorded only
    in part, or the step changed anything else than one item of a list or dictionary."""
    if old is None or len(new) <= SMALL_CONTAINER_CHARS or is_truncated(old) or is_truncated(new):
        return None
    try:
        before, after = parse_value(old), parse_value(new)
    except Unparsable:
        return None
    kind, depth = _write(source, name)
    if kind == "append":
        return _appended(name, before, after)
    if kind == "item_append":
        key = _changed_key(before, after)
        return None if key is None or key not in _keys(before) else \
            _appended(f"{name}[{render(key)}]", before[key], after[key])
    path = _changed_path(before, after, depth) if kind == "item" else None
    if path is None:
        return None
    keys, old_item, new_item = path
    target, value = name + "".join(f"[{render(k)}]" for k in keys), render(new_item)
    if "`" in target + value:
        return None
    if type(old_item) is int and type(new_item) is int:
        return f"`{target}` goes from `{render(old_item)}` to `{value}`"
    return f"`{target}` becomes `{value}`"


def _changed_path(before: object, after: object, depth: int) -> tuple[list, object, object] | None:
    """The keys down `depth` levels of nested lists or dictionaries to the one item that differs (each
    level has exactly one differing key), with the item before (None when new) and after."""
    keys = []
    for level in range(depth):
        key = _changed_key(before, after)
        if key is None or level < depth - 1 and key not in _keys(before):
            return None
        keys.append(key)
        before, after = (before[key] if key in _keys(before) else None), after[key]
    return keys, before, after


@lru_cache(maxsize=4096)
def _write(source: str, name: str) -> tuple[str | None, int]:
    """How the one statement `source` changes `name`, and how many subscripts deep: ("item", 2) for
    `name[i][j] = v` (or `op=`), ("append", 0) for `name.append(x)`, ("item_append", 1) for
    `name[k].append(x)`, else (None, 0)."""
    try:
        body = ast.parse(source.strip()).body
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None, 0
    if len(body) != 1:
        return None, 0
    statement = body[0]
    targets = statement.targets if isinstance(statement, ast.Assign) else \
        [statement.target] if isinstance(statement, ast.AugAssign) else []
    if len(targets) == 1 and isinstance(targets[0], ast.Subscript):
        node, depth = targets[0], 0
        while isinstance(node, ast.Subscript) and not isinstance(node.slice, ast.Slice):
            node, depth = node.value, depth + 1
        return ("item", depth) if _is(node, name) else (None, 0)
    call = statement.value if isinstance(statement, ast.Expr) else None
    if not isinstance(call, ast.Call) or not isinstance(call.func, ast.Attribute) or call.func.attr != "append" \
            or len(call.args) != 1 or call.keywords:
        return None, 0
    owner = call.func.value
    if _is(owner, name):
        return "append", 0
    if isinstance(owner, ast.Subscript) and _is(owner.value, name) and not isinstance(owner.slice, ast.Slice):
        return "item_append", 1
    return None, 0


def _appended(target: str, before: object, after: object) -> str | None:
    """`this appends `4` to `stack``, when `after` is the list `before` with one item added at its end."""
    if not isinstance(before, list) or not isinstance(after, list) or len(after) != len(before) + 1 \
            or render(after[:-1]) != render(before) or "`" in target + render(after[-1]):
        return None
    return f"this appends `{render(after[-1])}` to `{target}`"


def _keys(container: object) -> range | dict:
    return container if isinstance(container, dict) else range(len(container))


def _is(node: ast.AST, name: str) -> bool:
    return isinstance(node, ast.Name) and node.id == name


def _changed_key(before: object, after: object) -> object | None:
    """The one index (list) or key (dictionary) whose item differs, when nothing else differs."""
    if isinstance(before, list) and isinstance(after, list) and len(before) == len(after):
        keys = [i for i, (a, b) in enumerate(zip(before, after)) if not _same(a, b)]
    elif isinstance(before, dict) and isinstance(after, dict) and set(before) <= set(after):
        keys = [k for k in after if k not in before or not _same(before[k], after[k])]
    else:
        return None
    return keys[0] if len(keys) == 1 else None


def _same(a: object, b: object) -> bool:
    return type(a) is type(b) and a == b


def call_text(code: str, func: str, line: int, arguments: tuple[tuple[str, str], ...]) -> str | None:
    """`f(1, 'a')`: the call of the plain function defined at `line` with its arguments' values, in the order
    of its parameters; None for a method, a function with `*args`, `**kwargs` or keyword-only parameters, an
    argument recorded only in part, or a text over MAX_CALL_CHARS."""
    names = _plain_parameters(code, line, func)
    if names is None or tuple(n for n, _ in arguments) != names:
        return None
    values = [v for _, v in arguments]
    text = f"{func}({', '.join(values)})"
    if len(text) > MAX_CALL_CHARS or "`" in text or any(is_truncated(v) or v.startswith("<") for v in values):
        return None
    return text


@lru_cache(maxsize=256)
def _plain_parameters(code: str, line: int, func: str) -> tuple[str, ...] | None:
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    methods = {id(n) for c in ast.walk(tree) if isinstance(c, ast.ClassDef) for n in c.body}
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name == func and id(node) not in methods \
                and min([d.lineno for d in node.decorator_list] + [node.lineno]) <= line <= node.lineno:
            spec = node.args
            if spec.vararg or spec.kwarg or spec.kwonlyargs or spec.posonlyargs:
                return None
            return tuple(a.arg for a in spec.args)
    return None


@lru_cache(maxsize=4096)
def written_rows(source: str) -> frozenset[str]:
    """The inner containers an item assignment goes through (`best[i]` of `best[i][c] = v`): a whole row
    restated as an operand says nothing the item's change does not."""
    try:
        body = ast.parse(source.strip()).body
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return frozenset()
    statement = body[0] if len(body) == 1 else None
    targets = statement.targets if isinstance(statement, ast.Assign) else \
        [statement.target] if isinstance(statement, ast.AugAssign) else []
    found = set()
    for target in targets:
        node = target.value if isinstance(target, ast.Subscript) else None
        while isinstance(node, ast.Subscript):
            found.add(ast.unparse(node))
            node = node.value
    return frozenset(found)
