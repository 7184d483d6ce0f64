"""A reason must be the line's own reason: the sides of a `because`, the operands listed, the
sub-expressions shown and a restated condition must come from that line's code, and a `because`
relation must be the comparison the line makes (or its negation). True facts about anything else are
rejected; true reasons in other words (sides swapped, the other end of a chain) are accepted."""

import pytest
from tracepile.engine import trace
from tracepile.verification import verify

CART = "def f(cart):\n    if len(cart) > 5:\n        return 1\n    return 0\n"
CART_TEXT = """Calling `f` with `cart = []`.

Line 2 checks the condition `len(cart) > 5`; `len(cart) > 5` is False because {reason}, so it skips ahead to line 4.

Line 4 returns `0`.

`f` is done and returns `0`.

Final answer: 0"""


@pytest.mark.parametrize("reason,accepted", [
    ("`len(cart) = 0` is at most `5`", True),
    ("`5` is at least `len(cart) = 0`", True),  # sides swapped, relation mirrored
    ("`len(cart) = 0` is at most `4`", False),  # true, but the line compares with 5
    ("`len(cart) = 0` is less than `5`", True),  # implies the negation of `>`, so it settles the verdict
    ("`5` is greater than `len(cart) = 0`", True),
    ("`len(cart) = 0` is less than `6`", False),  # true, but the line compares with 5
    ("`len(cart) = 0` is at most `6`", False),
    ("`len(cart) = 0` is different from `5`", False),
])
def test_a_because_relation_is_the_comparison_the_line_makes(reason, accepted):
    result = trace(CART, "f([])")
    report = verify(CART_TEXT.format(reason=reason), result)
    assert report.passed == accepted, report.failures
    if not accepted:
        assert any("is not a comparison line 2 makes; its comparisons: `len(cart) > 5`" in f for f in report.failures)


EVEN = "def f(count):\n    if count % 2 == 0:\n        return 'even'\n    return 'odd'\n"
EVEN_TEXT = """Calling `f` with `count = 6`.

Line 2 checks the condition `count % 2 == 0`; `count % 2 == 0` is True because {reason}, so execution enters the body at line 3.

Line 3 returns `'even'`.

`f` is done and returns `'even'`.

Final answer: 'even'"""


@pytest.mark.parametrize("reason,accepted", [
    ("`count % 2 = 0` is equal to `0`", True),
    ("`count % 3 = 0` is equal to `0`", False),  # a true fact about another expression
    ("`count = 6` is different from `0`", False),  # `count` is in the line, but `count != 0` is no comparison of it
])
def test_a_because_side_is_a_side_of_the_lines_comparison(reason, accepted):
    report = verify(EVEN_TEXT.format(reason=reason), trace(EVEN, "f(6)"))
    assert report.passed == accepted, report.failures


SEEN = "def f(u, v):\n    seen = {u}\n    if v in seen:\n        return True\n    return False\n"
SEEN_TEXT = """Calling `f` with `u = 0` and `v = 0`.

Line 2 reads `u = 0`; now `seen = {{0}}`.

Line 3 checks the condition `v in seen`; `v in seen` is True because {reason}, so execution enters the body at line 4.

Line 4 returns `True`.

The call to `f` returns `True`.

Final answer: True"""


@pytest.mark.parametrize("reason,accepted", [
    ("`v = 0` is in `seen = {0}`", True),
    ("`u = 0` is in `seen = {0}`", False),  # `u` is not in the condition
    ("`0` is in `seen = {0}`", True),  # the value of the line's left side
])
def test_a_because_names_only_what_the_condition_compares(reason, accepted):
    report = verify(SEEN_TEXT.format(reason=reason), trace(SEEN, "f(0, 0)"))
    assert report.passed == accepted, report.failures


LS = "def f(ls, w):\n    if len(ls) * 2 > len(w):\n        return 'a'\n    return 'b'\n"
LS_TEXT = """Calling `f` with `ls = [1, 2]` and `w = 'abc'`.

Line 2 checks the condition `len(ls) * 2 > len(w)`; {verdict}, so execution enters the body at line 3.

Line 3 returns `'a'`.

The call to `f` returns `'a'`.

Final answer: 'a'"""


@pytest.mark.parametrize("verdict,accepted", [
    ("`len(ls) * 2 > len(w)` is True", True),
    ("`len(ls) * 10 > len(w)` is True", False),  # true, but not the line's condition
    ("`len(ls) * 2 > len(w) = True`, which counts as true", True),
    ("`len(ls) * 10 > len(w) = True`, which counts as true", False),
    ("`len(ls) * 2 = 4`, which counts as true", False),  # a part of the condition is not the condition
])
def test_a_restated_condition_is_the_lines_condition(verdict, accepted):
    report = verify(LS_TEXT.format(verdict=verdict), trace(LS, "f([1, 2], 'abc')"))
    assert report.passed == accepted, report.failures


SLICE = "def f(string):\n    head = string[:2]\n    return head + string[-1]\n"
SLICE_TEXT = """The call enters `f` with `string = 'dog'`.

Line 2 {operands}; now `head = 'do'`.

Line 3 returns `head + string[-1]`, with `string[-1] = 'g'` and `head = 'do'`; step by step, {shown}.

`f` is done and returns `'dog'`.

Final answer: 'dog'"""


@pytest.mark.parametrize("operands,shown,accepted", [
    ("computes with `string[:2] = 'do'`", "`head + string[-1] = 'dog'`", True),
    ("computes with `string[:8] = 'dog'`", "`head + string[-1] = 'dog'`", False),  # the line computes `string[:2]`
    ("reads `string = 'dog'`", "`head + string[-1] = 'dog'`", True),
    ("uses `len(string) = 3`", "`head + string[-1] = 'dog'`", False),  # true, but the line does not compute it
    ("computes with `string[:2] = 'do'`", "`string[-2] = 'o'`", False),  # shown, but line 3 does not compute it
    ("computes with `string[:2] = 'do'`", "`(head + string[-1]) = 'dog'`", True),  # any spelling of its own part
])
def test_operands_and_shown_sub_expressions_are_the_lines_own(operands, shown, accepted):
    report = verify(SLICE_TEXT.format(operands=operands, shown=shown), trace(SLICE, "f('dog')"))
    assert report.passed == accepted, report.failures
    if not accepted:
        assert any("is not part of the code of line" in f for f in report.failures)


CHAIN = "def f(i, n):\n    if 0 < i < n:\n        return 1\n    return 0\n"
CHAIN_TEXT = """Calling `f` with `i = 2` and `n = 5`.

Line 2 checks the condition `0 < i < n` with {operands}; `0 < i < n` is True because {reason}, so execution enters the body at line 3.

Line 3 returns `1`.

The call to `f` returns `1`.

Final answer: 1"""


@pytest.mark.parametrize("operands,reason,accepted", [
    ("`i = 2` and `n = 5`", "`i = 2` is less than `n = 5`", True),  # the second comparison of the chain
    ("`i = 2` and `n = 5`", "`n = 5` is greater than `i = 2`", True),
    ("`i = 2` and `n = 5`", "`0` is less than `n = 5`", False),  # true, but the chain never compares 0 with n
    ("`i = 2` and `i + n = 7`", "`i = 2` is less than `n = 5`", False),  # not an operand of the line
])
def test_each_comparison_of_a_chain_is_the_lines_own(operands, reason, accepted):
    report = verify(CHAIN_TEXT.format(operands=operands, reason=reason), trace(CHAIN, "f(2, 5)"))
    assert report.passed == accepted, report.failures


LOOP = "def f(text):\n    n = 0\n    for char in text:\n        n += 1\n    return n\n"
LOOP_TEXT = """The call enters `f` with `text = 'ab'`.

Line 2 executes; now `n = 0`.

Line 3 takes the next item of the `for` loop; iteration 1 begins with `char = 'a'`.

Line 4 runs `n += 1`; `n` steps up from `0` to `1`.

Line 3 takes the next item of the `for` loop; iteration 2 begins with {item}.

Line 4 runs `n += 1`; `n` steps up from `1` to `2`.

Line 3 returns to the head of the `for` loop; there are no more items, so the loop ends after 2 iterations and \
execution continues at line 5.

Line 5 returns `n`, with `n = 2`.

`f` is done and returns `2`.

Final answer: 2"""


def test_an_iteration_begins_with_the_loops_own_names():
    result = trace(LOOP, "f('ab')")
    assert verify(LOOP_TEXT.format(item="`char = 'b'`"), result).passed
    report = verify(LOOP_TEXT.format(item="`n = 1`"), result)  # true after line 3, but not what the loop takes
    assert not report.passed and any("is not part of the code of line 3" in f for f in report.failures)


def test_a_call_is_entered_with_its_own_arguments():
    result = trace(LOOP, "f('ab')")
    text = LOOP_TEXT.format(item="`char = 'b'`")
    assert verify(text, result).passed
    report = verify(text.replace("with `text = 'ab'`", "with `text = 'ab'` and `len(text) = 2`"), result)
    assert not report.passed and any("`len(text)` is not an argument of `f`" in f for f in report.failures)


LTE = "def f(a, b):\n    if a <= b:\n        return 1\n    return 0\n"
LTE_TEXT = """Calling `f` with `a = {a}` and `b = 5`.

Line 2 checks the condition `a <= b`; `a <= b` is {verdict} because {reason}, so {then}.

Line {line} returns `{answer}`.

`f` is done and returns `{answer}`.

Final answer: {answer}"""


@pytest.mark.parametrize("a, verdict, reason, accepted", [
    (5, "True", "`a = 5` is equal to `b = 5`", True),  # equality settles `<=`
    (4, "True", "`a = 4` is less than `b = 5`", True),
    (7, "False", "`a = 7` is greater than `b = 5`", True),
    (5, "True", "`a = 5` is at least `b = 5`", False),  # true, but `>=` does not settle `<=`
    (7, "False", "`a = 7` is different from `b = 5`", False),  # true, but it does not settle `<=`
    (4, "False", "`a = 4` is less than `b = 5`", False),  # the relation implies True
    (5, "True", "`a = 5` is less than `b = 5`", False),  # the relation is false
])
def test_a_relation_that_settles_the_comparison_is_its_reason(a, verdict, reason, accepted):
    then, line, answer = ("line 3 runs next", 3, 1) if verdict == "True" else ("it skips ahead to line 4", 4, 0)
    text = LTE_TEXT.format(a=a, verdict=verdict, reason=reason, then=then, line=line, answer=answer)
    report = verify(text, trace(LTE, f"f({a}, 5)"))
    assert report.passed == accepted, report.failures
