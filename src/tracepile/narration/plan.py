"""Loop compression on the trace data: which events are narrated in full and which middle loop
iterations are replaced by a summary that states the values they leave behind."""

from __future__ import annotations

from dataclasses import dataclass

from tracepile.model import Event, LineEvent, OutputEvent, ReturnEvent


@dataclass(frozen=True)
class Compression:
    """Loops with more than head + tail + 1 iterations keep the first `head` and last `tail`."""

    head: int = 2
    tail: int = 1

    def stronger(self) -> Compression:
        return Compression(head=max(1, self.head - 1), tail=max(1, self.tail))


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


def plan(events: tuple[Event, ...], compression: Compression) -> list[int | Summary]:
    """The narration order: event indices, with long loops' middle iterations summarised."""
    skips = _skips(events, compression)
    items: list[int | Summary] = []
    index = 0
    while index < len(events):
        skip = skips.get(index)
        if skip is not None:
            end, summary = skip
            items.append(summary)
            index = end
        else:
            items.append(index)
            index += 1
    return items


def _skips(events, compression: Compression) -> dict[int, tuple[int, Summary]]:
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
        first, last = compression.head + 1, n - compression.tail
        begin, end = iteration_starts[first - 1], iteration_starts[last]
        if any(b <= begin < e for b, (e, _) in skips.items()):
            continue  # inside a stretch that an outer loop already summarises
        if not _self_contained(events, begin, end, frame):
            continue  # a generator loop interleaved with its consumer: narrate it in full
        skips[begin] = (end, _summarise(events, begin, end, frame, line, activation, first, last))
    return skips


def _self_contained(events, begin: int, end: int, frame: int) -> bool:
    """No event in the stretch belongs to a shallower frame (the loop never yields or returns)."""
    depth = events[begin].depth
    return all(e.depth >= depth and not (isinstance(e, ReturnEvent) and e.frame == frame)
               for e in events[begin:end] if hasattr(e, "depth"))


def _summarise(events, begin: int, end: int, frame: int, line: int, activation: int, first: int,
               last: int) -> Summary:
    state: dict[str, str] = {}
    output = []
    for event in events[begin:end]:
        if isinstance(event, LineEvent) and event.frame == frame:
            state.update(event.changes)
        elif isinstance(event, OutputEvent):
            output.append(event.text)
    return Summary(frame, line, activation, first, last, tuple(state.items()), "".join(output), begin, end)
