"""The answer checker: recomputes each question's answer from the raw trace events, by its own
simple scans (never through the generators' index), and compares it with the claimed answer."""

from __future__ import annotations

from typing import Callable

from tracepile.engine import trace as run_trace
from tracepile.enrich.questions import wording
from tracepile.enrich.questions.records import Question
from tracepile.model import (DELETED, CallEvent, ExceptionEvent, LineEvent, ProgramInput, RecordError,
                             ReturnEvent, Trace, parse_call)
from tracepile.tracer.analysis import analyze
from tracepile.values import parse_value, same_value

Rerun = Callable[[str, ProgramInput], Trace]


def check_answer(question: Question, trace: Trace, rerun: Rerun | None = None) -> bool:
    """Whether `question.answer` is right for `trace`. Never raises: anything odd is a False.

    `rerun(code, input)` executes an input-prediction answer (default: tracepile.engine.trace)."""
    handler = _CHECKS.get(question.kind)
    if handler is None:
        return False
    try:
        if question.kind == "input":
            return _input(question, trace, rerun)
        return bool(handler(question, trace))
    except Exception:  # noqa: BLE001 - a malformed answer or question is simply not right
        return False


# ---------------------------------------------------------------- scans over the raw events

def _occurrence(trace: Trace, line: int, k: int) -> int:
    """Event index of the k-th LineEvent of `line` (1-based)."""
    hits = [i for i, e in enumerate(trace.events) if isinstance(e, LineEvent) and e.line == line]
    return hits[k - 1]


def _binding(trace: Trace, frame: int, name: str, index: int) -> str | None:
    """The value `name` has in `frame` once event `index` is done: its latest change, walking back."""
    for i in range(index, -1, -1):
        event = trace.events[i]
        if getattr(event, "frame", None) != frame:
            continue
        if isinstance(event, LineEvent):
            for changed, value in reversed(event.changes):
                if changed == name:
                    return None if value == DELETED else value
        elif isinstance(event, CallEvent) and not event.resumed:
            return dict(event.args).get(name)
    return None


def _type_of(text: str) -> str:
    return type(parse_value(text)).__name__


# ---------------------------------------------------------------- one check per kind

def _state(q: Question, trace: Trace) -> bool:
    claimed = wording.parse_state(q.answer)
    index = _occurrence(trace, q.params["line"], q.params["k"])
    actual = _binding(trace, trace.events[index].frame, q.params["var"], index)
    if claimed is None or actual is None:
        return False
    value, kind = claimed
    return same_value(value, actual) and kind == _type_of(actual)


def _next_line(q: Question, trace: Trace) -> bool:
    sequence = [e.line for e in trace.events if isinstance(e, LineEvent)]
    positions = [i for i, line in enumerate(sequence) if line == q.params["line"]]
    at = positions[q.params["k"] - 1]
    actual = sequence[at + 1] if at + 1 < len(sequence) else None
    return wording.parse_line(q.answer) == actual


def _line_executed(q: Question, trace: Trace) -> bool:
    ran = any(isinstance(e, LineEvent) and e.line == q.params["line"] for e in trace.events)
    return q.answer.strip().lower() == ("yes" if ran else "no")


def _line_count(q: Question, trace: Trace) -> bool:
    count = sum(1 for e in trace.events if isinstance(e, LineEvent) and e.line == q.params["line"])
    return wording.parse_int(q.answer) == count


def _loop_iterations(q: Question, trace: Trace) -> bool:
    key = (q.params["line"], q.params["activation"])
    numbers = [e.loop[2] for e in trace.events
               if isinstance(e, LineEvent) and e.loop and e.loop[:2] == key]
    return bool(numbers) and wording.parse_int(q.answer) == max(numbers)


def _branch(q: Question, trace: Trace) -> bool:
    claimed = wording.parse_branch(q.answer)
    event = trace.events[_occurrence(trace, q.params["line"], q.params["k"])]
    info = analyze(trace.code).lines[q.params["line"]]
    recorded = dict(event.values).get(info.test)
    taken = recorded == "True" if recorded in ("True", "False") else \
        event.next_line is not None and event.next_line in info.body
    return claimed == (taken, event.next_line)


def _call_count(q: Question, trace: Trace) -> bool:
    frames = {e.frame for e in trace.events
              if isinstance(e, CallEvent) and e.func == q.params["func"] and not e.resumed}
    return wording.parse_int(q.answer) == len(frames)


def _call_return(q: Question, trace: Trace) -> bool:
    starts = [e for e in trace.events
              if isinstance(e, CallEvent) and e.func == q.params["func"] and not e.resumed]
    frame = starts[q.params["k"] - 1].frame
    value = next(e.value for e in trace.events
                 if isinstance(e, ReturnEvent) and e.frame == frame and not e.yielded)
    return same_value(q.answer, value)


def _max_depth(q: Question, trace: Trace) -> bool:
    deepest = max(e.depth for e in trace.events if isinstance(e, CallEvent))
    return wording.parse_int(q.answer) == deepest


def _max_value(q: Question, trace: Trace) -> bool:
    frames = {e.frame for e in trace.events if isinstance(e, CallEvent) and e.func == q.params["func"]}
    name, values = q.params["var"], []
    for event in trace.events:
        if isinstance(event, CallEvent) and event.frame in frames and not event.resumed:
            values += [v for n, v in event.args if n == name]
        elif isinstance(event, LineEvent) and event.frame in frames:
            values += [v for n, v in event.changes if n == name and v != DELETED]
    return parse_value(q.answer) == max(parse_value(v) for v in values)


def _first_iteration(q: Question, trace: Trace) -> bool:
    key = (q.params["line"], q.params["activation"])
    headers = [i for i, e in enumerate(trace.events)
               if isinstance(e, LineEvent) and e.loop and e.loop[:2] == key]
    frame = trace.events[headers[0]].frame
    threshold = parse_value(q.params["threshold"])
    for m, next_header in enumerate(headers[1:], 1):
        value = parse_value(_binding(trace, frame, q.params["var"], next_header - 1))
        if value > threshold if q.params["op"] == ">" else value < threshold:
            return wording.parse_int(q.answer) == m
    return False


def _exception(q: Question, trace: Trace) -> bool:
    first = next((e for e in trace.events if isinstance(e, ExceptionEvent) and not e.unwound), None)
    if first is None:
        return q.answer.strip().lower() == wording.NO_EXCEPTION
    return q.answer.strip() == wording.exception_answer(first.type, first.message, first.line)


def _coe(q: Question, trace: Trace) -> bool:
    expected = trace.outcome.answer(trace.input.kind)
    return q.answer.strip() == expected.strip() or same_value(q.answer, expected)


def _input(q: Question, trace: Trace, rerun: Rerun | None) -> bool:
    """Re-execute the claimed input and compare what it produces with the original run."""
    claimed = ProgramInput(trace.input.kind, q.answer if trace.input.kind == "stdin" else q.answer.strip())
    if claimed.kind == "call" and not _same_callee(claimed.text, trace.input.text):
        return False
    again = (rerun or run_trace)(trace.code, claimed)
    return same_result(again, trace)


def _same_callee(claimed: str, original: str) -> bool:
    try:
        return parse_call(claimed).func == parse_call(original).func
    except RecordError:
        return False


def same_result(again: Trace, trace: Trace) -> bool:
    """Whether a re-run `again` ends as `trace` did: the same exception, value or printed output."""
    a, b = again.outcome, trace.outcome
    if a.status not in ("ok", "error") or a.exception != b.exception:
        return False
    if trace.input.kind == "stdin":
        return a.stdout == b.stdout
    return b.exception is not None or (a.value is not None and b.value is not None
                                       and same_value(a.value, b.value))


_CHECKS = {
    "state": _state, "next_line": _next_line, "line_executed": _line_executed,
    "line_count": _line_count, "loop_iterations": _loop_iterations, "branch": _branch,
    "call_count": _call_count, "call_return": _call_return, "max_depth": _max_depth,
    "max_value": _max_value, "first_iteration": _first_iteration, "exception": _exception,
    "coe": _coe, "input": _input,
}

__all__ = ["check_answer", "same_result"]
