"""Input prediction by search: nearby candidates with another result, each checked against its own run up
to its decisive step; false candidate sections are rejected; no sample where no candidate is found."""

import pytest

from tracepile.engine import trace
from tracepile.enrich.questions import QuestionConfig, candidates, questions_for_trace, verify_rationale
from tracepile.enrich.questions.build import build_sample
from tracepile.enrich.questions.search import NO_DERIVATION, departure, variants
from tracepile.model import Program, ProgramInput

LOOP = '''def f(n):
    s = 0
    for i in range(n):
        if i % 2 == 0:
            s += i * 3
        else:
            s -= 1
    return s
'''
GRADE = '''def grade(score):
    if score >= 50:
        return "pass"
    return "fail"
'''
SCRIPT = "n = int(input())\nbest = 0\nfor x in map(int, input().split()):\n    if x > best:\n        best = x\n" \
         "print(best * n)\n"
CONSTANT = "def f(x):\n    y = x\n    return 1\n"


def built(code: str, kind: str, text: str):
    result = trace(code, ProgramInput(kind, text))
    (question,) = candidates(result)["input"]
    sample = build_sample(Program(id="p", code=code), result, question, seed=0)
    return result, question, sample


@pytest.fixture(scope="module")
def loop():
    return built(LOOP, "call", "f(5)")


@pytest.fixture(scope="module")
def grade():
    return built(GRADE, "call", "grade(50)")


def test_candidates_narrow_towards_the_wanted_result_then_the_input_runs_forward(loop):
    _, _, sample = loop
    paragraphs = sample.response.split("\n\n")
    assert paragraphs[1] == ("Try `f(4)` first. At run 5 of line 3, the `for` loop ends, so line 8 runs next "
                             "instead of line 4. In the end, line 8 works from `s = 4`. So this call returns `4`, not "
                             "`16`. `4` is less than `16`, so the next try sets argument 1 to `10`, up from `4`.")
    assert paragraphs[2] == ("Next, try `f(10)`. At run 6 of line 3, the `for` loop goes on, so line 4 runs next "
                             "instead of line 8. In the end, line 8 works from `s = 55`. So this call returns `55`, "
                             "not `16`. `55` is more than `16`, so the next try sets argument 1 to `5`, down from "
                             "`10`.")
    assert paragraphs[3].startswith("Try the call `f(5)`")
    assert sample.verified and sample.answer == "f(5)"
    assert sample.provenance["question"]["tried"] == ["f(4)", "f(10)"]
    assert sample.provenance["question"]["accepts"] == "any input whose run gives the same result"


def test_a_branch_that_goes_the_other_way_is_stated_with_its_operands(grade):
    _, _, sample = grade
    assert ("Try `grade(49)` first. At check 1 of line 2, `score >= 50` is False with `score = 49`, so line 4 "
            "runs next instead of line 3. So this call returns `'fail'`, not `'pass'`.") in sample.response
    assert sample.verified


@pytest.mark.parametrize("old, new", [
    ("call returns `4`", "call returns `5`"),  # a wrong result for a candidate
    ("`4`, not `16`", "`4`, not `15`"),  # a wrong wanted result
    ("At run 5 of line 3, the", "At run 4 of line 3, the"),  # a wrong decisive step
    ("the `for` loop ends, so", "the `for` loop goes on, so"),
    ("line 8 runs next instead of line 4", "line 8 runs next instead of line 5"),
    ("works from `s = 4`", "works from `s = 5`"),  # a wrong value the result comes from
    ("In the end, line 8", "In the end, line 7"),
    ("`4` is less than `16`", "`4` is more than `16`"),  # a wrong comparison
    ("argument 1 to `10`, up", "argument 1 to `9`, up"),  # a next try that is not the one made
    ("`10`, up from `4`", "`10`, down from `4`"),
    ("Try `f(4)` first.", "Try `f(3)` first."),  # another candidate's run, whose result differs
    ("not `16`. `4` is less", "not `16`. It is close. `4` is less"),  # free words inside a section
])
def test_a_false_candidate_section_is_rejected(loop, old, new):
    result, question, sample = loop
    question = question.__class__(**{**question.__dict__, "params": sample.provenance["question"]})
    assert old in sample.response
    report = verify_rationale(sample.response.replace(old, new, 1), result, question)
    assert not report.passed
    assert any("paragraph 2" in failure for failure in report.failures)


@pytest.mark.parametrize("old, new", [
    ("`score >= 50` is False", "`score >= 50` is True"),  # a wrong verdict
    ("with `score = 49`", "with `score = 50`"),  # a wrong deciding value
    ("`score >= 50` is False", "`score > 50` is False"),  # a test the line does not make
])
def test_a_false_decisive_step_is_rejected(grade, old, new):
    result, question, sample = grade
    assert not verify_rationale(sample.response.replace(old, new, 1), result, question).passed


def test_a_candidate_giving_the_wanted_result_or_tried_after_the_run_is_rejected(loop):
    result, question, sample = loop
    text = sample.response
    first = text.split("\n\n")[1]
    same = "Try `f(5)` first. So this call returns `16`, not `16`."
    assert not verify_rationale(text.replace(first, same, 1), result, question).passed
    paragraphs = text.split("\n\n")
    moved = [paragraphs[0], paragraphs[2], paragraphs[3], paragraphs[1]] + paragraphs[4:]
    assert not verify_rationale("\n\n".join(moved), result, question).passed


def test_script_candidates_vary_one_number_and_compare_the_last_output():
    result, question, sample = built(SCRIPT, "stdin", "2\n3 1 4\n")
    assert ("Try this standard input first:\n```\n1\n3 1 4\n```\nIn the end, line 6 works from `best = 4` and "
            "`n = 1`. So this input prints `4` last, not `8`.") in sample.response
    assert sample.verified
    for old, new in (("prints `4` last", "prints `5` last"), ("`n = 1`. So", "`n = 2`. So")):
        assert not verify_rationale(sample.response.replace(old, new, 1), result, question).passed


def test_no_sample_when_no_nearby_input_gives_another_result():
    result, question, sample = built(CONSTANT, "call", "f(3)")
    assert sample.reason == NO_DERIVATION and not sample.verified and sample.response == ""
    samples = questions_for_trace(Program(id="p", code=CONSTANT), result, config=QuestionConfig(counts={"input": 1}))
    assert samples == []


def test_no_sample_for_a_wanted_exception():
    code = "def f(x):\n    if x > 2:\n        raise ValueError('big')\n    return x\n"
    _, _, sample = built(code, "call", "f(5)")
    assert sample.reason == NO_DERIVATION


def test_variants_change_one_literal_at_a_time():
    assert [v.text for v in variants(ProgramInput("call", "f(5, [1, 2])"))] == \
        ["f(4, [1, 2])", "f(5, [1])", "f(6, [1, 2])", "f(5, [2])", "f(2, [1, 2])", "f(10, [1, 2])"]
    assert [v.text for v in variants(ProgramInput("stdin", "2\n7\n"))] == ["1\n7\n", "2\n6\n", "3\n7\n", "2\n8\n"]
    assert variants(ProgramInput("call", "f()")) == []


def test_departure_is_the_first_step_whose_next_line_differs():
    wanted = trace(GRADE, ProgramInput("call", "grade(50)"))
    tried = trace(GRADE, ProgramInput("call", "grade(10)"))
    index, k, other = departure(tried, wanted)
    event = tried.events[index]
    assert (event.line, k, event.next_line, other) == (2, 1, 4, 3)
    assert departure(trace(GRADE, ProgramInput("call", "grade(70)")), wanted) is None


def test_equal_steps_are_told_apart_by_their_place_in_the_run():
    # both runs of `print(*ans)` record the same event; the values before the second are those of test case 2
    code = "for _ in range(int(input())):\n    ans = [int(input())]\n    print(*ans)\n"
    _, _, sample = built(code, "stdin", "2\n5\n7\n")
    assert "In the end, line 3 works from `ans = [8]`. So this input prints `8` last, not `7`." in sample.response
    assert sample.verified
