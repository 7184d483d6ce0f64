"""Generator-side index of one trace: every line execution with the state it leaves and the event
it ends at, loop activations and calls. Question generators read the trace only through this."""

from __future__ import annotations

import ast
import bisect
from dataclasses import dataclass, field

from tracepile.model import DELETED, CallEvent, ExceptionEvent, LineEvent, ReturnEvent, Trace
from tracepile.tracer.analysis import CodeInfo, analyze
from tracepile.values import Unparsable, is_truncated, parse_value



@dataclass(frozen=True)
class Execution:
    """One execution of a line: the LineEvent at `index`, the `nth` of that line in the run."""

    index: int
    line: int
    frame: int
    nth: int
    end: int  # last event this execution owns: its calls, output and exceptions included


@dataclass
class LoopRun:
    """One activation of the loop whose header is `line`: where each iteration starts and the end."""

    line: int
    activation: int
    frame: int
    starts: list[int] = field(default_factory=list)  # header event of iteration 1, 2, ...
    exit: int | None = None  # the header check that ends the loop, if it ended that way
    end: int = -1  # the event at which the loop is seen to be over


@dataclass
class CallRun:
    """One call of `func` (frame `frame`), how deep it runs, and how it ends."""

    func: str
    frame: int
    index: int
    depth: int
    returned: int | None = None  # index of its ReturnEvent
    value: str | None = None
    raised: bool = False
    generator: bool = False


class TraceFacts:
    """Everything the question generators need, computed in a few passes over the events."""

    def __init__(self, trace: Trace):
        self.trace = trace
        self.events = trace.events
        self.info: CodeInfo = analyze(trace.code)
        self.func: dict[int, str] = {}
        self.executions: dict[int, list[Execution]] = {}
        self.ordered: list[Execution] = []
        self.after: dict[int, dict[str, str]] = {}  # LineEvent index -> its frame's state after it
        self.loops: dict[tuple[int, int], LoopRun] = {}
        self.calls: dict[str, list[CallRun]] = {}
        self.owner_def = _enclosing_defs(trace.code)  # line -> first line of its innermost def (0: top)
        self.crowded = _crowded_lines(self.info)
        self._index_lines()
        self.starts = [run.index for run in self.ordered]  # event index of every executed line
        self._index_loops()
        self._index_calls()

    # ---------------------------------------------------------------- passes

    def _index_lines(self) -> None:
        ends = self._execution_ends()
        state: dict[int, dict[str, str]] = {}
        for index, event in enumerate(self.events):
            if isinstance(event, CallEvent):
                self.func.setdefault(event.frame, event.func)
                if not event.resumed:
                    state[event.frame] = dict(event.args)
            elif isinstance(event, LineEvent):
                frame_state = state.setdefault(event.frame, {})
                for name, value in event.changes:
                    if value == DELETED:
                        frame_state.pop(name, None)
                    else:
                        frame_state[name] = value
                self.after[index] = dict(frame_state)
                runs = self.executions.setdefault(event.line, [])
                run = Execution(index, event.line, event.frame, len(runs) + 1, ends[index])
                runs.append(run)
                self.ordered.append(run)

    def _execution_ends(self) -> dict[int, int]:
        """For each LineEvent: the index before the next event that moves its frame on."""
        ends: dict[int, int] = {}
        boundary: dict[int, int] = {}  # frame -> index of its next line / return / unwinding
        last = len(self.events) - 1
        for index in range(last, -1, -1):
            event = self.events[index]
            if isinstance(event, LineEvent):
                ends[index] = boundary.get(event.frame, last + 1) - 1
            if _moves_frame_on(event):
                boundary[event.frame] = index
        return ends

    def _index_loops(self) -> None:
        for index, event in enumerate(self.events):
            if not isinstance(event, LineEvent) or event.loop is None:
                continue
            line, activation, iteration = event.loop
            run = self.loops.setdefault((line, activation), LoopRun(line, activation, event.frame))
            if iteration >= 1:
                run.starts.append(index)
            else:
                run.exit = index
        for run in self.loops.values():
            run.end = self._loop_end(run)

    def _loop_end(self, run: LoopRun) -> int:
        if run.exit is not None:
            return self.execution_at(run.exit).end
        body = self.info.lines[run.line].body
        for index in range(run.starts[-1] + 1, len(self.events)):
            event = self.events[index]
            if getattr(event, "frame", None) != run.frame or isinstance(event, CallEvent):
                continue
            if isinstance(event, LineEvent) and (event.line in body or event.line == run.line):
                continue
            if isinstance(event, (LineEvent, ReturnEvent)) or \
                    isinstance(event, ExceptionEvent) and event.unwound:
                return index
        return len(self.events) - 1

    def _index_calls(self) -> None:
        open_calls: dict[int, CallRun] = {}
        depth: dict[int, int] = {}
        for index, event in enumerate(self.events):
            if isinstance(event, CallEvent) and not event.resumed:
                depth[event.frame] = depth.get(event.caller, 0) + 1 if event.caller else 1
                run = CallRun(event.func, event.frame, index, depth[event.frame])
                open_calls[event.frame] = run
                self.calls.setdefault(event.func, []).append(run)
            elif isinstance(event, ReturnEvent) and event.frame in open_calls:
                run = open_calls[event.frame]
                if event.yielded:
                    run.generator = True
                    continue
                run.returned, run.value = index, event.value
                del open_calls[event.frame]
            elif isinstance(event, ExceptionEvent) and event.unwound and event.frame in open_calls:
                open_calls.pop(event.frame).raised = True

    # ---------------------------------------------------------------- queries

    def execution_at(self, index: int) -> Execution:
        event = self.events[index]
        return next(r for r in self.executions[event.line] if r.index == index)

    def count(self, line: int) -> int:
        return len(self.executions.get(line, ()))

    def value_after(self, run: Execution, name: str) -> str | None:
        return self.after[run.index].get(name)

    def lines_until(self, stop: int) -> int:
        """How many lines execute up to and including event `stop`."""
        return bisect.bisect_right(self.starts, stop)

    def next_line_after(self, run: Execution) -> tuple[int | None, int]:
        """The next line executed anywhere after this execution began, and its event index."""
        for index in range(run.index + 1, len(self.events)):
            event = self.events[index]
            if isinstance(event, LineEvent):
                return event.line, index
        return None, len(self.events) - 1

    def frame_values(self, func: str, name: str) -> list[tuple[int, str]]:
        """(event index, value) for every value `name` takes in any call of `func`, in order."""
        out: list[tuple[int, str]] = []
        for index, event in enumerate(self.events):
            if self.func.get(getattr(event, "frame", -1)) != func:
                continue
            if isinstance(event, CallEvent) and not event.resumed:
                out += [(index, v) for n, v in event.args if n == name]
            elif isinstance(event, LineEvent):
                out += [(index, v) for n, v in event.changes if n == name and v != DELETED]
        return out

    def state_at(self, frame: int, index: int) -> dict[str, str]:
        """The bindings of `frame` as they are once event `index` has happened."""
        for i in range(min(index, len(self.events) - 1), -1, -1):
            event = self.events[i]
            if isinstance(event, LineEvent) and event.frame == frame:
                return self.after[i]
            if isinstance(event, CallEvent) and event.frame == frame and not event.resumed:
                return dict(event.args)
        return {}

    def constant_line(self, line: int) -> bool:
        """`x = 0`, `out = []`: an assignment that reads nothing, so asking about it is trivial."""
        info = self.info.lines.get(line)
        return info is not None and info.kind == "assign" and not info.reads and not info.why \
            and not info.calls

    def frame_end(self, frame: int) -> int:
        """Index of the event that ends `frame` (its return or unwinding); the last event if none."""
        for index in range(len(self.events) - 1, -1, -1):
            event = self.events[index]
            if getattr(event, "frame", None) == frame and _ends_frame(event):
                return index
        return len(self.events) - 1


def _moves_frame_on(event) -> bool:
    return isinstance(event, (LineEvent, ReturnEvent)) or isinstance(event, ExceptionEvent) and event.unwound


def _ends_frame(event) -> bool:
    return isinstance(event, ReturnEvent) and not event.yielded or \
        isinstance(event, ExceptionEvent) and event.unwound


def literal(text: str | None, max_chars: int):
    """The parsed value of a rendered text, or None when it is missing, long, truncated or opaque."""
    if text is None or len(text) > max_chars or is_truncated(text):
        return None
    try:
        return (parse_value(text),)
    except Unparsable:
        return None


def type_name(text: str) -> str | None:
    """The Python type name of a rendered value, None when the text is not a literal."""
    try:
        return type(parse_value(text)).__name__
    except Unparsable:
        return None


def is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _enclosing_defs(code: str) -> dict[int, int]:
    owner: dict[int, int] = {}
    tree = ast.parse(code)
    nodes = [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
    for node in sorted(nodes, key=lambda n: n.lineno):  # inner definitions come later and win
        for line in range(node.lineno + 1, (node.end_lineno or node.lineno) + 1):
            owner[line] = node.lineno
    return owner


def _crowded_lines(info: CodeInfo) -> set[int]:
    """Headers that share their line with their own body (`for j in r: x *= j`). Tracer back ends
    disagree on how many times such a line runs, so no question counts on it."""
    return {line for line, item in info.lines.items()
            if item.kind in ("for", "while", "if", "elif", "with", "try") and line in item.body}
