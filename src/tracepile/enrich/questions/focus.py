"""Each question's focus: the step it asks about (the k-th run of a line, the k-th call, the iteration of a
`first_iteration`, every run or call a count question counts) and what its answer depends on."""

from __future__ import annotations

from tracepile.model import CallEvent, LineEvent, ReturnEvent, Trace
from tracepile.narration.focus import Focus, answer_focus, line_reads
from tracepile.tracer.analysis import analyze


def question_focus(trace: Trace, kind: str, params: dict, stop: int) -> Focus:
    """The focus of a rationale that answers a question of `kind` with `params` and stops at `stop`."""
    events, info = trace.events, analyze(trace.code)
    asked, seeds = {stop}, []
    if kind in ("state", "next_line", "branch") and "k" in params:
        run = _kth_run(trace, params["line"], params["k"])
        if run is not None:
            asked.add(run)
            names = (params["var"],) if kind == "state" else line_reads(info, events[run].line)
            seeds.append((stop + 1 if kind == "state" else run, events[run].frame, names))
    elif kind == "first_iteration":
        seeds.append((stop + 1, events[stop].frame, (params["var"],)))
    elif kind == "call_return":
        returned = events[stop]
        if isinstance(returned, ReturnEvent):
            asked.add(_call_start(trace, returned.frame))
            seeds.append((stop, returned.frame, line_reads(info, returned.line)))
    elif kind == "max_value":
        binding = _first_binding(trace, params["func"], params["var"], stop)
        if binding is not None:
            asked.add(binding)
            seeds.append((binding + 1, events[binding].frame, (params["var"],)))
    elif kind == "exception" and isinstance(events[stop], LineEvent):
        seeds.append((stop, events[stop].frame, line_reads(info, events[stop].line)))
    elif kind == "input":
        seeds = None  # the program's own answer
    lines = (params["line"],) if kind == "line_count" else ()
    funcs = (params["func"],) if kind == "call_count" else ()
    return answer_focus(events, info, stop, frozenset(asked), lines, funcs, seeds)


def _kth_run(trace: Trace, line: int, k: int) -> int | None:
    runs = [i for i, e in enumerate(trace.events) if isinstance(e, LineEvent) and e.line == line]
    return runs[k - 1] if 0 < k <= len(runs) else None


def _call_start(trace: Trace, frame: int) -> int:
    return next(i for i, e in enumerate(trace.events) if isinstance(e, CallEvent) and e.frame == frame)


def _first_binding(trace: Trace, func: str, var: str, stop: int) -> int | None:
    """The first line of a `func` frame that binds `var` to its largest value (the question's answer)."""
    frames = {e.frame for e in trace.events if isinstance(e, CallEvent) and e.func == func}
    best, largest = None, float("-inf")
    for index, event in enumerate(trace.events[:stop + 1]):
        if isinstance(event, LineEvent) and (event.frame in frames or func == "<module>"):
            value = dict(event.changes).get(var)
            if value is not None and _number(value) > largest:
                best, largest = index, _number(value)
    return best


def _number(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        return float("-inf")
