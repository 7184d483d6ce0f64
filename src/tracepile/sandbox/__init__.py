"""Running untrusted programs outside our own process: one child per execution, limits, deadline.
`execute(job)` is the only entry point; the tracer harness is what runs inside the child."""

from tracepile.sandbox.process import Job, RawResult, execute

__all__ = ["Job", "RawResult", "execute"]
