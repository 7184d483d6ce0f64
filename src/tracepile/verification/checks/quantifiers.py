"""Checks of quantifiers stated as facts: every item of a value has a property (`every item of `xs` is positive`),
and only the names listed change at a step (`only `b` changes`)."""

from __future__ import annotations

import operator

from tracepile.verification.checks.base import HOLDS, LINE_CONTEXTS, Finding, false, unverifiable
from tracepile.verification.checks.wording import literal_value
from tracepile.verification.claims import Claim
from tracepile.verification.compare import evaluate, exact, normal

PROPERTIES = {
    "positive": lambda v: v > 0, "negative": lambda v: v < 0, "even": lambda v: v % 2 == 0,
    "odd": lambda v: v % 2 == 1, "nonzero": lambda v: v != 0, "non-zero": lambda v: v != 0, "zero": lambda v: v == 0,
    "non-negative": lambda v: v >= 0, "nonnegative": lambda v: v >= 0, "truthy": bool,
    "falsy": lambda v: not v, "empty": lambda v: len(v) == 0, "non-empty": lambda v: len(v) > 0,
}
RELATIONS = {"greater than": operator.gt, "larger than": operator.gt, "less than": operator.lt,
             "smaller than": operator.lt, "at least": operator.ge, "at most": operator.le, "equal to": operator.eq,
             "different from": operator.ne}
NUMERIC = {"positive", "negative", "even", "odd", "nonzero", "non-zero", "zero", "non-negative", "nonnegative"}


class QuantifierChecks:
    """`every item of `xs` is positive`, `all values of `d` are at least `2``, `only `b` changes`."""

    def claim_every_item(self, claim: Claim) -> Finding:
        """Each item of the sequence has the property, at every moment of the step it can be read at (before
        and after a line, on entry to a call); an empty sequence has no item to say it of."""
        moments = self.quantified_moments()
        if isinstance(moments, Finding):
            return moments
        expr = claim.args["sequence"].partition(" = ")[0].strip()
        values = [value for known, value in (evaluate(expr, state, recorded) for state, recorded in moments) if known]
        if not values:
            return unverifiable(f"`{expr}` cannot be evaluated here")
        for value in dict.fromkeys(values):
            items = _items(literal_value(value), claim.args["noun"])
            if items is None:
                return unverifiable(f"the items of `{expr} = {value}` cannot be read")
            if not items:
                return false(f"`{expr} = {value}` has no items", value, claim.text)
            bad = next((item for item in items if not _has(item, claim.args)), _NONE)
            if bad is not _NONE:
                return false(f"`{expr} = {value}` holds `{bad!r}`, which is not {claim.args['property']}", value,
                             claim.text)
        return HOLDS

    def quantified_moments(self) -> list[tuple[dict, dict]] | Finding:
        if self.context.kind in LINE_CONTEXTS:
            event = self.events[self.context.index]
            return [(self.context.before or {}, dict(event.values)), (self.values.of(event.frame), {})]
        if self.context.kind == "call":
            return [(self.values.of(self.events[self.context.index].frame), {})]
        return unverifiable("a quantified claim is not tied to a step where it can be read")

    def claim_only_changes(self, claim: Claim) -> Finding:
        """The names listed are exactly the variables of the step's frame that have another value after it
        (a stated value must be the new one, and states it)."""
        event = self.line_context(claim)
        if isinstance(event, Finding):
            return event
        before, after = self.context.before or {}, self.values.of(event.frame)
        changed = {normal(n) for n in set(before) | set(after) if before.get(n) != after.get(n)}
        named = {}
        for span in claim.args["names"]:
            name, _, value = span.partition(" = ")
            named[normal(name.strip())] = value.strip()
        if set(named) != changed:
            shown = ", ".join(f"`{n}`" for n in sorted(changed)) or "nothing"
            return false(f"line {event.line} changes {shown}", shown, claim.text)
        for name, value in named.items():
            if value and not exact(value, after.get(name, "")):
                return false(f"`{name}` is `{after.get(name)}` after line {event.line}", after.get(name, ""), value)
            if value:
                self.unstated.get(self.context.index, set()).discard(name)
        return HOLDS


_NONE = object()


def _items(value, noun: str) -> list | None:
    """The items a quantifier ranges over: a list, tuple, set or string's items; a dictionary's keys, or
    its values when the noun says so."""
    if isinstance(value, dict):
        return list(value.values()) if noun.startswith("value") else list(value)
    if isinstance(value, (list, tuple, set, frozenset, str)):
        return list(value)
    return None


def _has(item, args: dict) -> bool:
    prop = args["property"]
    try:
        if args.get("relation"):
            bound = literal_value(args["bound"].partition(" = ")[2] or args["bound"])
            if bound is None or isinstance(bound, bool) or isinstance(item, bool):
                return False
            return bool(RELATIONS[args["relation"]](item, bound))
        if prop in NUMERIC and (isinstance(item, bool) or not isinstance(item, (int, float))):
            return False
        return bool(PROPERTIES[prop](item))
    except TypeError:
        return False
