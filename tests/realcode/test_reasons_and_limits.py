"""Rejection reasons name the exception and its message (read without user code); refused inputs are
`bad_input`; the event limit can be raised, and a truncated run's reason states the events recorded."""

import json

import pytest

from typer.testing import CliRunner

from tracepile.cli import app
from tracepile.engine import trace
from tracepile.model import Limits

SUM = "def f(n):\n    s = 0\n    for i in range(n):\n        s += i\n    return s\n"


def test_reason_carries_the_exception_type_and_message():
    result = trace("import no_such_module_here\ndef f():\n    return 1\n", "f()")
    assert result.outcome.status == "error"
    assert result.outcome.reason == "raised ModuleNotFoundError: No module named 'no_such_module_here'"
    assert trace("def f():\n    return {}['a']\n", "f()").outcome.reason == "raised KeyError: 'a'"
    missing = trace("def f():\n    return open('/no/such')\n", "f()").outcome
    assert missing.reason == "raised FileNotFoundError: [Errno 2] No such file or directory: '/no/such'"
    assert missing.answer("call") == "FileNotFoundError: [Errno 2] No such file or directory: '/no/such'"


def test_a_message_whose_str_raises_is_read_safely():
    code = ("class Loud:\n    def __str__(self):\n        raise RuntimeError('no')\n"
            "    __repr__ = __str__\n"
            "class Bad(Exception):\n    def __str__(self):\n        raise RuntimeError('no')\n"
            "def f():\n    raise Bad(Loud())\n")
    result = trace(code, "f()")
    assert result.outcome.status == "error" and result.outcome.reason.startswith("raised Bad: ")
    assert "Loud" in result.outcome.reason


def test_refused_input_is_bad_input_not_error():
    result = trace("def f(x):\n    return x\n", "g(1)")
    assert (result.outcome.status, result.outcome.reason) == (
        "bad_input", "entry point 'g' is not defined by the program")


def test_truncated_reason_states_the_events_recorded():
    result = trace(SUM, "f(100000)", limits=Limits(max_events=3000))
    assert result.outcome.status == "truncated"
    assert result.outcome.reason.endswith(f": {len(result.events):,} events recorded")
    assert 0 < len(result.events) <= 3000


def test_run_max_events_raises_the_limit(tmp_path):
    program = tmp_path / "sum.py"
    program.write_text(SUM)
    runner = CliRunner()
    args = ["run", str(program), "--call", "f(6000)", "--json", "--sandbox", "none"]
    cut = json.loads(runner.invoke(app, args).stdout)
    full = json.loads(runner.invoke(app, args + ["--max-events", "50000"]).stdout)
    assert cut["status"] == "truncated" and "events recorded" in cut["reason"]
    assert full["status"] == "ok" and full["verified"] and full["answer"] == repr(sum(range(6000)))
    assert full["stats"]["events"] > cut["stats"]["events"]


def test_run_python_picks_the_interpreter(tmp_path):
    from conftest import tracer_pythons

    newer = [p for p in tracer_pythons()[1:]]
    if not newer:
        pytest.skip("no other Python 3.12+ interpreter found (set TRACEPILE_TEST_PYTHONS)")
    program = tmp_path / "first.py"
    program.write_text("def first(xs):\n    return xs[0]\n")
    args = ["run", str(program), "--call", "first([4, 5])", "--json", "--python", newer[0]]
    sample = json.loads(CliRunner().invoke(app, args).stdout)
    assert sample["verified"] and sample["answer"] == "4" and sample["provenance"]["python"] >= "3.12"
    refused = CliRunner().invoke(app, ["run", str(program), "--call", "first([4])", "--python", "/no/python"])
    assert refused.exit_code == 1 and "cannot inspect the interpreter" in refused.output
