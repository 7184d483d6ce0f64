"""Checks of grammar 3.2's transitions: where execution goes back to after the narrated line (a loop header
at line N, or line N), a loop's size grounded on the sequence it iterates named by its kind ("the list"), and
the result of a call the line makes (`q.popleft()` returns `1`, `calls `q.popleft()` on `q = deque([1])``)."""

from __future__ import annotations

import ast

from tracepile.model import LineEvent
from tracepile.tracer.analysis import call_arguments, for_iterable
from tracepile.verification.checks.base import HOLDS, Finding, false, unverifiable
from tracepile.verification.claims import SPAN_RE, Claim, unspan
from tracepile.verification.checks.code import sub_expressions
from tracepile.verification.compare import evaluate, exact, normal
from tracepile.values import Unparsable, parse_value

LOOPS = ("for", "while")
# what the keyword a skipped part names must be: the narrated line itself, or a statement of its body
SKIPPED_KINDS = {"`while` body": ("while", "self"), "`continue`": ("continue", "body"), "`break`": ("break", "body")}
NUMBER_WORDS = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
NOUN_TYPES = {"list": list, "string": str, "range": range, "tuple": tuple, "dictionary": dict, "set": set}


class TransitionChecks:
    """Claims about the line that runs after the narrated one, and loop sizes said in words."""

    def claim_loop_next(self, claim: Claim) -> Finding:
        return self.stated_flow(self._loop_next(claim))

    def _loop_next(self, claim: Claim) -> Finding:
        """`execution goes back to the inner `for` loop at line 4`: line 4 runs next in this frame, it ran
        earlier in this frame (going back), it is a loop header of the kind named (`for`, `while`), the narrated
        line is inside that loop, and `inner` / `outer` loops are nested in / hold another loop. With `the body is
        skipped and`, the narrated line's body (or the keyword statement named) does not run."""
        event = self.line_context(claim)
        if isinstance(event, Finding):
            return event
        line, args = claim.args["line"], claim.args
        skipped = args.get("skipped")
        found = self._next(Claim("next", {"line": line, "where": "skip" if skipped else "any"}, "", claim.text,
                                 claim.form))
        if found.verdict is not True:
            return found
        if skipped in SKIPPED_KINDS:
            found = self.skipped_part(event, *SKIPPED_KINDS[skipped])
            if found.verdict is not True:
                return found
        if args.get("forward"):
            return HOLDS
        earlier = any(isinstance(e, LineEvent) and e.frame == event.frame and e.line == line
                      for e in self.events[:self.context.index])
        if not earlier:
            return false(f"line {line} has not run before in this call: execution does not go back to it",
                         "first arrival", "goes back")
        if args.get("plain"):
            return HOLDS
        target = self.info.info(line) if self.info else None
        kinds = (args["loop"].strip(" `"),) if args.get("loop") else LOOPS
        if target is None or target.kind not in kinds:
            return false(f"line {line} is no {' or '.join(f'`{k}`' for k in kinds)} loop", target.kind if target
                         else "", "/".join(kinds))
        if event.line != line and event.line not in target.body:
            return false(f"line {event.line} is not inside the loop at line {line}")
        which = args.get("which")
        if which and not self.nesting_is(line, which):
            return false(f"the loop at line {line} is not an {which} loop", "", which)
        return HOLDS

    def skipped_part(self, event: LineEvent, kind: str, where: str) -> Finding:
        info = self.info.info(event.line) if self.info else None
        if where == "self":
            ok = info is not None and info.kind == kind
        else:
            ok = info is not None and any((self.info.info(n) or info).kind == kind for n in info.body
                                          if self.info.info(n) is not None)
        return HOLDS if ok else false(f"line {event.line} has no `{kind}` that could be skipped", "", kind)

    def nesting_is(self, line: int, which: str) -> bool:
        """`inner`: the loop at `line` sits in another loop's body; `outer`: its body holds another loop."""
        loops = {n: i for n, i in self.info.lines.items() if i.kind in LOOPS}
        if which == "inner":
            return any(line in info.body for n, info in loops.items() if n != line)
        return any(n in loops[line].body for n in loops if n != line)

    def claim_loop_ground_noun(self, claim: Claim) -> Finding:
        """`the list holds 6 items, so the loop will run 6 times`: the `for` loop's sequence is of that kind, and
        the ground holds for it as `loop_ground` checks it."""
        event = self.line_context(claim)
        if isinstance(event, Finding):
            return event
        source = for_iterable(self.source_of(event.line))
        first = self.first_iteration((event.frame,) + event.loop[:2]) if event.loop and source else None
        if first is None:
            return false(f"line {event.line} does not start an iteration of a `for` loop")
        known, actual = evaluate(source, self.befores.get(first, {}), dict(self.events[first].values))
        try:
            kind = type(parse_value(actual)) if known else None
        except Unparsable:
            kind = None
        if kind is not NOUN_TYPES[claim.args["noun"]]:
            return false(f"the loop at line {event.line} iterates `{source} = {actual}`, which is no "
                         f"{claim.args['noun']}", actual, claim.args["noun"])
        return self.claim_loop_ground(Claim("loop_ground", dict(claim.args, sequence=source), "", claim.text,
                                            claim.form))

    def call_result(self, claim: Claim) -> Finding:
        """`q.popleft()` returns `1` inside a line's paragraph: the result of a call the narrated line makes,
        checked as `calls `q.popleft()`, which returns `1``."""
        args = {"call": claim.args["func"], "value": claim.args["value"]}
        return self.claim_mutating_call(Claim("mutating_call", args, "during", claim.text, claim.form))

    def receiver_holds(self, call: str, claim: Claim) -> Finding:
        """`calls `q.popleft()` on `q = deque([1])``: the object named is part of the call, and it has that value
        just before the line runs."""
        expr, _, value = claim.args["receiver"].partition(" = ")
        if normal(expr) not in sub_expressions(call):
            return false(f"`{expr.strip()}` is not part of the call `{call}`", call, expr.strip())
        return self.claim_value(Claim("value", {"expr": expr.strip(), "value": value.strip()}, "before",
                                      claim.text, claim.form))

    def claim_sees_enclosing(self, claim: Claim) -> Finding:
        """`it sees `found = []` from the enclosing function`: in a call's paragraph, each name is no argument of
        the call but a name of an enclosing function the callee reads, with that value when the call starts."""
        if self.context.kind != "call":
            return unverifiable(f"{claim.text} is not tied to a call")
        event = self.events[self.context.index]
        arguments = {name for name, _ in call_arguments(self.trace.code, event)}
        recorded = dict(event.args)
        for span in SPAN_RE.findall(claim.args.get("seen") or claim.args.get("seen2") or ""):
            expr, _, value = unspan(span).partition(" = ")
            name = expr.strip()
            if name in arguments or name not in recorded:
                return false(f"`{name}` is no name `{event.func}` sees from an enclosing function",
                             ", ".join(sorted(set(recorded) - arguments)), name)
            if not exact(value.strip(), recorded[name]):
                return false(f"`{name} = {recorded[name]}` when `{event.func}` is entered", recorded[name],
                             value.strip())
        return HOLDS

    def claim_operand_counts_as(self, claim: Claim) -> Finding:
        """`k = 0` counts as false: of the line's condition itself, as `counts_as` checks it (its outcome); of an
        operand of the condition's `and` / `or` / `not`, its value while the line runs and that value's truth."""
        event = self.line_context(claim)
        if isinstance(event, Finding):
            return event
        expr, _, value = claim.args["claim"].partition(" = ")
        info = self.info.info(event.line) if self.info else None
        test = info.test if info and info.test else ""
        if normal(expr) == normal(test) or normal(expr) not in bool_operands(test):
            return self.claim_counts_as(claim)
        found = self.claim_value(Claim("value", {"expr": expr.strip(), "value": value.strip()}, "during",
                                       claim.text, claim.form))
        if found.verdict is not True:
            return found
        try:
            truthy = bool(parse_value(value.strip()))
        except Unparsable:
            return unverifiable(f"the truth of `{value.strip()}` cannot be read")
        stated = claim.args["truthy"] == "true"
        return HOLDS if truthy == stated else false(f"`{value.strip()}` counts as {str(truthy).lower()}",
                                                    str(truthy).lower(), claim.args["truthy"])

    def claim_one_each(self, claim: Claim) -> Finding:
        """`builds one empty list for each number in `range(n) = range(0, 2)`, so now `adj = [[], []]``: the
        sequence (as it was before the line) and the new value are true, the new value has one item per item of
        the sequence, and with `empty` each item is empty."""
        event = self.line_context(claim)
        if isinstance(event, Finding):
            return event
        (source, old), (target, new) = (self.split(claim.args[k]) for k in ("source", "claim"))
        for expr, value, moment in ((source, old, "before"), (target, new, "after")):
            found = self.claim_value(Claim("value", {"expr": expr, "value": value}, moment, claim.text, claim.form))
            if found.verdict is not True:
                return found
        try:
            sequence, made = parse_value(old), parse_value(new)
            sizes = len(sequence), len(made)
        except (Unparsable, TypeError):
            return unverifiable(f"the sizes of `{old}` and `{new}` cannot be read")
        if sizes[0] != sizes[1]:
            return false(f"`{target} = {new}` holds {sizes[1]} items, `{source}` holds {sizes[0]}", str(sizes[1]),
                         str(sizes[0]))
        if claim.args.get("empty") and not all(hasattr(item, "__len__") and len(item) == 0 for item in made):
            return false(f"not every item of `{target} = {new}` is empty", new, "empty")
        return HOLDS

    def claim_counted_empty(self, claim: Claim) -> Finding:
        """`two empty lists, so now `adj = [[], []]``: the value is true and empty (as `empty` checks it), and it
        holds that many items."""
        found = self.claim_empty(claim)
        if found.verdict is not True:
            return found
        count = claim.args["count"]
        wanted = int(count) if count.isdigit() else NUMBER_WORDS.index(count) + 2
        value = self.split(claim.args["claim"])[1]
        try:
            size = len(parse_value(value))
        except (Unparsable, TypeError):
            return unverifiable(f"the size of `{value}` cannot be read")
        return HOLDS if size == wanted else false(f"`{value}` holds {size} items", str(size), count)

    def claim_whole_truth(self, claim: Claim) -> Finding:
        """`the whole `a or b` is True`: the expression is the line's whole condition, and it has that truth."""
        event = self.line_context(claim)
        if isinstance(event, Finding):
            return event
        info = self.info.info(event.line) if self.info else None
        test = info.test if info and info.test else ""
        if normal(claim.args["expr"]) != normal(test):
            return false(f"`{claim.args['expr']}` is not the whole condition of line {event.line}", test,
                         claim.args["expr"])
        return self.claim_truth(claim)

    def claim_runs_keyword(self, claim: Claim) -> Finding:
        """`runs `continue``: the narrated line is that statement."""
        return self.claim_statement(Claim("statement", {"kinds": (claim.args["keyword"],)}, "", claim.text,
                                          claim.form))

    def claim_call_finished(self, claim: Claim) -> Finding:
        """`Back at line 19, the call has finished`: the paragraph narrates the return to a line from a call."""
        if self.context.kind == "back" and self.returned_here() is not None:
            return HOLDS
        return false("this paragraph does not narrate the line a finished call returns to", "", claim.text)

    def is_header(self, span: str) -> bool:
        """Whether a code span is the narrated line's compound-statement header without its colon."""
        if self.context.kind not in ("line", "back"):
            return False
        lines = self.source_of(self.events[self.context.index].line).strip().splitlines()
        header = lines[0].partition("#")[0].strip() if lines else ""  # a comment may follow the header
        return header.endswith(":") and " ".join(span.split()) == " ".join(header[:-1].split())

    @staticmethod
    def split(span: str) -> tuple[str, str]:
        expr, _, value = span.partition(" = ")
        return expr.strip(), value.strip()


def bool_operands(test: str) -> set[str]:
    """The operands of the `and` / `or` / `not` of a condition, at any depth, in canonical spelling."""
    try:
        tree = ast.parse(test, mode="eval").body
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return set()
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.BoolOp):
            out.update(ast.unparse(value) for value in node.values)
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            out.add(ast.unparse(node.operand))
    return {normal(o) for o in out}
