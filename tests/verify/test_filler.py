"""Filler out of the template narration: the file's header comment only where it applies, no `X = X`
tautologies, and one wording per meaning; each text still verified in full."""

from tracepile.engine import trace
from tracepile.narration import narrate
from tracepile.verification import verify

HELPERS = '''# Count the pairs whose sum is even.
import math


def parity(n):
    return n % 2


# True when both numbers have the same parity.
def same(a, b):
    return parity(a) == parity(b)


def pairs(xs):
    count = 0
    for i in range(len(xs) - 1):
        if same(xs[i], xs[i + 1]):
            count += 1
    offset = -1
    return count + offset + 1
'''


def narrated(code: str, call: str) -> str:
    result = trace(code, call)
    text = narrate(result).response
    assert verify(text, result).passed
    return text


def test_a_header_comment_is_quoted_only_on_entry_to_the_function_it_sits_above():
    text = narrated(HELPERS, "pairs([1, 3, 4])")
    entries = [p for p in text.split("\n\n") if p.startswith("We enter")]
    assert not any("The comment at line 1" in p for p in entries)  # `pairs` is not below it; `parity` is a helper
    assert "The comment at line 9" in next(p for p in entries if p.startswith("We enter `same`"))  # directly above
    helper = narrated(HELPERS, "parity(3)")
    assert 'The comment at line 1 says: "Count the pairs whose sum is even".' in helper  # the function called


def test_no_value_is_said_to_equal_itself():
    code = "def f(xs):\n    best = -1\n    for face in range(1, 3):\n        if best != -1:\n            best += face\n" \
           "        else:\n            best = xs[face]\n    return best\n"
    text = narrated(code, "f([4, 5, 6])")
    assert "`range(1, 3) = range(1, 3)`" not in text and "`-1 = -1`" not in text
    assert "because `best = -1` is equal to `-1`" in text and "because `best = 5` is different from `-1`" in text


def test_one_wording_per_meaning():
    text = narrated(HELPERS, "pairs([1, 3, 4, 6])")
    for rotated in ("executes", "Calling `", "The call enters", "is done and returns", "takes the next item",
                    "moves the `for` loop on", "iteration 2 starts:", "this is iteration"):
        assert rotated not in text, rotated
