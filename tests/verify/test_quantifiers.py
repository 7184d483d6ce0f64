"""Quantifiers stated as facts (grammar 3.2): `both conditions are true`, `every item of `xs` is positive`, `only `b`
changes`; true variants accepted, false ones (a part that fails, an item without the property, another name that
changes) rejected, and a quantifier outside these forms still unverifiable."""

import pytest

from tracepile.engine import trace
from tracepile.narration import narrate
from tracepile.verification import verify

CODE = '''def f(xs, a, b):
    if a > 0 and b > 0:
        b = b + 1
    total = 0
    for x in xs:
        total += x
    return total
'''


def report(call: str, line: int, sentence: str):
    """The template text of `call`, with `sentence` added to the first paragraph of line `line`."""
    result = trace(CODE, call)
    paragraphs = narrate(result).response.split("\n\n")
    index = next(i for i, p in enumerate(paragraphs) if p.startswith(f"Line {line} "))
    paragraphs[index] += " " + sentence
    checked = verify("\n\n".join(paragraphs), result)
    return checked.passed, [s.reason for s in checked.sentences if s.verdict != "verified"]


@pytest.mark.parametrize("call, line, sentence", [
    ("f([3, 5, 2], 1, 2)", 2, "Both conditions are true."),
    ("f([3, 5, 2], 1, 2)", 2, "Both parts of the condition hold."),
    ("f([3, 5, 2], -1, -2)", 2, "Neither part holds."),
    ("f([3, 5, 2], 1, 2)", 4, "Every item of `xs` is positive."),
    ("f([3, 5, 2], 1, 2)", 4, "All the values in `xs` are at least `2`."),
    ("f([3, 5, 2], 1, 2)", 4, "Each item of `xs = [3, 5, 2]` is nonzero."),
    ("f([3, 5, 2], 1, 2)", 3, "Only `b` changes."),
    ("f([3, 5, 2], 1, 2)", 3, "Only `b = 3` changes."),
])
def test_a_true_quantified_fact_is_accepted(call, line, sentence):
    passed, reasons = report(call, line, sentence)
    assert passed, reasons


@pytest.mark.parametrize("call, line, sentence, reason", [
    ("f([3, 5, 2], 1, -2)", 2, "Both conditions are true.", "the parts of"),
    ("f([3, 5, 2], 1, 2)", 2, "Neither part holds.", "the parts of"),
    ("f([3, 5, -2], 1, 2)", 4, "Every item of `xs` is positive.", "which is not positive"),
    ("f([3, 5, 2], 1, 2)", 4, "Every item of `xs` is odd.", "which is not odd"),
    ("f([3, 5, 2], 1, 2)", 4, "All the values in `xs` are greater than `2`.", "which is not greater than"),
    ("f([], 1, 2)", 4, "Every item of `xs` is positive.", "has no items"),
    ("f([3, 5, 2], 1, 2)", 3, "Only `a` changes.", "changes `b`"),
    ("f([3, 5, 2], 1, 2)", 3, "Only `b = 4` changes.", "`b` is `3`"),
    ("f([3, 5, 2], 1, 2)", 3, "Only `b` and `total` change.", "changes `b`"),
])
def test_a_false_quantified_fact_is_rejected(call, line, sentence, reason):
    passed, reasons = report(call, line, sentence)
    assert not passed and any(reason in r for r in reasons), reasons


def test_a_quantifier_outside_the_forms_is_still_unverifiable():
    passed, reasons = report("f([3, 5, 2], 1, 2)", 4, "All values are small.")
    assert not passed and any("unverifiable words" in r and "All" in r for r in reasons), reasons
