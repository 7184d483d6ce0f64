"""Grammar 3.1: a loop header gone back to (the line ran earlier in this call), and persistence and sameness
words (already, it stays, names that stay, the same value as before, nothing changes, no swap, the same
condition), each with true sentences accepted and false variants rejected for a specific reason."""

import pytest

from tracepile.engine import trace
from tracepile.narration import narrate
from tracepile.verification import verify

from paragraph_support import accepted, rejected, template
from tracepile.verification.claims import parse

NESTED = '''def f(rows):
    total = 0
    for row in rows:
        for x in row:
            total += x
    return total
'''
# paragraphs: 0 call, 1 line 2, 2 line 3 (it. 1), 3 line 4 (first arrival, it. 1), 4 line 5, 5 line 4 (ends),
# 6 line 3 (it. 2, row = []), 7 line 4 (second run of the inner loop: empty), 8 line 3 (it. 3), 9 line 4 (it. 1),
# 10 line 5, 11 line 4 (it. 2), 12 line 5, 13 line 4 (ends), 14 line 3 (ends), 15 line 6, 16 return, 17 answer

RECURSIVE = '''def walk(tree):
    total = 0
    for child in tree:
        total += 1 + walk(child)
    return total
'''
# paragraphs: ..., 6 line 3 in the callee (its first arrival in that call: an empty loop), ...

STEPS = '''def g(arr, k):
    c = 1
    c = k
    arr[1] = 4
    arr[0] = 7
    lo, hi = k, k
    lo = hi
    if arr[0] > arr[1]:
        arr[0], arr[1] = arr[1], arr[0]
    if arr[0] > arr[1]:
        arr[0], arr[1] = arr[1], arr[0]
    if k % 3 != 0 or arr[0] > 9:
        k = k * 1
    return arr
'''
# g([3, 4], 1): 0 call, 1 line 2, 2 line 3, 3 line 4, 4 line 5, 5 line 6, 6 line 7, 7 line 8 (True), 8 line 9,
# 9 line 10 (False), 10 line 12, 11 line 13, 12 line 14, 13 return, 14 answer

FLAG = '''def h(a, swapped):
    if not swapped:
        return a
    return []
'''




@pytest.fixture(scope="module")
def nested():
    return template(NESTED, "f([[1], [], [2, 3]])")


@pytest.fixture(scope="module")
def recursive():
    return template(RECURSIVE, "walk([[]])")


@pytest.fixture(scope="module")
def steps():
    return template(STEPS, "g([3, 4], 1)")








# ---------------------------------------------------------------- going back to a `for` loop

@pytest.mark.parametrize("words", ["goes back to the `for` loop", "returns to the head of the `for` loop",
                                   "goes back to the head of its `for` loop", "comes back to the `for` loop"])
def test_an_inner_loop_reached_again_by_a_later_outer_iteration_goes_back_to_its_loop(nested, words):
    accepted(nested, 7, f"Line 4 {words}; there is nothing to iterate over, so the loop body does not run at all and "
                        "execution continues at line 3.")
    accepted(nested, 9, f"Line 4 {words}; iteration 1 begins with `x = 2`.")


@pytest.mark.parametrize("words", ["goes back to the `for` loop", "returns to the head of the `for` loop",
                                   "goes back to the head of the `for` loop", "jumps back to its `for` loop"])
def test_the_first_arrival_of_a_loop_header_in_a_call_is_no_return_to_it(nested, recursive, words):
    first = "runs here for the first time in this call"
    rejected(nested, 3, f"Line 4 {words}; this is iteration 1, with `x = 1`.", first)
    rejected(nested, 2, f"Line 3 {words}; this is iteration 1, with `row = [1]`.", first)
    # the callee's header ran in the caller's frame, not in this call
    rejected(recursive, 6, f"Line 3 {words}; there is nothing to iterate over, so the loop body does not run at "
                           "all and execution continues at line 5.", first)


# ---------------------------------------------------------------- already, it stays, names that stay

@pytest.mark.parametrize("sentence", [
    "Line 3 sets `c` to `k`; `c` was already `1`, so it stays at `1`.",
    "Line 3 reads `k = 1`; it was already `1`, so `c` stays at `1`.",
    "Line 3 reads `k = 1`; `c` already held `1`.",
    "Line 3 reads `k = 1`, so the counter is still `c = 1`.",
    "Line 3 reads `k = 1`, so `c = 1`, the same value as before.",
    "Line 3 reads `k = 1`; `c` and `k` stay at `1`.",
    "Line 3 reads `k = 1`; `c` and `arr` do not change.",
    "Line 3 reads `k = 1`; `c` is the same as before.",
])
def test_a_value_the_step_leaves_as_it_was_may_be_said_to_stay(steps, sentence):
    accepted(steps, 2, sentence)


@pytest.mark.parametrize("index, sentence, reason", [
    (2, "Line 3 sets `c` to `k`; `c` was already `2`, so it stays at `2`.", "not `2`"),
    (1, "Line 2 runs; `c` was already `1`.", "has no value both before and after"),  # `c` is new here
    (4, "Line 5 runs; `arr` was already `[7, 4]`.", "goes from `[3, 4]` to `[7, 4]`"),
    (4, "Line 5 writes into `arr`, and it stays at `[7, 4]`.", "goes from"),  # `it`: the nearest name, `arr`
    (4, "Line 5 runs; so `arr = [7, 4]`, the same value as before.", "goes from"),
    (6, "Line 7 reads `hi = 1`; `lo` and `k` stay at `2`.", "not `2`"),
    (4, "Line 5 runs; now `arr = [7, 4]`, and `arr` and `k` stay the same.", "goes from"),
    (2, "Line 3 runs; it stays at `1`.", "`it` follows no code span"),
    (4, "Line 5 runs; `arr` is the same as before.", "goes from"),
])
def test_already_and_stays_are_false_for_a_value_that_changed_or_is_another(steps, index, sentence, reason):
    rejected(steps, index, sentence, reason)


def test_it_names_the_nearest_variable_before_it():
    sentence = parse("Line 11 sets `cur` to `1`; it was already `1`, so `cur` stays at `1`.")[0]
    assert [(c.kind, c.args.get("name")) for c in sentence.claims if c.kind == "stays"] == [("stays", "cur")] * 2
    assert sentence.stray == []


# ---------------------------------------------------------------- an item that already held its value

@pytest.mark.parametrize("sentence", [
    "Line 4 writes `4` into the list; that slot already held `4`, so `arr` does not change.",
    "Line 4 runs; index 1 was already `4`, so `arr` stays `[3, 4]`.",
    "Line 4 runs; the value there was already `4`, so nothing changes.",
    "Line 4 runs; `arr[1]` already held `4`, so `arr` stays `[3, 4]`.",
])
def test_an_item_the_line_writes_with_the_value_it_had(steps, sentence):
    accepted(steps, 3, sentence)


@pytest.mark.parametrize("index, sentence, reason", [
    (3, "Line 4 runs; index 0 was already `4`, so `arr` stays `[3, 4]`.", "assigns the item at `1 = 1`"),
    (3, "Line 4 runs; that slot already held `3`, so `arr` stays `[3, 4]`.", "not `3`"),
    (4, "Line 5 runs; that slot already held `7`, so `arr = [7, 4]`.", "goes from `3` to `7`"),
    (1, "Line 2 runs; that slot already held `1`, so `c = 1`.", "does not assign one item"),
])
def test_an_item_that_changed_or_is_not_the_one_written_was_not_already_there(steps, index, sentence, reason):
    rejected(steps, index, sentence, reason)


# ---------------------------------------------------------------- nothing changes, no swap, the same condition

def test_a_step_that_changes_nothing(steps):
    accepted(steps, 6, "Line 7 reads `hi = 1`; the value is the same as before, so `lo` stays at `1`.")
    accepted(steps, 2, "Line 3 reads `k = 1`; nothing changes.")
    accepted(steps, 11, "Line 13 computes `k * 1 = 1`; the result does not change, so `k` stays at `1`.")
    rejected(steps, 4, "Line 5 runs; the order does not change, so `arr = [7, 4]`.", "changes `arr`")
    rejected(steps, 4, "Line 5 runs and changes nothing; `arr = [7, 4]`.", "changes `arr`")
    rejected(steps, 5, "Line 6 computes with `k = 1`; nothing is added, so `lo = 1` and `hi = 1`.", "changes `lo`")


def test_no_swap_when_the_condition_skips_the_swap(steps):
    accepted(steps, 9, "Line 10 checks the condition `arr[0] > arr[1]` with `arr[0] = 4` and `arr[1] = 7`; "
                       "`arr[0] > arr[1]` is False, so no swap happens and execution continues at line 12.")
    rejected(steps, 7, "Line 8 checks the condition `arr[0] > arr[1]` with `arr[0] = 7` and `arr[1] = 4`; "
                       "`arr[0] > arr[1]` is True, so no swap happens and line 9 runs next.", "swaps")
    rejected(steps, 10, "Line 12 checks the condition `k % 3 != 0 or arr[0] > 9`; `k % 3 != 0 or arr[0] > 9` is "
                        "True, so no swap happens and line 13 runs next.", "neither guards a swap")


@pytest.mark.parametrize("swapped, ok", [(False, True), (True, False)])
def test_no_swap_happened_reads_a_swap_flag(swapped, ok):
    result = trace(FLAG, f"h([1], {swapped})")
    paragraphs = narrate(result).response.split("\n\n")
    truth, next_line = ("True", "line 3 runs next") if not swapped else ("False", "it skips ahead to line 4")
    paragraphs[1] = (f"Line 2 checks the condition `not swapped`; no swap happened, so with `swapped = {swapped}`, "
                     f"`not swapped` is {truth} and {next_line}.")
    assert verify("\n\n".join(paragraphs), result).passed == ok


def test_the_same_condition_or_expression(steps, nested):
    accepted(steps, 9, "Line 10 checks the same condition; `arr[0] > arr[1]` is False because `arr[0] = 4` is at "
                       "most `arr[1] = 7`, so the body is skipped and execution continues at line 12.")
    rejected(steps, 7, "Line 8 checks the same condition; `arr[0] > arr[1]` is True because `arr[0] = 7` is "
                       "greater than `arr[1] = 4`, so the body runs next, at line 9.", "no earlier")
    accepted(nested, 10, "Line 5 computes the same expression, and `total` goes up by `2`, from `1` to `3`.")
    rejected(nested, 4, "Line 5 computes the same expression, and `total` steps up from `0` to `1`.", "no earlier")


# ---------------------------------------------------------------- `which is not`, `already true`

def test_which_is_not_relates_as_the_lines_own_comparison(steps):
    head = "Line 12 checks the condition `k % 3 != 0 or arr[0] > 9`; "
    tail = ", so `k % 3 != 0 or arr[0] > 9` is True and the body runs next, at line 13."
    accepted(steps, 10, head + "`k % 3 = 1`, which is not `0`" + tail)
    rejected(steps, 10, head + "`k % 3 = 1`, which is not `1`" + tail, "does not hold")
    rejected(steps, 10, head + "`k = 1`, which is not `0`" + tail, "not a comparison line 12 makes")


def test_the_first_part_is_already_true(steps):
    tail = ", so `k % 3 != 0 or arr[0] > 9` is True and the body runs next, at line 13."
    accepted(steps, 10, "Line 12 checks the condition `k % 3 != 0 or arr[0] > 9`; the first part is already true"
             + tail)
    rejected(steps, 10, "Line 12 checks the condition `k % 3 != 0 or arr[0] > 9`; the second part is already true"
             + tail, "is False")


# ---------------------------------------------------------------- an item written over, a loop over a wrapped sequence

def test_an_item_written_over_its_old_value(steps):
    accepted(steps, 3, "Line 4 writes `4` over `4`, so `arr` stays `[3, 4]`.")
    accepted(steps, 4, "Line 5 writes `7` over `3`, so `arr = [7, 4]`.")
    rejected(steps, 3, "Line 4 writes `4` over `3`, so `arr` stays `[3, 4]`.", "is `4` before line 4 runs, not `3`")
    rejected(steps, 4, "Line 5 writes `7` over `4`, so `arr = [7, 4]`.", "is `3` before line 5 runs, not `4`")


ENUMERATED = '''def e(freqs):
    out = []
    for i, s in enumerate(sorted(freqs)):
        out.append(s)
    return out
'''


def test_a_loop_over_the_sequence_enumerate_wraps():
    run = template(ENUMERATED, "e({'b': 1, 'a': 2})")
    accepted(run, 2, "Line 3 advances the `for` loop over `sorted(freqs) = ['a', 'b']`; iteration 1 begins with "
                     "`i = 0` and `s = 'a'`.")
    rejected(run, 2, "Line 3 advances the `for` loop over `sorted(freqs) = ['b', 'a']`; iteration 1 begins with "
                     "`i = 0` and `s = 'a'`.", "`sorted(freqs)` is `['a', 'b']`")
    rejected(run, 2, "Line 3 advances the `for` loop over `out = []`; iteration 1 begins with `i = 0` and `s = 'a'`.",
             "loops over no `out`")


SAME = '''def al(a1, b1, a2, b2, s):
    d = a1 * b2 - a2 * b1
    e = b1 * a2 - b2 * a1
    f = a1 + b2
    s2 = s
    s3 = s[:]
    return d, e, f, s2, s3
'''
# al(7, 6, 5, 4, 'x'): 0 call, 1 line 2, 2 line 3, 3 line 4, 4 line 5, 5 line 6, ...


def test_does_the_same_means_the_same_operations_on_other_names():
    run = template(SAME, "al(7, 6, 5, 4, 'x')")
    accepted(run, 2, "Line 3 does the same for the other pair: `b1 * a2 = 30` and `b2 * a1 = 28`, so `e = 2`.")
    rejected(run, 3, "Line 4 does the same: `a1 + b2 = 11`, so `f = 11`.", "no earlier line of it has its code")
    rejected(run, 1, "Line 2 does the same: `a1 * b2 = 28`, so `d = -2`.", "no earlier line")


def test_binds_to_the_same_object_is_an_alias_not_a_copy():
    run = template(SAME, "al(7, 6, 5, 4, 'x')")
    accepted(run, 4, "Line 5 binds `s2` to the same string, so `s2 = 'x'`.")
    rejected(run, 5, "Line 6 binds `s3` to the same string, so `s3 = 'x'`.", "does not bind `s3` to the object")


def test_going_back_to_the_loop_in_other_words_is_checked_and_other_back_moves_are_fact_words(nested):
    accepted(nested, 7, "Line 4 goes back to the top of the loop; there is nothing to iterate over, so the loop body "
                        "does not run at all and execution continues at line 3.")
    rejected(nested, 3, "Line 4 goes back to the loop header; this is iteration 1, with `x = 1`.",
             "runs here for the first time in this call")
    rejected(nested, 4, "Line 5 goes back to the top of the loop; `total` steps up from `0` to `1`.",
             "is a `augassign` statement")
    rejected(nested, 9, "Line 4 goes back up, and iteration 1 begins with `x = 2`.", "unverifiable words")
    assert parse("Line 4 heads back to where it was; so `x = 1`.")[0].stray == ["heads back"]


WHILE = '''def w(n):
    p = 1
    while p <= n:
        p *= 5
    return p
'''
# w(12): 0 call, 1 line 2, 2 line 3 (True), 3 line 4, 4 line 3 (True), 5 line 4, 6 line 3 (False), 7 line 5, ...


def test_checks_the_condition_again_repeats_the_check_and_an_outcome_again_repeats_the_outcome():
    run = template(WHILE, "w(12)")
    tail = "because `p = 25` is greater than `n = 12`, so the loop ends and execution continues at line 5."
    accepted(run, 6, "Line 3 checks the loop condition `p <= n` again; `p <= n` is False " + tail)
    rejected(run, 6, "Line 3 checks the loop condition `p <= n`; `p <= n` is False again " + tail,
             "no earlier run of line 3 in this call had this outcome")
    rejected(run, 2, "Line 3 checks the loop condition `p <= n` again; `p <= n` is True because `p = 1` is at most "
                     "`n = 12`, so iteration 1 of the loop runs, starting at line 4.", "has not run earlier")
    accepted(run, 6, "Line 3 goes back to the loop condition; `p <= n` is False " + tail)
