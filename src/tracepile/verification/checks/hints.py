"""Sentences in the claim grammar that state a fact a text got wrong or left out (a step's opening, a
new value, where execution goes, a comparison), offered with a failure as a form that would say it."""

from __future__ import annotations

import ast

from tracepile.model import DELETED, CallEvent, Event, ExceptionEvent, LineEvent, OutputEvent, ReturnEvent
from tracepile.verification.checks.code import NEGATED

MAX_HINT_VALUE = 200  # a longer value is left out of a hint rather than cut (a cut value would be false)
RELATION_WORDS = {ast.Gt: "greater than", ast.Lt: "less than", ast.GtE: "at least", ast.LtE: "at most",
                  ast.Eq: "equal to", ast.NotEq: "different from", ast.In: "in", ast.NotIn: "not in"}


def span(text: str) -> str:
    """`text` as a Markdown code span (a double-backtick one when it holds a backtick)."""
    return f"`` {text} ``" if "`" in text else f"`{text}`"


def value(expr: str, actual: str) -> str:
    """`expr = actual`, or "" when the value is too long to repeat."""
    return span(f"{expr} = {actual}") if len(actual) <= MAX_HINT_VALUE and "\n" not in actual else ""


def opening(event: Event, func: str = "", arguments: tuple | None = None) -> str:
    """The sentence that starts the paragraph of a step (`func`: the frame's function, for an exception
    that leaves it; `arguments`: a call's own arguments, when the caller knows them)."""
    if isinstance(event, LineEvent):
        changes = [value(name, actual) for name, actual in event.changes if actual != DELETED]
        return f"Line {event.line} ...; so {_join(changes)}." if changes and all(changes) else f"Line {event.line} ..."
    if isinstance(event, CallEvent):
        if event.resumed:
            return f"The generator `{event.func}` resumes where it left off."
        if event.func == "<module>":
            return "The script starts running from the top."
        arguments = event.args if arguments is None else arguments
        if not arguments:
            return f"We enter `{event.func}`, which takes no arguments."
        args = [value(name, actual) for name, actual in arguments]
        return f"We enter `{event.func}` with {_join(args)}." if all(args) else f"We enter `{event.func}` with ..."
    if isinstance(event, ReturnEvent):
        if event.func == "<module>":
            return "The script reaches its end."
        shown = span(event.value) if len(event.value) <= MAX_HINT_VALUE else "..."
        if event.yielded:
            return f"`{event.func}` yields {shown}, handing control back to its caller."
        return f"The call to `{event.func}` returns {shown}."
    if isinstance(event, ExceptionEvent):
        if event.unwound:
            return f"The exception is not caught inside `{func}`, so it leaves `{func}`."
        return f"This raises {span(f'{event.type}: {event.message}' if event.message else event.type)}."
    if isinstance(event, OutputEvent):
        text = event.text[:-1] if event.text.endswith("\n") else event.text
        shown = repr(event.text) if "\n" in text else text
        return f"It prints {span(shown)}."
    return ""


def new_values(line: int, changes: list[tuple[str, str]]) -> str:
    stated = [value(name, actual) for name, actual in changes]
    return f"Line {line} ...; so {_join(stated)}." if stated and all(stated) else ""


def final_answer(answer: str, output: bool) -> str:
    """The `Final answer:` paragraph; a script's standard output goes in a fenced block."""
    if len(answer) > MAX_HINT_VALUE:
        return ""
    if output:
        return "Final answer (standard output):\n```\n" + answer.rstrip("\n") + "\n```"
    return f"Final answer: {answer.strip()}"


def answer(question: str, actual: str) -> str:
    return f'So the answer to the question "{question}" is {span(actual)}.' if len(actual) <= MAX_HINT_VALUE else ""


def flow(line: int, next_line: int | None) -> str:
    return f"Line {line} ...; ... so line {next_line} runs next." if next_line is not None else ""


def relation(left: str, left_value: str, op: type, holds: bool, right: str, right_value: str) -> str:
    """`because `x = 3` is greater than `1``: the comparison the line makes, in the words of its outcome."""
    words = RELATION_WORDS.get(op if holds else NEGATED.get(op))
    sides = [span(right) if right == right_value else value(right, right_value)]
    sides.insert(0, value(left, left_value))
    return f"because {sides[0]} is {words} {sides[1]}" if words and all(sides) else ""


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
