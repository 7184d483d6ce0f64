"""Paths through the code compared without text: one loop iteration's lines, branches, calls, returns,
exceptions and output; everything a call did (call_signature); whether a line's calls are quiet (quiet_calls)."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from functools import lru_cache

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


@dataclass(frozen=True)
class QuietCalls:
    """The calls a line starts, nested ones included (events `begin`..`end` - 1), that print nothing,
    read nothing, raise nothing and change nothing outside their own frames: `calls` of them, of `funcs`."""

    line: int  # the line event's index
    begin: int
    end: int
    calls: int
    funcs: tuple[str, ...]


def quiet_calls(events: tuple[Event, ...], index: int, code: str, info: CodeInfo,
                last_seen: dict[int, int]) -> QuietCalls | None:
    """The calls the line event at `index` starts, when they are quiet (see QuietCalls), else None. Only
    rebinding a frame's own local names counts as quiet: a change that is not a name the line assigns
    (an object changed in place), a parameter the line may change in place (`items += [x]`), a name some
    `global`/`nonlocal` statement declares, or a generator that runs on after the calls (`last_seen`:
    frame -> index of its last event) is not."""
    line = events[index]
    if not isinstance(line, LineEvent) or index + 1 >= len(events):
        return None
    first = events[index + 1]
    if not isinstance(first, CallEvent) or first.resumed or first.depth <= line.depth:
        return None
    declared = declared_names(code)
    started: set[int] = set()
    params: dict[int, set[str]] = {}  # frame -> its parameters (their objects may be the caller's)
    funcs: dict[str, None] = {}
    calls, end = 0, index + 1
    while end < len(events):
        event = events[end]
        if not isinstance(event, (LineEvent, CallEvent, ReturnEvent)):
            if event.frame in started:
                return None  # output or an exception inside the calls
            break
        if event.depth <= line.depth:
            break
        if isinstance(event, CallEvent):
            if event.resumed and event.frame not in started:
                return None  # a generator made outside these calls
            if not event.resumed:
                started.add(event.frame)
                params[event.frame] = {name for name, _ in event.args}
                funcs.setdefault(event.func, None)
                calls += 1
        elif isinstance(event, LineEvent):
            found = info.info(event.line)
            assigns = found.assigns if found is not None else ()
            in_place = {name for name, _ in found.mutates} & params.get(event.frame, set()) if found else set()
            if event.reads or any(name not in assigns or name in declared or name in in_place
                                  for name, _ in event.changes):
                return None
        end += 1
    if any(last_seen.get(frame, -1) >= end for frame in started):
        return None
    return QuietCalls(index, index + 1, end, calls, tuple(funcs))


@lru_cache(maxsize=256)
def declared_names(code: str) -> frozenset[str]:
    """Every name a `global` or `nonlocal` statement of the program declares."""
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError, RecursionError):
        return frozenset()
    return frozenset(name for node in ast.walk(tree) if isinstance(node, (ast.Global, ast.Nonlocal))
                     for name in node.names)


def last_events(events: tuple[Event, ...]) -> dict[int, int]:
    """Frame -> the index of its last event."""
    return {event.frame: index for index, event in enumerate(events) if hasattr(event, "frame")}
