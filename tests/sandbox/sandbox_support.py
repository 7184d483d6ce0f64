"""Shared helpers of the sandbox tests: a bwrap executor (the test is skipped, with the reason, where
bubblewrap cannot run), job builders, and checks that a worker survived or was fully torn down."""

from __future__ import annotations

import os

import pytest

from tracepile.model import Limits
from tracepile.sandbox import Job, SandboxUnavailable, make_executor

FAST = Limits(timeout_s=2.0, cpu_s=2, memory_mb=256)
DOUBLE = "def f(n):\n    return n * 2\n"


def bwrap_executor(workers: int = 1):
    try:
        return make_executor("bwrap", workers=workers)
    except SandboxUnavailable as exc:
        if os.environ.get("TRACEPILE_REQUIRE_SANDBOX"):  # CI installs bubblewrap: a skip would hide a break
            pytest.fail(f"bwrap sandbox unavailable although TRACEPILE_REQUIRE_SANDBOX is set: {exc.detail}")
        pytest.skip(f"bwrap sandbox unavailable on this machine: {exc.detail}")


@pytest.fixture(scope="module")
def executor():
    ex = bwrap_executor()
    yield ex
    ex.close()


@pytest.fixture(scope="module", params=["none", "bwrap"], name="executor")
def both_executors(request):
    """A test module that imports this runs each test on a plain child process and on the bwrap sandbox."""
    if request.param == "none":
        yield None
        return
    ex = bwrap_executor()
    yield ex
    ex.close()


def job(code: str, call: str = "f()", limits: Limits = FAST, kind: str = "call", **extra) -> Job:
    """A job running `code` on `call` (a call expression, or the stdin text when kind is "stdin")."""
    return Job(code=code, kind=kind, text=call, limits=limits, **extra)


def run(executor, code: str, call: str = "f()", limits: Limits = FAST, kind: str = "call"):
    return executor(job(code, call, limits, kind))


def assert_next_job_ok(executor) -> None:
    """The executor still runs a normal job correctly after whatever came before."""
    result = executor(job(DOUBLE, "f(21)"))
    assert (result.status, result.reason, result.data.get("value")) == ("ok", "", "42")


def idle_markers(executor) -> list[str]:
    """Command-line markers of the idle workers (each fork-server's argv carries one)."""
    return [worker.marker for worker in executor._idle]


def live_markers() -> set[str]:
    """Markers of every worker of this test process that still has a process on the host."""
    prefix = f"tracepile-worker-{os.getpid()}-".encode()
    found = set()
    for name in os.listdir("/proc"):
        try:
            with open(f"/proc/{name}/cmdline", "rb") as fh:
                args = fh.read().split(b"\0")
        except OSError:
            continue
        found.update(a.decode() for a in args if a.startswith(prefix))
    return found


def processes_with(marker: str) -> list[int]:
    """Host pids whose command line contains `marker`."""
    found = []
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/cmdline", "rb") as fh:
                if marker.encode() in fh.read():
                    found.append(int(name))
        except OSError:
            pass
    return found
