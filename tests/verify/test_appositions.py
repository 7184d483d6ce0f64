"""Descriptions right after a code span (appositions): said in the words of the name the span shows they are
checked and accepted; in any other words (a false role, or one the run cannot tell) the sentence is rejected."""

import pytest

from tracepile.engine import trace
from tracepile.narration import narrate
from tracepile.verification import verify

CODE = '''def solution():
    root_sum = 19
    root_product = 90
    b = -root_sum
    return b + root_product
'''
PROBLEM = "The equation x^2 - 19x + 90 = 0 has two integer roots. What is their product minus their sum?"


@pytest.fixture(scope="module")
def run():
    result = trace(CODE, "solution()")
    text = narrate(result, problem=PROBLEM).response
    assert verify(text, result, problem=PROBLEM).passed
    return result, text.split("\n\n")


def verdict(run, line: int, sentence: str):
    """The template text with the paragraph of line `line` replaced by `sentence`."""
    result, paragraphs = run
    index = next(i for i, p in enumerate(paragraphs) if p.startswith(f"Line {line} "))
    text = "\n\n".join(paragraphs[:index] + [sentence] + paragraphs[index + 1:])
    report = verify(text, result, problem=PROBLEM)
    return report.passed, [s.reason for s in report.sentences if s.verdict != "verified"]


@pytest.mark.parametrize("sentence", [
    "Line 3 sets `root_product = 90`, the product of the roots.",
    "Line 3 sets `root_product = 90`, which is the product of the roots.",
    "Line 3 sets `root_product = 90` (the root product).",
    "Line 3 sets `root_product = 90`, the product, which is also the product of the roots.",
    "Line 2 sets `root_sum = 19`, the sum of the roots.",
    "Line 3 sets `root_product = 90`. This is the product of the roots.",
    "Line 4 computes `-root_sum = -19`, so `b = -19`, the b.",
])
def test_a_description_in_the_names_own_words_is_accepted(run, sentence):
    passed, reasons = verdict(run, int(sentence.split()[1]), sentence)
    assert passed, reasons


@pytest.mark.parametrize("sentence", [
    "Line 3 sets `root_product = 90`, the coefficient of x, which is the product of the roots.",  # the gate's lie
    "Line 3 sets `root_product = 90`, the product of the roots, which is the coefficient of x.",
    "Line 3 sets `root_product = 90`, which is the coefficient of x.",
    "Line 3 sets `root_product = 90`, which represents the coefficient of x.",
    "Line 3 sets `root_product = 90` (the coefficient of x).",
    "Line 3 sets `root_product = 90` - the coefficient of x.",
    "Line 3 sets `root_product = 90`, i.e. the coefficient of x.",
    "Line 2 sets `root_sum = 19`, the product of the roots.",  # another name's words
    "Line 2 sets `root_sum = 19`, the constant term.",  # true or not, nothing in the run says
    "Line 4 computes `-root_sum = -19`, the root sum, so `b = -19`.",  # an expression is not its operand
    "Line 4 computes `-root_sum = -19`, the negated root sum, so `b = -19`.",
    "Line 5 returns `b + root_product`, the root product.",
    "Line 3 sets `root_product = 90`. This is the coefficient of x.",
    "Line 3 sets `root_product = 90`. It represents the coefficient of x",
    "Line 2 sets `root_sum = 19`. This value is the product of the roots.",
])
def test_a_description_in_other_words_is_rejected(run, sentence):
    passed, reasons = verdict(run, int(sentence.split()[1]), sentence)
    assert not passed and any("the description" in r for r in reasons), reasons


def test_a_clause_after_a_span_is_no_description(run):
    """`, the total becomes `v`` goes on with a claim of its own; only a phrase that ends the clause describes."""
    passed, reasons = verdict(run, 3, "Line 3 runs, and the product of the roots becomes `root_product = 90`.")
    assert passed, reasons
