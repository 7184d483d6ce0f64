"""What every claim family's checks share: the verdict on a claim (Finding), the step a paragraph
narrates (Context), and readers of the code spans a claim states."""

from __future__ import annotations

import ast
from dataclasses import dataclass

LINE_CONTEXTS = ("line", "back")
BRANCHING = ("if", "elif", "while", "for", "assert")
DEFINES = {"def", "class", "import"}  # statements that bind the names their claim gives
FLOW = "<where execution goes>"  # what a branching line must state: its outcome


@dataclass(frozen=True)
class Finding:
    """The verdict on one claim: True holds, False contradicted, None cannot be checked."""

    verdict: bool | None
    reason: str = ""
    expected: str = ""
    stated: str = ""
    hint: str = ""  # a sentence in the grammar that states the fact (hints.py), when there is one


HOLDS = Finding(True)


def false(reason: str, expected: str = "", stated: str = "", hint: str = "") -> Finding:
    return Finding(False, reason, expected, stated, hint)


def unverifiable(reason: str) -> Finding:
    return Finding(None, reason)


@dataclass
class Context:
    """The step a paragraph narrates: a line (or the return to it), a call, a return, a stretch."""

    kind: str
    index: int = -1
    end: int = -1
    before: dict | None = None


def split_claim(span: str) -> tuple[str, str]:
    expr, _, value = span.partition(" = ")
    return expr.strip(), value.strip()


def number(text: str) -> int | float | None:
    value = literal(text)
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None


UNREADABLE = object()  # a value that is no Python literal


def literal(text: str):
    """The Python literal `text` writes, or UNREADABLE (bools too: `True > 0` is no relation shown)."""
    try:
        value = ast.literal_eval(text.strip())
    except (ValueError, SyntaxError, MemoryError, RecursionError, TypeError):
        return UNREADABLE
    return UNREADABLE if isinstance(value, bool) else value


def parts(test: str) -> set[str]:
    """Every sub-expression of a condition, in canonical spelling."""
    try:
        return {ast.unparse(node) for node in ast.walk(ast.parse(test, mode="eval").body) if isinstance(node, ast.expr)}
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return set()
