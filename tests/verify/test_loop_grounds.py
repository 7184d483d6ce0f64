"""Loops said soundly: a summary's "same path" needs one-line loops that ran their body alike, and a loop's
size is stated early only with its ground (the sequence it iterates); each with true text accepted and false
variants rejected."""

import re

import pytest

from tracepile.engine import trace
from tracepile.narration import narrate
from tracepile.verification import verify

HALVING = '''def f(xs):
    total = 0
    for x in xs:
        while x % 2 == 0: x //= 2
        total += x
    return total
'''


@pytest.fixture(scope="module")
def halving():
    result = trace(HALVING, "f([3, 8, 2, 4, 16, 5])")
    text = narrate(result).response
    assert verify(text, result).passed
    return result, text.split("\n\n")


def test_one_line_loops_that_ran_their_body_a_different_number_of_times_take_different_paths(halving):
    result, paragraphs = halving
    assert not any("take the same path" in p for p in paragraphs)  # 8, 2, 4 and 16 halve 3, 1, 2, 4 times
    # paragraphs 8-16 narrate iterations 3 to 5 (x = 2, 4, 16), each halved to 1
    start = next(i for i, p in enumerate(paragraphs) if re.search(r"iteration 3\b", p))
    stop = next(i for i, p in enumerate(paragraphs) if re.search(r"iteration 6\b", p))
    same = "Iterations 3 to 5 of the loop at line 3 take the same path; after iteration 5, `x = 1` and `total = 7`."
    report = verify("\n\n".join(paragraphs[:start] + [same] + paragraphs[stop:]), result)
    assert not report.passed
    assert any("different paths" in s.reason for s in report.sentences if s.verdict != "verified")


def test_one_line_loops_whose_body_never_ran_still_take_the_same_path():
    code = '''def f(a, k):
    j = 0
    best = 0
    for i in range(len(a)):
        while a[i] - a[j] > k: j += 1
        best = max(best, i - j + 1)
    return best
'''
    result = trace(code, "f([1, 2, 3, 10, 11, 30, 31, 32, 33, 34], 2)")
    text = narrate(result).response
    assert "Iterations 7 to 8 of the loop at line 4 take the same path" in text  # `j` is left alone in both
    assert verify(text, result).passed
