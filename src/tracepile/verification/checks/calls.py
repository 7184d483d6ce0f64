"""Checks of calls and returns, and of the run's effects and outcome: a call entered or resumed, a
return or yield and where it goes back to, an exception raised or unwinding, output, the input, the answer."""

from __future__ import annotations

import ast

from tracepile.model import CallEvent, ExceptionEvent, LineEvent, OutputEvent, ReturnEvent
from tracepile.tracer.analysis import call_arguments
from tracepile.tracer.paths import call_end, call_signature, last_events, quiet_calls
from tracepile.updates import changes_directly, root_name
from tracepile.verification.checks import hints
from tracepile.verification.checks.base import HOLDS, LINE_CONTEXTS, Context, Finding, false, split_claim, unverifiable
from tracepile.verification.claims import Claim
from tracepile.verification.compare import exact, same_output, unfence


class CallChecks:
    """Claims about entering and leaving frames, what the run prints and raises, and its result."""

    def claim_call(self, claim: Claim) -> Finding:
        func = claim.args["func"]
        index = self.take(CallEvent, lambda e: e.func == func and not e.resumed, f"`{func}` is called")
        if isinstance(index, Finding):
            self.context = Context("lost")
            return index
        event = self.events[index]
        self.context = Context("call", index)
        if "depth" in claim.args and claim.args["depth"] != event.depth:
            return false(f"`{func}` runs at depth {event.depth}", str(event.depth), str(claim.args["depth"]))
        arguments = call_arguments(self.trace.code, event)
        if claim.args.get("no_args") and arguments:
            return false(f"`{func}` takes arguments", ", ".join(n for n, _ in arguments), "no arguments")
        return HOLDS

    def claim_repeat_call(self, claim: Claim) -> Finding:
        """`cmp('0', '0')` again returns `0`, as in call 2: the next step is a call of `cmp` with exactly those
        arguments; call 2 of `cmp` (in the order calls start) came earlier and did the same (same arguments,
        lines, values and result, nested calls included: tracer.paths.call_signature); the call returns that
        value. The whole call is narrated by this sentence."""
        stated = _call_parts(claim.args["call"])
        if stated is None:
            self.context = Context("lost")
            return false(f"`{claim.args['call']}` is not a call of a function with literal arguments")
        func, values = stated
        index = self.take(CallEvent, lambda e: e.func == func and not e.resumed, f"`{func}` is called")
        if isinstance(index, Finding):
            self.context = Context("lost")
            return index
        event, end = self.events[index], call_end(self.events, index)
        if end is None:
            self.context = Context("lost")
            return false(f"this call of `{func}` does not return", "no return", claim.args["value"])
        self.replay_to(end)
        self.cursor = end
        self.context = Context("return", end)
        actual = [value for _, value in call_arguments(self.trace.code, event)]
        if len(actual) != len(values) or not all(exact(s, a) for s, a in zip(values, actual)):
            return false(f"`{func}` is called with {', '.join(actual)}", ", ".join(actual), ", ".join(values))
        if not exact(claim.args["value"], self.events[end].value):
            return false(f"`{func}` returns `{self.events[end].value}`", self.events[end].value, claim.args["value"])
        starts = self.call_starts(func)
        number, earlier = claim.args["earlier"], starts.index(index) + 1
        if not 1 <= number < earlier:
            return false(f"this is call {earlier} of `{func}`; call {number} does not come before it", str(earlier),
                         str(number))
        signature = call_signature(self.events, index)
        if signature is None or signature != call_signature(self.events, starts[number - 1]):
            return false(f"call {number} of `{func}` did not do the same as this call (arguments, path, values or "
                         "result differ)", "a different call", f"call {number}")
        return HOLDS

    def claim_quiet_calls(self, claim: Claim) -> Finding:
        """Its calls are summarised: line 9 starts 40 calls (of `f` and `g`), which print nothing and change
        nothing outside themselves: the narrated line is line 9 and nothing after it is narrated yet; the calls
        it starts (nested ones included) are exactly that many, of exactly those functions, and quiet
        (tracer.paths.quiet_calls: only their own frames' local names are rebound, nothing is printed, read,
        raised or changed in place, no generator outlives them). The sentence narrates them all."""
        if self.context.kind not in LINE_CONTEXTS or self.cursor != self.context.index:
            return unverifiable(f"{claim.text} does not follow the narration of the line that starts the calls")
        event = self.events[self.context.index]
        if event.line != claim.args["line"]:
            return false(f"the line narrated here is line {event.line}", str(event.line), str(claim.args["line"]))
        if not hasattr(self, "_last_seen"):
            self._last_seen = last_events(self.events)
        found = quiet_calls(self.events, self.context.index, self.trace.code, self.info, self._last_seen)
        if found is None:
            nested = self.context.index + 1 < len(self.events) and isinstance(self.events[self.context.index + 1],
                                                                              CallEvent)
            return false(f"the calls line {event.line} starts print, read, raise or change something outside "
                         "themselves" if nested else f"line {event.line} starts no call", "not quiet", "quiet")
        self.replay_to(found.end - 1)
        self.cursor = found.end - 1
        if claim.args["calls"] != found.calls:
            return false(f"line {event.line} starts {found.calls} calls", str(found.calls), str(claim.args["calls"]))
        if set(claim.args["funcs"]) != set(found.funcs):
            shown = ", ".join(found.funcs)
            return false(f"the calls are of {shown}", shown, ", ".join(claim.args["funcs"]))
        return HOLDS

    def call_starts(self, func: str) -> list[int]:
        """The event indices of the calls of `func` that start (not resume), in order (computed once)."""
        if not hasattr(self, "_call_starts"):
            self._call_starts: dict[str, list[int]] = {}
            for i, e in enumerate(self.events):
                if isinstance(e, CallEvent) and not e.resumed:
                    self._call_starts.setdefault(e.func, []).append(i)
        return self._call_starts.get(func, [])

    def claim_changed_inside(self, claim: Claim) -> Finding:
        """`arr` is now `[...]`, changed inside `quick_sort`: the value after the step, a change the line's own
        code does not make, and `quick_sort` called by the line."""
        event = self.line_context(claim)
        if isinstance(event, Finding):
            return event
        name, func, line = claim.args["name"], claim.args["func"], event.line
        source, root = self.source_of(line), root_name(name)
        defined = frozenset(self.info.functions if self.info else ())
        if root is None or not source or changes_directly(source, root, defined):
            return false(f"line {line}'s own code changes `{name}` (`{source}`)", source, func)
        called = self.callees(self.context.index)
        if func not in called:
            return false(f"line {line} calls {', '.join(f'`{f}`' for f in sorted(called)) or 'no function'}",
                         ", ".join(sorted(called)), func)
        before, after = (self.context.before or {}).get(root), self.values.of(event.frame).get(root)
        if before is not None and after is not None and exact(before, after):
            return false(f"`{root}` does not change at line {line}", after, claim.args["value"])
        return self.claim_value(Claim("value", {"expr": name, "value": claim.args["value"]}, "after", claim.text,
                                      claim.form))

    def callees(self, index: int) -> set[str]:
        """The functions of the program the line event at `index` called while it ran."""
        event, called = self.events[index], set()
        for later in self.events[index + 1:]:
            if getattr(later, "frame", None) == event.frame and isinstance(later, (LineEvent, ReturnEvent)):
                break
            if isinstance(later, CallEvent) and later.caller == event.frame:
                called.add(later.func)
        return called

    def claim_resume(self, claim: Claim) -> Finding:
        func = claim.args["func"]
        index = self.take(CallEvent, lambda e: e.func == func and e.resumed, f"generator `{func}` resumes")
        self.context = Context("lost" if isinstance(index, Finding) else "call", index)
        return index if isinstance(index, Finding) else HOLDS

    def claim_passes_args(self, claim: Claim) -> Finding:
        """`passes `p = (1, 2)` on to the helper`: the line calls traced code next, and each value it passes is
        one of that call's arguments (the values themselves are checked as value claims)."""
        event = self.line_context(claim)
        if isinstance(event, Finding):
            return event
        index = self.context.index + 1
        call = self.events[index] if index < len(self.events) else None
        if not isinstance(call, CallEvent) or call.resumed or call.caller != event.frame:
            return false(f"line {event.line} calls no traced function next", "", claim.text)
        for span in claim.args["values"]:
            expr, value = split_claim(span) if " = " in span else ("", span)
            if expr:
                shown = self.claim_value(Claim("value", {"expr": expr, "value": value}, "before", claim.text,
                                               claim.form))
                if shown.verdict is not True:
                    return shown
            if not any(exact(value, actual) for _, actual in call.args):
                return false(f"`{call.func}` is not called with `{value}`",
                             ", ".join(f"{n} = {v}" for n, v in call.args), value)
        return HOLDS

    def claim_return(self, claim: Claim, yielded: bool = False) -> Finding:
        func = claim.args["func"]
        if "(" in func and not yielded and self.context.kind in LINE_CONTEXTS:
            return self.call_result(claim)  # `q.popleft()` returns `1`: a call the narrated line makes
        verb = "yields" if yielded else "returns"
        index = self.take(ReturnEvent, lambda e: e.func == func and e.yielded == yielded, f"`{func}` {verb}")
        if isinstance(index, Finding):
            self.context = Context("lost")
            return index
        event = self.events[index]
        self.context = Context("return", index)
        if "value" in claim.args and not exact(claim.args["value"], event.value):
            return false(f"`{func}` {verb} `{event.value}`, not `{claim.args['value']}`", event.value,
                         claim.args["value"], hints.opening(event))
        if "back" in claim.args:
            return self.back_to(event.frame, claim.args["back"], claim.args.get("depth"))
        return HOLDS

    def claim_yield(self, claim: Claim) -> Finding:
        return self.claim_return(claim, yielded=True)

    def back_to(self, frame: int, line: int, depth: int | None) -> Finding:
        caller = self.caller.get(frame)
        index = self.last_line.get(caller)
        actual = self.events[index].line if index is not None else None
        if actual != line:
            return false(f"execution goes back to line {actual}, not line {line}", str(actual), str(line))
        if depth is not None and self.depth.get(caller, 0) != depth:
            return false(f"the caller runs at depth {self.depth.get(caller)}", str(self.depth.get(caller)),
                         str(depth))
        return HOLDS

    def claim_unwind(self, claim: Claim) -> Finding:
        func = claim.args["func"]
        index = self.take(ExceptionEvent, lambda e: e.unwound, f"the exception leaves `{func}`")
        if isinstance(index, Finding):
            return index
        self.context = Context("return", index)
        actual = self.func.get(self.events[index].frame, "")
        if func != actual or claim.args["func2"] != actual:
            return false(f"the exception leaves `{actual}`", actual, func)
        return HOLDS

    def claim_raises(self, claim: Claim) -> Finding:
        text = claim.args["text"].strip()
        index = self.take(ExceptionEvent, lambda e: not e.unwound, f"`{text}` is raised")
        if isinstance(index, Finding):
            return index
        event = self.events[index]
        actual = f"{event.type}: {event.message}" if event.message else event.type
        return HOLDS if text == actual else false(f"the exception is `{actual}`", actual, text)

    def claim_prints(self, claim: Claim) -> Finding:
        text, line = claim.args["text"], claim.args.get("line")
        shown = getattr(self, "shown_output", None)  # the output a `prints `x = v`` of this paragraph took
        if line is None and shown is not None and shown[0] == self.paragraph and shown[1] == self.cursor and \
                same_output(text, self.events[shown[1]].text):
            return HOLDS  # said again in other words
        if line is not None:  # printed by the module's top-level code before the call
            index = self.take(OutputEvent, lambda e: e.frame == 0 and e.line == line,
                              f"line {line} of the module's top-level code prints `{text}`")
        else:
            following = self.cursor + 1 < len(self.events) and isinstance(self.events[self.cursor + 1], OutputEvent)
            if not following and self.cursor >= 0 and isinstance(self.events[self.cursor], OutputEvent) and \
                    same_output(text, self.events[self.cursor].text):
                return HOLDS  # the output just narrated, said again in a later sentence or paragraph
            index = self.take(OutputEvent, lambda e: True, f"`{text}` is printed")
        if isinstance(index, Finding):
            return index
        actual = self.events[index].text
        return HOLDS if same_output(text, actual) else false(f"the output is {actual!r}", repr(actual), text)

    def claim_input(self, claim: Claim) -> Finding:
        program_input = self.trace.input
        if claim.args.get("stdin"):
            stated, actual, kind = claim.args["stdin_text"], program_input.text.rstrip("\n"), "stdin"
        else:
            stated, actual, kind = claim.args["call"].strip(), program_input.text.strip(), "call"
        if program_input.kind != kind or stated.rstrip("\n") != actual:
            return false("the input is not the one the run used", actual, stated)
        return HOLDS

    def claim_shown(self, claim: Claim) -> Finding:
        """How Python prints the returned value (its real repr), or that its repr() failed."""
        outcome = self.trace.outcome
        if self.trace.input.kind != "call" or outcome.exception is not None or outcome.value is None:
            return false("the run returned no value", "", claim.text)
        if claim.args.get("unavailable"):
            if outcome.value_repr is None:
                return HOLDS
            return false("Python can show the returned value", outcome.value_repr[:200], claim.text)
        stated = claim.args["value"]
        if outcome.value_repr in (stated, stated.replace("\\x60", "`")):
            return HOLDS
        return false("Python shows the returned value differently", str(outcome.value_repr)[:200], stated[:200])

    def claim_final(self, text: str) -> Finding:
        self.final_seen = True
        if self.final_check is not None:
            return self.final_check(text)
        outcome = self.trace.outcome
        expected = outcome.answer(self.trace.input.kind)
        if self.trace.input.kind == "stdin" and outcome.exception is None:
            ok = unfence(text).rstrip("\n") == expected.rstrip("\n")
        elif outcome.exception is not None:
            ok = text.strip() == expected.strip()
        else:
            ok = exact(text, expected)
        return HOLDS if ok else false("wrong final answer", expected.strip()[:200], text.strip()[:200],
                                      self.final_hint())

    def final_hint(self) -> str:
        """The `Final answer:` paragraph the run gives, as a hint."""
        outcome, kind = self.trace.outcome, self.trace.input.kind
        return hints.final_answer(outcome.answer(kind), kind == "stdin" and outcome.exception is None)


def _call_parts(text: str) -> tuple[str, list[str]] | None:
    """`f(1, 'a')` as ('f', ['1', "'a'"]): a plain call with positional arguments only, else None."""
    try:
        node = ast.parse(text.strip(), mode="eval").body
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name) or node.keywords or \
            any(isinstance(arg, ast.Starred) for arg in node.args):
        return None
    return node.func.id, [ast.unparse(arg) for arg in node.args]
