"""Grammar 3.3's corroborated descriptive words: a property, an extreme, `yields` said of a value, `it is
True` and `that same sentence`, each accepted where a code span of its sentence (or the run) bears it out and
rejected in a fluent false variant."""

import pytest

from tracepile.engine import trace
from tracepile.narration import narrate
from tracepile.verification import verify

CODE = '''def f(xs):
    out = []
    best = max(xs)
    r = range(3)
    evens = [x for x in xs if x % 2 == 0]
    buckets = [[] for _ in range(2)]
    k = 0
    while k < 1:
        k += 1
    return best
'''
SHARES = "def f():\n    a = 3\n    b = 4\n    return a + b\n"
PROBLEM = "Ann has 3 apples and Bob has 4 pears. Carl has 4 plums. How many fruits do Ann and Bob have?"


@pytest.fixture(scope="module")
def run():
    result = trace(CODE, "f([3, 8, 5])")
    text = narrate(result).response
    assert verify(text, result).passed
    return result, text.split("\n\n")


def replaced(run, opening: str, paragraph: str, problem: str = ""):
    """The template text with the paragraph that starts with `opening` (the last such) replaced."""
    result, paragraphs = run
    index = max(i for i, p in enumerate(paragraphs) if p.startswith(opening))
    return verify("\n\n".join(paragraphs[:index] + [paragraph] + paragraphs[index + 1:]), result, problem=problem)


def accepted(run, opening, paragraph, problem=""):
    report = replaced(run, opening, paragraph, problem)
    assert report.passed, [(s.sentence, s.reason) for s in report.sentences if s.verdict != "verified"]


def rejected(run, opening, paragraph, reason, problem=""):
    report = replaced(run, opening, paragraph, problem)
    reasons = [r.reason for s in report.sentences if s.verdict != "verified" for r in s.issues]
    assert not report.passed and any(reason in r for r in reasons), reasons


def test_a_property_word_is_checked_on_the_value_it_describes(run):
    accepted(run, "Line 2 ", "Line 2 runs and starts an empty list; now `out = []`.")
    accepted(run, "Line 7 ", "Line 7 runs and starts the count at zero; now `k = 0`.")
    accepted(run, "Line 5 ", "Line 5 collects the even items; now `evens = [8]`.")
    rejected(run, "Line 5 ", "Line 5 builds an empty list; now `evens = [8]`.", "`evens = [8]` is not empty")
    rejected(run, "Line 5 ", "Line 5 collects the odd items; now `evens = [8]`.", "every item of `evens = [8]` is not odd")
    rejected(run, "Line 9 ", "Line 9 runs `k += 1`; `k` is no longer at zero, now `k = 1`.", "outside any claim")
    rejected(run, "Line 9 ", "Line 9 keeps the count at zero; now `k = 1`.", "`k = 1` is not zero")


def test_a_plural_after_a_property_word_speaks_of_every_item(run):
    accepted(run, "Line 6 ", "Line 6 runs: `range(2) = range(0, 2)` yields two empty buckets, so now `buckets = [[], []]`.")
    rejected(run, "Line 6 ", "Line 6 runs; now `buckets = [[], []]`, which is empty.", "`buckets = [[], []]` is not empty")


def test_an_extreme_needs_a_span_that_computes_it(run):
    accepted(run, "Line 3 ", "Line 3 picks the maximum of `xs = [3, 8, 5]`; step by step, `max(xs) = 8`, so now "
             "`best = 8`.")
    rejected(run, "Line 3 ", "Line 3 picks the minimum of `xs = [3, 8, 5]`; step by step, `max(xs) = 8`, so now "
             "`best = 8`.", "no value span of the sentence computes `min(...)`")
    rejected(run, "Line 3 ", "Line 3 records the largest item; now `best = 8`.", "computes `max(...)`")


def test_yields_said_of_a_value_reads_as_gives(run):
    accepted(run, "Line 4 ", "Line 4 runs: `range(3) = range(0, 3)` yields the numbers, so now `r = range(0, 3)`.")
    accepted(run, "Line 6 ", "Line 6 runs; calling it yields `range(2) = range(0, 2)`, so now `buckets = [[], []]`.")
    rejected(run, "Line 4 ", "Line 4 runs; now `r = range(0, 3)` yields.", "no value span follows it")
    rejected(run, "Line 4 ", "Line 4 yields `r`; now `r = range(0, 3)`.", "outside any claim")


def test_it_is_true_reads_as_the_outcome_of_the_line_condition(run):
    first = "Line 8 checks the loop condition `k < 1`"
    accepted(run, "Line 8 ", f"{first}. It is False because `k = 1` is at least `1`, so the loop ends and execution "
             "continues at line 10.")
    rejected(run, "Line 8 ", f"{first}; it is True, so the loop ends and execution continues at line 10.",
             "counts as false")
    rejected(run, "Line 7 ", "Line 7 runs; now `k = 0`. It is True.", "has no condition")


def test_that_same_sentence_quotes_the_sentence_quoted_before():
    result = trace(SHARES, "f()")
    paragraphs = narrate(result, problem=PROBLEM).response.split("\n\n")
    paragraphs[1] = 'Line 2 runs; now `a = 3`. The problem says "Ann has 3 apples", which is where `a = 3` comes from.'
    same = 'Line 3 runs; now `b = 4`. That same sentence, "Bob has 4 pears", is where `b = 4` comes from.'
    other = 'Line 3 runs; now `b = 4`. That same sentence, "Carl has 4 plums", is where `b = 4` comes from.'
    for paragraph, passes in ((same, True), (other, False)):
        text = "\n\n".join(paragraphs[:2] + [paragraph] + paragraphs[3:])
        report = verify(text, result, problem=PROBLEM)
        assert report.passed is passes, [(s.sentence, s.reason) for s in report.sentences if s.verdict != "verified"]


LCM = "from math import gcd\n\n\ndef f(l, x):\n    l = l * x // gcd(l, x)\n    return l\n"


def test_a_call_of_the_line_own_code_is_read_while_the_line_ran():
    result = trace(LCM, "f(4, 6)")
    paragraphs = narrate(result).response.split("\n\n")
    index = next(i for i, p in enumerate(paragraphs) if p.startswith("Line 5 "))
    for stated, passes in (("12", True), ("24", False)):
        paragraphs[index] = (f"Line 5 takes `l = 4` and `x = 6`: `l * x = 24`, `gcd(l, x) = 2`, and so "
                             f"`l * x // gcd(l, x) = {stated}`; `l` goes from `4` to `12`.")
        report = verify("\n\n".join(paragraphs), result)
        assert report.passed is passes, [(s.sentence, s.reason) for s in report.sentences if s.verdict != "verified"]


def test_the_answer_may_quote_the_asking_clause_of_the_last_question():
    problem = "If 2x = 8, what is the value of x?"
    result = trace("def f():\n    x = 8 // 2\n    return x\n", "f()")
    text = narrate(result, problem=problem).response
    answer = next(p for p in text.split("\n\n") if p.startswith("So the answer"))
    for quoted, passes in (("what is the value of x?", True), ("If 2x = 8, what is the value of x?", True),
                           ("what is the value of y?", False), ("the value of x?", False)):
        changed = text.replace(answer, f'So the answer to the question "{quoted}" is `4`.')
        assert verify(changed, result, problem=problem).passed is passes, quoted


CALLS = "def g(n):\n    return n + 1\n\n\ndef f():\n    a = g(1)\n    b = g(2)\n    return a + b\n"


def test_an_ordinal_of_a_call_is_checked_against_the_run():
    result = trace(CALLS, "f()")
    paragraphs = narrate(result).response.split("\n\n")
    for line, words, passes in ((6, "the first call", True), (7, "the second call", True), (7, "the last call", True),
                                (7, "the first call", False), (6, "the last call", False)):
        index = next(i for i, p in enumerate(paragraphs) if p.startswith(f"Line {line} "))
        changed = paragraphs[:index] + [f"{paragraphs[index]} It makes {words} of `g`."] + paragraphs[index + 1:]
        report = verify("\n\n".join(changed), result)
        assert report.passed is passes, (words, [s.reason for s in report.sentences if s.verdict != "verified"])


POWER = "def f(v):\n    p = v ** 2\n    v //= 10\n    v -= 2\n    return p + v\n"


@pytest.fixture(scope="module")
def power():
    result = trace(POWER, "f(35)")
    return result, narrate(result).response.split("\n\n")


@pytest.mark.parametrize("line, paragraph, passes", [
    (2, "Line 2 raises the value to the power: `v ** 2 = 1225`, so now `p = 1225`.", True),
    (3, "Line 3 raises the value to the power; now `v = 3`.", False),
    (3, "Line 3 drops the last digit; now `v = 3`.", True),
    (4, "Line 4 drops that digit; now `v = 1`.", False),
    (4, "Line 4 subtracts 2; `v` goes from `3` to `1`.", True),
    (4, "Line 4 subtracts 3; `v` goes from `3` to `1`.", False),
])
def test_arithmetic_said_in_words_is_the_line_own(power, line, paragraph, passes):
    result, paragraphs = power
    index = next(i for i, p in enumerate(paragraphs) if p.startswith(f"Line {line} "))
    report = verify("\n\n".join(paragraphs[:index] + [paragraph] + paragraphs[index + 1:]), result)
    assert report.passed is passes, [s.reason for s in report.sentences if s.verdict != "verified"]


def test_one_more_time_is_a_repeated_check(run):
    accepted(run, "Line 8 ", "Line 8 checks the loop condition `k < 1` one more time; `k < 1` is False because `k = 1` "
             "is at least `1`, so the loop ends and execution continues at line 10.")
    result, paragraphs = run
    first = next(i for i, p in enumerate(paragraphs) if p.startswith("Line 8 "))
    changed = paragraphs[first].replace("checks the loop condition `k < 1`", "checks the loop condition `k < 1` one "
                                        "more time")
    report = verify("\n\n".join(paragraphs[:first] + [changed] + paragraphs[first + 1:]), result)
    assert not report.passed and any("has not run earlier" in s.reason for s in report.sentences)


def test_a_property_given_as_a_reason_stays_unverifiable(run):
    rejected(run, "Line 5 ", "Line 5 runs; now `evens = [8]`, because `xs = [3, 8, 5]` is sorted.", "outside any claim")
    rejected(run, "Line 5 ", "Line 5 runs; now `evens = [8]` since the list is odd.", "outside any claim")


def test_a_property_right_after_a_span_describes_that_span(run):
    accepted(run, "Line 2 ", "Line 2 runs; now `out = []` is empty, while `xs = [3, 8, 5]`.")
    rejected(run, "Line 5 ", "Line 5 runs; now `evens = [8]` is empty, and so is `out = []`.", "`evens = [8]` is not empty")


def test_previous_is_a_word_of_a_shown_prev_name():
    code = "def f(rows):\n    prev = rows[0]\n    for curr in rows[1:]:\n        prev = curr\n    return prev\n"
    result = trace(code, "f([[1], [2]])")
    paragraphs = narrate(result).response.split("\n\n")
    index = next(i for i, p in enumerate(paragraphs) if p.startswith("Line 4 "))
    for paragraph, passes in (("Line 4 takes `curr = [2]` as the new previous row, so now `prev = [2]`.", True),
                              ("Line 4 takes `curr = [2]` as the new previous row, so now `last = [2]`.", False)):
        report = verify("\n\n".join(paragraphs[:index] + [paragraph] + paragraphs[index + 1:]), result)
        assert report.passed is passes, [s.reason for s in report.sentences if s.verdict != "verified"]


def test_an_extreme_describes_the_value_it_is_said_of(run):
    accepted(run, "Line 3 ", "Line 3 runs; `max(xs) = 8` is the largest item, so now `best = 8`.")
    rejected(run, "Line 3 ", "Line 3 runs; `xs = [3, 8, 5]` holds the maximum, and `max(xs) = 8`, so now `best = 8`.",
             "is not the maximum")
