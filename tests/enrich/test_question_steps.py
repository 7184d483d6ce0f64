"""Question steps: every question's rationale ends with its own worked step, the verifier checks each
number of that step against the trace, and questions whose answer is read off the code are not asked."""

import re

import pytest

from test_questions import RUNS
from tracepile.engine import trace
from tracepile.enrich.questions import candidates, rationale, verify_rationale
from tracepile.model import ProgramInput

NUMBER = re.compile(r"(?<![\w.'])-?\d+(?![\w'])(?!\.\d)")


@pytest.fixture(scope="module")
def pools():
    out = {}
    for name, (code, kind, text) in RUNS.items():
        result = trace(code, ProgramInput(kind, text), program_id=name)
        out[name] = (result, candidates(result))
    return out


def asked(pools):
    return [(name, result, q) for name, (result, pool) in pools.items() for kind, questions in pool.items()
            if kind != "input" for q in questions]


def test_every_rationale_ends_with_its_step_right_before_the_answer(pools):
    for name, result, question in asked(pools):
        text, _ = rationale(result, question, seed=0)
        paragraphs = text.split("\n\n")
        assert question.step and paragraphs[-2] == question.step, (name, question.kind)
        if question.kind in ("line_count", "call_count", "loop_iterations", "max_depth", "first_iteration"):
            assert question.answer in NUMBER.findall(question.step), (name, question.step)


def test_counting_step_lists_each_occurrence():
    code, kind, text = RUNS["loop5"]
    pool = candidates(trace(code, ProgramInput(kind, text)))
    step = next(q.step for q in pool["line_count"] if q.params == {"line": 5})
    assert step == "Counting them, line 5 ran in iterations 1, 3 and 5 of the loop at line 3, so it ran 3 times."
    code, kind, text = RUNS["fact"]
    pool = candidates(trace(code, ProgramInput(kind, text)))
    assert pool["call_count"][0].step == ("Counting them, `fact` was entered with `n = 4`, `n = 3`, `n = 2` and "
                                          "`n = 1`, so it was called 4 times.")
    assert pool["line_count"][0].step == "Counting them, line 4 ran in calls 1, 2 and 3 of `fact`, so it ran 3 times."


def test_a_false_number_in_any_step_is_rejected(pools):
    tried = 0
    for name, result, question in asked(pools):
        text, _ = rationale(result, question, seed=0)
        head, step, final = text.rsplit("\n\n", 2)
        for match in NUMBER.finditer(step):
            if re.search(r"`[^`]*[<>] -?\d*$", step[:match.end()]):
                continue  # a threshold moved by one can still be first crossed at the same iteration
            wrong = step[:match.start()] + str(int(match.group()) + 1) + step[match.end():]
            report = verify_rationale("\n\n".join((head, wrong, final)), result, question)
            assert not report.passed, (name, question.kind, wrong)
            tried += 1
    assert tried > 100


def test_a_wrong_listed_value_or_occurrence_is_rejected(pools):
    result, pool = pools["peak"]
    question = next(q for q in pool["max_value"] if q.params["var"] == "h")
    text, _ = rationale(result, question, seed=0)
    for old, new in (("`7` and `2`", "`7`"), ("largest of them is `7`", "largest of them is `3`"),
                     ("`0`, `3`", "`3`, `0`")):
        report = verify_rationale(text.replace(old, new), result, question)
        assert not report.passed, new
    result, pool = pools["loop5"]
    question = next(q for q in pool["line_count"] if q.params == {"line": 5})
    text, _ = rationale(result, question, seed=0)
    report = verify_rationale(text.replace("iterations 1, 3 and 5", "iterations 1, 3 and 4"), result, question)
    assert not report.passed and any("ran in 1, 3, 5" in f for f in report.failures)


def test_a_line_run_once_per_iteration_or_per_call_is_not_counted(pools):
    _, pool = pools["script"]
    # line 3 is the loop header, lines 4 and 5 run in every iteration: read off the loop's count
    assert {q.params["line"] for q in pool["line_count"]} == {6}
    _, pool = pools["helpers"]
    # line 6 is `twice`'s only line: it runs once per call, the call count question asks that
    assert 6 not in {q.params["line"] for q in pool["line_count"]}
    _, pool = pools["loop5"]
    assert {q.params["line"] for q in pool["line_count"]} == {5, 7}


def test_input_prediction_reasons_backwards_then_runs_forwards(pools):
    result, pool = pools["fact"]
    (question,) = pool["input"]
    text, _ = rationale(result, question, seed=0)
    paragraphs = text.split("\n\n")
    assert paragraphs[0] == ("Working backwards, the result to reach is `24`, and the `return` at line 4 produces it. "
                             "That step of line 4 works from `n = 4`.")
    assert paragraphs[1].startswith("Try `fact(3)` first. At check 3 of line 2, `n <= 1` is True with `n = 1`")
    assert paragraphs[2].startswith("Next, try `fact(5)`.")
    assert paragraphs[3].startswith("Try the call `fact(4)`")
    assert paragraphs[-2] == "The run gives `24`, the result to reach, so this input works."
    assert verify_rationale(text, result, question).passed
    guessed = "\n\n".join(paragraphs[:1] + paragraphs[3:])  # the answer tried with no candidate before it
    assert not verify_rationale(guessed, result, question).passed
    for old, new in (("reach is `24`", "reach is `25`"), ("works from `n = 4`", "works from `n = 2`"),
                     ("`return` at line 4", "`return` at line 3"), ("gives `24`", "gives `6`")):
        assert not verify_rationale(text.replace(old, new, 1), result, question).passed, new


def test_script_input_prediction_starts_from_the_last_output(pools):
    result, pool = pools["script2"]
    (question,) = pool["input"]
    text, _ = rationale(result, question, seed=0)
    assert text.startswith("Working backwards, the output to reach ends with `2`, which line 7 prints. "
                           "That step of line 7 works from `best = 2`.")
    assert verify_rationale(text, result, question).passed
    assert not verify_rationale(text.replace("ends with `2`, which", "ends with `3`, which", 1), result,
                                question).passed


def test_backward_lead_lists_no_value_python_may_not_have_evaluated():
    code = "def f(a, b, c):\n    x = a * 2\n    return x if c else b\n"
    result = trace(code, ProgramInput("call", "f(2, 5, True)"))
    (question,) = candidates(result)["input"]
    assert question.lead == "Working backwards, the result to reach is `4`, and the `return` at line 3 produces it."
    result = trace(code.replace("x if c else b", "x + b"), ProgramInput("call", "f(2, 5, True)"))
    (question,) = candidates(result)["input"]
    assert question.lead.endswith("That step of line 3 works from `x = 4` and `b = 5`.")
