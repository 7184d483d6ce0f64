"""Loop compression on the trace data: which events are narrated in full, which middle loop
iterations are replaced by a summary that states the values they leave behind, and (the last resort)
which quiet calls a line starts are said in one sentence."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from tracepile.model import CallEvent, Event, LineEvent, OutputEvent, ReturnEvent
from tracepile.tracer.analysis import CodeInfo
from tracepile.tracer.paths import QuietCalls, iteration_lines, iteration_paths, last_events, quiet_calls, same_path


MIN_RUN = 2  # fewest iterations with one path worth a summary
MAX_GROUPS = 4  # most distinct paths a mixed stretch may take to be summarised by path
MIN_MIXED = 3  # fewest iterations left in full by same-path runs before the stretch is grouped instead
MIN_QUIET = 20  # fewest events a line's quiet calls must take to be said in one sentence


@dataclass(frozen=True)
class Compression:
    """Loops with more than head + tail + 1 iterations keep the first `head` and last `tail`; `whole`
    summarises the rest of the middle whatever paths it takes (the last resort of a long run: only the
    iterations that bear on the answer stay in full); `calls` also says the quiet calls a line starts
    (tracer.paths.quiet_calls) in one sentence, their steps unnarrated (beyond the last resort: a run too
    long even then, such as deep recursion or calls driven by a generator)."""

    head: int = 2
    tail: int = 1
    whole: bool = False
    calls: bool = False

    def stronger(self) -> Compression:
        if self.head <= 1 and self.tail <= 1:
            return Compression(head=1, tail=1, whole=True, calls=self.calls)
        return Compression(head=max(1, self.head - 1), tail=max(1, self.tail), whole=self.whole, calls=self.calls)


@dataclass(frozen=True)
class Summary:
    """Iterations `first`..`last` of a loop activation, skipped; `state` is what they leave."""

    frame: int
    loop_line: int
    activation: int
    first: int
    last: int
    state: tuple[tuple[str, str], ...]
    output: str
    begin: int  # first skipped event index
    end: int  # first event index after the stretch
    same_path: bool = False  # every skipped iteration runs the same lines, branches and calls
    calls: tuple[tuple[str, int], ...] = ()  # functions called in the stretch (nested too), how often
    groups: tuple[tuple[tuple[int, ...], tuple[int, ...]], ...] = ()  # mixed paths: (iterations, lines they run);
    # none when more than MAX_GROUPS (the stretch is then only said to be summarised)


def plan(events: tuple[Event, ...], compression: Compression,
         inline: frozenset[int] = frozenset(), keep: frozenset[int] = frozenset(), code: str = "",
         info: CodeInfo | None = None) -> list[int | Summary | QuietCalls]:
    """The narration order: event indices, with long loops' middle iterations summarised (`inline`: the
    program's one-line loops, paths.one_line_loops); an iteration holding an event of `keep` (a step the
    answer depends on or the question asks about, see focus.py) is never summarised. With
    `compression.calls`, a line's quiet calls of at least MIN_QUIET events follow it as one item (the
    line's result, said after them, carries what the answer depends on)."""
    skips = _skips(events, compression, inline, sorted(keep))
    quiet = compression.calls and info is not None
    last_seen = last_events(events) if quiet else {}
    items: list[int | Summary | QuietCalls] = []
    index = 0
    while index < len(events):
        skip = skips.get(index)
        if skip is not None:
            end, summary = skip
            items.append(summary)
            index = end
            continue
        items.append(index)
        calls = quiet_calls(events, index, code, info, last_seen) if quiet else None
        if calls is not None and calls.end - calls.begin >= MIN_QUIET:
            items.append(calls)
            index = calls.end
        else:
            index += 1
    return items


def _skips(events, compression: Compression, inline: frozenset[int],
           kept: list[int]) -> dict[int, tuple[int, Summary]]:
    starts: dict[tuple[int, int, int], list[int]] = {}  # (frame, loop line, activation) -> starts
    for index, event in enumerate(events):
        if isinstance(event, LineEvent) and event.loop and event.loop[2] >= 1:
            starts.setdefault((event.frame, event.loop[0], event.loop[1]), []).append(index)
    skips: dict[int, tuple[int, Summary]] = {}
    keep = compression.head + compression.tail + 1
    for (frame, line, activation), iteration_starts in sorted(starts.items(), key=lambda kv: kv[1][0]):
        n = len(iteration_starts)
        if n <= keep:
            continue
        middle = (compression.head + 1, n - compression.tail)
        stretches = [middle] if compression.whole else _stretches(events, iteration_starts, middle,
                                                                   (line, activation), inline)
        for first, last in _without_kept(stretches, iteration_starts, kept):
            begin, end = iteration_starts[first - 1], iteration_starts[last]
            if any(b <= begin < e for b, (e, _) in skips.items()):
                continue  # inside a stretch that an outer loop already summarises
            if not _self_contained(events, begin, end, frame):
                continue  # a generator loop interleaved with its consumer: narrate it in full
            skips[begin] = (end, _summarise(events, begin, end, frame, line, activation, first, last, inline))
    return skips


def _stretches(events, starts: list[int], middle: tuple[int, int], loop: tuple[int, int],
               inline: frozenset[int]) -> list[tuple[int, int]]:
    """The stretches of the middle iterations to summarise: its same-path runs, or the whole middle when
    those runs would leave at least MIN_MIXED iterations in full and its iterations run two to MAX_GROUPS
    different sets of lines (alternating paths are then summarised by path, iteration by iteration;
    iterations that run the same lines but differ inside their calls stay with same-path runs)."""
    first, last = middle
    runs = _same_path_runs(events, starts, first, last, loop, inline)
    left = (last - first + 1) - sum(b - a + 1 for a, b in runs)
    if left < MIN_MIXED:
        return runs
    groups = set(iteration_lines(events, starts[first - 1], starts[last], loop).values())
    return [(first, last)] if 2 <= len(groups) <= MAX_GROUPS and () not in groups else runs


def _without_kept(stretches: list[tuple[int, int]], starts: list[int],
                  keep: list[int]) -> list[tuple[int, int]]:
    """The stretches split around their iterations that hold a kept event; pieces of at least MIN_RUN
    iterations stay summarised."""
    if not keep:
        return stretches
    out = []
    for first, last in stretches:
        piece = first
        for iteration in range(first, last + 2):
            if iteration > last or _holds(keep, starts[iteration - 1], starts[iteration]):
                if iteration - piece >= MIN_RUN:
                    out.append((piece, iteration - 1))
                piece = iteration + 1
    return out


def _holds(keep: list[int], begin: int, end: int) -> bool:
    position = bisect_left(keep, begin)
    return position < len(keep) and keep[position] < end


def _same_path_runs(events, starts: list[int], first: int, last: int,
                    loop: tuple[int, int], inline: frozenset[int]) -> list[tuple[int, int]]:
    """Maximal runs (first, last) of at least MIN_RUN consecutive iterations in first..last that take
    the same path; the iterations between runs take a path of their own and are narrated in full."""
    paths = iteration_paths(events, starts[first - 1], starts[last], loop, inline)
    runs, run_start = [], first
    for iteration in range(first + 1, last + 2):
        if iteration > last or paths[iteration - first] != paths[run_start - first]:
            if iteration - run_start >= MIN_RUN:
                runs.append((run_start, iteration - 1))
            run_start = iteration
    return runs


def _self_contained(events, begin: int, end: int, frame: int) -> bool:
    """No event in the stretch belongs to a shallower frame (the loop never yields or returns)."""
    depth = events[begin].depth
    return all(e.depth >= depth and not (isinstance(e, ReturnEvent) and e.frame == frame)
               for e in events[begin:end] if hasattr(e, "depth"))


def _summarise(events, begin: int, end: int, frame: int, line: int, activation: int, first: int,
               last: int, inline: frozenset[int]) -> Summary:
    state: dict[str, str] = {}
    output = []
    calls: dict[str, int] = {}
    for event in events[begin:end]:
        if isinstance(event, LineEvent) and event.frame == frame:
            state.update(event.changes)
        elif isinstance(event, OutputEvent):
            output.append(event.text)
        elif isinstance(event, CallEvent) and not event.resumed:
            calls[event.func] = calls.get(event.func, 0) + 1
    same = same_path(events, begin, end, (line, activation), inline)
    groups = () if same else _groups(events, begin, end, (line, activation))
    return Summary(frame, line, activation, first, last, tuple(state.items()), "".join(output), begin, end,
                   same, tuple(calls.items()), groups if len(groups) <= MAX_GROUPS else ())


def _groups(events, begin: int, end: int, loop: tuple[int, int]) -> tuple[tuple[tuple[int, ...], tuple[int, ...]], ...]:
    """The stretch's iterations grouped by the lines they run, the largest group last."""
    by_lines: dict[tuple[int, ...], list[int]] = {}
    for iteration, lines in iteration_lines(events, begin, end, loop).items():
        by_lines.setdefault(lines, []).append(iteration)
    ordered = sorted(by_lines.items(), key=lambda kv: (len(kv[1]), -kv[1][0]))
    return tuple((tuple(iterations), lines) for lines, iterations in ordered)
