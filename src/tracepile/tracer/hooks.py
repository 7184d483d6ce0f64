"""The two ways CPython reports execution to us: `sys.monitoring` (3.12+) and `sys.settrace` (below).
Both feed the same Recorder; a failure inside a hook stops tracing instead of breaking the program."""

from __future__ import annotations

import dis
import inspect
import sys
import types

from tracepile.tracer.analysis import UNTRACED_FUNCTIONS
from tracepile.tracer.recorder import Recorder, TraceLimit

YIELD_VALUE = dis.opmap.get("YIELD_VALUE")
_getframe = sys._getframe
CO_GENERATOR_LIKE = 0x20 | 0x100 | 0x200  # generator, coroutine, async generator


def program_code_objects(module_code: types.CodeType) -> set[types.CodeType]:
    """Every code object compiled from the program that we trace (not lambdas or comprehensions, and not
    class bodies: a `class` statement is one step, as at module level; its methods are traced)."""
    found, todo = set(), [module_code]
    while todo:
        code = todo.pop()
        if code.co_name in UNTRACED_FUNCTIONS:
            continue
        if code is module_code or code.co_flags & inspect.CO_OPTIMIZED:
            found.add(code)
        todo.extend(c for c in code.co_consts if isinstance(c, types.CodeType))
    return found


class Hooks:
    """Common start/stop bookkeeping."""

    name = "none"

    def __init__(self, recorder: Recorder, codes: set[types.CodeType]):
        self.rec = recorder
        self.codes = codes
        self.active = False

    def fail(self, exc: BaseException) -> None:
        if not isinstance(exc, TraceLimit):
            self.rec.truncated = f"tracer error: {type(exc).__name__}: {exc}"
        self.stop()


class SettraceHooks(Hooks):
    name = "settrace"

    def start(self) -> None:
        self.active = True
        sys.settrace(self.on_call)

    def stop(self) -> None:
        self.active = False
        sys.settrace(None)

    def on_call(self, frame, event, arg):
        if not self.active or frame.f_code not in self.codes:
            return None
        try:
            self.rec.on_call(frame, False)
        except Exception as exc:  # noqa: BLE001
            self.fail(exc)
            return None
        return self.on_event

    def on_event(self, frame, event, arg):
        if not self.active:
            return None
        try:
            if event == "line":
                self.rec.on_line(frame, frame.f_lineno)
            elif event == "return":
                self.rec.on_return(frame, arg, self._is_yield(frame))
            elif event == "exception":
                self.rec.on_exception(frame, arg[1])
        except Exception as exc:  # noqa: BLE001
            self.fail(exc)
            return None
        return self.on_event

    @staticmethod
    def _is_yield(frame) -> bool:
        code = frame.f_code
        if not code.co_flags & CO_GENERATOR_LIKE or frame.f_lasti < 0:
            return False
        return code.co_code[frame.f_lasti] == YIELD_VALUE


class MonitoringHooks(Hooks):
    name = "sys.monitoring"

    def start(self) -> None:
        mon = sys.monitoring
        ev = mon.events
        self.tool = next(t for t in (mon.DEBUGGER_ID, 3, 4, 5) if mon.get_tool(t) is None)
        mon.use_tool_id(self.tool, "tracepile")
        for event, callback in ((ev.PY_START, self.py_start), (ev.PY_RESUME, self.py_resume),
                                (ev.LINE, self.line), (ev.PY_RETURN, self.py_return),
                                (ev.PY_YIELD, self.py_yield), (ev.RAISE, self.raise_),
                                (ev.PY_UNWIND, self.unwind)):
            mon.register_callback(self.tool, event, callback)
        local = ev.PY_START | ev.PY_RESUME | ev.LINE | ev.PY_RETURN | ev.PY_YIELD
        for code in self.codes:
            mon.set_local_events(self.tool, code, local)
        mon.set_events(self.tool, ev.RAISE | ev.PY_UNWIND)
        self.active = True

    def stop(self) -> None:
        if not self.active:
            return
        self.active = False
        mon = sys.monitoring
        mon.set_events(self.tool, 0)
        for code in self.codes:
            mon.set_local_events(self.tool, code, 0)
        mon.free_tool_id(self.tool)

    def _guard(self, method, *args) -> None:
        if not self.active:
            return
        try:
            method(*args)
        except Exception as exc:  # noqa: BLE001
            self.fail(exc)

    def py_start(self, code, offset):
        self._guard(self.rec.on_call, sys._getframe(1), False)

    def py_resume(self, code, offset):
        self._guard(self.rec.on_call, sys._getframe(1), True)

    def line(self, code, lineno):
        if self.active:  # the most frequent event: _guard's body inlined
            try:
                self.rec.on_line(_getframe(1), lineno)
            except Exception as exc:  # noqa: BLE001
                self.fail(exc)

    def py_return(self, code, offset, value):
        self._guard(self.rec.on_return, sys._getframe(1), value, False)

    def py_yield(self, code, offset, value):
        self._guard(self.rec.on_return, sys._getframe(1), value, True)

    def raise_(self, code, offset, exc):
        if code in self.codes:
            self._guard(self.rec.on_exception, sys._getframe(1), exc)

    def unwind(self, code, offset, exc):
        if code in self.codes:
            self._guard(self.rec.on_unwind, sys._getframe(1), exc)


def make_hooks(recorder: Recorder, module_code: types.CodeType, backend: str = "auto") -> Hooks:
    """`auto` picks sys.monitoring where the interpreter has it."""
    codes = program_code_objects(module_code)
    if backend == "auto":
        backend = "monitoring" if hasattr(sys, "monitoring") else "settrace"
    if backend == "monitoring":
        return MonitoringHooks(recorder, codes)
    if backend == "settrace":
        return SettraceHooks(recorder, codes)
    raise ValueError(f"unknown tracer backend {backend!r}: use auto, monitoring or settrace")
