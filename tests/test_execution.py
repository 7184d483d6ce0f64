"""Each execution runs in its own process; every way a program can misbehave ends in a clear status."""

import os
import time

import pytest

from tracepile.engine import make_sample, trace
from tracepile.model import Limits, Program, ProgramInput

FAST = Limits(timeout_s=2.0, cpu_s=2, memory_mb=256)


def run(code, call="f()", limits=FAST, kind="call"):
    return trace(code, ProgramInput(kind, call if kind == "call" else ""), limits=limits)


def test_program_never_runs_in_our_process():
    result = run("import os\ndef f():\n    return os.getpid()\n")
    assert result.outcome.status == "ok" and int(result.outcome.value) != os.getpid()


def test_infinite_loop_hits_the_wall_clock_deadline():
    started = time.monotonic()
    result = run("def f():\n    while True:\n        pass\n", limits=Limits(timeout_s=1.0, cpu_s=30))
    assert result.outcome.status == "timeout"
    assert "deadline of 1 s" in result.outcome.reason
    assert time.monotonic() - started < 5


def test_sleeping_forever_is_killed_with_its_children():
    code = "import time, os\ndef f():\n    time.sleep(1000)\n"
    result = run(code, limits=Limits(timeout_s=0.5))
    assert result.outcome.status == "timeout"


def test_cpu_limit_stops_a_long_c_call():
    result = run("def f():\n    return sum(range(10 ** 12))\n", limits=Limits(timeout_s=10, cpu_s=1))
    assert result.outcome.status == "limit" and "CPU time limit" in result.outcome.reason


def test_memory_limit():
    result = run("def f():\n    x = bytearray(2 * 1024 ** 3)\n    return len(x)\n")
    assert result.outcome.status == "limit" and "memory limit" in result.outcome.reason


def test_exception_is_an_outcome_not_a_failure():
    result = run("def f():\n    return {}['missing']\n")
    assert result.outcome.status == "error"
    assert result.outcome.exception == ("KeyError", "'missing'")


def test_segfault_is_a_crash_with_the_signal():
    result = run("import ctypes\ndef f():\n    return ctypes.string_at(0)\n")
    assert result.outcome.status == "crash" and "SIGSEGV" in result.outcome.reason


def test_os_exit_is_reported():
    result = run("import os\ndef f():\n    os._exit(3)\n")
    assert result.outcome.status == "crash" and "status 3" in result.outcome.reason


def test_output_is_capped():
    code = "def f():\n    for i in range(10 ** 6):\n        print('x' * 100)\n"
    result = run(code, limits=Limits(timeout_s=20, max_output_chars=1000))
    assert result.outcome.status == "limit" and "output limit" in result.outcome.reason
    assert len(result.outcome.stdout) == 1000


def test_event_limit_truncates_instead_of_exploding():
    code = "def f():\n    s = 0\n    for i in range(100000):\n        s += i\n    return s\n"
    result = run(code, limits=Limits(max_events=500))
    assert result.truncated and result.outcome.status == "truncated"
    assert result.outcome.value == str(sum(range(100000)))
    assert len(result.events) <= 500


def test_reading_stdin_when_none_is_given():
    result = run("def f():\n    return input()\n")
    assert result.outcome.exception[0] == "EOFError"


def test_no_network():
    code = "import socket\ndef f():\n    s = socket.create_connection(('127.0.0.1', 22), timeout=1)\n    return 'connected'\n"
    result = run(code)
    assert result.outcome.status == "error" and result.outcome.exception[0] in ("OSError", "ConnectionRefusedError")
    assert "connected" not in (result.outcome.value or "")


def test_environment_is_deterministic_and_empty():
    code = ("import os, random\ndef f():\n    return sorted(os.environ), random.random(),"
            " list({'apple', 'pear', 'fig', 'kiwi'})\n")
    first, second = run(code), run(code)
    assert first.outcome.value == second.outcome.value
    assert "HOME" not in first.outcome.value and "PYTHONHASHSEED" in first.outcome.value


def test_syntax_error_and_missing_entry_point_are_rejections():
    assert "syntax error" in run("def f(:\n").outcome.reason
    assert "entry point 'g' is not defined" in run("def f(): pass\n", call="g()").outcome.reason


def test_scripts_read_stdin_and_may_call_exit():
    code = "import sys\nn = int(input())\nprint(n * 2)\nexit()\nprint('unreachable')\n"
    result = trace(code, ProgramInput("stdin", "21\n"))
    assert result.outcome.status == "ok" and result.outcome.stdout == "42\n"


def test_sample_for_a_timeout_says_why_and_has_no_text():
    program = Program(id="loop", code="def f():\n    while True: pass\n", calls=("f()",))
    sample = make_sample(program, program.inputs[0], limits=Limits(timeout_s=0.5))
    assert sample.status == "timeout" and not sample.response and not sample.verified
    assert "deadline" in sample.reason
