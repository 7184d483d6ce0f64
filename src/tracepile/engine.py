"""The single-sample engine: trace a program input in a child process, narrate it, verify the text.
Plain functions over the typed records; the pipeline and the CLI are thin shells around these."""

from __future__ import annotations

import sys

from tracepile.model import Limits, Program, ProgramInput, Trace
from tracepile.sandbox import Job, execute
from tracepile.tracer.assemble import assemble


def trace(code: str, input: ProgramInput | str, *, program_id: str = "program",
          limits: Limits | None = None, seed: int = 0, backend: str = "auto",
          python: str = sys.executable) -> Trace:
    """Execute `code` on one input in a separate process and return its trace.

    A plain string input is a call expression such as "f([3, 1, 2])"."""
    if isinstance(input, str):
        input = ProgramInput("call", input)
    job = Job(code=code, kind=input.kind, text=input.text, limits=limits or Limits(), seed=seed,
              backend=backend, python=python)
    raw = execute(job)
    return assemble(program_id, code, input, raw.data, raw.status, raw.reason, raw.seconds)
