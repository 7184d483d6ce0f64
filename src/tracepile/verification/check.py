"""Alignment of parsed claims to the trace and the check of each one against recorded values.
Strict mode (for template text) also requires every executed line to be narrated or summarised."""

from __future__ import annotations

import ast
from functools import lru_cache

from tracepile.model import (CallEvent, ExceptionEvent, FrameValues, LineEvent, OutputEvent, ReturnEvent,
                             Trace, Verification)
from tracepile.tracer.safe_eval import Unsafe, compile_expr
from tracepile.values import Unparsable, is_truncated, parse_value, render, same_value
from tracepile.verification.claims import Step, parse

Verdict = bool | None  # True: holds, False: contradicted, None: cannot be checked


class Checker:
    """Walks the trace forward while reading the steps of a CoE."""

    def __init__(self, trace: Trace, strict: bool):
        self.trace, self.strict = trace, strict
        self.events = trace.events
        self.cursor = -1  # index of the last event consumed
        self.replayed = -1  # events up to this index are applied to `state`
        self.values = FrameValues()
        self.alive: set[int] = set()
        self.loop_sizes = _loop_sizes(self.events)
        self.claims = 0
        self.verified = 0
        self.failures: list[str] = []
        self.unverifiable: list[str] = []
        self.final_seen = False

    # ---------------------------------------------------------------- bookkeeping

    def record(self, verdict: Verdict, what: str) -> None:
        self.claims += 1
        if verdict is True:
            self.verified += 1
        elif verdict is False:
            self.failures.append(what)
        else:
            self.unverifiable.append(what)

    def replay_to(self, index: int) -> None:
        """Apply every event up to and including `index` to the per-frame state."""
        while self.replayed < index:
            self.replayed += 1
            event = self.events[self.replayed]
            self.values.apply(event)
            if isinstance(event, CallEvent):
                self.alive.add(event.frame)
            elif isinstance(event, ReturnEvent) and not event.yielded or \
                    isinstance(event, ExceptionEvent) and event.unwound:
                self.alive.discard(event.frame)

    def find(self, kind: type, test=lambda e: True) -> int | None:
        """The next event of `kind` after the cursor; strict mode may not skip an executed line."""
        for index in range(self.cursor + 1, len(self.events)):
            event = self.events[index]
            if isinstance(event, kind) and test(event):
                return index
            if self.strict and isinstance(event, LineEvent) and kind is not LineEvent:
                return None
            if self.strict and kind is LineEvent and isinstance(event, LineEvent):
                return None
        return None

    # ---------------------------------------------------------------- steps

    def step(self, step: Step) -> None:
        handler = getattr(self, f"step_{step.anchor}")
        handler(step)

    def step_none(self, step: Step) -> None:
        for expr, value in step.values:
            self.record(None, f"`{expr} = {value}` is not tied to any step")

    def step_line(self, step: Step) -> None:
        (line,) = step.args
        index = self.find(LineEvent, lambda e: e.line == line)
        if index is None:
            self.record(False, f"line {line} is not the next line executed")
            return
        self.record(True, f"line {line}")
        event = self.events[index]
        self.replay_to(index - 1)
        before = dict(self.values.of(event.frame))
        self.replay_to(index)
        self.cursor = index
        self.check_line_claims(step, event, before)

    def step_back(self, step: Step) -> None:
        (line,) = step.args
        for index in range(self.cursor, -1, -1):
            event = self.events[index]
            if isinstance(event, LineEvent) and event.line == line and event.frame in self.alive:
                self.record(True, f"back at line {line}")
                self.check_line_claims(step, event, self.values.of(event.frame))
                return
        self.record(False, f"no pending execution of line {line} to come back to")

    def check_line_claims(self, step: Step, event: LineEvent, before: dict[str, str]) -> None:
        after = self.values.of(event.frame)
        recorded = dict(event.values)
        for expr, value in step.values:
            self.record(self.value_claim(expr, value, [before, after], recorded), f"line {event.line}: `{expr} = {value}`")
        for expr, truth in step.conditions:
            self.record(self.value_claim(expr, truth, [before], recorded), f"line {event.line}: `{expr}` is {truth}")
        for line in step.next_lines:
            self.record(event.next_line == line, f"line {event.line}: line {line} runs next")
        for number in step.iterations:
            ok = event.loop is not None and event.loop[2] == number
            self.record(ok, f"line {event.line}: iteration {number}")
        for count in step.loop_ends:
            ok = event.loop is not None and event.loop[2] == 0 and \
                self.loop_sizes.get(event.loop[:2], 0) == count
            self.record(ok, f"line {event.line}: the loop ends after {count} iterations")
        self.check_effects(step, event.line)

    def check_effects(self, step: Step, line: int) -> None:
        for text in step.raises:
            index = self.find(ExceptionEvent, lambda e: not e.unwound)
            if index is None:
                self.record(False, f"line {line}: raises `{text}` but nothing is raised here")
                continue
            event = self.events[index]
            actual = f"{event.type}: {event.message}" if event.message else event.type
            self.record(text.strip() == actual, f"line {line}: raises `{text}` (actually {actual})")
            self.cursor = index
        for text in step.outputs:
            index = self.find(OutputEvent)
            if index is None:
                self.record(False, f"line {line}: prints `{text}` but nothing is printed here")
                continue
            self.record(_same_output(text, self.events[index].text), f"line {line}: prints `{text}`")
            self.cursor = index

    def value_claim(self, expr: str, value: str, states: list[dict[str, str]],
                    recorded: dict[str, str]) -> Verdict:
        key = _normal(expr)
        for name, actual in recorded.items():
            if _normal(name) == key:
                if same_value(value, actual):
                    return True
        verdicts = [_evaluate_claim(key, value, state) for state in states]
        if True in verdicts:
            return True
        if False in verdicts:
            return False
        if any(_normal(n) == key for n in recorded):
            return False
        return None

    def step_summary(self, step: Step) -> None:
        first, last, line = step.args
        start = self.find(LineEvent, lambda e: e.loop is not None and e.loop[0] == line and e.loop[2] == first)
        if start is None:
            self.record(False, f"iterations {first}-{last} of the loop at line {line} do not come next")
            return
        activation = self.events[start].loop[1]
        end = next((i for i in range(start, len(self.events)) if isinstance(self.events[i], LineEvent)
                    and self.events[i].loop == (line, activation, last + 1)), None)
        if end is None:
            self.record(False, f"the loop at line {line} has no iteration {last + 1} after the summary")
            return
        self.record(True, f"iterations {first}-{last} of the loop at line {line}")
        frame = self.events[start].frame
        self.replay_to(end - 1)
        state = self.values.of(frame)
        for expr, value in step.values:
            self.record(self.value_claim(expr, value, [state], {}), f"after iteration {last}: `{expr} = {value}`")
        printed = "".join(e.text for e in self.events[start:end] if isinstance(e, OutputEvent))
        for text in step.outputs:
            self.record(_same_output(text, printed), f"iterations {first}-{last} print `{text}`")
        self.cursor = end - 1

    def step_call(self, step: Step) -> None:
        (func,) = step.args
        index = self.find(CallEvent, lambda e: e.func == func and not e.resumed)
        if index is None:
            self.record(False, f"`{func}` is not called here")
            return
        event = self.events[index]
        self.replay_to(index)
        self.cursor = index
        args = dict(event.args)
        for expr, value in step.values:
            self.record(self.value_claim(expr, value, [args], {}), f"call of `{func}`: `{expr} = {value}`")

    def step_resume(self, step: Step) -> None:
        index = self.find(CallEvent, lambda e: e.func == step.args[0] and e.resumed)
        self.record(index is not None, f"generator `{step.args[0]}` resumes")
        if index is not None:
            self.replay_to(index)
            self.cursor = index

    def step_return(self, step: Step, yielded: bool = False) -> None:
        func, value = step.args
        index = self.find(ReturnEvent, lambda e: e.func == func and e.yielded == yielded)
        verb = "yields" if yielded else "returns"
        if index is None:
            self.record(False, f"`{func}` does not {verb.rstrip('s')} here")
            return
        actual = self.events[index].value
        self.record(same_value(value, actual), f"`{func}` {verb} `{value}` (actually `{actual}`)")
        self.replay_to(index)
        self.cursor = index

    def step_yield(self, step: Step) -> None:
        self.step_return(step, yielded=True)

    def step_unwind(self, step: Step) -> None:
        index = self.find(ExceptionEvent, lambda e: e.unwound)
        self.record(index is not None, f"the exception leaves `{step.args[0]}`")
        if index is not None:
            self.replay_to(index)
            self.cursor = index

    def step_shown(self, step: Step) -> None:
        """`Python shows the returned value as `r`` (its real repr) or `... cannot show ...` (repr failed)."""
        outcome, claimed = self.trace.outcome, step.args[0]
        returned = self.trace.input.kind == "call" and outcome.exception is None and outcome.value is not None
        if claimed is None:
            self.record(returned and outcome.value_repr is None, "Python cannot show the returned value "
                        f"(its repr is {outcome.value_repr!r:.80})")
        else:
            ok = returned and outcome.value_repr in (claimed, claimed.replace("\\x60", "`"))
            self.record(ok, f"Python shows the returned value as {claimed[:80]!r} "
                            f"(actually {str(outcome.value_repr)[:80]!r})")

    def step_final(self, step: Step) -> None:
        self.final_seen = True
        claimed = step.args[0]
        outcome = self.trace.outcome
        expected = outcome.answer(self.trace.input.kind)
        if self.trace.input.kind == "stdin" and outcome.exception is None:
            ok = _fenced(claimed).rstrip("\n") == expected.rstrip("\n")
        elif outcome.exception is not None:
            ok = claimed.strip() == expected.strip()
        else:
            ok = same_value(claimed, expected)
        self.record(ok, f"final answer {claimed.strip()[:80]!r} (expected {expected.strip()[:80]!r})")

    def result(self) -> Verification:
        if not self.final_seen:
            self.record(False, "no final answer")
        if self.strict:
            left = [e for e in self.events[self.cursor + 1:] if isinstance(e, LineEvent)]
            if left:
                self.record(False, f"{len(left)} executed lines after line {left[0].line} are not narrated")
        return Verification(passed=not self.failures and not self.unverifiable, claims=self.claims,
                            checked=self.verified, failures=tuple(self.failures),
                            unverifiable=tuple(self.unverifiable))


def _loop_sizes(events) -> dict[tuple[int, int], int]:
    sizes: dict[tuple[int, int], int] = {}
    for event in events:
        if isinstance(event, LineEvent) and event.loop:
            key = event.loop[:2]
            sizes[key] = max(sizes.get(key, 0), event.loop[2])
    return sizes


@lru_cache(maxsize=4096)
def _normal(expr: str) -> str:
    try:
        return ast.unparse(ast.parse(expr.strip(), mode="eval"))
    except (SyntaxError, ValueError, RecursionError):
        return expr.strip()


def _evaluate_claim(expr: str, value: str, state: dict[str, str]) -> Verdict:
    """Evaluate `expr` over the literal values of `state` (never user code) and compare."""
    if expr in state:
        return same_value(value, state[expr])
    try:
        compiled = compile_expr(expr)
    except (Unsafe, SyntaxError, ValueError, KeyError, RecursionError):
        return None
    names = {n.id for n in ast.walk(ast.parse(expr, mode="eval")) if isinstance(n, ast.Name)}
    scope = {}
    for name in names & state.keys():
        if is_truncated(state[name]):
            return None
        try:
            scope[name] = parse_value(state[name])
        except Unparsable:
            return None
    try:
        actual = compiled(scope, {"__builtins__": __builtins__})
    except Exception:  # noqa: BLE001 - unknown names, unsafe operands, errors: cannot check
        return None
    return same_value(value, render(actual, 100_000))


def _same_output(claimed: str, actual: str) -> bool:
    if claimed == actual or claimed == actual.rstrip("\n"):
        return True
    try:
        return ast.literal_eval(claimed) == actual
    except (ValueError, SyntaxError):
        return False


def _fenced(text: str) -> str:
    lines = text.strip("\n").splitlines()
    if len(lines) >= 2 and lines[0].startswith("```") and lines[-1].startswith("```"):
        return "\n".join(lines[1:-1])
    return text.strip()


def verify(text: str, trace: Trace, strict: bool = True) -> Verification:
    """Check every claim of a CoE `text` against `trace`. Use strict=False for free-form narrators."""
    checker = Checker(trace, strict)
    for step in parse(text):
        checker.step(step)
    return checker.result()
