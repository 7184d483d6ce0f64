"""The path one loop iteration takes through the code: lines with their branch outcomes, calls,
returns, exceptions, output and what its one-line loops did, so two iterations can be compared without text."""

from __future__ import annotations

from tracepile.model import CallEvent, Event, ExceptionEvent, LineEvent, OutputEvent, ReturnEvent
from tracepile.tracer.analysis import CodeInfo


def one_line_loops(info: CodeInfo | None) -> frozenset[int]:
    """The lines holding a loop written on one line (`while a[i] - a[j] > k: j += 1`)."""
    return frozenset(line for line, found in info.lines.items() if found.kind == "inline_loop") if info else frozenset()


def step_signature(event: Event, base_depth: int, inline: frozenset[int] = frozenset(),
                   before: tuple = ()) -> tuple:
    """What an event contributes to a path: where it runs and where it goes, never its values, except
    at a one-line loop (a line of `inline`): no back end reports how often its body ran, so each binding
    it changed, with its value before and after (`before`: inline_before), stands for that (`j` from `3`
    to `5` is two runs of `j += 1`; the value after alone would make `x //= 2` from `8` and from `2` alike)."""
    if isinstance(event, LineEvent):
        if event.line in inline:
            return ("line", event.depth - base_depth, event.line, event.next_line, event.changes, before)
        return ("line", event.depth - base_depth, event.line, event.next_line)
    if isinstance(event, CallEvent):
        return ("call", event.depth - base_depth, event.func, event.resumed)
    if isinstance(event, ReturnEvent):
        return ("return", event.depth - base_depth, event.func, event.yielded)
    if isinstance(event, ExceptionEvent):
        return ("exception", event.depth - base_depth, event.line, event.type, event.unwound)
    if isinstance(event, OutputEvent):
        return ("output", event.line)
    return ("other",)


def iteration_paths(events: tuple[Event, ...], begin: int, end: int, loop: tuple[int, int],
                    inline: frozenset[int] = frozenset()) -> list[tuple]:
    """The path of each iteration in events[begin:end] of the loop (line, activation) of one frame;
    an iteration starts at its loop header event."""
    base = events[begin]
    paths: list[list[tuple]] = []
    for index in range(begin, end):
        event = events[index]
        if isinstance(event, LineEvent) and event.frame == base.frame and event.loop is not None \
                and event.loop[:2] == loop:
            paths.append([])
        if paths:
            before = inline_before(events, index) if isinstance(event, LineEvent) and event.line in inline else ()
            paths[-1].append(step_signature(event, base.depth, inline, before))
    return [tuple(p) for p in paths]


def inline_before(events: tuple[Event, ...], index: int) -> tuple[tuple[str, str | None], ...]:
    """For the line event at `index`: each name it changes with its value just before (None: unknown),
    found by reading back to the latest change of the name in the frame, or the frame's call."""
    event = events[index]
    found = []
    for name, _ in event.changes:
        value = None
        for earlier in reversed(events[:index]):
            if getattr(earlier, "frame", None) != event.frame:
                continue
            if isinstance(earlier, LineEvent) and name in dict(earlier.changes):
                value = dict(earlier.changes)[name]
                break
            if isinstance(earlier, CallEvent) and not earlier.resumed:
                value = dict(earlier.args).get(name)
                break
        found.append((name, value))
    return tuple(found)


def same_path(events: tuple[Event, ...], begin: int, end: int, loop: tuple[int, int],
              inline: frozenset[int] = frozenset()) -> bool:
    """Whether every iteration in the stretch takes exactly the same path (`inline`: one_line_loops)."""
    return len(set(iteration_paths(events, begin, end, loop, inline))) <= 1


def iteration_lines(events: tuple[Event, ...], begin: int, end: int, loop: tuple[int, int]) -> dict[int, tuple[int, ...]]:
    """For each iteration that starts in events[begin:end] of the loop (line, activation): the lines it
    runs in the loop's own frame after the loop header, sorted (nested calls are not counted)."""
    frame = events[begin].frame
    lines: dict[int, set[int]] = {}
    current = None
    for event in events[begin:end]:
        if not isinstance(event, LineEvent) or event.frame != frame:
            continue
        if event.loop is not None and event.loop[:2] == loop:
            current = event.loop[2]
            lines[current] = set()
        elif current is not None:
            lines[current].add(event.line)
    return {iteration: tuple(sorted(found)) for iteration, found in lines.items()}


def call_end(events: tuple[Event, ...], index: int) -> int | None:
    """The index of the return that ends the call started at `index`, or None when it never returns there."""
    frame = events[index].frame
    return next((i for i in range(index + 1, len(events)) if isinstance(events[i], ReturnEvent)
                 and events[i].frame == frame), None)


def call_signature(events: tuple[Event, ...], index: int) -> tuple | None:
    """Everything the call started at `index` did, frame ids aside: its function and arguments, each line
    it and its callees ran with the values read and changed and where it went, and each call's result. None
    for a call that prints, raises, reads input, yields or resumes a generator, or does not return."""
    start, end = events[index], call_end(events, index)
    if not isinstance(start, CallEvent) or start.resumed or end is None or events[end].yielded:
        return None
    found = []
    for event in events[index:end + 1]:
        depth = getattr(event, "depth", 0) - start.depth
        if isinstance(event, LineEvent) and not event.reads:
            loop = (event.loop[0], event.loop[2]) if event.loop else None
            found.append(("line", depth, event.line, event.values, event.changes, loop, event.next_line))
        elif isinstance(event, CallEvent) and not event.resumed:
            found.append(("call", depth, event.func, event.args))
        elif isinstance(event, ReturnEvent) and not event.yielded:
            found.append(("return", depth, event.func, event.value))
        else:
            return None
    return tuple(found)
