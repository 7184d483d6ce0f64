"""The child side of one execution: limit the process, run the program input under the tracer,
write the records and outcome as JSON, and leave with os._exit. Imports nothing heavy."""

from __future__ import annotations

import builtins
import io
import json
import os
import random
import sys

from tracepile.model import Expression, RecordError, parse_call
from tracepile.tracer.analysis import analyze
from tracepile.tracer.hooks import make_hooks
from tracepile.tracer.recorder import Recorder, exception_message
from tracepile.tracer.safe_eval import compile_expr, evaluate
from tracepile.values import render

FILENAME = "<program>"
FINAL_VALUE_CHARS = 200_000


class CapturedStdout(io.TextIOBase):
    """sys.stdout replacement that hands every write to the recorder (attributed to a line)."""

    encoding = "utf-8"
    errors = "backslashreplace"

    def __init__(self, recorder: Recorder):
        self._recorder = recorder
        self.buffer = _CapturedBytes(self)

    def write(self, text):
        if type(text) is not str:
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        if not self._recorder.on_output(text):
            raise OutputLimit("output limit reached")
        return len(text)

    def writable(self):
        return True

    def isatty(self):
        return False


class OutputLimit(BaseException):
    """Raised into the program when it writes past the output cap (a BaseException, like SystemExit)."""


class _CapturedBytes(io.RawIOBase):
    def __init__(self, text: CapturedStdout):
        self._text = text

    def write(self, data):
        data = bytes(data)
        self._text.write(data.decode("utf-8", "backslashreplace"))
        return len(data)

    def writable(self):
        return True


def _exit(code=None):
    raise SystemExit(code)


def apply_limits(limits: dict) -> None:
    """rlimits with soft = hard, so the program cannot raise them again."""
    import resource

    mb = 1024 * 1024
    for res, value in ((resource.RLIMIT_AS, limits["memory_mb"] * mb),
                       (resource.RLIMIT_FSIZE, limits["file_size_mb"] * mb),
                       (resource.RLIMIT_NOFILE, limits["open_files"]),
                       (resource.RLIMIT_CORE, 0)):
        resource.setrlimit(res, (value, value))
    # SIGXCPU at the soft limit names the cause; SIGKILL one second later if it is ignored
    resource.setrlimit(resource.RLIMIT_CPU, (limits["cpu_s"], limits["cpu_s"] + 1))


def isolate_network() -> bool:
    """Move into a fresh network namespace (only a down loopback) when the kernel allows it."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    clone_newnet, clone_newuser = 0x40000000, 0x10000000
    return libc.unshare(clone_newnet) == 0 or libc.unshare(clone_newuser | clone_newnet) == 0


def run_job(job: dict) -> dict:
    """Execute one program input under the tracer; never raises for anything the program does."""
    limits = job["limits"]
    try:
        module_code = compile(job["code"], FILENAME, "exec")
        info = analyze(job["code"])
    except (SyntaxError, ValueError) as exc:
        return _outcome("error", f"syntax error: {exc}", exception=("SyntaxError", str(exc)))
    recorder = Recorder(info, limits["max_events"], limits["max_value_chars"], limits["max_output_chars"])
    hooks = make_hooks(recorder, module_code, job.get("backend", "auto"))
    namespace = {"__name__": "__main__", "__builtins__": builtins}
    sys.stdout = CapturedStdout(recorder)
    random.seed(job.get("seed", 0))
    value, exc, arguments = None, None, None
    try:
        if job["kind"] == "call":
            target, args, kwargs = _prepare_call(job["text"], module_code, namespace)
            arguments = list(args) + list(kwargs.values())
            hooks.start()
            try:
                value = target(*args, **kwargs)
            finally:
                hooks.stop()
        else:
            hooks.start()
            try:
                exec(module_code, namespace)
            finally:
                hooks.stop()
    except _Rejected as rejected:
        return _outcome("error", str(rejected))
    except SystemExit as stop:
        if stop.code not in (None, 0):
            exc = stop
    except BaseException as raised:  # noqa: BLE001 - the program's exception is the outcome
        exc = raised
    finally:
        sys.stdout = sys.__stdout__
    return _finish(recorder, hooks.name, value, exc, job, arguments or [])


class _Rejected(Exception):
    """The input cannot be run (bad call expression, missing entry point)."""


def _prepare_call(text: str, module_code, namespace: dict):
    try:
        call = parse_call(text)
    except RecordError as exc:
        raise _Rejected(f"bad call expression: {exc}") from None
    exec(module_code, namespace)
    head = call.func[0]
    target = namespace.get(head.removesuffix("()"))
    if target is None:
        raise _Rejected(f"entry point {head.removesuffix('()')!r} is not defined by the program")
    if head.endswith("()"):
        target = target()  # the program's own constructor, run in the sandbox like all its code
    for attr in call.func[1:]:
        try:
            target = getattr(target, attr)
        except AttributeError:
            raise _Rejected(f"entry point {'.'.join(call.func)!r} is not defined by the program") from None
    if not callable(target):
        raise _Rejected(f"entry point {'.'.join(call.func)!r} is not callable")
    args = [_argument(a, namespace) for a in call.args]
    kwargs = {k: _argument(v, namespace) for k, v in call.kwargs.items()}
    return target, args, kwargs


def _argument(value, namespace: dict):
    """Literal arguments as they are; expressions evaluated here, in the sandboxed child."""
    if not isinstance(value, Expression):
        return value
    if "lambda" in value.source:
        return eval(compile(value.source, "<input>", "eval"), namespace)  # noqa: S307 - sandboxed child
    ok, result = evaluate(compile_expr(value.source), {}, namespace)
    if not ok:
        raise _Rejected(f"call argument {value.source[:60]!r} cannot be evaluated safely")
    return result


def _finish(recorder: Recorder, backend: str, value, exc, job: dict, arguments: list) -> dict:
    limits = job["limits"]
    status, reason, exception = "ok", "", None
    if exc is not None:
        exception = (type(exc).__name__, exception_message(exc))
        status, reason = "error", f"raised {exception[0]}"
        if isinstance(exc, MemoryError):
            status, reason = "limit", f"memory limit of {limits['memory_mb']} MB exceeded"
    if recorder.truncated.startswith("output"):
        status, reason = "limit", f"output limit of {limits['max_output_chars']} characters reached"
    elif recorder.truncated and status == "ok":
        status, reason = "truncated", recorder.truncated
    return {
        "status": status, "reason": reason,
        "value": render(value, FINAL_VALUE_CHARS) if exc is None else None,
        "exception": exception, "stdout": "".join(recorder.stdout_parts),
        "arguments": [render(a, FINAL_VALUE_CHARS) for a in arguments],
        "records": recorder.records, "truncated": recorder.truncated,
        "backend": backend, "python": sys.version.split()[0],
    }


def _outcome(status: str, reason: str, exception=None) -> dict:
    return {"status": status, "reason": reason, "value": None, "exception": exception, "stdout": "",
            "records": [], "truncated": "", "backend": "", "python": sys.version.split()[0]}


def main(job_path: str, result_path: str) -> None:
    """Entry point of the child process."""
    with open(job_path, encoding="utf-8") as fh:
        job = json.load(fh)
    builtins.exit = builtins.quit = _exit
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 3000))
    if job.get("isolate_network", True):
        isolate_network()
    result_fd = os.open(result_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    apply_limits(job["limits"])
    try:
        result = run_job(job)
        data = json.dumps(result).encode("utf-8")
    except BaseException as exc:  # noqa: BLE001 - report, never hang
        data = json.dumps(_outcome("crash", f"tracer failure: {type(exc).__name__}")).encode()
    view = memoryview(data)
    while view:
        view = view[os.write(result_fd, view):]
    os._exit(0)
