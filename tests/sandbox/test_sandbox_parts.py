"""The sandbox's parts on their own: the seccomp program, the record-stream checks, the bwrap command
line, executor selection and its errors, the doctor, and the 3.12+ tracer back end inside bwrap."""

from __future__ import annotations

import json
import os
import re
import sys

import pytest
from conftest import tracer_pythons
from sandbox_support import DOUBLE, assert_next_job_ok, executor, job

from tracepile.model import Limits
from tracepile.sandbox import ProcessExecutor, SandboxUnavailable, make_executor
from tracepile.sandbox import bwrap as bwrap_module
from tracepile.sandbox.channel import StreamError, end_line, parse_stream
from tracepile.sandbox.process import child_env
from tracepile.sandbox.seccomp import (CLONE, CLONE3, DENIED_X86_64, KILL, TGKILL, _assemble,
                                       build_program)
from tracepile.tracer.harness import TAMPERED_MONITORING, TAMPERED_SETTRACE

__all__ = ["executor"]

UNISTD = "/usr/include/x86_64-linux-gnu/asm/unistd_64.h"
TOKEN = "t0ken"
ENCODE = json.JSONEncoder(separators=(",", ":")).encode


# ---------------------------------------------------------------- seccomp


def test_syscall_numbers_match_the_kernel_headers():
    if not os.path.exists(UNISTD):
        pytest.skip(f"{UNISTD} not installed (linux-libc-dev)")
    table = dict(re.findall(r"#define __NR_(\w+) (\d+)", open(UNISTD).read()))
    named = {**DENIED_X86_64, "clone": CLONE, "clone3": CLONE3, "kill": KILL, "tgkill": TGKILL}
    assert {name: str(nr) for name, nr in named.items()} == {name: table[name] for name in named}


def test_the_pid_slot_is_the_constant_of_a_comparison():
    data, offset = build_program()
    assert len(data) % 8 == 0 and offset % 8 == 4
    op = int.from_bytes(data[offset - 4:offset - 2], "little")
    assert op == 0x15 and data[offset:offset + 4] == b"\0\0\0\0"  # JEQ k=0, patched per job


def test_a_jump_beyond_255_instructions_is_refused():
    program = [(0x15, 1, "far", None)] + [(0x06, 0, None, None)] * 300 + ["far", (0x06, 0, None, None)]
    with pytest.raises(ValueError, match="out of range"):
        _assemble(program)


# ---------------------------------------------------------------- the record stream


def stream(*records, end=True, token=TOKEN, count=None, result=None) -> bytes:
    lines = b"".join((ENCODE(r) + "\n").encode() for r in records)
    if end:
        result = result if result is not None else {"status": "ok", "reason": ""}
        lines += end_line(token, len(records) if count is None else count, result, ENCODE)
    return lines


def test_a_complete_stream_gives_records_and_result():
    records, result = parse_stream(stream(["L", 1, 1, 2, []], ["R", 1, 1, "f", 2, "3", False]), TOKEN)
    assert records == [["L", 1, 1, 2, []], ["R", 1, 1, "f", 2, "3", False]]
    assert result == {"status": "ok", "reason": ""}


def test_a_stream_cut_by_a_kill_keeps_every_whole_record():
    data = stream(["L", 1, 1, 2, []], ["L", 1, 1, 3, []], end=False) + b'["L",1,1,'
    assert parse_stream(data, TOKEN) == ([["L", 1, 1, 2, []], ["L", 1, 1, 3, []]], None)


@pytest.mark.parametrize("data, why", [
    (stream(["L", 1, 1, 2, []], token="forged"), "wrong token"),
    (stream(["L", 1, 1, 2, []], count=5), "counts 5 records, the stream has 1"),
    (stream(["L", 1, 1, 2, []]) + stream(), "a second end line"),
    (stream(["L", 1, 1, 2, []]) + b'["L",1,1,3,[]]\n', "follows the end line"),
    (b"hello\n" + stream(), "line 1 is not JSON"),
    (b'{"status": "ok"}\n' + stream(), "neither a record nor the end line"),
    (b'["not a tag"]\n' + stream(), "not a trace record"),
    (stream(result={"reason": "no status"}), "has no result"),
])
def test_a_forged_or_corrupted_stream_is_rejected(data, why):
    with pytest.raises(StreamError, match=why):
        parse_stream(data, TOKEN)


# ---------------------------------------------------------------- the bwrap command line


@pytest.fixture(scope="module")
def command():
    interp = bwrap_module.interpreter(sys.executable)
    return bwrap_module.sandbox_command("/usr/bin/bwrap", interp, 5, 64, 7, 1), interp


def test_command_binds_an_allow_list_read_only(command):
    cmd, interp = command
    sources = [cmd[i + 1] for i, arg in enumerate(cmd) if arg in ("--bind", "--ro-bind", "--dev-bind")]
    assert "/" not in sources and "--bind" not in cmd and "--dev-bind" not in cmd
    real_dirs = {d for d in bwrap_module.SYSTEM_LINKS if os.path.isdir(d) and not os.path.islink(d)}
    allowed = {"/usr", "/etc/ld.so.cache", bwrap_module.PACKAGE_DIR, *interp.roots, *interp.site, *real_dirs}
    assert {"/usr", bwrap_module.PACKAGE_DIR, *interp.roots} <= set(sources) <= allowed
    workspace = os.path.dirname(os.path.dirname(bwrap_module.PACKAGE_DIR))
    for secret in (os.path.expanduser("~"), "/etc", "/home", workspace):
        assert all(not bwrap_module._inside(secret, s) for s in sources), secret


def test_command_confines_and_remounts_the_root_read_only_last(command):
    cmd, interp = command
    head = cmd[:cmd.index("--")]
    for flag in ("--unshare-all", "--die-with-parent", "--new-session", "--clearenv"):
        assert flag in head
    assert head[head.index("--cap-drop") + 1] == "ALL"
    mounts = [i for i, arg in enumerate(head) if arg in ("--ro-bind", "--tmpfs", "--proc", "--dev",
                                                         "--symlink", "--remount-ro")]
    assert head[mounts[-1]:mounts[-1] + 2] == ["--remount-ro", "/"]
    sizes = {head[i + 3]: int(head[i + 1]) for i, arg in enumerate(head)
             if arg == "--size" and head[i + 2] == "--tmpfs"}
    assert sizes["/tmp"] == 64 << 20 and sizes["/dev/shm"] == 1 << 20
    pairs = list(zip(head, head[1:]))
    for site in interp.site:  # the libraries the interpreter imports are bound read-only
        assert ("--tmpfs", site) not in pairs
        assert any(bwrap_module._inside(site, s) for a, s in pairs if a == "--ro-bind")
    for site in interp.hidden:  # a base installation's own, which its venv does not import, stay hidden
        assert ("--tmpfs", site) in pairs and ("--remount-ro", site) in pairs
    env = {head[i + 1]: head[i + 2] for i, arg in enumerate(head) if arg == "--setenv"}
    assert env == child_env(5)


# ---------------------------------------------------------------- executor selection


def test_unknown_sandbox_or_worker_count_is_refused():
    with pytest.raises(ValueError, match="unknown sandbox 'docker'"):
        make_executor("docker")
    with pytest.raises(ValueError, match="workers must be a positive integer"):
        make_executor("none", workers=0)


def test_sandbox_none_is_the_per_process_path():
    with make_executor("none", workers=2) as ex:
        assert isinstance(ex, ProcessExecutor)
        result = ex(job(DOUBLE, "f(4)"))
        assert (result.status, result.data["value"]) == ("ok", "8")


@pytest.mark.parametrize("sandbox", ["auto", "bwrap"])
def test_missing_bwrap_says_how_to_fix_it(monkeypatch, sandbox):
    monkeypatch.setattr(bwrap_module.shutil, "which", lambda *a, **k: None)
    with pytest.raises(SandboxUnavailable) as caught:
        make_executor(sandbox)
    message = str(caught.value)
    assert "bwrap (bubblewrap) is not installed" in message
    assert "apt-get install bubblewrap" in message and "--sandbox=none" in message


def test_a_bwrap_that_cannot_start_the_sandbox_is_unavailable(monkeypatch):
    monkeypatch.setattr(bwrap_module, "find_bwrap", lambda: "/bin/false")
    with pytest.raises(SandboxUnavailable, match=r"did not start \(it exited\)"):
        make_executor("auto")


# ---------------------------------------------------------------- the doctor and other interpreters


def test_doctor_reports_every_check_ok(executor):
    from tracepile.sandbox.doctor import check

    results = check(overhead_runs=3)
    assert [name for name, _, _ in results] == [
        "bwrap installed", "bwrap sandbox starts", "tracepile importable inside", "network isolated",
        "/etc/shadow unreadable inside", "seccomp blocks fork", "rlimits applied", "per-job overhead",
        "libraries importable inside"]
    assert [name for name, ok, _ in results if not ok] == []
    assert "numpy" in results[-1][2] and "site-packages bound read-only" in results[-1][2]


def newer_pythons() -> list[str]:
    found = []
    for python in tracer_pythons():
        try:
            if bwrap_module.interpreter(python).version >= (3, 12):
                found.append(python)
        except Exception:  # noqa: BLE001 - an interpreter we cannot use is simply not tested
            pass
    return found


def test_sys_monitoring_back_end_runs_and_reports_tampering(executor):
    pythons = newer_pythons()
    if not pythons:
        pytest.skip("no Python 3.12+ interpreter found for the sys.monitoring back end")
    tamper = {
        "import sys\ndef f():\n    sys.monitoring.set_events(sys.monitoring.DEBUGGER_ID, 0)\n"
        "    x = 1\n    return x\n": TAMPERED_MONITORING,
        "import sys\ndef f():\n    sys.monitoring.free_tool_id(sys.monitoring.DEBUGGER_ID)\n"
        "    x = 1\n    return x\n": TAMPERED_MONITORING,
        "import sys\ndef f():\n    sys.settrace(None)\n    return 1\n": TAMPERED_SETTRACE,
    }
    for python in pythons:
        result = executor(job(DOUBLE, "f(5)", python=python))
        assert (result.status, result.data["value"], result.data["backend"]) == ("ok", "10", "sys.monitoring")
        for code, reason in tamper.items():
            result = executor(job(code, python=python))
            assert (result.status, result.reason) == ("truncated", reason)
        looping = "def f():\n    s = 0\n    for i in range(100000):\n        s += i\n    return s\n"
        result = executor(job(looping, limits=Limits(max_events=500), python=python))
        assert (result.status, result.reason) == ("truncated", "event limit of 500 reached")
    assert_next_job_ok(executor)


def test_an_executor_refuses_to_run_in_a_forked_child(executor):
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child reports what happened and leaves without running pytest's teardown
        try:
            executor(job(DOUBLE, "f(1)"))
            message = b"ran"
        except Exception as exc:  # noqa: BLE001
            message = str(exc).encode()
        os.write(write, message)
        os._exit(0)
    os.close(write)
    os.waitpid(pid, 0)
    assert os.read(read, 1000) == b"a BwrapExecutor cannot be used in a forked child: make one per process"
    os.close(read)
    assert_next_job_ok(executor)
