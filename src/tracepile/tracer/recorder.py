"""Turns hook callbacks (call, line, return, exception, output) into compact trace records.
Back-end independent: `hooks.py` feeds it from sys.settrace or sys.monitoring."""

from __future__ import annotations

import collections
import operator

from tracepile.model import DELETED
from tracepile.tracer.analysis import CodeInfo, LineInfo
from tracepile.tracer.safe_eval import begin_moment, end_moment, evaluate
from tracepile.tracer.stdin import produced
from tracepile.values import _instance_dict, render, render_watched

MISSING = object()
READ_VALUE = "__tracepile_read__"  # the name a read chain's expressions use for the read's value
MAX_READ_CHARS = 20_000


Shown = tuple  # (value, text, ids of the mutable objects seen or None, those objects, contents(objects))
# (the ids and objects are views of the one dict the renderer filled)
"""A name's rendering and what it depends on: the text stays the same while the name is bound to the same
value and every mutable object seen while rendering holds the same items (see `contents`); a value that
shows no mutable object never changes its text."""


_SMALL_INT = 10 ** 18  # rendered in full by `render`
_SCALARS = frozenset({int, float, bool, complex, str, bytes, type(None)})  # never among a rendering's watched objects


class TraceLimit(Exception):
    """The trace reached its event budget."""


class FrameState:
    """What the recorder remembers about one live traced frame."""

    __slots__ = ("no", "depth", "line", "info", "cache", "log_pos", "is_module", "pending", "func",
                 "read_line", "raised")

    def __init__(self, no: int, depth: int, func: str, is_module: bool, log_pos: int):
        self.no, self.depth, self.func, self.is_module = no, depth, func, is_module
        self.line = 0
        self.info: LineInfo | None = None
        self.cache: dict[str, Shown] = {}
        self.log_pos = log_pos
        self.pending: BaseException | None = None
        self.raised: BaseException | None = None  # the latest exception raised in or into the frame
        self.read_line = 0  # the line whose read chain was recorded last


class Recorder:
    """Builds the record list for one execution. Records are plain tuples (see assemble.py)."""

    def __init__(self, code: CodeInfo, max_events: int, max_value_chars: int, max_output_chars: int):
        self.lines = code.lines
        self.owner = code.owner
        self.loop_headers = frozenset(n for n, i in code.lines.items() if i.kind in ("for", "while"))
        self.max_events = max_events
        self.max_chars = max_value_chars
        self.output_left = max_output_chars
        self.records: list[tuple] = []
        self.frames: dict[int, FrameState] = {}
        self.stack: list[FrameState] = []
        self.log: list[object] = []  # ids of objects mutated in place, names of rebound globals
        self.next_no = 0
        self.truncated = ""
        self.last_unwound: BaseException | None = None
        self.stdout_parts: list[str] = []
        self.stdin = None  # the RecordingStdin of a script run, if any
        self.globals_shown: dict[str, str] = {}  # global containers' renderings, as last stated

    # ---------------------------------------------------------------- events

    def on_call(self, frame, resumed: bool) -> None:
        state = self.frames.get(id(frame))
        if state is None:
            resumed = False
            self.next_no += 1
            code = frame.f_code
            if not self.stack and frame.f_locals is not frame.f_globals:
                self.snapshot_globals(frame.f_globals)
            state = FrameState(self.next_no, len(self.stack) + 1, code.co_name,
                               frame.f_locals is frame.f_globals, len(self.log))
            self.frames[id(frame)] = state
            args = self._initial_locals(state, frame)
        else:
            resumed = True
            state.depth = len(self.stack) + 1
            self.settle(state, frame)
            args = ()
        caller = self.stack[-1].no if self.stack else None
        self.stack.append(state)
        self.emit(("C", state.no, state.depth, state.func, frame.f_lineno, args, caller, resumed))

    def on_line(self, frame, lineno: int) -> None:
        state = self.frames.get(id(frame))
        if state is None:
            return
        line = self.owner.get(lineno, lineno)
        if line == state.line and line not in self.loop_headers and state.pending is None:
            return  # a continuation line of the statement already running
        info = self.lines.get(line)
        previous = state.info
        moment = info is not None and info.why or previous is not None and previous.mutates
        if moment:
            begin_moment()  # expressions are evaluated: is_plain's verdicts hold until the line is recorded
        try:
            loc = None
            if previous is not None and (previous.assigns or previous.mutates) or len(self.log) > state.log_pos:
                loc = frame.f_locals  # one snapshot per event: on 3.11/3.12 each access copies the locals
                self.settle(state, frame, loc)
            state.pending = None
            values = ()
            if info is not None and info.why:
                values = self._explain(info, frame.f_locals if loc is None else loc, frame.f_globals)
            state.line, state.info, state.read_line = line, info, 0
            records = self.records  # `emit`, inlined: the most frequent record
            records.append(("L", state.no, state.depth, line, values))
            if len(records) >= self.max_events:
                self.emit_limit()
        finally:
            if moment:
                end_moment()

    def on_return(self, frame, value: object, yielded: bool) -> None:
        state = self.frames.get(id(frame))
        if state is None:
            return
        if state.pending is not None:  # an exception leaves the frame (a closed generator too, though its
            self.on_unwind(frame, state.pending)  # last instruction is the yield it was paused at)
            return
        self.settle(state, frame)
        self._pop(state)
        self.emit(("R", state.no, state.depth, state.func, state.line, self.render(value), yielded))
        if not yielded:
            del self.frames[id(frame)]

    def on_exception(self, frame, exc: BaseException) -> None:
        state = self.frames.get(id(frame))
        if state is None:
            return
        state.pending = state.raised = exc
        if exc is self.last_unwound:
            return  # the same exception passing up from a traced callee
        self.settle(state, frame)
        self.emit(("E", state.no, state.depth, state.line, type(exc).__name__, exception_message(exc)))

    def on_reraise(self, frame) -> None:
        """The frame ends by re-raising its latest exception (settrace reports it as a return)."""
        state = self.frames.get(id(frame))
        if state is not None and state.raised is not None:
            self.on_unwind(frame, state.raised)

    def on_unwind(self, frame, exc: BaseException) -> None:
        state = self.frames.pop(id(frame), None)
        if state is None:
            return
        if state.pending is None:  # lines ran since the exception (a `finally`): what the last one changed
            self.settle(state, frame)
        self._pop(state)
        self.last_unwound = exc
        self.emit(("U", state.no, state.depth, state.line, type(exc).__name__))

    def on_output(self, text: str, module_line: int = 0) -> bool:
        """Record printed text (on `module_line` when no traced frame runs: the module's untraced
        top-level code before a call); False once the output cap is reached."""
        if self.output_left <= 0 or len(text) > self.output_left:
            self.truncated = "output limit reached"
            text = text[: self.output_left]
            self.output_left = 0
            if text:
                self.stdout_parts.append(text)
            return False
        text = text[: self.output_left]
        self.output_left -= len(text)
        self.stdout_parts.append(text)
        top = self.stack[-1] if self.stack else None
        try:
            self.emit(("O", top.no if top else 0, top.line if top else module_line, text))
        except TraceLimit:
            pass  # tracing stops at the next hook call; the text itself is kept
        return True

    def on_input(self, how: str, text: str, frame) -> None:
        """Record a standard-input read (called by RecordingStdin) on the line running in `frame`,
        or on the innermost traced frame when an untraced callee (a comprehension) reads. The
        first read of a line whose statement holds one read call also records the values its
        read chain computes from the read (`input()`, `int(input())`, ...)."""
        if self.truncated or not self.stack:
            return
        state = self.frames.get(id(frame))
        values: tuple = ()
        if state is None:
            state = self.stack[-1]
        elif state.info is not None and state.info.read_chain and state.read_line != state.line:
            state.read_line = state.line
            values = self._read_values(state.info, how, text, frame)
        try:
            self.emit(("I", state.no, how, text[:MAX_READ_CHARS], values))
        except TraceLimit:
            pass  # tracing stops at the next hook call; the program's read itself goes on

    def _read_values(self, info: LineInfo, how: str, text: str, frame) -> tuple:
        loc, glob = frame.f_locals, frame.f_globals
        (source, callee), *chain = info.read_chain
        ok, function = evaluate(callee, loc, glob)
        if ok and function is self.stdin and self.stdin is not None:  # `sys.stdin.readline()`
            function = getattr(function, source.rsplit(".", 1)[1].removesuffix("()"))
        ok, value = produced(function, self.stdin, how, text) if ok else (False, None)
        if not ok:
            return ()
        out = [(source, render(value, self.max_chars))]
        scope = {**loc, READ_VALUE: value}
        for source, compiled in chain:
            ok, result = evaluate(compiled, scope, glob)
            if not ok:
                break
            out.append((source, render(result, self.max_chars)))
        return tuple(out)

    # ---------------------------------------------------------------- state

    def settle(self, state: FrameState, frame, loc=None) -> None:
        """Record what the frame's previous line changed: rebindings and in-place mutations."""
        info = state.info
        if loc is None:
            loc = frame.f_locals
        glob = frame.f_globals
        names = list(info.assigns) if info is not None else []
        if info is not None and info.mutates:
            for source, chain in info.mutates:
                try:  # `evaluate`, inlined
                    obj = chain(loc, glob)
                except Exception:  # noqa: BLE001 - unsafe or failing: nothing to note
                    continue
                if type(obj) not in _SCALARS:  # `total += x` on a number rebinds: nothing changed in place
                    self.log.append(id(obj))
                if not state.is_module and source.isidentifier() and source not in loc:
                    self._global_change(source, glob, names)
        mutated: set = set()
        if len(self.log) > state.log_pos:
            mutated = set(self.log[state.log_pos:])
            state.log_pos = len(self.log)
            for name, (_, _, ids, _, _) in state.cache.items():
                if (ids and not ids.isdisjoint(mutated)) or (state.is_module and name in mutated):
                    names.append(name)
        if not names:
            return
        changes = []
        cache = state.cache
        for name in names:
            value = loc.get(name, MISSING)
            is_global = False
            if value is MISSING:
                # a function frame changes a global only through a name its own code stores
                # (`global x`); `def f(): pass` on one line must not report `f` inside f
                in_code = name in frame.f_code.co_names
                value = glob.get(name, MISSING) if not state.is_module and in_code else MISSING
                is_global = value is not MISSING
            entry = cache.get(name)
            if value is MISSING:
                if entry is not None:
                    del cache[name]
                    changes.append((name, DELETED))
                continue
            if entry is not None and entry[0] is value and (
                    entry[2] is None or entry[2].isdisjoint(mutated)
                    or entry[4] is not None and unchanged(entry[3], entry[4])):
                continue  # the same value, and nothing its text shows changed
            entry_text = entry[1] if entry is not None else None
            if type(value) is int and -_SMALL_INT < value < _SMALL_INT:  # the most frequent change
                entry = cache[name] = (value, int.__repr__(value), None, None, None)
            else:
                entry = cache[name] = self.shown(value, entry_text)
            if entry_text != entry[1]:
                changes.append((name, entry[1]))
                if is_global:
                    self.log.append(name)
        if changes:
            self.emit(("D", state.no, tuple(changes)))

    def _global_change(self, name: str, glob: dict, names: list) -> None:
        """Add `name` when it is a global container (or program object) whose rendering changed since
        the call began or since a line last changed it (`CACHE[n] = v` inside a function)."""
        value = glob.get(name, MISSING)
        if not holds_state(value):
            return
        text = render(value, self.max_chars)
        if self.globals_shown.get(name) != text:
            self.globals_shown[name] = text
            names.append(name)

    def snapshot_globals(self, glob: dict) -> None:
        """The program's global containers as a top-level call starts (the values later changes differ from)."""
        self.globals_shown = {name: render(value, self.max_chars) for name, value in list(glob.items())
                              if type(name) is str and holds_state(value)}

    def _initial_locals(self, state: FrameState, frame) -> tuple:
        if state.is_module:
            return ()
        args = []
        for name, value in frame.f_locals.items():
            entry = state.cache[name] = self.shown(value)
            args.append((name, entry[1]))
        return tuple(args)

    def shown(self, value: object, before: str | None = None) -> Shown:
        """The value's rendering with what it depends on (see `Shown`). The contents are kept only when
        the text is `before` again (a possible change that changed nothing): a value whose text changes
        each time it may have changed is not worth comparing."""
        text, seen = render_watched(value, self.max_chars)
        if not seen:
            return value, text, None, None, None
        watched = seen.values()
        return value, text, seen.keys(), watched, contents(watched) if text == before else None

    def _explain(self, info: LineInfo, loc, glob) -> tuple:
        out = []
        for source, compiled in info.why:
            try:
                value = compiled(loc, glob)
            except Exception:  # noqa: BLE001 - unsafe or failing: no value recorded
                continue
            cls = type(value)  # the most frequent results first: what `render` writes for them
            if cls is bool:
                out.append((source, "True" if value else "False"))
            elif cls is int and -_SMALL_INT < value < _SMALL_INT:
                out.append((source, int.__repr__(value)))
            else:
                out.append((source, render(value, self.max_chars)))
        return tuple(out)

    def _pop(self, state: FrameState) -> None:
        if self.stack and self.stack[-1] is state:
            self.stack.pop()
        elif state in self.stack:
            self.stack.remove(state)

    def render(self, value: object) -> str:
        return render(value, self.max_chars)

    def emit(self, record: tuple) -> None:
        self.records.append(record)
        if len(self.records) >= self.max_events:
            self.emit_limit()

    def emit_limit(self) -> None:
        self.truncated = self.truncated or f"event limit of {self.max_events} reached"
        raise TraceLimit


_CONTAINERS = (list, dict, set, bytearray, collections.deque, collections.Counter, collections.OrderedDict,
               collections.defaultdict)
_module_of = type.__dict__["__module__"].__get__


def holds_state(value: object) -> bool:
    """A built-in container or an instance of a class the program defines (never user code runs)."""
    cls = type(value)
    return cls in _CONTAINERS or _module_of(cls) == "__main__" and not issubclass(cls, type)


MAX_WATCHED_ITEMS = 1_000  # beyond this a possibly changed value is rendered again instead of compared
_END = object()  # closes one object's items in `contents`


def contents(objects) -> list | None:
    """The items of `objects` (lists, deques, sets, dicts, plain program objects) as one flat list of
    references, each object's items closed by a marker; None when one is of another kind or when they
    hold too many items to be worth comparing. Reads no user code."""
    out: list = []
    for obj in objects:
        cls = type(obj)
        if cls is list or cls is collections.deque or cls is set:
            if len(out) + len(obj) > MAX_WATCHED_ITEMS:
                return None
            out.append(obj)
            out.extend(obj)
        elif cls is dict:
            if len(out) + 2 * len(obj) > MAX_WATCHED_ITEMS:
                return None
            out.append(obj)
            out.extend(dict.keys(obj))
            out.extend(dict.values(obj))
        elif _module_of(cls) == "__main__" and type(cls) is type and len(cls.__mro__) == 2:
            attrs = _instance_dict(obj)
            if not attrs or "__slots__" in cls.__dict__ or len(out) + 2 * len(attrs) > MAX_WATCHED_ITEMS:
                return None
            out += (obj, cls, cls.__name__, attrs)
            out.extend(attrs)
            out.extend(attrs.values())
        else:
            return None
        out.append(_END)
    return out


def unchanged(objects, before: list) -> bool:
    """Whether `objects` hold the very same items (by identity) as when `before` was taken."""
    now = contents(objects)
    return now is not None and len(now) == len(before) and all(map(operator.is_, now, before))


def exception_message(exc: BaseException) -> str:
    """The message of an exception without running user `__str__`."""
    args = exc.args if type(exc.args) is tuple else ()
    if len(args) == 1 and type(args[0]) is str:
        return args[0] if not isinstance(exc, KeyError) else render(args[0])
    if not args:
        return ""
    return render(args[0] if len(args) == 1 else args, 300)
