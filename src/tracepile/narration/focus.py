"""What a text must never summarise: the steps that produce an answer (its dependence, traced backwards
through the run's bindings) and the steps a question asks about. Plain functions over the events.

"The answer depends on" is defined simply, on the recorded bindings: start from the names the answer's
own step reads (the top call's `return` line, or the line that printed the program's last output);
for each such name take its last binding before that step in the same frame, and the names that
binding's line reads, before it, and so on backwards. Each (frame, name) is followed once (its latest
binding), a line's calls bring in what their callees return, and a parameter brings in the caller's line.
So the last change of the answer value is always kept. A name the answer's step reads directly keeps
every change when it changes at most SPARSE times (a count, a best-so-far: each change is part of the
answer); a name that changes more often (an accumulator) keeps its last change, and a summary states the
value a stretch leaves behind."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from tracepile.model import CallEvent, Event, LineEvent, OutputEvent, ReturnEvent
from tracepile.tracer.analysis import CodeInfo

SPARSE = 4  # most changes of an answer name that are all kept


@dataclass(frozen=True)
class Focus:
    """`events`: indices never summarised; `names`: frame -> the names there the answer depends on;
    `lines`/`funcs`: a count question's line or function, none of whose runs or calls is summarised."""

    events: frozenset[int] = frozenset()
    names: tuple[tuple[int, tuple[str, ...]], ...] = ()
    lines: tuple[int, ...] = ()
    funcs: tuple[str, ...] = ()

    def names_in(self, frame: int) -> tuple[str, ...]:
        return dict(self.names).get(frame, ())


def line_reads(info: CodeInfo, line: int) -> tuple[str, ...]:
    """The names a line reads: its condition / value, and for `x += ...` the name it updates."""
    found = info.info(line)
    if found is None:
        return ()
    extra = found.assigns if found.kind == "augassign" else ()
    return tuple(dict.fromkeys(found.reads + extra))


class _Index:
    """Per-frame bindings and call links of a trace, for walking its dependence backwards."""

    def __init__(self, events: tuple[Event, ...]):
        self.bindings: dict[tuple[int, str], list[int]] = {}  # (frame, name) -> indices of lines binding it
        self.callees: dict[int, list[int]] = {}  # line index -> return indices of the frames it called
        self.caller_line: dict[int, int] = {}  # frame -> index of the caller's line that called it
        self.entry: dict[int, tuple[str, ...]] = {}  # frame -> its parameter names
        last_line: dict[int, int] = {}
        calls: dict[int, int] = {}  # frame -> the caller line index awaiting its return
        for index, event in enumerate(events):
            if isinstance(event, LineEvent):
                last_line[event.frame] = index
                for name, _ in event.changes:
                    self.bindings.setdefault((event.frame, name), []).append(index)
            elif isinstance(event, CallEvent) and not event.resumed:
                self.entry[event.frame] = tuple(name for name, _ in event.args)
                if event.caller is not None and event.caller in last_line:
                    calls[event.frame] = self.caller_line[event.frame] = last_line[event.caller]
            elif isinstance(event, ReturnEvent) and event.frame in calls:
                self.callees.setdefault(calls[event.frame], []).append(index)

    def bindings_before(self, frame: int, name: str, before: int) -> list[int]:
        found = self.bindings.get((frame, name), [])
        return found[:bisect_left(found, before)]

    def last_binding(self, frame: int, name: str, before: int) -> int | None:
        found = self.bindings.get((frame, name), [])
        position = bisect_left(found, before)
        return found[position - 1] if position else None


def dependence(events: tuple[Event, ...], info: CodeInfo, seeds: list[tuple[int, int, tuple[str, ...]]]) -> Focus:
    """The events the seeds depend on: each seed is (event index, frame, names read there)."""
    index = _Index(events)
    keep: set[int] = {point for point, _, _ in seeds}
    names: dict[int, list[str]] = {}
    work = list(seeds)
    seen: set[tuple[int, str]] = set()
    done_lines: set[int] = set()
    for point, frame, read in seeds:
        for name in read:
            changes = index.bindings_before(frame, name, point)
            if len(changes) <= SPARSE:
                keep.update(changes)
    while work:
        point, frame, read = work.pop()
        for name in read:
            if (frame, name) in seen:
                continue
            seen.add((frame, name))
            names.setdefault(frame, []).append(name)
            found = index.last_binding(frame, name, point)
            if found is None:
                caller = index.caller_line.get(frame)
                if caller is not None and name in index.entry.get(frame, ()):
                    found = caller  # a parameter: the caller's line that passed it
                else:
                    continue
            if found in done_lines:
                continue
            done_lines.add(found)
            keep.add(found)
            event = events[found]
            work.append((found, event.frame, line_reads(info, event.line)))
            for returned in index.callees.get(found, ()):
                keep.add(returned)
                back = events[returned]
                work.append((returned, back.frame, line_reads(info, back.line)))
    return Focus(frozenset(keep), tuple((f, tuple(n)) for f, n in names.items()))


def answer_seeds(events: tuple[Event, ...], info: CodeInfo, until: int | None = None) -> list[tuple[int, int, tuple[str, ...]]]:
    """Where the program's answer is produced, up to event `until`: the outermost frame's last return
    (the names its `return` line reads), or the line that wrote the last output."""
    end = len(events) if until is None else until + 1
    top = min((e.depth for e in events[:end] if isinstance(e, CallEvent)), default=None)
    for index in range(end - 1, -1, -1):
        event = events[index]
        if isinstance(event, ReturnEvent) and event.depth == top and not event.yielded:
            return [(index, event.frame, line_reads(info, event.line))]
    for index in range(end - 1, -1, -1):
        if isinstance(events[index], OutputEvent):
            line = next((j for j in range(index, -1, -1) if isinstance(events[j], LineEvent)
                         and events[j].frame == events[index].frame), None)
            if line is not None:
                return [(line, events[line].frame, line_reads(info, events[line].line))]
    return []


def answer_focus(events: tuple[Event, ...], info: CodeInfo, until: int | None = None,
                 asked: frozenset[int] = frozenset(), lines: tuple[int, ...] = (),
                 funcs: tuple[str, ...] = (), seeds: list | None = None) -> Focus:
    """The focus of a text that ends at `until`: the answer's dependence (from `seeds`, by default the
    program's answer), the asked events, and every run of `lines` and call of `funcs`."""
    end = len(events) if until is None else until + 1
    found = dependence(events, info, answer_seeds(events, info, until) if seeds is None else seeds)
    counted = {i for i, e in enumerate(events[:end])
               if isinstance(e, LineEvent) and e.line in lines
               or isinstance(e, CallEvent) and e.func in funcs and not e.resumed}
    return Focus(found.events | asked | counted, found.names, lines, funcs)
