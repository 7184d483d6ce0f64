"""The single-sample engine: trace a program input in a child process, narrate it, verify the text.
Plain functions over the typed records; the pipeline and the CLI are thin shells around these."""

from __future__ import annotations

import hashlib
import sys
import threading
from typing import Callable

from tracepile import __version__
from tracepile.model import Limits, Program, ProgramInput, Sample, Trace, Verification
from tracepile.sandbox import Job, RawResult, execute
from tracepile.tracer.assemble import assemble


Executor = Callable[[Job], RawResult]
# CPython 3.11 can fail with "SystemError: AST constructor recursion depth mismatch" when threads call
# ast.parse at once; assembly parses the program, so threads that trace in parallel assemble one at a time.
_ASSEMBLY = threading.Lock()


def trace(code: str, input: ProgramInput | str, *, program_id: str = "program",
          limits: Limits | None = None, seed: int = 0, backend: str = "auto",
          python: str = sys.executable, executor: Executor | None = None, setup: str = "") -> Trace:
    """Execute `code` on one input in a separate process and return its trace.

    A plain string input is a call expression such as "f([3, 1, 2])"; `setup` statements run after the
    module loads and before the call. `executor` runs the job (default: a fresh child process per job,
    see tracepile.sandbox)."""
    if isinstance(input, str):
        input = ProgramInput("call", input)
    job = Job(code=code, kind=input.kind, text=input.text, limits=limits or Limits(), seed=seed,
              backend=backend, python=python, setup=setup)
    raw = (executor or execute)(job)
    with _ASSEMBLY:
        return assemble(program_id, code, input, raw.data, raw.status, raw.reason, raw.seconds)


def narrate(trace: Trace, seed: int = 0, compression=None, problem: str = ""):
    """Question, Chain of Execution and final answer for a trace (see tracepile.narration)."""
    from tracepile.narration import narrate as _narrate
    return _narrate(trace, seed=seed, compression=compression, problem=problem)


def verify(text: str, trace: Trace, strict: bool = True, problem: str = ""):
    """Check every claim of a CoE text against the trace (see tracepile.verification); `problem` is
    the program's word problem, which the text may quote."""
    from tracepile.verification import verify as _verify
    return _verify(text, trace, strict=strict, problem=problem)


def sample_id(program_id: str, program_input: ProgramInput, kind: str = "coe") -> str:
    digest = hashlib.sha256(f"{program_id}\x00{program_input.kind}\x00{program_input.text}\x00{kind}".encode())
    return digest.hexdigest()[:16]


def narratable(trace: Trace) -> bool:
    """A trace worth narrating: complete, and ended by a return, the end of input, or an exception that
    the program raised (an input refused before the call ran is never narrated)."""
    outcome = trace.outcome
    ran = outcome.status == "ok" or outcome.status == "error" and outcome.exception is not None
    return bool(trace.events) and ran and not trace.truncated


def make_sample(program: Program, program_input: ProgramInput, *, seed: int = 0,
                limits: Limits | None = None, backend: str = "auto", compression=None,
                executor: Executor | None = None, python: str = sys.executable) -> Sample:
    """Trace, narrate and verify one input of a program (run by the interpreter at `python`). Never
    raises for anything the program does."""
    result = trace(program.code, program_input, program_id=program.id, limits=limits, seed=seed,
                   backend=backend, executor=executor, setup=program.setup, python=python)
    return sample_from_trace(program, result, seed=seed, compression=compression)


def sample_from_trace(program: Program, result: Trace, *, seed: int = 0, compression=None) -> Sample:
    status, reason = result.outcome.status, result.outcome.reason
    prompt = response = answer = ""
    check = Verification(False, 0, 0)
    compressed = 0
    if narratable(result):
        problem = str(program.metadata.get("problem", ""))
        text = narrate(result, seed=seed, compression=compression, problem=problem)
        prompt, response, answer = text.prompt, text.response, text.answer
        compressed = text.compressed_loops
        check = verify(response, result, problem=problem)
    elif result.truncated and status == "truncated":
        reason = reason or "trace truncated"
    stats = result.stats()
    stats["loops_compressed"] = compressed
    provenance = {"source": program.source, "license": program.license, "tool": f"tracepile {__version__}",
                  "seed": seed, "python": result.python, "tracer": result.backend}
    if result.outcome.repr_note:
        provenance["answer_note"] = result.outcome.repr_note  # why the answer is not Python's own repr
    return Sample(
        id=sample_id(program.id, result.input), program_id=program.id, input=result.input.text,
        input_kind=result.input.kind, domain=program.domain, kind="coe", prompt=prompt,
        response=response, answer=answer, status=status, reason=reason, stats=stats,
        verified=check.passed, claims=check.claims, claims_checked=check.checked,
        claim_failures=list(check.failures + check.unverifiable)[:20],
        provenance=provenance,
    )


def run_program(program: Program, **options) -> list[Sample]:
    """One sample per input of the program, in input order."""
    return [make_sample(program, program_input, **options) for program_input in program.inputs]
