"""Hostile programs against the bwrap sandbox: each is contained, ends with its exact status and reason,
leaves the host alone, and the next job in the same executor still succeeds."""

from __future__ import annotations

import os
import socket
import sys
import time
from dataclasses import dataclass

import pytest
from sandbox_support import (DOUBLE, FAST, assert_next_job_ok, bwrap_executor, executor, idle_markers,
                             live_markers, processes_with, run)

from tracepile.model import Limits
from tracepile.sandbox.bwrap import PACKAGE_DIR, PACKAGE_MOUNT, interpreter
from tracepile.sandbox.libraries import site_packages

INSIDE_PACKAGE = f"{PACKAGE_MOUNT}/tracepile"  # where the job sees the package (bound read-only)
from tracepile.tracer.harness import TAMPERED_SETTRACE

__all__ = ["executor"]  # the module-scoped fixture, imported for pytest

LOOP = Limits(timeout_s=0.5, cpu_s=30, memory_mb=256)
CPU = Limits(timeout_s=30.0, cpu_s=1, memory_mb=256)  # CPU seconds, however loaded the machine
DENIED = ("error", "raised PermissionError", "PermissionError")
TAMPERED = "the program tampered with the tracer's channel: "


@dataclass(frozen=True)
class Case:
    code: str
    status: str
    reason: str
    exception: str | None = None
    limits: Limits = FAST
    recycled: bool = False  # the worker is replaced after timeouts, crashes and anomalies


def denied(code: str) -> Case:
    return Case(code, *DENIED)


def timeout(code: str) -> Case:
    return Case(code, "timeout", "wall-clock deadline of 0.5 s exceeded", None, LOOP, True)


CASES = {
    "python_infinite_loop": timeout("def f():\n    while True:\n        pass\n"),
    "infinite_loop_in_one_c_call": Case(
        "def f():\n    return sum(range(10 ** 12))\n", "limit", "CPU time limit of 1 s exceeded",
        None, CPU, True),
    "sigxcpu_ignored_then_c_loop": Case(
        "import signal\ndef f():\n    signal.signal(signal.SIGXCPU, signal.SIG_IGN)\n"
        "    return sum(range(10 ** 12))\n",
        "limit", "killed by SIGKILL (CPU hard limit of 2 s or out of memory)", None, CPU, True),
    "sleep_forever": timeout("import time\ndef f():\n    time.sleep(10 ** 6)\n"),
    "termination_signals_ignored": timeout(
        "import signal, time\ndef f():\n"
        "    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP, signal.SIGALRM):\n"
        "        signal.signal(sig, signal.SIG_IGN)\n    time.sleep(10 ** 6)\n"),
    "alarm_handler_and_timer": timeout(
        "import signal\ndef f():\n    signal.signal(signal.SIGALRM, lambda *a: None)\n"
        "    signal.setitimer(signal.ITIMER_REAL, 0.05, 0.05)\n    while True:\n        pass\n"),
    "memory_bomb_at_once": Case(
        "def f():\n    x = bytearray(2 * 1024 ** 3)\n    return len(x)\n",
        "limit", "memory limit of 256 MB exceeded", "MemoryError"),
    "memory_bomb_growing": Case(
        "def f():\n    x = []\n    while True:\n        x.append(bytearray(10 ** 7))\n",
        "limit", "memory limit of 256 MB exceeded", "MemoryError"),
    "huge_output": Case(
        "def f():\n    print('x' * 10 ** 7)\n", "limit", "output limit of 20000 characters reached",
        "OutputLimit"),
    "fork_bomb": denied("import os\ndef f():\n    while True:\n        os.fork()\n"),
    "thread_bomb": Case(
        "import threading, time\ndef f():\n    while True:\n"
        "        threading.Thread(target=time.sleep, args=(100,), daemon=True).start()\n",
        "error", "raised RuntimeError", "RuntimeError"),
    "subprocess_run": denied("import subprocess\ndef f():\n    return subprocess.run(['echo', 'hi'])\n"),
    "os_execv": denied("import os\ndef f():\n    os.execv('/bin/sh', ['sh', '-c', 'true'])\n"),
    "os_posix_spawn": denied("import os\ndef f():\n    return os.posix_spawn('/bin/true', ['true'], {})\n"),
    "multiprocessing": denied(
        "import multiprocessing\ndef f():\n    multiprocessing.Process(target=print).start()\n"),
    "unix_socket": denied("import socket\ndef f():\n    return socket.socket(socket.AF_UNIX)\n"),
    "kill_every_process": denied("import os, signal\ndef f():\n    os.kill(-1, signal.SIGKILL)\n"),
    "kill_the_fork_server": denied(
        "import os, signal\ndef f():\n    os.kill(os.getppid(), signal.SIGKILL)\n"),
    "read_fork_server_memory": denied(
        "import os\ndef f():\n    return open(f'/proc/{os.getppid()}/mem', 'rb').read(8)\n"),
    "read_fork_server_environment": denied(
        "def f():\n    return open('/proc/1/environ', 'rb').read()\n"),
    "open_descriptors_of_other_processes": Case(
        "import os\ndef f():\n    opened = []\n    for pid in os.listdir('/proc'):\n"
        "        if not pid.isdigit() or int(pid) == os.getpid():\n            continue\n"
        "        for fd in os.listdir(f'/proc/{pid}/fd'):\n            try:\n"
        "                os.close(os.open(f'/proc/{pid}/fd/{fd}', os.O_RDONLY))\n"
        "                opened.append((pid, fd))\n            except OSError:\n                pass\n"
        "    assert opened == [], opened\n    return 'none'\n",
        "ok", ""),
    "flood_the_record_channel": Case(
        "import os\ndef f():\n    for i in range(200):\n        os.write(3, b'x' * (1 << 20))\n",
        "limit", "trace larger than 67108864 bytes", recycled=True),
    "read_stdin_when_none_given": Case(
        "def f():\n    return input()\n", "error", "raised EOFError", "EOFError"),
    "settrace_none": Case(
        "import sys\ndef f():\n    sys.settrace(None)\n    x = 1\n    return x\n",
        "truncated", TAMPERED_SETTRACE),
    "settrace_reached_around_the_watch": Case(
        "import sys\ndef f():\n    sys.settrace.__globals__['_real_settrace'](None)\n    x = 1\n"
        "    return x\n", "truncated", TAMPERED_SETTRACE),
    "os_exit_zero": Case(
        "import os\ndef f():\n    os._exit(0)\n", "crash",
        "the program ended the process before the tracer could report (os._exit)", recycled=True),
    "os_exit_three": Case(
        "import os\ndef f():\n    os._exit(3)\n", "crash", "the process exited with status 3",
        recycled=True),
    "segfault_through_ctypes": Case(
        "import ctypes\ndef f():\n    return ctypes.string_at(0)\n", "crash", "killed by SIGSEGV",
        recycled=True),
    "forged_end_line": Case(
        "import os\ndef f():\n"
        "    os.write(3, b'{\"end\": \"guess\", \"count\": 0, \"result\": {\"status\": \"ok\"}}\\n')\n"
        "    os._exit(0)\n",
        "crash", TAMPERED + "the end line carries the wrong token", recycled=True),
    "record_channel_closed": Case(
        "import os\ndef f():\n    os.close(3)\n    return 1\n", "crash",
        "the process exited with status 1: OSError: [Errno 9] Bad file descriptor", recycled=True),
    "fill_the_scratch_space": Case(
        "def f():\n    for i in range(10):\n        with open(f'/tmp/f{i}', 'wb') as fh:\n"
        "            fh.write(b'x' * (15 << 20))\n", "error", "raised OSError", "OSError"),
    "fill_dev_shm": Case(
        "def f():\n    open('/dev/shm/x', 'wb').write(b'x' * (2 << 20))\n",
        "error", "raised OSError", "OSError"),
    "read_etc_shadow": Case(
        "def f():\n    return open('/etc/shadow').read()\n",
        "error", "raised FileNotFoundError", "FileNotFoundError"),
    "write_into_the_package": Case(
        f"def f():\n    open({os.path.join(INSIDE_PACKAGE, 'evil.py')!r}, 'w').write('x')\n",
        "error", "raised OSError", "OSError"),
}


@pytest.mark.parametrize("name", CASES)
def test_hostile_program_is_contained(executor, name):
    case = CASES[name]
    before = dict(executor.stats)
    markers = idle_markers(executor)
    started = time.monotonic()
    result = run(executor, case.code, limits=case.limits)
    assert result.status == case.status
    assert result.reason == case.reason or result.reason.startswith(case.reason + ": "), result.reason
    exception = result.data.get("exception")
    assert (exception[0] if exception else None) == case.exception
    assert time.monotonic() - started < case.limits.timeout_s + 3
    recycled = executor.stats["workers_recycled"] - before["workers_recycled"]
    assert recycled == int(case.recycled)
    if case.recycled:
        assert all(processes_with(marker) == [] for marker in markers)
    assert live_markers() <= set(idle_markers(executor))  # nothing of an old worker survives
    assert_next_job_ok(executor)
    assert not os.path.exists(os.path.join(PACKAGE_DIR, "evil.py"))


def test_loopback_listener_on_the_host_is_unreachable(executor):
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        listener.setblocking(False)
        port = listener.getsockname()[1]
        code = f"import socket\ndef f():\n    socket.create_connection(('127.0.0.1', {port}), timeout=1)\n"
        result = run(executor, code)
        assert (result.status, result.reason) == ("error", "raised PermissionError: [Errno 1] Operation not permitted")
        with pytest.raises(BlockingIOError):
            listener.accept()
    assert_next_job_ok(executor)


def test_host_files_cannot_be_written_deleted_or_read(executor, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    stamp = victim.stat().st_mtime_ns
    readme = os.path.join(os.path.dirname(os.path.dirname(PACKAGE_DIR)), "README.md")
    code = (
        "import os\n"
        "def attempt(action):\n"
        "    try:\n        action()\n        return 'done'\n"
        "    except OSError as e:\n        return type(e).__name__\n"
        "def f(victim, readme, package):\n"
        "    return [attempt(lambda: open(victim, 'w').write('x')),\n"
        "            attempt(lambda: open(victim, 'a').write('x')),\n"
        "            attempt(lambda: os.remove(victim)),\n"
        "            attempt(lambda: os.rename(victim, victim + '.moved')),\n"
        "            attempt(lambda: open(victim + '.new', 'w').write('x')),\n"
        "            attempt(lambda: open(readme).read()),\n"
        "            attempt(lambda: os.remove(os.path.join(package, '__init__.py'))),\n"
        "            attempt(lambda: open(os.path.join(package, '__init__.py'), 'a').write('x'))]\n")
    call = f"f({str(victim)!r}, {readme!r}, {INSIDE_PACKAGE!r})"
    result = run(executor, code, call)
    assert result.status == "ok"
    assert "'done'" not in result.data["value"]
    assert victim.read_text() == "precious" and victim.stat().st_mtime_ns == stamp
    assert sorted(p.name for p in tmp_path.iterdir()) == ["victim.txt"]
    assert_next_job_ok(executor)


def test_the_job_sees_only_the_allow_list_and_a_read_only_root(executor):
    code = ("import os\ndef attempt(path):\n    try:\n        open(path, 'w').write('x')\n        return 'written'\n"
            "    except OSError as e:\n        return e.strerror\n"
            "def f():\n    return (sorted(os.listdir('/')), os.listdir('/etc'),"
            " os.path.exists(os.path.expanduser('~root/.bashrc')), os.getcwd(),"
            " [attempt(p) for p in ('/new', '/etc/new', '/usr/new')])\n")
    result = run(executor, code)
    root, etc, bashrc, cwd, writes = eval(result.data["value"])  # noqa: S307 - our own rendered literal
    assert etc == ["ld.so.cache"] and not bashrc and cwd == "/tmp/job"
    assert writes == ["Read-only file system"] * 3
    assert set(root) <= {"bin", "dev", "etc", "lib", "lib32", "lib64", "libx32", "proc", "sbin", "tmp",
                         "usr", *[p.split("/")[1] for p in (PACKAGE_MOUNT, *interpreter(sys.executable).roots,
                                                             *interpreter(sys.executable).site)]}


def test_no_secret_from_our_environment_reaches_the_job(monkeypatch):
    secret = f"s3cret-{os.getpid()}-{time.time_ns()}"
    monkeypatch.setenv("TRACEPILE_TEST_SECRET", secret)
    code = ("import os\ndef f():\n    seen = [repr(dict(os.environ))]\n    for pid in os.listdir('/proc'):\n"
            "        for name in ('environ', 'cmdline'):\n            try:\n"
            "                seen.append(open(f'/proc/{pid}/{name}', 'rb').read().decode('latin-1'))\n"
            "            except OSError:\n                pass\n    return '|'.join(seen)\n")
    with bwrap_executor() as fresh:
        result = run(fresh, code)
        assert result.status == "ok" and "PYTHONHASHSEED" in result.data["value"]
        assert secret not in result.data["value"] and "TRACEPILE_TEST_SECRET" not in result.data["value"]
        assert_next_job_ok(fresh)


def test_scratch_space_is_emptied_between_jobs(executor):
    before = executor.stats["workers_recycled"]
    write = ("def f():\n    for path in ('here.txt', '/tmp/there.txt', '/dev/shm/shm.txt'):\n"
             "        open(path, 'w').write('left behind')\n")
    assert run(executor, write).status == "ok"
    look = "import os\ndef f():\n    return os.listdir('.'), sorted(os.listdir('/tmp')), os.listdir('/dev/shm')\n"
    # a venv under /tmp (CI's) keeps the folders that lead to its read-only site-packages
    binds = sorted({path.split("/")[2] for path in site_packages() if path.startswith("/tmp/")})
    assert run(executor, look).data["value"] == repr(([], sorted(["job", *binds]), []))
    assert executor.stats["workers_recycled"] == before


def test_scratch_the_fork_server_cannot_clean_recycles_the_worker(executor):
    before = executor.stats["workers_recycled"]
    code = "import os\ndef f():\n    os.makedirs('d/e')\n    os.chmod('d', 0)\n    return 1\n"
    assert run(executor, code).status == "ok"
    assert executor.stats["workers_recycled"] == before + 1
    assert_next_job_ok(executor)


def test_records_committed_before_a_kill_reach_the_parent(executor):
    code = ("def f():\n    total = 0\n    for i in range(50):\n        total += i\n"
            "    while True:\n        pass\n")
    result = run(executor, code, limits=LOOP)
    assert result.status == "timeout"
    lines = [r for r in result.data["records"] if r[0] == "L"]
    assert [r[3] for r in lines].count(4) == 50  # every iteration of `total += i`
    assert ["D", 1, [["total", str(sum(range(50)))]]] in result.data["records"]


def test_tampering_with_the_record_stream_is_detected(executor):
    code = "import os\ndef f():\n    os.write(3, b'hello\\n')\n    return 1\n"
    result = run(executor, code)
    assert result.status == "crash" and result.reason.startswith(TAMPERED + "line ")
    assert result.reason.endswith(" is not JSON") and result.data == {}
    assert_next_job_ok(executor)


def test_overriding_builtins_does_not_blind_the_tracer(executor):
    code = ("import builtins\ndef f():\n    builtins.len = None\n    builtins.isinstance = None\n"
            "    x = [1, 2]\n    y = x + [3]\n    return y\n")
    result = run(executor, code)
    assert (result.status, result.data["value"]) == ("ok", "[1, 2, 3]")
    assert {r[3] for r in result.data["records"] if r[0] == "L"} >= {5, 6, 7}
    assert_next_job_ok(executor)


def test_repr_eq_and_hash_that_raise_or_never_end_are_never_called(executor):
    code = ("class Evil:\n    def __repr__(self):\n        raise ValueError('repr')\n"
            "    def __str__(self):\n        while True:\n            pass\n"
            "    def __eq__(self, other):\n        while True:\n            pass\n"
            "    def __hash__(self):\n        while True:\n            pass\n"
            "def f():\n    e = Evil()\n    items = [e, e]\n    return items\n")
    result = run(executor, code, limits=LOOP)
    assert result.status == "ok" and result.data["value"].startswith("[<Evil")
    assert_next_job_ok(executor)


@pytest.mark.parametrize("code", [
    "def f():\n    return 7 ** (10 ** 6)\n",
    "import sys\ndef f():\n    sys.set_int_max_str_digits(0)\n    x = 10 ** 300000\n    return x\n",
])
def test_huge_ints_are_rendered_without_converting_them(executor, code):
    result = run(executor, code)
    assert result.status == "ok" and "…(+" in result.data["value"]
    assert len(result.data["value"]) < 5000
    assert_next_job_ok(executor)


def test_floods_on_the_raw_descriptors_are_capped(executor):
    code = "import os\ndef f():\n    os.write(1, b'o' * 10 ** 7)\n    os.write(2, b'e' * 10 ** 8)\n    return 1\n"
    result = run(executor, code)
    assert (result.status, result.data["value"]) == ("ok", "1")
    assert result.stderr == "e" * 4096
    assert_next_job_ok(executor)


def test_jobs_from_many_threads_share_the_workers():
    from concurrent.futures import ThreadPoolExecutor

    with bwrap_executor(workers=2) as shared, ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda n: run(shared, DOUBLE, f"f({n})"), range(12)))
        assert [r.data["value"] for r in results] == [str(2 * n) for n in range(12)]
        assert shared.stats["workers_started"] <= 2 and shared.stats["jobs"] == 12


RAW_SYSCALL = ("import ctypes, mmap\ndef f():\n"
               "    page = mmap.mmap(-1, 4096, prot=mmap.PROT_READ | mmap.PROT_WRITE | mmap.PROT_EXEC)\n"
               "    page.write(bytes.fromhex({!r}))\n"
               "    address = ctypes.addressof(ctypes.c_char.from_buffer(page))\n"
               "    return ctypes.CFUNCTYPE(ctypes.c_long)(address)()\n")


@pytest.mark.parametrize("machine_code, status, reason, value", [
    ("b839000000" "0f05" "c3", "ok", "", "-1"),  # mov eax, 57 (fork); syscall; ret -> -EPERM
    ("b839000040" "0f05" "c3", "ok", "", "-1"),  # the same through the x32 ABI (bit 30 set)
    ("b802000000" "cd80" "c3", "crash", "killed by SIGSYS", None),  # i386 fork through int 0x80
], ids=["x86_64", "x32", "i386"])
def test_raw_syscalls_that_bypass_libc_are_filtered_too(executor, machine_code, status, reason, value):
    result = run(executor, RAW_SYSCALL.format(machine_code))
    assert (result.status, result.reason, result.data.get("value")) == (status, reason, value)
    assert_next_job_ok(executor)
