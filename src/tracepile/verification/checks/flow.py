"""Checks of control flow: the line a paragraph narrates (or returns to), what statement it is, how its
condition or assertion comes out, and which line runs next."""

from __future__ import annotations

from tracepile.model import ExceptionEvent, LineEvent
from tracepile.verification.checks import hints
from tracepile.verification.checks.base import (BRANCHING, DEFINES, FLOW, HOLDS, LINE_CONTEXTS, Context, Finding,
                                                false, number, unverifiable)
from tracepile.verification.checks.code import sub_expressions
from tracepile.verification.claims import Claim
from tracepile.verification.compare import evaluate, exact, normal, normal_statement


class FlowChecks:
    """Claims about where execution goes at the narrated line."""

    def claim_line(self, claim: Claim) -> Finding:
        line = claim.args["line"]
        index = self.take(LineEvent, lambda e: e.line == line, f"the text narrates line {line}")
        if isinstance(index, Finding):
            self.context = Context("lost")
            return index
        self.context = Context("line", index, before=self.befores[index])
        if self.strict:
            event = self.events[index]
            info = self.info.info(event.line) if self.info else None
            branches = info is not None and info.kind in BRANCHING
            self.unstated[index] = {name for name, _ in event.changes} | ({FLOW} if branches else set())
        return HOLDS

    def claim_back(self, claim: Claim) -> Finding:
        line = claim.args["line"]
        frame = self.stack[-1] if self.stack else None
        index = self.last_line.get(frame)
        if (index is None or self.events[index].line != line) and self.line_ran_in_this_call(line):
            return self.revisited_line(claim)
        if index is None or self.events[index].line != line:
            self.context = Context("lost")
            actual = f"line {self.events[index].line}" if index is not None else "no line"
            return false(f"execution is not back at line {line}", actual, f"line {line}")
        self.context = Context("back", index, before=self.befores.get(index))
        return HOLDS

    def line_ran_in_this_call(self, line: int) -> bool:
        """Line `line` ran earlier in the call now running (or, outside any call, at all)."""
        frame = self.stack[-1] if self.stack else None
        return any(isinstance(e, LineEvent) and e.line == line and (frame is None or e.frame == frame)
                   for e in self.events[:self.cursor + 1])

    def revisited_line(self, claim: Claim) -> Finding:
        """`Back at line N` of a line that ran before in this call (a loop header, say): its next run, which
        must be in the same call."""
        frame = self.stack[-1] if self.stack else None
        found = self.claim_line(claim)
        if found.verdict is True and frame is not None and self.events[self.context.index].frame != frame:
            self.context = Context("lost")
            return false(f"execution is not back at line {claim.args['line']} of this call", "another call",
                         f"line {claim.args['line']}")
        return found

    def claim_statement(self, claim: Claim) -> Finding:
        event = self.line_context(claim)
        if isinstance(event, Finding):
            return event
        info = self.info.info(event.line) if self.info else None
        if info is None:
            return unverifiable(f"line {event.line} has no statement to describe")
        kinds, args = claim.args.get("kinds"), claim.args
        if kinds and info.kind not in kinds:
            return false(f"line {event.line} is a `{info.kind}` statement", info.kind, "/".join(kinds))
        if "test" in args and normal(args["test"]) != normal(info.test or ""):
            return false(f"line {event.line} tests `{info.test}`", info.test or "", args["test"])
        if "source" in args:
            stated = ("return " if kinds == ("return",) else "") + args["source"]
            if normal_statement(stated) != normal_statement(info.source):
                return false(f"line {event.line} is `{info.source}`", info.source, stated)
        if "name" in args and info.assigns[:1] != (args["name"],):
            return false(f"line {event.line} defines `{info.assigns[:1]}`", str(info.assigns[:1]), args["name"])
        if "names" in args and tuple(args["names"]) != info.assigns:
            return false(f"line {event.line} imports {info.assigns}", ", ".join(info.assigns),
                         ", ".join(args["names"]))
        if kinds and set(kinds) <= DEFINES:  # naming what the statement binds states its new value
            self.unstated.get(self.context.index, set()).difference_update(info.assigns)
        return HOLDS

    def stated_flow(self, finding: Finding) -> Finding:
        if finding.verdict is True and self.context.kind in LINE_CONTEXTS:
            self.unstated.get(self.context.index, set()).discard(FLOW)
        return finding

    def claim_truth(self, claim: Claim) -> Finding:
        return self.stated_flow(self._truth(claim))

    def _truth(self, claim: Claim) -> Finding:
        event = self.line_context(claim)
        if isinstance(event, Finding):
            return event
        expr, stated = claim.args["expr"], claim.args["truth"]
        source = self.source_of(event.line)
        if normal(expr) not in sub_expressions(source):
            return false(f"`{expr}` is not part of the code of line {event.line}, `{source}`", source, expr,
                         self.condition_hint(event))
        verdict, actual = evaluate(expr, self.context.before or {}, dict(event.values))
        if verdict is None:
            return unverifiable(f"`{expr}` cannot be evaluated at line {event.line}")
        return HOLDS if exact(stated, actual) else false(f"`{expr}` is {actual} at line {event.line}", actual, stated,
                                                         f"{hints.span(expr)} is {actual}")

    def claim_counts_as(self, claim: Claim) -> Finding:
        return self.stated_flow(self._counts_as(claim))

    def _counts_as(self, claim: Claim) -> Finding:
        event = self.line_context(claim)
        if isinstance(event, Finding):
            return event
        if "claim" in claim.args:
            expr, _, value = claim.args["claim"].partition(" = ")
            info = self.info.info(event.line) if self.info else None
            test = info.test if info and info.test else ""
            if normal(expr) != normal(test) and not _size_of(expr, test, value, claim.args["truthy"]):
                return false(f"`{expr.strip()}` is not the condition of line {event.line}", test, expr.strip(),
                             self.condition_hint(event))
            finding = self.claim_value(Claim("value", {"expr": expr.strip(), "value": value.strip()}, "during",
                                             claim.text, claim.form))
            if finding.verdict is not True:
                return finding
        truthy = self.branch_taken(event)
        if truthy is None:
            return unverifiable(f"line {event.line} has no condition")
        stated = claim.args["truthy"].lower() in ("true", "holds", "is met")
        return HOLDS if truthy == stated else \
            false(f"the condition at line {event.line} counts as {str(truthy).lower()}", str(truthy).lower(),
                  claim.args["truthy"], f"the condition is {str(truthy).lower()}")

    def condition_hint(self, event: LineEvent) -> str:
        """How the line's condition came out, in the grammar's words: `c` is True, or `c = v`, which counts as true."""
        info = self.info.info(event.line) if self.info else None
        if info is None or not info.test:
            return ""
        verdict, actual = evaluate(info.test, self.context.before or {}, dict(event.values))
        if verdict is not True:
            return ""
        if actual in ("True", "False"):
            return f"{hints.span(info.test)} is {actual}"
        taken, shown = self.branch_taken(event), hints.value(info.test, actual)
        return f"{shown}, which counts as {str(taken).lower()}" if taken is not None and shown else ""

    def branch_taken(self, event: LineEvent) -> bool | None:
        info = self.info.info(event.line) if self.info else None
        if info is None or info.kind not in ("if", "elif", "while", "assert"):
            return None
        if info.kind == "assert":
            return not self.assertion_fails(self.context.index)
        return event.next_line is not None and event.next_line in info.body

    def assertion_fails(self, index: int) -> bool:
        frame = self.events[index].frame
        for event in self.events[index + 1:]:
            if isinstance(event, ExceptionEvent) and event.frame == frame:
                return event.type == "AssertionError"
            if isinstance(event, LineEvent) and event.frame == frame:
                return False
        return False

    def claim_assertion(self, claim: Claim) -> Finding:
        return self.stated_flow(self._assertion(claim))

    def _assertion(self, claim: Claim) -> Finding:
        event = self.line_context(claim)
        if isinstance(event, Finding):
            return event
        passes = self.branch_taken(event)
        if passes is None:
            return false(f"line {event.line} is not an assertion")
        stated = claim.args["outcome"] == "passes"
        return HOLDS if passes == stated else false("the assertion " + ("passes" if passes else "fails"),
                                                    "passes" if passes else "fails", claim.args["outcome"])

    def claim_next(self, claim: Claim) -> Finding:
        return self.stated_flow(self._next(claim))

    def _next(self, claim: Claim) -> Finding:
        event = self.line_context(claim)
        if isinstance(event, Finding):
            return event
        line, where = claim.args["line"], claim.args["where"]
        if event.next_line != line:
            return false(f"the text says line {line} runs next, but after line {event.line} line "
                         f"{event.next_line} runs", str(event.next_line), str(line),
                         f"line {event.next_line} runs next" if event.next_line is not None else "")
        info = self.info.info(event.line) if self.info else None
        body = info.body if info else frozenset()
        if where == "body" and line not in body or where == "skip" and line in body or \
                where == "else" and (info is None or line not in info.orelse):
            return false(f"line {line} is {'inside' if line in body else 'outside'} the body of line {event.line}")
        if where in ("else", "elif") and (where == "elif") != self.is_elif(line):
            return false(f"line {line} is {'an `elif`' if self.is_elif(line) else 'the `else` part'}",
                         "elif" if self.is_elif(line) else "else", where)
        which = claim.args.get("which")
        if which and not self.nesting_is(event.line, which):
            return false(f"the loop at line {event.line} is not an {which} loop", "", which)
        if "iteration" in claim.args:
            return self.iteration_is(event, claim.args["iteration"])
        return HOLDS

    def is_elif(self, line: int) -> bool:
        info = self.info.info(line) if self.info else None
        return info is not None and info.kind == "elif"

    def claim_flips(self, claim: Claim) -> Finding:
        event = self.line_context(claim)
        if isinstance(event, Finding):
            return event
        previous = next((i for i in range(self.context.index - 1, -1, -1) if isinstance(self.events[i], LineEvent)
                         and self.events[i].frame == event.frame and self.events[i].line == event.line), None)
        info = self.info.info(event.line) if self.info else None
        if previous is None or info is None or info.kind not in ("if", "elif", "while"):
            return false(f"line {event.line} has no earlier check in this call")
        was, now = (self.events[i].next_line in info.body for i in (previous, self.context.index))
        if claim.args["line"] != event.line:
            return false(f"the step is at line {event.line}", str(event.line), str(claim.args["line"]),
                         f"this flips the outcome of the previous check at line {event.line}, which was "
                         f"{str(was).lower()}" if was != now else "")
        if (claim.args["truthy"] == "true") != was:
            return false(f"the previous check was {str(was).lower()}", str(was).lower(), claim.args["truthy"])
        return HOLDS if was != now else false("the outcome is the same as at the previous check", "same", "flips")


def _size_of(expr: str, test: str, value: str, truthy: str) -> bool:
    """Whether `expr = value, which counts as <truthy>` restates a bare condition `test` through its size:
    `expr` is `len(test)` and the stated size has the stated truth (`len(queue) = 0`, which counts as false)."""
    size = number(value)
    return normal(expr) == normal(f"len({test})") and isinstance(size, int) and \
        (size != 0) == (truthy.lower() == "true")
