"""Phrases that say more about a step: what a quantity means in the problem's words, why a
comparison came out as it did, and how a number moved. Plain functions; text.py places them."""

from __future__ import annotations

import ast

from tracepile import updates
from tracepile.authored import clauses, mentions_number, name_words, stating_clause, states_other, stems

MAX_QUOTE_WORDS = 12
MAX_SIDE_CHARS = 40
# the words of a comparison that holds (True) or fails (False), per operator
RELATION_WORDS = {
    ast.Gt: (("greater than", "larger than"), ("at most",)),
    ast.Lt: (("less than", "smaller than"), ("at least",)),
    ast.GtE: (("at least",), ("less than", "smaller than")),
    ast.LtE: (("at most",), ("greater than", "larger than")),
    ast.Eq: (("equal to",), ("different from",)),
    ast.NotEq: (("different from",), ("equal to",)),
    ast.In: (("in",), ("not in",)),
    ast.NotIn: (("not in",), ("in",)),
}
ORDERED = (ast.Gt, ast.Lt, ast.GtE, ast.LtE)  # relations shown between numbers only
GENERIC = {"total", "count", "number", "result", "value", "answer", "each", "per", "the", "and", "new", "old", "left"}
NO_ARTICLE = {"each", "every", "per", "all", "any", "both", "some", "no", "num", "many", "much", "few", "one", "two",
              "three", "half", "this", "that", "these", "those", "its", "his", "her", "their", "our", "my", "your",
              "get", "set", "calc", "compute", "is", "has", "can", "should", "how", "after", "before", "with",
              "without", "from", "to", "in", "on", "at", "by", "for", "of", "over", "under", "into", "until"}


def number(text: str) -> int | float | None:
    """An int or float written as a Python literal (never a bool), else None."""
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return None
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def problem_quote(problem: str, name: str, value: str) -> str | None:
    """The clause of the problem text that gives `value` to `name` (authored.stating_clause), cut to
    MAX_QUOTE_WORDS around the number; None when that is ambiguous or absent."""
    if number(value) is None:
        return None
    clause = stating_clause(problem, name, value)
    if clause is None:
        return None
    quote = _around(clause, value)
    return quote if '"' not in quote and "`" not in quote else None


def mention(problem: str, name: str, code: str = "") -> str | None:
    """The clause of the problem that shares most words with `name` (words such as "total" or "number"
    aside) and states no other given of `code` (authored.states_other: not "Machine A makes 12 widgets per
    hour" for `hours`), cut to MAX_QUOTE_WORDS around the first shared word; None when no clause fits."""
    wanted = stems(" ".join(name_words(name))) - GENERIC
    best, found = 0, None
    for clause in clauses(problem):
        shared = len(wanted & stems(clause))
        if shared > best and not states_other(problem, code, clause, name):
            best, found = shared, clause
    if found is None or '"' in found or "`" in found:
        return None
    words = found.split()
    at = next(i for i, w in enumerate(words) if stems(w) & wanted)
    start = max(0, min(at - MAX_QUOTE_WORDS // 2, len(words) - MAX_QUOTE_WORDS))
    return " ".join(words[start:start + MAX_QUOTE_WORDS])


def _around(clause: str, value: str) -> str:
    """At most MAX_QUOTE_WORDS words of `clause`, centred on the number."""
    words = clause.split()
    if len(words) <= MAX_QUOTE_WORDS:
        return clause
    at = next(i for i, w in enumerate(words) if mentions_number(w, value))
    start = max(0, min(at - MAX_QUOTE_WORDS // 2, len(words) - MAX_QUOTE_WORDS))
    return " ".join(words[start:start + MAX_QUOTE_WORDS])


def meaningful(name: str) -> tuple[str, ...]:
    """The words of a name worth saying in prose (`total_cookies` -> total cookies), or () for
    one-word, short or cryptic names (`n`, `off1`, `tuesday`: "the tuesday" reads badly) and names that
    open with a word "the" cannot stand before (`each_share`: "the each share")."""
    words = name_words(name)
    if len(words) < 2 or any(len(w) < 3 for w in words) or words[0] in NO_ARTICLE:
        return ()
    return words


def meaning(words: tuple[str, ...], value: str) -> str:
    """In the problem's terms, the total cookies come to `40` (`value` is a code span)."""
    plural = words[-1].endswith("s") and not words[-1].endswith("ss")
    return f"In the problem's terms, the {' '.join(words)} {'come' if plural else 'comes'} to {value}."


def _decided(test: str, truth: str | None) -> ast.expr | None:
    """The parsed condition `test`, when it came out plainly True or False."""
    if truth not in ("True", "False"):
        return None
    try:
        return ast.parse(test, mode="eval").body
    except SyntaxError:
        return None


def relation(test: str, truth: str | None, known: dict[str, str]) -> tuple[str, tuple[str, ...], str] | None:
    """Why a one-operator comparison came out `truth`: (left span, the relation's possible words, right
    span), each side a literal or `expr = value` from `known`; None when a side is unknown, or is no
    number for an ordering, no number or string for `==`, no container for `in`."""
    node = _decided(test, truth)
    if not isinstance(node, ast.Compare) or len(node.ops) != 1 or type(node.ops[0]) not in RELATION_WORDS:
        return None
    op = type(node.ops[0])
    sides = [_side(part, known, kinds) for part, kinds in zip((node.left, node.comparators[0]), _kinds(op))]
    if None in sides:
        return None
    holds, fails = RELATION_WORDS[op]
    return sides[0], holds if truth == "True" else fails, sides[1]


def negated(test: str, truth: str | None, known: dict[str, str]) -> str | None:
    """For `not x` that came out `truth`: the span `x = value` that decides it, when x's value is known."""
    node = _decided(test, truth)
    if not isinstance(node, ast.UnaryOp) or not isinstance(node.op, ast.Not):
        return None
    source = ast.unparse(node.operand)
    value = known.get(source)
    if value is None or "`" in value or "`" in source or len(value) > MAX_SIDE_CHARS:
        return None
    return f"`{source} = {value}`"


def _kinds(op: type) -> tuple[tuple[type, ...], tuple[type, ...]]:
    """The Python types each side may have for the relation to be shown."""
    if op in ORDERED:
        return (int, float), (int, float)
    if op in (ast.In, ast.NotIn):
        return (int, float, str), (str, list, tuple, set, dict)
    return (int, float, str), (int, float, str)


def _side(node: ast.expr, known: dict[str, str], kinds: tuple[type, ...]) -> str | None:
    source = ast.unparse(node)
    value = repr(node.value) if isinstance(node, ast.Constant) else known.get(source)
    if value is None or "`" in value or "`" in source or len(value) > MAX_SIDE_CHARS:
        return None
    try:
        parsed = ast.literal_eval(value)
    except (ValueError, SyntaxError, MemoryError, RecursionError, TypeError):
        return None
    if not isinstance(parsed, kinds) or isinstance(parsed, bool):
        return None
    return f"`{value}`" if isinstance(node, ast.Constant) or source == value else f"`{source} = {value}`"  # no `-1 = -1`


def change(name: str, old: str, new: str, kind: str = updates.OTHER) -> str | None:
    """How a number moved, in words that match the line's update `kind` (updates.py): `total` grows by `4`,
    from `3` to `7` for an addition; doubles, or is multiplied by a whole factor, for a multiplication; halves
    for a division; any other update is a plain move, `best` goes from `3` to `7` (ints only)."""
    before, after = number(old), number(new)
    if not isinstance(before, int) or not isinstance(after, int) or before == after:
        return None
    if kind == updates.ADDS:
        if after == before + 1 or after == before - 1:
            verb = "steps up" if after > before else "steps down"
            return f"`{name}` {verb} from `{old}` to `{new}`"
        verb = "goes up" if after > before else "goes down"
        return f"`{name}` {verb} by `{abs(after - before)}`, from `{old}` to `{new}`"
    if kind == updates.MULTIPLIES and before > 0 and after == 2 * before:
        return f"`{name}` doubles, from `{old}` to `{new}`"
    if kind == updates.MULTIPLIES and before not in (0, 1) and after % before == 0 and after // before > 2:
        return f"`{name}` is multiplied by `{after // before}`, from `{old}` to `{new}`"
    if kind == updates.DIVIDES and after > 0 and before == 2 * after:
        return f"`{name}` halves, from `{old}` to `{new}`"
    return f"`{name}` goes from `{old}` to `{new}`"


def deciding(test: str, values: tuple[tuple[str, str], ...]) -> tuple[str, str] | None:
    """The part of an `and`/`or` condition that decides it, with its recorded value: the last operand Python
    evaluated (the first False one of an `and`, the first True one of an `or`, else the last operand), when
    every operand evaluated has a recorded `True`/`False`; else None."""
    try:
        node = ast.parse(test, mode="eval").body
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    if not isinstance(node, ast.BoolOp):
        return None
    recorded, stop = dict(values), "False" if isinstance(node.op, ast.And) else "True"
    for operand in node.values:
        text = ast.unparse(operand)
        value = recorded.get(text)
        if value not in ("True", "False"):
            return None
        if value == stop:
            break
    return text, value
