"""The checker's own scans for question steps: runs of a line, the iteration or call each run belongs
to, the values a name takes, calls in start order. Plain functions over raw events, no narration."""

from __future__ import annotations

from tracepile.model import DELETED, CallEvent, ExceptionEvent, FrameValues, LineEvent


def runs_of(events, line: int) -> list[int]:
    """Event indices of every execution of `line`, in order."""
    return [i for i, e in enumerate(events) if isinstance(e, LineEvent) and e.line == line]


def iteration_of(events, index: int, loop: int) -> tuple[int, int, int] | None:
    """(frame, activation, iteration) of the loop at line `loop` that the line event at `index` runs in:
    the latest header check of that loop in the same frame; None when there is none or it ended the loop."""
    frame = events[index].frame
    for i in range(index - 1, -1, -1):
        event = events[i]
        if isinstance(event, LineEvent) and event.frame == frame and event.loop and event.loop[0] == loop:
            return (frame, event.loop[1], event.loop[2]) if event.loop[2] >= 1 else None
    return None


def call_starts(events, func: str) -> list[int]:
    """Event indices of the calls of `func` (not generator resumptions), in the order they start."""
    return [i for i, e in enumerate(events) if isinstance(e, CallEvent) and e.func == func and not e.resumed]


def call_number(events, frame: int, func: str) -> int | None:
    """Which call of `func` (1-based, start order) runs in `frame`."""
    frames = [events[i].frame for i in call_starts(events, func)]
    return frames.index(frame) + 1 if frame in frames else None


def values_taken(events, func: str, name: str) -> list[str]:
    """Every value `name` takes in any call of `func` (its argument, then each change), in order."""
    frames = {e.frame for e in events if isinstance(e, CallEvent) and e.func == func}
    out: list[str] = []
    for event in events:
        if isinstance(event, CallEvent) and event.frame in frames and not event.resumed:
            out += [v for n, v in event.args if n == name]
        elif isinstance(event, LineEvent) and event.frame in frames:
            out += [v for n, v in event.changes if n == name and v != DELETED]
    return out


def state_at(events, frame: int, index: int) -> dict[str, str]:
    """The bindings of `frame` once event `index` has happened."""
    values = FrameValues()
    for event in events[:index + 1]:
        values.apply(event)
    return dict(values.of(frame))


def latest_activation(events, loop: int) -> list[int]:
    """Header events (iteration >= 1) of the latest activation of the loop at line `loop`."""
    last = next((e for e in reversed(events) if isinstance(e, LineEvent) and e.loop and e.loop[0] == loop), None)
    if last is None:
        return []
    return [i for i, e in enumerate(events) if isinstance(e, LineEvent) and e.frame == last.frame
            and e.loop and e.loop[:2] == last.loop[:2] and e.loop[2] >= 1]


def activations(events, loop: int) -> list[list[int]]:
    """Header events (iteration >= 1) of every activation of the loop at line `loop`, one list per activation
    (per frame: a recursive function's frames each run the loop), in order of their first iteration."""
    runs: dict[tuple, list[int]] = {}
    for i, e in enumerate(events):
        if isinstance(e, LineEvent) and e.loop and e.loop[0] == loop and e.loop[2] >= 1:
            runs.setdefault((e.frame,) + tuple(e.loop[:2]), []).append(i)
    return list(runs.values())


def first_exception(events):
    return next((e for e in events if isinstance(e, ExceptionEvent) and not e.unwound), None)


def distinct(values: list[str]) -> list[str]:
    """Values in order of first appearance, each once."""
    return list(dict.fromkeys(values))
