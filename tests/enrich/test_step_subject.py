"""A question rationale's answer step must count what the question asks about: a true tally of another line,
loop or function (`line 7 ran 2 times` when line 6 is asked about, and also ran twice) is rejected."""

import pytest

from tracepile.engine import trace
from tracepile.enrich.questions import candidates, rationale, verify_rationale

TWIN_LINES = "def g(xs):\n    total = 0\n    hits = 0\n    for x in xs:\n        if x > 0:\n            total += x\n" \
             "            hits += 1\n    return total\n"
TWIN_LOOPS = "def h(n):\n    a = 0\n    for i in range(n):\n        a += i\n    b = 0\n    for j in range(n):\n" \
             "        b += j\n    return a + b\n"


def question(code: str, call: str, kind: str, params: dict):
    result = trace(code, call)
    asked = next(q for q in candidates(result)[kind] if q.params == params)
    text, _ = rationale(result, asked, 0)
    assert verify_rationale(text, result, asked).passed
    return result, asked, text


@pytest.mark.parametrize("kind, params, true_step, other_step", [
    ("line_count", {"line": 6}, "line 6 ran in iterations 1 and 3", "line 7 ran in iterations 1 and 3"),
    ("line_count", {"line": 7}, "line 7 ran in iterations 1 and 3", "line 6 ran in iterations 1 and 3"),
])
def test_a_true_tally_of_another_line_is_no_answer_step(kind, params, true_step, other_step):
    result, asked, text = question(TWIN_LINES, "g([3, -1, 2, -5])", kind, params)
    assert true_step in text
    report = verify_rationale(text.replace(true_step, other_step), result, asked)
    assert not report.passed and any("the question asks about line" in f for f in report.failures), report.failures


def test_a_true_count_of_another_loop_is_no_answer_step():
    result, asked, text = question(TWIN_LOOPS, "h(3)", "loop_iterations", {"line": 6, "activation": 1})
    step = "So this run of the loop at line 6 had 3 iterations."
    assert step in text
    report = verify_rationale(text.replace(step, step.replace("line 6", "line 3")), result, asked)
    assert not report.passed and any("counts line 3, but the question asks about line 6" in f
                                     for f in report.failures), report.failures


def test_a_rationale_without_its_answer_step_is_rejected():
    result, asked, text = question(TWIN_LOOPS, "h(3)", "loop_iterations", {"line": 6, "activation": 1})
    report = verify_rationale(text.replace("So this run of the loop at line 6 had 3 iterations.\n\n", ""), result,
                              asked)
    assert not report.passed and any("no answer step" in f for f in report.failures), report.failures


RECURSIVE = "def walk(n):\n    total = 0\n    for i in range(2):\n        if n > 0:\n            total += walk(n - 1)\n" \
            "            return total\n        total += 1\n    return total\n"


def test_this_run_of_a_loop_is_the_one_that_just_ended_even_in_a_recursive_call():
    """The outer call's loop ends (by `return`) after the inner call's loop ran later and longer: its rationale,
    "this run of the loop at line 3 had 1 iteration", is true and verified; a count of the inner run is not."""
    result = trace(RECURSIVE, "walk(1)")
    pool = [q for q in candidates(result)["loop_iterations"] if q.answer == "1"]
    assert pool
    for asked in pool:
        text, _ = rationale(result, asked, 0)
        assert verify_rationale(text, result, asked).passed
        step = "So this run of the loop at line 3 had 1 iteration."
        wrong = verify_rationale(text.replace(step, "So this run of the loop at line 3 had 2 iterations."), result,
                                 asked)
        assert step in text and not wrong.passed
