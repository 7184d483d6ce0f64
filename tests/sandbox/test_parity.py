"""The bwrap sandbox and a fresh process per job (process.py) give the same status, reason and data for
the same program: the sandbox changes where a job runs, never what its trace says."""

from __future__ import annotations

import pytest
from sandbox_support import FAST, executor, job

from tracepile.model import Limits
from tracepile.sandbox import execute
from tracepile.tracer.harness import TAMPERED_SETTRACE

__all__ = ["executor"]

LOOP = Limits(timeout_s=0.5, cpu_s=30, memory_mb=256)

# (code, call or stdin text, limits, kind); none of them may harm the host when run unconfined.
# The CPU limit is compared in test_hostile.py (exact reason) and test_execution.py: CPU seconds are slow.
PROGRAMS = {
    "ok": ("def f(a, k=1):\n    s = 0\n    for x in a:\n        s += x * k\n    return s\n",
           "f([3, 1, 2], k=2)", FAST, "call"),
    "exception": ("def f():\n    return {}['missing']\n", "f()", FAST, "call"),
    "syntax_error": ("def f(:\n", "f()", FAST, "call"),
    "missing_entry_point": ("def f(): pass\n", "g()", FAST, "call"),
    "in_place_argument": ("def f(a):\n    a.append(1)\n", "f([0])", FAST, "call"),
    "script_with_stdin_and_exit": (
        "import sys\nn = int(input())\nprint(n * 2)\nexit()\nprint('unreachable')\n", "21\n", FAST, "stdin"),
    "stdin_when_none_given": ("def f():\n    return input()\n", "f()", FAST, "call"),
    "wall_clock_deadline": ("def f():\n    while True:\n        pass\n", "f()", LOOP, "call"),
    "memory_limit": ("def f():\n    x = bytearray(2 * 1024 ** 3)\n    return len(x)\n", "f()", FAST, "call"),
    "segfault": ("import ctypes\ndef f():\n    return ctypes.string_at(0)\n", "f()", FAST, "call"),
    "os_exit_3": ("import os\ndef f():\n    os._exit(3)\n", "f()", FAST, "call"),
    "os_exit_0": ("import os\ndef f():\n    os._exit(0)\n", "f()", FAST, "call"),
    "output_limit": ("def f():\n    for i in range(10 ** 6):\n        print('x' * 100)\n", "f()",
                     Limits(timeout_s=20, max_output_chars=1000), "call"),
    "event_limit": ("def f():\n    s = 0\n    for i in range(100000):\n        s += i\n    return s\n",
                    "f()", Limits(max_events=500), "call"),
    "settrace_tampering": ("import sys\ndef f():\n    sys.settrace(None)\n    x = 1\n    return x\n",
                           "f()", FAST, "call"),
    "builtins_override": ("import builtins\ndef f():\n    builtins.len = None\n    x = [1]\n    return x\n",
                          "f()", FAST, "call"),
    "deterministic_environment": (
        "import os, random\ndef f():\n    return sorted(os.environ), random.random(),"
        " list({'apple', 'pear', 'fig', 'kiwi'})\n", "f()", FAST, "call"),
}


@pytest.mark.parametrize("name", PROGRAMS)
def test_same_status_reason_and_data_as_a_fresh_process(executor, name):
    code, text, limits, kind = PROGRAMS[name]
    the_job = job(code, text, limits, kind)
    sandboxed, fresh = executor(the_job), execute(the_job)
    assert (sandboxed.status, sandboxed.reason) == (fresh.status, fresh.reason)
    if fresh.data:  # a complete result: everything but the interpreter's own details agrees
        assert sandboxed.data == fresh.data
    else:  # killed: process.py keeps nothing, the sandbox keeps the records committed before
        assert set(sandboxed.data) <= {"records"}


def test_settrace_tampering_is_reported_the_same_way(executor):
    result = executor(job(*PROGRAMS["settrace_tampering"][:2]))
    assert (result.status, result.reason, result.data["truncated"]) == (
        "truncated", TAMPERED_SETTRACE, TAMPERED_SETTRACE)


@pytest.mark.parametrize("seed", [0, 7])
def test_hash_seed_and_random_seed_follow_the_job(executor, seed):
    code = PROGRAMS["deterministic_environment"][0]
    sandboxed, fresh = executor(job(code, seed=seed)), execute(job(code, seed=seed))
    assert sandboxed.data["value"] == fresh.data["value"]
    assert "'PYTHONHASHSEED'" in sandboxed.data["value"]
