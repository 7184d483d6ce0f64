"""The executor interface the pipeline runs jobs through, and `make_executor` that picks one:
`none` (a fresh limited process per job, process.py) or `bwrap` (fork-server workers in bubblewrap)."""

from __future__ import annotations

import threading

from tracepile.sandbox.base import Executor, SandboxError, SandboxUnavailable
from tracepile.sandbox.bwrap import BwrapExecutor
from tracepile.sandbox.process import Job, RawResult, execute

__all__ = ["Executor", "ProcessExecutor", "SandboxError", "SandboxUnavailable", "make_executor"]

SANDBOXES = ("auto", "bwrap", "none")


class ProcessExecutor(Executor):
    """`sandbox="none"`: a fresh interpreter per job (see process.py), at most `workers` at once."""

    name = "none"

    def __init__(self, workers: int = 1):
        self._slots = threading.BoundedSemaphore(workers)

    def __call__(self, job: Job) -> RawResult:
        with self._slots:
            return execute(job)


def make_executor(sandbox: str = "auto", workers: int = 1, scratch_mb: int = 64) -> Executor:
    """An executor for `sandbox`: "none", "bwrap", or "auto" (bwrap; SandboxUnavailable if it cannot
    run here, with the fix in the message). `workers` is how many jobs may run at once."""
    if sandbox not in SANDBOXES:
        raise ValueError(f"unknown sandbox {sandbox!r}: use one of {', '.join(SANDBOXES)}")
    if not isinstance(workers, int) or workers < 1:
        raise ValueError(f"workers must be a positive integer, not {workers!r}")
    if sandbox == "none":
        return ProcessExecutor(workers)
    return BwrapExecutor(workers=workers, scratch_mb=scratch_mb)
