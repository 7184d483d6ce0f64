"""What every sandbox shares: the `Executor` interface (job in, RawResult out) and the errors that
say the sandbox itself, not the program, failed or cannot run here."""

from __future__ import annotations

from tracepile.sandbox.process import Job, RawResult

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
