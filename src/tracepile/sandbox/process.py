"""Process-level isolation: a fresh interpreter per job in its own session, rlimits applied inside,
a wall-clock deadline owned by the parent (SIGKILL of the whole process group), capped reads."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import tracepile
from tracepile.model import Limits
from tracepile.sandbox.libraries import THREAD_ENV

PACKAGE_ROOT = str(Path(tracepile.__file__).resolve().parent.parent)
BOOT = (
    "import sys; sys.path[:0] = [sys.argv[1]]; "
    "from tracepile.sandbox.libraries import expose_site_packages; expose_site_packages(); "
    "from tracepile.tracer.harness import main; main(sys.argv[2], sys.argv[3])"
)
MAX_RESULT_BYTES = 64 * 1024 * 1024
MAX_STDERR_BYTES = 4096


@dataclass(frozen=True)
class Job:
    """One execution request: program code and one input."""

    code: str
    kind: str  # "call" | "stdin"
    text: str
    limits: Limits = field(default_factory=Limits)
    seed: int = 0
    backend: str = "auto"
    python: str = sys.executable
    setup: str = ""  # the program record's setup statements, run before the call


@dataclass(frozen=True)
class RawResult:
    """What came back from the child: the harness's JSON, or why there is none."""

    status: str
    reason: str
    data: dict
    stderr: str
    seconds: float


def child_env(seed: int) -> dict[str, str]:
    """A minimal, deterministic environment: nothing of ours leaks to the program."""
    return {"PYTHONHASHSEED": str(seed % 4294967296), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8",
            "LC_ALL": "C.UTF-8", "TZ": "UTC", "PYTHONIOENCODING": "utf-8", "PYTHONDONTWRITEBYTECODE": "1",
            **THREAD_ENV}


def execute(job: Job) -> RawResult:
    """Run one job in a child process; always returns, whatever the program does."""
    with tempfile.TemporaryDirectory(prefix="tracepile-") as scratch:
        job_path = os.path.join(scratch, "job.json")
        result_path = os.path.join(scratch, "result.json")
        stdin_path = os.path.join(scratch, "stdin.txt")
        payload = {"code": job.code, "kind": job.kind, "text": job.text, "seed": job.seed,
                   "backend": job.backend, "limits": asdict(job.limits), "setup": job.setup}
        Path(job_path).write_text(json.dumps(payload), encoding="utf-8")
        Path(stdin_path).write_text(job.text if job.kind == "stdin" else "", encoding="utf-8")
        started = time.perf_counter()
        with open(stdin_path, "rb") as stdin, tempfile.TemporaryFile() as stdout, \
                tempfile.TemporaryFile() as stderr:
            returncode, timed_out = _run_child(job, scratch, [job_path, result_path], stdin, stdout, stderr)
            seconds = time.perf_counter() - started
            stderr.seek(0)
            err = stderr.read(MAX_STDERR_BYTES).decode("utf-8", "backslashreplace")
        if timed_out:
            return RawResult("timeout", f"wall-clock deadline of {job.limits.timeout_s:g} s exceeded",
                             {}, err, seconds)
        return _read_result(result_path, returncode, err, seconds, job.limits)


def _run_child(job: Job, scratch: str, args: list[str], stdin, stdout, stderr) -> tuple[int, bool]:
    cmd = [job.python, "-S", "-s", "-B", "-c", BOOT, PACKAGE_ROOT, *args]
    proc = subprocess.Popen(cmd, stdin=stdin, stdout=stdout, stderr=stderr, cwd=scratch,
                            env=child_env(job.seed), start_new_session=True, close_fds=True)
    timed_out = False
    try:
        proc.wait(timeout=job.limits.timeout_s)
    except subprocess.TimeoutExpired:
        timed_out = True
    finally:
        _kill_group(proc.pid)
        proc.wait()
    return proc.returncode, timed_out


def _kill_group(pgid: int) -> None:
    try:
        os.killpg(pgid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def _read_result(path: str, returncode: int, err: str, seconds: float, limits: Limits) -> RawResult:
    size = os.path.getsize(path) if os.path.exists(path) else 0
    if returncode != 0 or size == 0:
        return RawResult(*_death_reason(returncode, err, limits), {}, err, seconds)
    if size > MAX_RESULT_BYTES:
        return RawResult("limit", f"trace larger than {MAX_RESULT_BYTES} bytes", {}, err, seconds)
    try:
        data = json.loads(Path(path).read_bytes())
    except (ValueError, UnicodeDecodeError):
        return RawResult("crash", "the child wrote an unreadable result", {}, err, seconds)
    if not isinstance(data, dict) or "status" not in data:
        return RawResult("crash", "the child wrote a malformed result", {}, err, seconds)
    return RawResult(data["status"], data.get("reason", ""), data, err, seconds)


def _death_reason(returncode: int, err: str, limits: Limits) -> tuple[str, str]:
    if returncode < 0:
        sig = signal.Signals(-returncode)
        if sig == signal.SIGXCPU:
            return "limit", f"CPU time limit of {limits.cpu_s} s exceeded"
        if sig == signal.SIGKILL:
            return "limit", f"killed by SIGKILL (CPU hard limit of {limits.cpu_s + 1} s or out of memory)"
        return "crash", f"killed by {sig.name}"
    if returncode == 0:
        return "crash", "the program ended the process before the tracer could report (os._exit)"
    tail = err.strip().splitlines()[-1] if err.strip() else ""
    if "MemoryError" in err:
        return "limit", f"memory limit of {limits.memory_mb} MB exceeded"
    return "crash", f"the process exited with status {returncode}" + (f": {tail[:200]}" if tail else "")
