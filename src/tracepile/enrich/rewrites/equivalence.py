"""The equivalence check: a rewritten program must match the original on every input, in the sandbox.
Compared per input: status, return value, stdout, exception type and the arguments' final state."""

from __future__ import annotations

from dataclasses import dataclass

from tracepile.engine import Executor, trace
from tracepile.model import Limits, Outcome, Program, ProgramInput

COMPARABLE = ("ok", "error")
_FIELDS = (
    ("value", "changes return value"),
    ("stdout", "changes stdout"),
    ("exception_type", "changes exception type"),
    ("arguments", "changes final state of arguments"),
)


@dataclass(frozen=True)
class Observed:
    """What a run shows the outside world, as the trace rendered it."""

    status: str
    reason: str
    value: str | None
    stdout: str
    exception_type: str | None
    arguments: tuple[str, ...]

    @classmethod
    def of(cls, outcome: Outcome) -> Observed:
        return cls(outcome.status, outcome.reason, outcome.value, outcome.stdout,
                   outcome.exception[0] if outcome.exception else None, tuple(outcome.arguments))


def observe(code: str, inputs: list[ProgramInput], executor: Executor | None = None,
            limits: Limits | None = None, stop_at: list[Observed] | None = None) -> list[Observed]:
    """Run `code` on each input; with `stop_at` (the expected runs) stop at the first difference."""
    seen = []
    for k, program_input in enumerate(inputs):
        try:
            result = trace(code, program_input, executor=executor, limits=limits)
        except Exception as exc:  # noqa: BLE001 - an executor failure is a crash of this run, not ours
            seen.append(Observed("crash", f"executor failed: {type(exc).__name__}: {exc}", None, "", None, ()))
        else:
            seen.append(Observed.of(result.outcome))
        if stop_at is not None and difference(stop_at[k], seen[-1], k + 1):
            break
    return seen


def baseline_problem(expected: list[Observed]) -> str:
    """Why the original runs cannot serve as a reference ('' when they can)."""
    for k, run in enumerate(expected, 1):
        if run.status not in COMPARABLE:
            return f"original run ends with {run.status} on input {k}: {run.reason}".rstrip(": ")
    return ""


def difference(expected: Observed, actual: Observed, k: int) -> str:
    """The first observable difference on input `k` (1-based), or '' when the runs agree."""
    if actual.status != expected.status:
        if (expected.status, actual.status) == ("ok", "error"):
            return f"raises {actual.exception_type} on input {k}"
        if (expected.status, actual.status) == ("error", "ok"):
            return f"no longer raises {expected.exception_type} on input {k}"
        what = {"timeout": "times out", "crash": "crashes", "limit": "hits a resource limit",
                "truncated": "trace truncated"}.get(actual.status, f"ends with {actual.status}")
        return f"{what} on input {k}"
    for name, message in _FIELDS:
        if getattr(actual, name) != getattr(expected, name):
            return f"{message} on input {k}"
    return ""


def compare(expected: list[Observed], actual: list[Observed]) -> str:
    for k, (want, got) in enumerate(zip(expected, actual), 1):
        found = difference(want, got, k)
        if found:
            return found
    if len(actual) != len(expected):
        return "rewritten program has a different number of inputs"
    return ""


def check(original: Program, expected: list[Observed], code: str, calls: tuple[str, ...],
          executor: Executor | None = None, limits: Limits | None = None) -> str:
    """'' when `code` (with input calls `calls`) behaves like `original` on all its inputs, else why not."""
    problem = baseline_problem(expected)
    if problem:
        return problem
    rewritten = Program(id=original.id, code=code, calls=calls, stdin=original.stdin)
    actual = observe(code, rewritten.inputs, executor, limits, stop_at=expected)
    return compare(expected, actual)
