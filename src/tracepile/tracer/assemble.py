"""Builds the typed Trace from the child's raw records: attaches each line's changes, links every
line to the next one in its frame, numbers loop activations and iterations."""

from __future__ import annotations

import sys
from dataclasses import replace

from tracepile.model import (CallEvent, Event, ExceptionEvent, LineEvent, Outcome, OutputEvent,
                             ProgramInput, ReturnEvent, Trace)
from tracepile.tracer.analysis import CodeInfo, analyze


def assemble(program_id: str, code: str, program_input: ProgramInput, data: dict,
             status: str, reason: str, seconds: float = 0.0) -> Trace:
    """Turn the harness result (or an empty one after a crash/timeout) into a Trace."""
    exception = data.get("exception")
    records = data.get("records") or []
    events: list[Event] = []
    if records:
        try:
            info = analyze(code)
        except SyntaxError as exc:  # the job's newer interpreter ran code this one cannot parse
            records, status = [], "crash"
            reason = (f"the program ran under Python {data.get('python', '?')}, but its syntax needs a newer "
                      f"Python than the {sys.version_info[0]}.{sys.version_info[1]} running tracepile, which "
                      f"reads the code to narrate it ({type(exc).__name__}: {exc.msg}, line {exc.lineno}); "
                      "run tracepile itself under that version")
        else:
            events = _link_lines(_without_quiet_closes(_typed_events(records)), info)
    if status == "truncated" and str(data.get("truncated", "")).startswith("event limit"):
        reason = f"{reason}: {len(events):,} events recorded"  # a line's change records join its event
    outcome = Outcome(status=status, reason=reason, value=data.get("value"),
                      value_repr=data.get("value_repr"), repr_note=data.get("repr_note", ""),
                      exception=tuple(exception) if exception else None,
                      stdout=data.get("stdout", ""), arguments=tuple(data.get("arguments") or ()))
    return Trace(program_id=program_id, code=code, input=program_input, events=tuple(events),
                 outcome=outcome, truncated=bool(data.get("truncated")),
                 python=data.get("python", ""), backend=data.get("backend", ""), seconds=seconds)


def _typed_events(records: list) -> list[Event]:
    events: list[Event] = []
    last_line: dict[int, int] = {}  # frame -> index of its latest LineEvent
    for rec in records:
        tag = rec[0]
        if tag == "L":
            last_line[rec[1]] = len(events)
            events.append(LineEvent(rec[1], rec[2], rec[3], _pairs(rec[4])))
        elif tag == "D":
            index = last_line.get(rec[1])
            if index is not None:
                old = events[index]
                events[index] = replace(old, changes=old.changes + _pairs(rec[2]))
        elif tag == "I":  # a standard-input read while the frame's latest line ran
            index = last_line.get(rec[1])
            if index is not None:
                old = events[index]
                events[index] = replace(old, values=old.values + _pairs(rec[4]),
                                        reads=old.reads + ((str(rec[2]), str(rec[3])),))
        elif tag == "C":
            events.append(CallEvent(rec[1], rec[2], rec[3], rec[4], _pairs(rec[5]), rec[6], rec[7]))
        elif tag == "R":
            events.append(ReturnEvent(rec[1], rec[2], rec[3], rec[4], rec[5], rec[6]))
        elif tag == "E":
            events.append(ExceptionEvent(rec[1], rec[2], rec[3], rec[4], rec[5]))
        elif tag == "U":
            events.append(ExceptionEvent(rec[1], rec[2], rec[3], rec[4], "", unwound=True))
        elif tag == "O":
            last = events[-1] if events else None
            if isinstance(last, OutputEvent) and (last.frame, last.line) == (rec[1], rec[2]):
                events[-1] = OutputEvent(last.frame, last.line, last.text + rec[3])
            else:
                events.append(OutputEvent(rec[1], rec[2], rec[3]))
    return events


def _without_quiet_closes(events: list[Event]) -> list[Event]:
    """Drop a paused generator closed without running any of its code (resumed, `GeneratorExit` raised at its
    `yield` and not caught): Python 3.13 closes such a generator without entering its frame at all."""
    kept: list[Event] = []
    for event in events:
        kept.append(event)
        tail = kept[-3:]
        if len(tail) == 3 and isinstance(tail[0], CallEvent) and tail[0].resumed and all(
                isinstance(e, ExceptionEvent) and e.type == "GeneratorExit" and e.frame == tail[0].frame
                for e in tail[1:]) and not tail[1].unwound and tail[2].unwound:
            del kept[-3:]
    return kept


def _pairs(items) -> tuple[tuple[str, str], ...]:
    return tuple((str(k), str(v)) for k, v in items)


def _link_lines(events: list[Event], info: CodeInfo) -> list[Event]:
    """Fill `next_line` and `loop` on every LineEvent."""
    next_line: dict[int, int | None] = {}
    pending: dict[int, int] = {}  # frame -> index of the LineEvent awaiting its successor
    for index, event in enumerate(events):
        if isinstance(event, LineEvent):
            prev = pending.get(event.frame)
            if prev is not None:
                next_line[prev] = event.line
            pending[event.frame] = index
        elif isinstance(event, ReturnEvent) and not event.yielded or \
                isinstance(event, ExceptionEvent) and event.unwound:
            pending.pop(event.frame, None)
    loops = _loop_positions(events, info, next_line)
    out = []
    for index, event in enumerate(events):
        if isinstance(event, LineEvent):
            event = replace(event, loop=loops.get(index), next_line=next_line.get(index))
        out.append(event)
    return out


def _loop_positions(events: list[Event], info: CodeInfo, next_line: dict[int, int | None]):
    """Map LineEvent index -> (loop line, activation, iteration); iteration 0 is the exiting check."""
    result: dict[int, tuple[int, int, int]] = {}
    activations: dict[int, int] = {}
    current: dict[tuple[int, int], list[int]] = {}  # (frame, loop line) -> [activation, iteration]
    previous: dict[int, int] = {}  # frame -> previous line run in it
    for index, event in enumerate(events):
        if not isinstance(event, LineEvent):
            continue
        loop = info.lines.get(event.line)
        if loop is not None and loop.kind in ("for", "while"):
            key = (event.frame, event.line)
            came_from = previous.get(event.frame)
            if key not in current or came_from not in loop.body and came_from != event.line:
                activations[event.line] = activations.get(event.line, 0) + 1
                current[key] = [activations[event.line], 0]
            state = current[key]
            if next_line.get(index) in loop.body:
                state[1] += 1
                result[index] = (event.line, state[0], state[1])
            else:
                result[index] = (event.line, state[0], 0)
                del current[key]
        previous[event.frame] = event.line
    return result
