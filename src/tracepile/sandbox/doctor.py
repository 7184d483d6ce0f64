"""`tracepile doctor`'s checks of the bwrap sandbox on this machine: installed, isolated, confined.
Each check runs a real job inside the sandbox and reports (name, ok, detail)."""

from __future__ import annotations

import ast
import os
import socket
import statistics
import subprocess
import time

from tracepile.model import Limits
from tracepile.sandbox.executor import SandboxError, make_executor
from tracepile.sandbox.libraries import COMMON, site_packages
from tracepile.sandbox.process import Job, execute

Check = tuple[str, bool, str]
LIMITS = Limits(timeout_s=20.0, cpu_s=10, memory_mb=1024, file_size_mb=8, open_files=32)
TRIVIAL = "def f(n):\n    return n + 1\n"


def check(overhead_runs: int = 20) -> list[Check]:
    """Every check in order; a sandbox that does not start fails the checks that need it."""
    results = [_installed()]
    started = time.perf_counter()
    try:
        executor = make_executor("bwrap", workers=1)
    except SandboxError as exc:
        results.append(("bwrap sandbox starts", False, str(exc)))
        return results + [(name, False, "the sandbox did not start") for name in _JOB_CHECKS]
    with executor:
        results.append(("bwrap sandbox starts", True,
                        f"fork-server ready in {(time.perf_counter() - started) * 1000:.0f} ms"))
        for name, run in _JOB_CHECKS.items():
            try:
                results.append((name, *run(executor)))
            except Exception as exc:  # noqa: BLE001 - a broken check is a failed check
                results.append((name, False, f"{type(exc).__name__}: {exc}"))
        results.append(("per-job overhead", *_overhead(executor, overhead_runs)))
        results.append(("libraries importable inside", *_libraries(executor)))
    return results


def _installed() -> Check:
    from tracepile.sandbox.bwrap import find_bwrap

    try:
        path = find_bwrap()
        version = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=10)
    except (SandboxError, OSError, subprocess.SubprocessError) as exc:
        return "bwrap installed", False, str(exc)
    return "bwrap installed", version.returncode == 0, f"{path}: {version.stdout.strip()}"


def _run(executor, code: str, call: str = "f()"):
    """Run `code` in the sandbox and return its value as a Python literal (raises if not ok)."""
    raw = executor(Job(code=code, kind="call", text=call, limits=LIMITS))
    if raw.status != "ok":
        raise RuntimeError(f"the check job ended {raw.status}: {raw.reason}")
    return ast.literal_eval(raw.data["value"])


def _package(executor) -> tuple[bool, str]:
    from tracepile.sandbox.bwrap import PACKAGE_DIR, PACKAGE_MOUNT

    inside = _run(executor, "import tracepile\ndef f():\n    return tracepile.__file__\n")
    ok = inside.startswith(f"{PACKAGE_MOUNT}/tracepile/")
    return ok, f"{PACKAGE_DIR} (host) is bound read-only at {PACKAGE_MOUNT}/tracepile; imported from {inside}"


def _network(executor) -> tuple[bool, str]:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        listener.setblocking(False)
        port = listener.getsockname()[1]
        code = ("import socket\ndef f():\n    links = [l.split(':')[0].strip() for l in "
                "open('/proc/net/dev').read().splitlines()[2:]]\n    try:\n"
                f"        socket.create_connection(('127.0.0.1', {port}), timeout=2)\n"
                "        return links, 'connected'\n    except OSError as e:\n"
                "        return links, type(e).__name__\n")
        links, connect = _run(executor, code)
        try:
            listener.accept()[0].close()
            reached = True
        except BlockingIOError:
            reached = False
    ok = links == ["lo"] and connect != "connected" and not reached
    return ok, f"interfaces {links}; connecting to the host's 127.0.0.1:{port}: {connect}"


def _shadow(executor) -> tuple[bool, str]:
    code = ("def f():\n    try:\n        return len(open('/etc/shadow').read())\n"
            "    except OSError as e:\n        return type(e).__name__\n")
    got = _run(executor, code)
    host = "exists on the host" if os.path.exists("/etc/shadow") else "absent on the host too"
    return isinstance(got, str), f"inside: {got if isinstance(got, str) else f'read {got} bytes'}; {host}"


def _seccomp(executor) -> tuple[bool, str]:
    code = ("import os, threading\ndef f():\n    try:\n        os.fork()\n        forked = 'forked'\n"
            "    except OSError as e:\n        forked = type(e).__name__\n    out = []\n"
            "    t = threading.Thread(target=out.append, args=(1,))\n    t.start()\n    t.join()\n"
            "    return forked, out == [1]\n")
    forked, thread = _run(executor, code)
    return forked == "PermissionError" and thread, f"fork: {forked}; threads work: {thread}"


def _rlimits(executor) -> tuple[bool, str]:
    code = ("import resource as r\ndef f():\n    return [r.getrlimit(x) for x in "
            "(r.RLIMIT_AS, r.RLIMIT_CPU, r.RLIMIT_FSIZE, r.RLIMIT_NOFILE)]\n")
    got = [tuple(x) for x in _run(executor, code)]
    mb = 1 << 20
    want = [(LIMITS.memory_mb * mb,) * 2, (LIMITS.cpu_s, LIMITS.cpu_s + 1),
            (LIMITS.file_size_mb * mb,) * 2, (LIMITS.open_files,) * 2]
    names = ("memory", "cpu", "file size", "open files")
    return got == want, "; ".join(f"{n} {g[0]}/{g[1]}" for n, g in zip(names, got))


def _libraries(executor) -> tuple[bool, str]:
    """Which common libraries a job can import (those this interpreter has installed): informational."""
    code = ("import importlib\ndef f(names):\n    found = {}\n    for name in names:\n        try:\n"
            "            found[name] = getattr(importlib.import_module(name), '__version__', '?')\n"
            "        except Exception as e:\n            found[name] = 'no: ' + type(e).__name__\n    return found\n")
    found = _run(executor, code, f"f({list(COMMON)!r})")
    parts = [f"{name} {version}" if not version.startswith("no:") else f"{name} (not importable)"
             for name, version in found.items()]
    return True, "; ".join(parts) + f" (site-packages bound read-only: {', '.join(site_packages())})"


def _overhead(executor, runs: int) -> tuple[bool, str]:
    job = Job(code=TRIVIAL, kind="call", text="f(1)", limits=LIMITS)
    sandboxed = _median(executor, job, runs)
    fresh = _median(execute, job, max(3, runs // 4))
    return True, f"median {sandboxed:.1f} ms per job (a fresh process per job: {fresh:.1f} ms)"


def _median(run, job: Job, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        run(job)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


_JOB_CHECKS = {
    "tracepile importable inside": _package,
    "network isolated": _network,
    "/etc/shadow unreadable inside": _shadow,
    "seccomp blocks fork": _seccomp,
    "rlimits applied": _rlimits,
}
