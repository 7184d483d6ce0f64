"""The verifier passes template text and catches every kind of planted error."""

import re

import pytest

from tracepile.engine import trace
from tracepile.model import ProgramInput
from tracepile.narration import narrate
from tracepile.verification import verify

SORT = '''def bubble_sort(arr):
    n = len(arr)
    for i in range(n):
        for j in range(n - 1 - i):
            if arr[j] > arr[j + 1]:
                arr[j], arr[j + 1] = arr[j + 1], arr[j]
    return arr
'''
SCRIPT = '''n = int(input())
for i in range(n):
    print(i * i)
'''


@pytest.fixture(scope="module")
def sorted_run():
    result = trace(SORT, "bubble_sort([3, 1, 2])")
    return result, narrate(result).response


def test_template_text_passes(sorted_run):
    result, text = sorted_run
    report = verify(text, result)
    assert report.passed and report.claims == report.checked > 30


def replace_once(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def test_changed_value_is_caught(sorted_run):
    result, text = sorted_run
    bad = replace_once(text, "`n = 3`", "`n = 4`")
    report = verify(bad, result)
    assert not report.passed and any("n = 4" in f for f in report.failures)


def test_swapped_branch_is_caught(sorted_run):
    result, text = sorted_run
    bad = replace_once(text, "is True", "is False")
    report = verify(bad, result)
    assert not report.passed and any("is False" in f for f in report.failures)


def test_wrong_next_line_is_caught(sorted_run):
    result, text = sorted_run
    match = re.search(r"is True(?: because [^,]+)?, so (?:line 6 runs next|the body runs next, at line 6|"
                      r"execution enters the body at line 6)", text)
    bad = text[:match.start()] + "is True, so it skips ahead to line 4" + text[match.end():]
    report = verify(bad, result)
    assert not report.passed and any("line 4 runs next" in f for f in report.failures)


def test_wrong_final_answer_is_caught(sorted_run):
    result, text = sorted_run
    bad = replace_once(text, "Final answer: [1, 2, 3]", "Final answer: [1, 3, 2]")
    report = verify(bad, result)
    assert not report.passed and any("final answer" in f for f in report.failures)


def test_skipped_iteration_claimed_as_executed_is_caught(sorted_run):
    result, text = sorted_run
    paragraphs = text.split("\n\n")
    loop_start = next(i for i, p in enumerate(paragraphs) if p.startswith("Line 4") and "iteration 2" in p)
    duplicated = paragraphs[:loop_start + 3] + paragraphs[loop_start:]
    report = verify("\n\n".join(duplicated), result)
    assert not report.passed


def test_extra_iteration_claim_is_caught(sorted_run):
    result, text = sorted_run
    bad = re.sub(r"iteration 1 (begins|starts)", "iteration 2 begins", text, count=1)
    if bad == text:
        bad = text.replace("this is iteration 1,", "this is iteration 2,", 1)
    assert bad != text
    assert not verify(bad, result).passed


def test_wrong_return_value_is_caught(sorted_run):
    result, text = sorted_run
    bad = re.sub(r"returns `\[1, 2, 3\]`", "returns `[3, 2, 1]`", text)
    assert bad != text
    assert not verify(bad, result).passed


def test_wrong_printed_text_is_caught():
    result = trace(SCRIPT, ProgramInput("stdin", "3\n"))
    text = narrate(result).response
    assert verify(text, result).passed
    bad = re.sub(r"(prints|output is) `4`", r"\1 `5`", text)
    assert bad != text
    assert not verify(bad, result).passed


def test_missing_final_answer_fails(sorted_run):
    result, text = sorted_run
    report = verify(text.rsplit("\n\n", 1)[0], result)
    assert any("no final answer" in f for f in report.failures)


def test_unnarrated_lines_fail_in_strict_mode_only(sorted_run):
    result, text = sorted_run
    paragraphs = text.split("\n\n")
    shortened = "\n\n".join(paragraphs[:3] + paragraphs[-1:])
    assert not verify(shortened, result, strict=True).passed
    assert verify(shortened, result, strict=False).passed


def test_free_form_text_in_the_grammar_is_checked_leniently():
    result = trace(SORT, "bubble_sort([2, 1])")
    good = ("Line 2 sets `n = 2`.\n\nLine 5 checks the condition `arr[j] > arr[j + 1]` with `arr[j] = 2` and "
            "`arr[j + 1] = 1`; `arr[j] > arr[j + 1]` is True.\n\nLine 6 uses `arr[j] = 2`; now `arr = [1, 2]`."
            "\n\nFinal answer: [1, 2]")
    assert verify(good, result, strict=False).passed
    assert not verify(good.replace("`arr = [1, 2]`", "`arr = [2, 1, 0]`"), result, strict=False).passed


def test_fact_words_outside_any_claim_are_unverifiable():
    """Grammar 3.0: free wording ("compares") passes, a fact word outside any claim does not."""
    result = trace(SORT, "bubble_sort([2, 1])")
    free = ("Line 2 sets `n = 2`.\n\nLine 5 compares `arr[j] = 2` with `arr[j + 1] = 1`.\n\n"
            "Final answer: [1, 2]")
    assert verify(free, result, strict=False).passed
    prose = free.replace("`arr[j + 1] = 1`.", "`arr[j + 1] = 1`, and every item is already sorted.")
    report = verify(prose, result, strict=False)
    assert not report.passed
    assert [s.verdict for s in report.sentences] == ["verified", "unverifiable", "verified"]
