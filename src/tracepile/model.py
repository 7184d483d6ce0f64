"""The typed records every stage exchanges: programs, their inputs, traces and samples.
Imports only the standard library; stages import from here, never from each other's internals."""

from __future__ import annotations

import ast
from dataclasses import asdict, dataclass, field
from typing import Any

MAX_CALL_CHARS = 100_000


class RecordError(ValueError):
    """A program record or an input that cannot be used; the message says why."""


# ---------------------------------------------------------------- programs


@dataclass(frozen=True)
class Expression:
    """A call argument that is not a plain literal (e.g. `dict(a=1)`, `'ab'.upper()`, a lambda).
    It is never evaluated here: the sandboxed child evaluates it next to the program."""

    source: str


_EXPRESSION_NODES = (
    ast.Constant, ast.List, ast.Tuple, ast.Set, ast.Dict, ast.UnaryOp, ast.BinOp, ast.BoolOp,
    ast.Compare, ast.Subscript, ast.Slice, ast.Name, ast.Attribute, ast.Call, ast.keyword,
    ast.Lambda, ast.arguments, ast.arg, ast.IfExp, ast.Starred, ast.Load,
    ast.operator, ast.unaryop, ast.boolop, ast.cmpop, ast.expr_context,
)


@dataclass(frozen=True)
class Call:
    """A parsed call expression: `func(*args, **kwargs)` with literal arguments only."""

    text: str
    func: tuple[str, ...]  # dotted name, e.g. ("f",), ("Cls", "method"), ("Solution()", "twoSum")
    args: tuple[Any, ...]
    kwargs: dict[str, Any]


def parse_call(text: str) -> Call:
    """Parse `f([3, 1, 2], k=2)` safely: the callee is a (dotted) name, every argument a literal."""
    if not isinstance(text, str) or not text.strip():
        raise RecordError("empty call expression")
    if len(text) > MAX_CALL_CHARS:
        raise RecordError(f"call expression longer than {MAX_CALL_CHARS} characters")
    try:
        node = ast.parse(text.strip(), mode="eval").body
    except SyntaxError as exc:
        raise RecordError(f"call expression is not valid Python: {exc.msg}") from None
    except (MemoryError, RecursionError):
        raise RecordError("call expression is nested too deeply") from None
    if not isinstance(node, ast.Call):
        raise RecordError(f"not a call expression: {text.strip()[:60]!r}")
    func = _dotted_name(node.func)
    if func is None:
        raise RecordError("the callee must be a name or a dotted name, e.g. f, Cls.method or Solution().solve")
    try:
        args = tuple(_literal(a) for a in node.args)
        kwargs = {}
        for kw in node.keywords:
            if kw.arg is None:
                raise RecordError("**kwargs unpacking is not allowed in a call expression")
            kwargs[kw.arg] = _literal(kw.value)
    except (ValueError, TypeError, SyntaxError, RecursionError, MemoryError) as exc:
        raise RecordError(f"call argument is not a literal: {exc}") from None
    return Call(text=text.strip(), func=func, args=args, kwargs=kwargs)


def _dotted_name(node: ast.expr) -> tuple[str, ...] | None:
    if isinstance(node, ast.Name):
        return (node.id,)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and not node.args and not node.keywords:
        return (node.func.id + "()",)  # `Solution()`: an instance made with no arguments
    if isinstance(node, ast.Attribute):
        base = _dotted_name(node.value)
        return None if base is None else base + (node.attr,)
    return None


def _literal(node: ast.expr) -> Any:
    if isinstance(node, ast.Starred):
        raise RecordError("*args unpacking is not allowed in a call expression")
    if _is_empty_set_call(node):
        return set()
    try:
        return ast.literal_eval(node)
    except ValueError:
        pass
    for sub in ast.walk(node):
        if isinstance(sub, ast.Lambda):
            continue  # a lambda's body is program code, run only in the sandbox
        if not isinstance(sub, _EXPRESSION_NODES):
            raise RecordError(f"{type(sub).__name__} is not allowed in a call argument")
    return Expression(ast.unparse(node))


def _is_empty_set_call(node: ast.expr) -> bool:
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "set"
        and not node.args
        and not node.keywords
    )


@dataclass(frozen=True)
class ProgramInput:
    """One input of a program: a call expression (function programs) or a stdin text (scripts)."""

    kind: str  # "call" | "stdin"
    text: str

    def __post_init__(self) -> None:
        if self.kind not in ("call", "stdin"):
            raise RecordError(f"input kind must be 'call' or 'stdin', not {self.kind!r}")


PROGRAM_FIELDS = ("id", "code", "calls", "stdin", "domain", "source", "license")


@dataclass(frozen=True)
class Program:
    """A program and the inputs to run it on. Unknown record fields are kept in `metadata`."""

    id: str
    code: str
    calls: tuple[str, ...] = ()
    stdin: tuple[str, ...] = ()
    domain: str = ""
    source: str = ""
    license: str = ""
    metadata: dict[str, Any] = field(default_factory=dict)

    @property
    def inputs(self) -> list[ProgramInput]:
        return [ProgramInput("call", c) for c in self.calls] + [
            ProgramInput("stdin", s) for s in self.stdin
        ]

    @classmethod
    def from_dict(cls, data: Any) -> Program:
        """Build a program from a JSON-like record; raises RecordError with the reason."""
        if not isinstance(data, dict):
            raise RecordError(f"a program record must be an object, not {type(data).__name__}")
        for key in ("id", "code"):
            if key not in data:
                raise RecordError(f"missing field {key!r}")
        if not isinstance(data["code"], str) or not data["code"].strip():
            raise RecordError("field 'code' must be a non-empty string")
        calls = _text_list(data, "calls")
        stdin = _text_list(data, "stdin")
        if not calls and not stdin:
            raise RecordError("the record has no inputs: give 'calls' or 'stdin'")
        texts = {}
        for key in ("domain", "source", "license"):
            value = data.get(key) or ""
            if not isinstance(value, str):
                raise RecordError(f"field {key!r} must be a string")
            texts[key] = value
        metadata = {k: v for k, v in data.items() if k not in PROGRAM_FIELDS and k != "metadata"}
        if isinstance(data.get("metadata"), dict):
            metadata = {**data["metadata"], **metadata}  # the round trip of to_dict()
        elif "metadata" in data:
            metadata["metadata"] = data["metadata"]
        return cls(
            id=str(data["id"]), code=data["code"], calls=calls, stdin=stdin,
            metadata=metadata, **texts,
        )

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["calls"], data["stdin"] = list(self.calls), list(self.stdin)
        return data


def _text_list(data: dict, key: str) -> tuple[str, ...]:
    value = data.get(key)
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        raise RecordError(f"field {key!r} must be a string or a list of strings")
    return tuple(value)


# ---------------------------------------------------------------- execution


@dataclass(frozen=True)
class Limits:
    """Resource limits for one execution."""

    timeout_s: float = 20.0  # wall clock: generous, since it depends on machine load
    cpu_s: int = 5  # CPU time: what normally stops a runaway program, independent of load
    memory_mb: int = 1024
    file_size_mb: int = 16
    open_files: int = 64
    max_output_chars: int = 20_000
    max_events: int = 20_000
    max_value_chars: int = 400


STATUSES = ("ok", "error", "timeout", "limit", "truncated", "crash")


# ---------------------------------------------------------------- trace events


@dataclass(frozen=True)
class CallEvent:
    """A traced frame starts: `func` called with rendered `args` (name, value) pairs."""

    frame: int
    depth: int
    func: str
    line: int
    args: tuple[tuple[str, str], ...]
    caller: int | None  # frame id of the traced caller, if any
    resumed: bool = False  # a generator frame resumed rather than started


@dataclass(frozen=True)
class LineEvent:
    """A line executes in `frame`. `values` are side-effect-free sub-expressions evaluated just
    before it runs (and values produced from a standard-input read while it ran); `changes` are the
    bindings it changed (new rendered values) once it finished; `reads` what it read from stdin."""

    frame: int
    depth: int
    line: int
    values: tuple[tuple[str, str], ...] = ()
    changes: tuple[tuple[str, str], ...] = ()
    loop: tuple[int, int, int] | None = None  # (loop line, activation, iteration) at a loop header
    next_line: int | None = None  # the next line run in the same frame, None if the frame left
    reads: tuple[tuple[str, str], ...] = ()  # (how, text) of each standard-input read made while it ran


@dataclass(frozen=True)
class ReturnEvent:
    """A frame returns `value` (rendered) from `line`; `yielded` for a generator's yield."""

    frame: int
    depth: int
    func: str
    line: int
    value: str
    yielded: bool = False


@dataclass(frozen=True)
class ExceptionEvent:
    """An exception is raised at `line` (or passes through it); `unwound` if it left the frame."""

    frame: int
    depth: int
    line: int
    type: str
    message: str
    unwound: bool = False


@dataclass(frozen=True)
class OutputEvent:
    """Text written to stdout while `line` of `frame` ran."""

    frame: int
    line: int
    text: str


Event = CallEvent | LineEvent | ReturnEvent | ExceptionEvent | OutputEvent

DELETED = "<deleted>"  # the value a change records for a name that no longer exists


class FrameValues:
    """Each frame's variables (rendered values) as a trace's events are applied in order."""

    def __init__(self) -> None:
        self.frames: dict[int, dict[str, str]] = {}

    def of(self, frame: int) -> dict[str, str]:
        return self.frames.setdefault(frame, {})

    def apply(self, event: Event) -> None:
        if isinstance(event, CallEvent) and not event.resumed:
            self.frames[event.frame] = dict(event.args)
        elif isinstance(event, LineEvent):
            values = self.of(event.frame)
            for name, value in event.changes:
                if value == DELETED:
                    values.pop(name, None)
                else:
                    values[name] = value


@dataclass(frozen=True)
class Outcome:
    """How a run ended: its status, the returned value (safely rendered, and as Python's own `repr()`
    shows it), or the exception, and all of stdout."""

    status: str
    reason: str = ""
    value: str | None = None  # safe rendering: class and attributes for user objects, never user code
    value_repr: str | None = None  # repr() of the returned value, run in the sandbox after tracing ended
    repr_note: str = ""  # why `repr` is missing although the call returned (raised, too slow, too long)
    exception: tuple[str, str] | None = None  # (type, message)
    stdout: str = ""
    stderr: str = ""
    arguments: tuple[str, ...] = ()  # call arguments as they are after the call (in-place changes)

    def answer(self, kind: str) -> str:
        """The final answer in its fixed parseable form."""
        if self.exception is not None:
            return f"{self.exception[0]}: {self.exception[1]}" if self.exception[1] else self.exception[0]
        if kind == "stdin":
            return self.stdout
        if self.value_repr is not None:
            return self.value_repr
        return self.value if self.value is not None else "None"


@dataclass(frozen=True)
class Trace:
    """The full record of one execution of one program input."""

    program_id: str
    code: str
    input: ProgramInput
    events: tuple[Event, ...]
    outcome: Outcome
    truncated: bool = False
    python: str = ""
    backend: str = ""
    seconds: float = 0.0

    @property
    def lines(self) -> list[LineEvent]:
        return [e for e in self.events if isinstance(e, LineEvent)]

    def stats(self) -> dict[str, int]:
        calls = [e for e in self.events if isinstance(e, CallEvent) and not e.resumed]
        return {
            "events": len(self.events),
            "lines": len(self.lines),
            "calls": len(calls),
            "max_depth": max((e.depth for e in calls), default=0),
        }


# ---------------------------------------------------------------- samples


@dataclass(frozen=True)
class ClaimIssue:
    """One claim that rejects its sentence: `false` or `unverifiable`, why, the value the run has
    against the value stated, and a sentence in the claim grammar that states the fact (when one does)."""

    verdict: str
    reason: str
    expected: str = ""
    stated: str = ""
    hint: str = ""


@dataclass(frozen=True)
class SentenceCheck:
    """The verifier's verdict on one sentence: `verified`, `false` or `unverifiable`, and why
    (for a false claim, the value the run has at the sentence's moment and the value stated); the
    first issue's reason, values and hint, and every issue of the sentence."""

    paragraph: int
    sentence: str
    verdict: str
    reason: str = ""
    expected: str = ""
    stated: str = ""
    hint: str = ""
    issues: tuple[ClaimIssue, ...] = ()


@dataclass(frozen=True)
class Verification:
    """The verifier's verdict on one CoE text."""

    passed: bool
    claims: int
    checked: int
    failures: tuple[str, ...] = ()
    unverifiable: tuple[str, ...] = ()
    grammar_version: str = ""
    sentences: tuple[SentenceCheck, ...] = ()


@dataclass
class Sample:
    """One training sample: question, Chain of Execution, answer, and where it came from."""

    id: str
    program_id: str
    input: str
    input_kind: str
    domain: str
    kind: str
    prompt: str
    response: str
    answer: str
    status: str
    reason: str
    stats: dict[str, int]
    verified: bool
    claims: int
    claims_checked: int
    claim_failures: list[str]
    provenance: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
