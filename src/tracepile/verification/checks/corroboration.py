"""Checks of descriptive fact words (verification/corroboration.py reads them): a property, extreme or `yields` a
code span of the same sentence corroborates (that span's own claim checks it), and ordinals and arithmetic words
checked on the run, the problem and the line's code."""

from __future__ import annotations

import ast

from tracepile.authored import sentences as problem_sentences, squeeze
from tracepile.model import CallEvent, LineEvent
from tracepile.verification.checks.base import HOLDS, UNREADABLE, Finding, false, literal, unverifiable
from tracepile.verification.claims import Claim


def has(value, prop: str) -> bool | None:
    """Whether `value` has the property; None when the property says nothing of such a value."""
    number = isinstance(value, (int, float)) and not isinstance(value, bool)
    if prop == "empty":
        return len(value) == 0 if isinstance(value, (str, list, tuple, dict, set, frozenset, bytes)) else None
    if prop == "sorted":
        try:
            return list(value) == sorted(value) if isinstance(value, (str, list, tuple)) else None
        except TypeError:
            return None
    if not number:
        return None
    if prop in ("even", "odd"):
        return isinstance(value, int) and value % 2 == (prop == "odd")
    return {"positive": value > 0, "negative": value < 0, "zero": value == 0}[prop]


class CorroborationChecks:
    """`an empty list; now `xs = []``, `the maximum ...; `max(a, b) = 3``, `` `range(n) = ...` yields``, `the first
    call`, `the first sentence, "..."`, `raises ... to the power`, `drops that digit`."""

    def claim_corroborated(self, claim: Claim) -> Finding:
        how = claim.args["how"]
        if how == "property":
            return _property(claim)
        if how == "sentence":
            return self.sentence_ordinal(claim)
        if how == "extreme":
            return _extreme(claim)
        event = self.line_context(claim)
        if isinstance(event, Finding):
            return event
        if how == "call":
            return self.call_ordinal(claim, event)
        if how == "operation":
            return _operation(claim, self.source_of(event.line), event.line)
        if "yield" in self.source_of(event.line):
            return unverifiable(f"\"{claim.text}\": line {event.line} is a `yield`, which its own forms state")
        return HOLDS if claim.args["spans"] else unverifiable(
            f"\"{claim.text}\" says what a value gives, but no value span follows it")


    def sentence_ordinal(self, claim: Claim) -> Finding:
        """`the first sentence, "..."`: every quotation of the sentence lies in that sentence of the problem."""
        found = problem_sentences(self.problem)
        ordinal = claim.args["ordinal"]
        if not claim.args["quotes"] or not found or ordinal > len(found):
            return unverifiable(f"\"{claim.text}\" names no sentence of the problem a quotation shows")
        chosen = found[ordinal - 1 if ordinal > 0 else -1]
        elsewhere = [q for q in claim.args["quotes"] if squeeze(q) not in squeeze(chosen)]
        return false(f"\"{elsewhere[0]}\" is not in the {claim.text}", chosen, elsewhere[0]) if elsewhere else HOLDS

    def call_ordinal(self, claim: Claim, line: LineEvent) -> Finding:
        """`the first call`: the call the line makes (the first frame it starts) is that call of its function."""
        index = self.context.index
        call = next((e for e in self.events[index + 1:] if isinstance(e, CallEvent) and e.caller == line.frame
                     and not e.resumed), None)
        ends = next((i for i, e in enumerate(self.events[index + 1:], index + 1)
                     if getattr(e, "frame", None) == line.frame), len(self.events))
        if call is None or self.events.index(call) > ends:
            return false(f"line {line.line} calls no function of the program here", "", claim.text)
        calls = [e for e in self.events if isinstance(e, CallEvent) and e.func == call.func and not e.resumed]
        number, ordinal = calls.index(call) + 1, claim.args["ordinal"]
        if number == ordinal or ordinal == -1 and number == len(calls):
            return HOLDS
        return false(f"this is call {number} of `{call.func}` (of {len(calls)})", str(number), claim.text)


def _extreme(claim: Claim) -> Finding:
    """`the maximum`: a `max(...)` span of the sentence, whose value the span the word describes states."""
    calls = [span for span in claim.args["spans"] if _calls(span.partition(" = ")[0], claim.args["call"])]
    if not calls:
        return unverifiable(f"\"{claim.text}\" is not shown: no value span of the sentence computes "
                            f"`{claim.args['call']}(...)`")
    described = claim.args["described"]
    if described and not any(described.partition(" = ")[2].strip() == c.partition(" = ")[2].strip() for c in calls):
        return false(f"`{described}` is not the {claim.text} the sentence shows (`{calls[0]}`)", calls[0], described)
    return HOLDS


def _operation(claim: Claim, source: str, line: int) -> Finding:
    """`raises ... to the power`: the code has `**` or `pow(...)`; `drops the digit`: it divides by 10 (`//`)."""
    try:
        nodes = list(ast.walk(ast.parse(source.strip().rstrip(":") if source else "pass")))
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        nodes = []
    if claim.args["op"] == "power":
        done = any(isinstance(n, (ast.BinOp, ast.AugAssign)) and isinstance(n.op, ast.Pow) or isinstance(n, ast.Call)
                   and isinstance(n.func, ast.Name) and n.func.id == "pow" for n in nodes)
    else:
        done = any(isinstance(n, (ast.BinOp, ast.AugAssign)) and isinstance(n.op, ast.FloorDiv) and
                   isinstance(getattr(n, "right", None) or n.value, ast.Constant) and
                   (getattr(n, "right", None) or n.value).value == 10 for n in nodes)
    what = "a power" if claim.args["op"] == "power" else "a division by 10 (`// 10`)"
    return HOLDS if done else false(f"line {line} does not compute {what}: `{source}`", source, claim.text)


def _property(claim: Claim) -> Finding:
    prop, span = claim.args["property"], claim.args["span"]
    value = literal(span.partition(" = ")[2])
    if value is UNREADABLE:
        return unverifiable(f"\"{claim.text}\" describes `{span}`, whose value is no literal to check it on")
    if claim.args["each"]:
        if not isinstance(value, (list, tuple, set, frozenset, dict)) or not value:
            return unverifiable(f"\"{claim.text}\" describes items, but `{span}` holds none")
        verdicts = [has(item, prop) for item in value]
    else:
        verdicts = [has(value, prop)]
    if None in verdicts:
        return unverifiable(f"\"{claim.text}\" says nothing checkable of `{span}`")
    what = "every item of " if claim.args["each"] else ""
    return HOLDS if all(verdicts) else false(f"{what}`{span}` is not {prop}", f"not {prop}", claim.text)


def _calls(expr: str, func: str) -> bool:
    """Whether the expression is a call of `func` (`max(a, b)`), possibly indexed or keyed."""
    try:
        node = ast.parse(expr.strip(), mode="eval").body
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == func
