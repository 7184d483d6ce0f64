"""The executor interface the pipeline runs jobs through, and `make_executor` that picks one:
`none` (a fresh limited process per job, process.py) or `bwrap` (fork-server workers in bubblewrap)."""

from __future__ import annotations

import threading

from tracepile.sandbox.process import Job, RawResult, execute

SANDBOXES = ("auto", "bwrap", "none")
FIX = ("Fix: install bubblewrap (apt-get install bubblewrap) on a Linux kernel that allows user "
       "namespaces, or pass --sandbox=none to accept process-level limits only (rlimits, a network "
       "namespace and a deadline; no filesystem isolation and no seccomp).")


class SandboxError(RuntimeError):
    """The sandbox itself failed (not the program): a worker could not start or keeps dying."""


class SandboxUnavailable(SandboxError):
    """The requested sandbox cannot run on this machine; the message says why and how to fix it."""

    def __init__(self, detail: str):
        super().__init__(f"the bwrap sandbox is unavailable: {detail}. {FIX}")
        self.detail = detail


class Executor:
    """Runs jobs: `executor(job) -> RawResult`. Thread-safe; `close()` or use it as a context manager."""

    name = "executor"

    def __call__(self, job: Job) -> RawResult:
        raise NotImplementedError

    def close(self) -> None:
        """Release workers; calling it twice is fine."""

    def __enter__(self) -> Executor:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


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
    from tracepile.sandbox.bwrap import BwrapExecutor

    return BwrapExecutor(workers=workers, scratch_mb=scratch_mb)
