"""Loops said soundly: a summary's "same path" needs one-line loops that ran their body alike, a loop's size
is stated early only with its ground (the sequence it iterates), and a count question's line is tallied as it
runs; each with true text accepted and false variants rejected."""

import re

import pytest

from tracepile.engine import trace
from tracepile.narration import Compression, narrate
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


WINDOW = '''def f(a, k):
    j = 0
    best = 0
    for i in range(len(a)):
        while a[i] - a[j] > k: j += 1
        best = max(best, i - j + 1)
    n = 3
    while n > 0:
        n -= 1
    todo = [1, 2]
    for t in todo:
        if t < 3:
            todo.append(t + 2)
    return best
'''
GROUND = "`range(0, 10)` holds 10 numbers, so the loop will run 10 times"


@pytest.fixture(scope="module")
def window():
    result = trace(WINDOW, "f([1, 2, 3, 10, 11, 30, 31, 32, 33, 34], 2)")
    text = narrate(result).response
    assert verify(text, result).passed
    return result, text


def replaced(window, old: str, new: str, count: int = 1):
    result, text = window
    assert old in text, old
    return verify(text.replace(old, new, count), result)


def test_a_for_loops_size_is_said_with_its_ground_at_its_first_iteration(window):
    _, text = window
    assert re.search(r"iteration 1\b[^.]*`i = 0`; " + re.escape(GROUND) + r"\.", text)
    assert "it is the last iteration of the loop" in text  # iteration 10 of the loop at line 4
    assert "`todo` holds" not in text  # the loop appends to `todo`: its size is said at the end
    assert text.count("it is the last iteration of the loop") == 1  # never for the `while` loops


RANGE_SAID = "step by step, `len(a) = 10` and `range(len(a)) = range(0, 10)`; "  # a stated range grounds its size


def test_a_count_before_its_ground_is_rejected(window):
    result, text = window
    unsaid = (result, text.replace(RANGE_SAID, ""))
    assert replaced(unsaid, GROUND, GROUND).passed
    assert not replaced(unsaid, GROUND, "the loop runs 10 iterations in all").passed
    assert not replaced(unsaid, GROUND, "it will run 10 times in all").passed
    assert replaced(window, GROUND, "the loop runs 10 iterations in all").passed  # `range(0, 10)` was said


def test_false_grounds_are_rejected(window):
    assert replaced(window, GROUND, "`range(len(a)) = range(0, 10)` holds 10 numbers, so the loop will run 10 "
                                    "times").passed
    assert replaced(window, GROUND, "`range(len(a))` holds 10 numbers, so the loop will run 10 times").passed
    assert not replaced(window, GROUND, GROUND.replace("holds 10", "holds 9")).passed
    assert not replaced(window, GROUND, GROUND.replace("run 10", "run 9")).passed
    assert not replaced(window, GROUND, GROUND.replace("range(0, 10)", "range(0, 9)")).passed
    assert not replaced(window, GROUND, "`a` holds 10 items, so the loop will run 10 times").passed  # not its iterable


def test_the_last_iteration_needs_a_derived_count(window):
    result, text = window
    without = text.replace("; " + GROUND, "").replace(RANGE_SAID, "")
    assert verify(without.replace("; it is the last iteration of the loop", ""), result).passed
    assert not verify(without, result).passed


def test_a_while_loops_count_or_last_iteration_is_rejected_before_it_ends(window):
    result, text = window
    paragraphs = text.split("\n\n")
    for iteration, remark in ((1, "; the loop runs 3 iterations in all"), (3, "; it is the last iteration of the loop")):
        at = next(i for i, p in enumerate(paragraphs) if p.startswith("Line 8") and f"iteration {iteration} " in p)
        changed = paragraphs[:at] + [paragraphs[at].rstrip(".") + remark + "."] + paragraphs[at + 1:]
        report = verify("\n\n".join(changed), result)
        assert any("does not follow from anything said yet" in s.reason for s in report.sentences), remark


def test_a_list_the_loop_changes_grounds_no_count(window):
    result, text = window
    paragraphs = text.split("\n\n")
    at = next(i for i, p in enumerate(paragraphs) if p.startswith("Line 11") and "`t = 1`" in p)
    changed = paragraphs[at].rstrip(".") + "; `todo` holds 2 items, so the loop will run 2 times."
    assert not verify("\n\n".join(paragraphs[:at] + [changed] + paragraphs[at + 1:]), result).passed


DIVISORS = '''def f(n):
    count = 0
    for k in range(2, n):
        if n % k == 0:
            count += 1
    return count
'''


def test_a_tallied_line_counts_its_runs_as_they_happen():
    result = trace(DIVISORS, "f(12)")
    text = narrate(result, tally=5, compression=Compression(head=1, tail=1)).response
    assert verify(text, result).passed
    assert "That is run 1 of line 5." in text and "That is run 4 of line 5." in text
    stretch = "in these iterations, line 5 runs 2 times, 3 times so far"
    assert stretch in text  # the summary of iterations 2 to 3 (k = 3, 4) keeps the tally going
    for false_text in (text.replace("That is run 4 of line 5", "That is run 3 of line 5"),
                       text.replace("That is run 1 of line 5", "That is run 1 of line 4"),
                       text.replace(stretch, "in these iterations, line 5 runs 1 time, 3 times so far"),
                       text.replace(stretch, "in these iterations, line 5 runs 2 times, 2 times so far")):
        assert not verify(false_text, result).passed
    assert "run 1 of line" not in narrate(result).response  # only a count question's line is tallied


SQUARES = '''def sq(x):
    return x * x


def f(n):
    s = 0
    for i in range(n):
        s += sq(i)
    return s
'''


def test_a_tallied_function_counts_its_calls_as_they_start():
    result = trace(SQUARES, "f(6)")
    text = narrate(result, tally_calls="sq", compression=Compression(head=1, tail=1)).response
    assert verify(text, result).passed
    stretch = "in these iterations, `sq` is called 4 times, 5 times so far"
    assert "That is call 1 of `sq`." in text and stretch in text and "That is call 6 of `sq`." in text
    for false_text in (text.replace("That is call 6 of `sq`", "That is call 5 of `sq`"),
                       text.replace("That is call 1 of `sq`", "That is call 1 of `f`"),
                       text.replace(stretch, "in these iterations, `sq` is called 4 times, 4 times so far")):
        assert not verify(false_text, result).passed


NARRATED = '''def f(xs, freqs):
    total = 0
    for x in xs:
        total += x
    for i, key in enumerate(sorted(freqs)):
        total += freqs[key]
    for i in range(len(xs)):
        total += i
    return total
'''
CALL = "f([4, 5], {'b': 2, 'a': 1})"


def loop_sentence_reasons(code: str, call: str, line: int, replacement: str, stale: bool = False) -> list[str]:
    """Verify the template text with the first iteration paragraph of the loop at `line` replaced (and, when
    `stale`, the paragraph of line 2 saying nothing of the value it set)."""
    result = trace(code, call)
    paragraphs = narrate(result).response.split("\n\n")
    index = next(i for i, p in enumerate(paragraphs) if p.startswith(f"Line {line} advances"))
    paragraphs[index] = replacement
    if stale:
        paragraphs = [("Line 2 runs." if p.startswith("Line 2 ") else p) for p in paragraphs]
    report = verify("\n\n".join(paragraphs), result)
    return [s.reason for s in report.sentences if s.sentence == replacement and s.verdict != "verified"]


@pytest.mark.parametrize("line, replacement", [
    (3, "Line 3 advances the `for` loop; iteration 1 begins with `x = 4`; the loop runs 2 iterations in all."),
    (5, "Line 5 advances the `for` loop; iteration 1 begins with `i = 0` and `key = 'a'`; the loop runs 2 "
        "iterations in all."),
])
def test_a_size_read_off_a_sequence_already_stated_needs_no_ground_sentence(line, replacement):
    """`xs = [4, 5]` and `freqs = {...}` were stated on entry and do not change: the loop over `xs`, and over
    `enumerate(sorted(freqs))`, has a size the reader counts off them, so the count is not foreknowledge (and
    is still checked)."""
    assert loop_sentence_reasons(NARRATED, CALL, line, replacement) == []
    wrong = replacement.replace("runs 2 iterations", "runs 3 iterations")
    assert "the loop runs 2 iterations" in loop_sentence_reasons(NARRATED, CALL, line, wrong)[0]


def test_a_size_that_needs_arithmetic_or_a_stale_value_still_needs_its_ground():
    ranged = "Line 7 advances the `for` loop; iteration 1 begins with `i = 0`; the loop runs 2 iterations in all."
    assert "does not follow" in loop_sentence_reasons(NARRATED, CALL, 7, ranged)[0]  # range(len(xs))
    stale = "Line 3 advances the `for` loop; iteration 1 begins with `x = 4`; the loop runs 3 iterations in all."
    code = "def g(xs):\n    xs = xs + [9]\n    for x in xs:\n        pass\n    return len(xs)\n"
    # `xs = [4, 5]` on entry, then line 2 changed it without the text saying so
    assert "does not follow" in loop_sentence_reasons(code, "g([4, 5])", 3, stale, stale=True)[0]


def test_a_ground_for_one_item_is_said_in_the_singular():
    sentence = "Line 3 advances the `for` loop; iteration 1 begins with `x = 4`; `xs`, which holds 1 item, so the loop will run 1 time."
    ok = "Line 3 advances the `for` loop; iteration 1 begins with `x = 4`; `xs` holds 1 item, so the loop will run 1 time."
    code = "def g(xs):\n    for x in xs:\n        pass\n    return xs\n"
    assert loop_sentence_reasons(code, "g([4])", 2, ok.replace("Line 3", "Line 2")) == []
    assert loop_sentence_reasons(code, "g([4])", 2, sentence.replace("Line 3", "Line 2")) == []
    assert loop_sentence_reasons(code, "g([4])", 2, ok.replace("Line 3", "Line 2").replace("1 time", "2 times"))


ORDER = '''def f(order):
    picked = []
    for i in order:
        picked.append(i * 2)
    return picked
'''
FIRST = "Line 3 advances the `for` loop; iteration 1 begins with `i = 0`; `order` holds 3 items, so the loop will run 3 times."
LAST = "Line 3 advances the `for` loop; iteration 3 begins with `i = 2`; it is the last iteration of the loop."


def order_text(first: str = FIRST, last: str = LAST):
    result = trace(ORDER, "f([0, 1, 2])")
    text = narrate(result).response
    assert FIRST in text and LAST in text
    report = verify(text.replace(FIRST, first).replace(LAST, last), result)
    return report.passed, [s.reason for s in report.sentences if s.verdict != "verified"]


@pytest.mark.parametrize("first", [
    "Line 3 advances the `for` loop over `order = [0, 1, 2]`, which holds 3 items, so the loop runs 3 iterations in all; "
    "this is iteration 1, with `i = 0`.",
    "Line 3 starts the loop, which runs over `order`, which holds 3 items, so the loop will run 3 times; iteration 1 "
    "begins with `i = 0`.",
])
def test_a_loop_size_grounded_after_an_over_claim_is_accepted(first):
    passed, reasons = order_text(first)
    assert passed, reasons


@pytest.mark.parametrize("first, reason", [
    ("Line 3 advances the `for` loop over `order = [0, 1, 2]`, which holds 4 items, so the loop runs 4 iterations in "
     "all; this is iteration 1, with `i = 0`.", "holds 3 items"),
    ("Line 3 advances the `for` loop over `order = [0, 1, 2]`, which holds 3 items, so the loop runs 4 iterations in "
     "all; this is iteration 1, with `i = 0`.", "the loop runs 3 iterations"),
    ("Line 3 advances the `for` loop over `picked = []`, which holds 0 items, so the loop runs 0 iterations in "
     "all; this is iteration 1, with `i = 0`.", "iterates `order"),
])
def test_a_false_size_after_an_over_claim_is_rejected(first, reason):
    passed, reasons = order_text(first)
    assert not passed and any(reason in r for r in reasons), reasons


def test_the_last_of_the_items_names_the_last_iteration():
    last = "Line 3 advances the `for` loop; iteration 3 begins with `i = 2`, the last of the 3 items in `order = [0, 1, 2]`."
    passed, reasons = order_text(last=last)
    assert passed, reasons
    early = ("Line 3 advances the `for` loop; iteration 1 begins with `i = 0`, the last of the 3 items in `order`; "
             "`order` holds 3 items, so the loop will run 3 times.")
    passed, reasons = order_text(first=early)
    assert not passed and any("not the last" in r for r in reasons), reasons
    passed, reasons = order_text(last=last.replace("the 3 items", "the 4 items"))
    assert not passed and any("holds 3 items" in r for r in reasons), reasons
