"""End-to-end: varied programs are traced (both back ends), narrated, verified, and answer correctly."""

import subprocess
import sys

import pytest

from conftest import tracer_pythons
from programs import PROGRAMS
from tracepile.engine import make_sample, narratable, sample_from_trace, trace
from tracepile.model import Program, ProgramInput
from tracepile.narration import narrate
from tracepile.verification import verify


def expected_answer(code: str, kind: str, text: str) -> str:
    """Run the program with the plain interpreter (no tracer) and format the answer the same way."""
    if kind == "stdin":
        proc = subprocess.run([sys.executable, "-c", code], input=text, capture_output=True, text=True)
        if proc.returncode:
            last = proc.stderr.strip().splitlines()[-1]
            return last
        return proc.stdout
    namespace = {}
    exec(code, namespace)
    try:
        return repr(eval(text, namespace))
    except Exception as exc:  # noqa: BLE001
        return f"{type(exc).__name__}: {exc}"


@pytest.mark.parametrize("python", tracer_pythons())
@pytest.mark.parametrize("name,code,kind,text", PROGRAMS, ids=[p[0] for p in PROGRAMS])
def test_program_is_narrated_verified_and_correct(python, name, code, kind, text):
    result = trace(code, ProgramInput(kind, text), program_id=name, python=python)
    assert narratable(result), (result.outcome, result.truncated)
    sample = sample_from_trace(Program(id=name, code=code, calls=(text,)), result)
    assert sample.verified, sample.claim_failures
    assert sample.claims > 3
    expected = expected_answer(code, kind, text)
    assert sample.answer.strip() == expected.strip()
    assert sample.response.count("Final answer") == 1


def test_both_backends_give_identical_traces():
    pythons = tracer_pythons()
    if len(pythons) < 2:
        pytest.skip("no Python 3.12+ interpreter found for the sys.monitoring back end")
    for name, code, kind, text in PROGRAMS:
        traces = [trace(code, ProgramInput(kind, text), python=p) for p in pythons]
        assert {t.backend for t in traces} >= {"settrace", "sys.monitoring"} or sys.version_info >= (3, 12)
        assert all(t.events == traces[0].events for t in traces), name


def test_aliasing_shows_in_every_name():
    code = dict((p[0], p[1]) for p in PROGRAMS)["aliasing"]
    result = trace(code, "f([1, 2])")
    changes = [c for e in result.lines for c in e.changes]
    assert ("a", "[1, 2, 4]") in changes and ("b", "[1, 2, 4]") in changes
    assert ("grid", "[[0, 0], [7, 0]]") in changes
    assert ("a", "[1, 2, 4, 5]") in changes and ("b", "[1, 2, 4, 5]") in changes


def test_recursion_depth_is_visible():
    code = dict((p[0], p[1]) for p in PROGRAMS)["recursion"]
    sample = make_sample(Program(id="fib", code=code, calls=("fib(4)",)), ProgramInput("call", "fib(4)"))
    assert "(depth 4)" in sample.response
    assert sample.stats["max_depth"] == 4


def test_long_loops_are_compressed_and_still_verified():
    code = dict((p[0], p[1]) for p in PROGRAMS)["long_loop"]
    result = trace(code, "total(40)")
    text = narrate(result)
    assert text.compressed_loops == 1
    assert "Iterations 3 to 39 of the loop at line 3" in text.response
    assert verify(text.response, result).passed
    assert len(text.response) < 2500


def test_the_question_varies_with_seed_and_the_chain_keeps_one_wording_per_meaning():
    code = dict((p[0], p[1]) for p in PROGRAMS)["long_loop"]
    result = trace(code, "total(6)")
    assert narrate(result, seed=1) == narrate(result, seed=1)
    assert len({narrate(result, seed=s).prompt for s in range(6)}) > 1
    assert len({narrate(result, seed=s).response for s in range(6)}) == 1  # no rotation of synonyms


def test_one_line_def_reports_no_change_inside_its_own_frame():
    result = trace("def g(): return 1\ndef f():\n    return g() + 1\n", "f()")
    assert all(e.changes == () for e in result.lines)


def test_a_generator_closed_by_break_yields_nothing_more():
    """Closing a paused generator runs none of its code (3.13 does not even enter its frame): no step, and
    never a `yield` of `None`; a generator whose `finally` runs on close is narrated through it."""
    code = dict((name, code) for name, code, _, _ in PROGRAMS)["generator_closed_by_break"]
    result = trace(code, ProgramInput("call", "f([5, 2, 9, 4, 6])"))
    assert [e.value for e in result.events if getattr(e, "yielded", False)] == ["2", "4"]
    text = narrate(result).response
    assert "`None`" not in text and "GeneratorExit" not in text and verify(text, result).passed
    cleanup = code.replace("    for x in nums:\n        if x % 2 == 0:\n            yield x\n",
                           "    try:\n        for x in nums:\n            if x % 2 == 0:\n                yield x\n"
                           "    finally:\n        nums.clear()\n")
    result = trace(cleanup, ProgramInput("call", "f([5, 2, 9, 4, 6])"))
    text = narrate(result).response
    assert "GeneratorExit" in text and "Line 7" in text and "`None`" not in text and verify(text, result).passed


def test_an_exception_passed_on_by_finally_or_an_unmatched_except_leaves_the_function():
    """On 3.10-3.11 settrace reports a re-raise as a plain return of None: the function must not be said to
    return, and what its `finally` changed is stated."""
    code = dict((name, code) for name, code, _, _ in PROGRAMS)["exception_through_finally"]
    for p in tracer_pythons():
        result = trace(code, ProgramInput("call", "f(3)"), python=p)
        text = narrate(result).response
        assert "`g` returns" not in text and "`h` returns" not in text, p
        assert "now `n = 0`" in text and text.count("so it leaves") == 2 and verify(text, result).passed, p
