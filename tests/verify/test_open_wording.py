"""Grammar 3.0, facts closed and wording open: each new acceptance with its true sentence accepted and
false variants rejected (value spans without set phrases, persistence, repetition, item changes,
starred unpacking, loops over iterables, ordinals, openings, quotes, problem terms)."""

import pytest

from tracepile.engine import trace
from tracepile.model import ProgramInput
from tracepile.narration import narrate
from tracepile.verification import verify
from tracepile.verification.claims import parse

CODE = '''def f(arr, s):
    first, *mid, last = arr
    s2 = s
    s2 += "y"
    total = 0
    for x in mid:
        if x > 2:
            total += x
    arr[1] = 9
    return total
'''
CALL = "f([1, 5, 2, 7, 4], 'x')"
# the template text's paragraphs, by index: 0 call, 1 line 2, 2 line 3, 3 line 4, 4 line 5, 5 line 6 (iteration 1),
# 6 line 7, 7 line 8, 8 line 6 (iteration 2), 9 line 7, 10 line 6 (iteration 3), 11 line 7, 12 line 8,
# 13 line 6 (loop ends), 14 line 9, 15 line 10, 16 return, 17 final answer


@pytest.fixture(scope="module")
def run():
    result = trace(CODE, CALL)
    text = narrate(result).response
    assert verify(text, result).passed
    return result, text.split("\n\n")


def check(run, index: int, paragraph: str):
    result, paragraphs = run
    return verify("\n\n".join(paragraphs[:index] + [paragraph] + paragraphs[index + 1:]), result)


def accepted(run, index, paragraph):
    report = check(run, index, paragraph)
    assert report.passed, [(s.sentence, s.reason) for s in report.sentences if s.verdict != "verified"]


def rejected(run, index, paragraph):
    assert not check(run, index, paragraph).passed, paragraph


# ---------------------------------------------------------------- moments without set phrases

def test_a_bare_value_span_true_after_the_step_states_the_new_value(run):
    accepted(run, 4, "Line 5 executes, and the result is `total = 0`.")
    accepted(run, 2, "Line 3 binds another name to the string in `s`, so afterwards `s2 = 'x'`.")
    rejected(run, 4, "Line 5 executes, and the result is `total = 1`.")  # true at neither moment


def test_a_cue_names_the_moment_and_a_value_true_only_at_the_other_is_false(run):
    accepted(run, 7, "Line 8 runs with `total = 0` and `x = 5`; afterwards `total = 5`.")
    rejected(run, 7, "Line 8 runs with `total = 5` and `x = 5`; afterwards `total = 5`.")  # 5 only after
    rejected(run, 7, "Line 8 runs with `x = 5`; afterwards `total = 0`.")  # 0 only before


def test_a_value_true_only_before_does_not_state_the_new_value(run):
    rejected(run, 7, "Line 8 works with `x = 5` and `total = 0`.")  # the new value of `total` is missing


def test_sub_expressions_without_a_cue_are_read_while_the_step_runs(run):
    accepted(run, 6, "Line 7 checks the condition `x > 2`: the comparison gives `x > 2 = True`, so line 8 runs next.")
    rejected(run, 6, "Line 7 checks the condition `x > 2`: the comparison gives `x > 2 = False`, so line 8 runs next.")


# ---------------------------------------------------------------- code spans and fact words in free wording

def test_a_name_span_must_be_in_scope_or_part_of_the_step(run):
    accepted(run, 3, "Line 4 appends to the copy in `s2`; now `s2 = 'xy'`.")
    rejected(run, 3, "Line 4 appends to the copy in `total`; now `s2 = 'xy'`.")  # `total` is not bound yet


def test_a_condition_span_outside_the_step_must_hold(run):
    accepted(run, 3, "Line 4 runs `s2 += \"y\"`; now `s2 = 'xy'`, and `s2 != s`.")
    rejected(run, 3, "Line 4 runs `s2 += \"y\"`; now `s2 = 'xy'`, and `s == 'xy'`.")


def test_a_bare_value_must_be_one_the_step_produces(run):
    accepted(run, 4, "Line 5 stores `0` as the starting sum, so `total = 0`.")
    rejected(run, 4, "Line 5 stores `7` as the starting sum, so `total = 0`.")


@pytest.mark.parametrize("sentence", [
    "At this point the list is already sorted.",
    "Line 5 executes; all values are equal, so `total = 0`.",
    "Line 5 executes; it does not touch `s`, so `total = 0`.",
    "Line 5 executes twice; so `total = 0`.",
    "Line 5 executes; the total becomes 0.",
])
def test_fact_words_outside_a_claim_reject_the_sentence(run, sentence):
    rejected(run, 4, sentence)


def test_free_wording_is_not_checked_but_fact_words_are_listed():
    sentence = parse("Line 1 reads from standard input: the call gives `input() = '2'`, which converts to "
                     "`int(input()) = 2`, so afterwards `t = 2`.")[0]
    assert sentence.stray == []
    assert [c.kind for c in sentence.claims] == ["line", "value", "value", "value"]
    assert parse("The loop never runs.")[0].stray == ["never", "runs"]


# ---------------------------------------------------------------- persistence, repetition

def test_stays_holds_for_any_name_in_scope_that_keeps_its_value(run):
    accepted(run, 3, "Line 4 runs `s2 += \"y\"`; now `s2 = 'xy'`, and `s` stays at `'x'`.")
    accepted(run, 3, "Line 4 runs `s2 += \"y\"`; now `s2 = 'xy'`, while `s` is unchanged.")
    rejected(run, 3, "Line 4 runs `s2 += \"y\"`; now `s2 = 'xy'`, and `s` stays at `'xy'`.")
    rejected(run, 3, "Line 4 runs `s2 += \"y\"`; `s2` stays at `'x'`.")


def test_again_needs_an_earlier_run_with_the_same_outcome(run):
    accepted(run, 11, "Line 7 checks the condition `x > 2` with `x = 7`; again the condition is true, so line 8 "
                      "runs next.")
    rejected(run, 6, "Line 7 checks the condition `x > 2` with `x = 5`; again the condition is true, so line 8 "
                     "runs next.")  # the first check
    rejected(run, 9, "Line 7 checks the condition `x > 2` with `x = 2`; once more the condition is false, so it "
                     "skips ahead to line 6.")  # the earlier check was true
    rejected(run, 11, "Line 7 checks the condition `x > 2` with `x = 7`; as before the condition is true, so line 8 "
                      "runs next.")  # the check just before was false


def test_this_time_for_the_first_time_and_no_longer(run):
    accepted(run, 9, "Line 7 checks the condition `x > 2` with `x = 2`; this time the condition is false, so it "
                     "skips ahead to line 6.")
    accepted(run, 9, "Line 7 checks the condition `x > 2` with `x = 2`; the condition no longer holds, so it "
                     "skips ahead to line 6.")
    rejected(run, 11, "Line 7 checks the condition `x > 2` with `x = 7`; the condition no longer holds, so line 8 "
                      "runs next.")
    accepted(run, 9, "Line 7 checks the condition `x > 2` with `x = 2`; for the first time the condition is false, "
                     "so it skips ahead to line 6.")
    rejected(run, 11, "Line 7 checks the condition `x > 2` with `x = 7`; for the first time the condition is true, "
                      "so line 8 runs next.")


# ---------------------------------------------------------------- items, unpacking, loops

def test_an_item_the_line_assigns_states_its_objects_new_value(run):
    accepted(run, 14, "Line 9 writes into the list: `arr[1]` becomes `9`.")
    rejected(run, 14, "Line 9 writes into the list: `arr[1]` becomes `5`.")
    rejected(run, 14, "Line 9 writes into the list: `arr[0]` is set to `1`.")  # not the item written: `arr` unstated


def test_the_starred_name_collects_the_middle_items(run):
    head = "Line 2 unpacks `arr = [1, 5, 2, 7, 4]`; the starred name collects everything "
    tail = ", so `first = 1`, `mid = [5, 2, 7]` and `last = 4`."
    accepted(run, 1, head + "between the first and the last item" + tail)
    rejected(run, 1, head + "after the first item" + tail)  # `last` follows the starred name


def test_a_loop_over_a_named_iterable(run):
    accepted(run, 8, "Line 6 takes the next item of the `for` loop over `mid = [5, 2, 7]`; iteration 2 starts: "
                     "`x = 2`.")
    rejected(run, 8, "Line 6 takes the next item of the `for` loop over `arr = [1, 5, 2, 7, 4]`; iteration 2 "
                     "starts: `x = 2`.")
    rejected(run, 8, "Line 6 takes the next item of the `for` loop over `mid = [5, 2]`; iteration 2 starts: "
                     "`x = 2`.")


@pytest.mark.parametrize("paragraph, ok", [
    ("Line 6 fetches the second item for the `for` loop, so `x = 2`.", True),
    ("Line 6 fetches the third item for the `for` loop, so `x = 2`.", False),
    ("Line 6 moves on to the last item, so `x = 2`.", False),
    ("Line 6 begins iteration 2 with `x = 2`.", True),
    ("Line 6 begins iteration 3 with `x = 2`.", False),
])
def test_iteration_starts_in_the_usual_wordings(run, paragraph, ok):
    (accepted if ok else rejected)(run, 8, paragraph)


def test_the_loop_is_over(run):
    accepted(run, 13, "Line 6 goes back to the `for` loop; the loop is over, so execution continues at line 9.")
    rejected(run, 10, "Line 6 goes back to the `for` loop; the loop is over, so `x = 7`.")


# ---------------------------------------------------------------- openings and order

@pytest.mark.parametrize("paragraph, ok", [
    ("Now `f` is called with `arr = [1, 5, 2, 7, 4]` and `s = 'x'`.", True),
    ("We enter `f` with `arr = [1, 5, 2, 7, 4]` and `s = 'x'`.", True),
    ("Now `f` is called with `arr = [1, 5, 2, 7]` and `s = 'x'`.", False),
    ("Now `g` is called with `arr = [1, 5, 2, 7, 4]` and `s = 'x'`.", False),
])
def test_a_call_paragraph_may_open_in_any_wording_that_names_the_function(run, paragraph, ok):
    (accepted if ok else rejected)(run, 0, paragraph)


def test_the_step_may_be_named_after_other_clauses(run):
    accepted(run, 12, "With `x = 7` and `total = 5`, line 8 adds the item, so `total = 12`.")
    accepted(run, 12, "Next, line 8 adds the item: `total` grows from `5` to `12`.")
    rejected(run, 12, "With `x = 5` and `total = 5`, line 8 adds the item, so `total = 12`.")


# ---------------------------------------------------------------- quotes and problem terms

PROBLEM = "A shop sells 3 apples for 2 dollars each. How much do the apples cost?"
SHOP = "def cost():\n    apples = 3\n    price_each = 2\n    amount_paid = apples * price_each\n    return amount_paid\n"


@pytest.fixture(scope="module")
def shop():
    result = trace(SHOP, "cost()")
    return result, narrate(result, problem=PROBLEM).response.split("\n\n")


def shop_check(shop, index, paragraph):
    result, paragraphs = shop
    return verify("\n\n".join(paragraphs[:index] + [paragraph] + paragraphs[index + 1:]), result, problem=PROBLEM)


def test_a_quotation_must_be_words_of_the_problem(shop):
    assert shop_check(shop, 1, 'Line 2 sets `apples = 3`, from "A shop sells 3 apples".').passed
    assert not shop_check(shop, 1, 'Line 2 sets `apples = 3`, from "A shop sells 4 apples".').passed


def test_problem_terms_name_a_bound_name_by_the_problem_s_words(shop):
    line4 = "Line 4 multiplies: `apples * price_each = 6`, so `amount_paid = 6`. "
    assert shop_check(shop, 3, line4 + "In the problem's terms, the amount the apples cost is `6`.").passed
    assert not shop_check(shop, 3, line4 + "In the problem's terms, the amount the apples cost is `7`.").passed
    assert not shop_check(shop, 3, line4 + "In the problem's terms, the apples sold come to `6`.").passed


def test_a_script_reading_standard_input_in_natural_words():
    code = "t = int(input())\nfor _ in range(t):\n    print(t)\n"
    result = trace(code, ProgramInput("stdin", "1\n"))
    paragraphs = narrate(result).response.split("\n\n")
    index = next(i for i, p in enumerate(paragraphs) if p.startswith("Line 1"))
    natural = ("Line 1 reads from standard input: the call gives `input() = '1'`, which converts to "
               "`int(input()) = 1`, so afterwards `t = 1`.")
    for paragraph, ok in ((natural, True), (natural.replace("`t = 1`", "`t = 2`"), False)):
        text = "\n\n".join(paragraphs[:index] + [paragraph] + paragraphs[index + 1:])
        assert verify(text, result).passed is ok, paragraph


# ---------------------------------------------------------------- more checked shapes strong writers use

SCRIPT = '''import sys


def main():
    # read every number
    data = sys.stdin.read().split()
    nums = sorted(int(x) for x in data)
    seen = []
    while nums and nums[0] < 0:
        nums.pop(0)
    if seen or nums[0] > 5:
        print(len(nums))
    print(nums[0])


main()
'''
# paragraphs: 0 start, 1 line 1, 2 line 4, 3 line 16, 4 call, 5 line 6, 6 line 7, 7 line 8, 8 line 9, 9 line 11,
# 10 line 13, 11 return, 12 end, 13 final answer


@pytest.fixture(scope="module")
def script():
    result = trace(SCRIPT, ProgramInput("stdin", "3 1 2\n"))
    text = narrate(result).response
    assert verify(text, result).passed
    return result, text.split("\n\n")


@pytest.mark.parametrize("index, paragraph, ok", [
    (2, "Line 4 defines the function `main`; its body does not run until it is called.", True),
    (3, "Line 16 runs `main()`; its body does not run until it is called.", False),
    (5, "Line 6 reads all of standard input: `sys.stdin.read() = '3 1 2\\n'`, so `data = ['3', '1', '2']`.", True),
    (5, 'Line 6 splits the input, so `data = [\'3\', \'1\', \'2\']`. The comment at line 5 says: "read every number".',
     True),
    (5, 'Line 6 splits the input, so `data = [\'3\', \'1\', \'2\']`, as "read each number" says.', False),
    (6, "Line 7 converts and orders the numbers; once sorted, `nums = [1, 2, 3]`.", True),
    (6, "Line 7 converts the numbers; once sorted, `nums = [3, 1, 2]`.", False),
    (7, "Line 8 starts an empty list, `seen = []`.", True),
    (8, "Line 9 checks the loop condition `nums and nums[0] < 0`; the list is not empty, but `nums[0] = 1` is not "
        "less than `0`, so the loop body does not run at all and execution continues at line 11.", True),
    (8, "Line 9 checks the loop condition `nums and nums[0] < 0`; the list is empty, so the loop body does not run "
        "at all and execution continues at line 11.", False),
    (9, "Line 11 checks the condition `seen or nums[0] > 5`; the first part fails and `nums[0] = 1` is not greater "
        "than `5`, so the whole condition is False and execution continues at line 13.", True),
    (9, "Line 11 checks the condition `seen or nums[0] > 5`; the first part already settles it, so the whole "
        "condition is False and execution continues at line 13.", False),
    (10, "Line 13 prints the front number, `nums[0] = 1`.", True),
    (10, "Line 13 prints the front number, `nums[1] = 2`.", False),
    (10, "Line 13 prints the largest number, `nums[0] = 1`.", False),  # a fact word among a form's free words
])
def test_checked_shapes_of_natural_prose(script, index, paragraph, ok):
    result, paragraphs = script
    text = "\n\n".join(paragraphs[:index] + [paragraph] + paragraphs[index + 1:])
    report = verify(text, result)
    assert report.passed is ok, [(s.sentence, s.reason) for s in report.sentences if s.verdict != "verified"]


@pytest.mark.parametrize("paragraph, ok", [
    ("Line 8 reads `x = 5` and moves `total` up from `0` to `5`.", True),
    ("Line 8 reads `x = 5` and moves `total` down from `0` to `5`.", False),
    ("Line 8 reads `x = 5`; `total` goes from `0` to `5`.", True),
    ("Line 8 reads `x = 5`; `total` goes from `0` to `6`.", False),
])
def test_moves_in_any_direction_word(run, paragraph, ok):
    (accepted if ok else rejected)(run, 7, paragraph)


@pytest.mark.parametrize("paragraph, ok", [
    ("Line 7 checks the condition `x > 2`; `x = 5` exceeds `2`, so line 8 runs next.", True),
    ("Line 7 checks the condition `x > 2`; `x = 5` is not greater than `2`, so line 8 runs next.", False),
    ("Line 7 checks the condition `x > 2`; `x = 5` matches `2`, so line 8 runs next.", False),
])
def test_relations_said_with_a_verb(run, paragraph, ok):
    (accepted if ok else rejected)(run, 6, paragraph)


@pytest.mark.parametrize("paragraph, ok", [
    ("Line 9 checks the loop condition `nums and nums[0] < 0`; the first part holds but the second part fails, so "
     "the loop body does not run at all and execution continues at line 11.", True),
    ("Line 9 checks the loop condition `nums and nums[0] < 0`; both parts hold, so the loop body does not run at "
     "all and execution continues at line 11.", False),
    ("Line 9 checks the loop condition `nums and nums[0] < 0`; with `nums[0] = 1` no less than `0`, the loop body "
     "does not run at all and execution continues at line 11.", True),
    ("Line 9 checks the loop condition `nums and nums[0] < 0`; with `nums[0] = 1` no larger than `0`, the loop "
     "body does not run at all and execution continues at line 11.", False),
])
def test_parts_of_a_condition_and_relations_without_is(script, paragraph, ok):
    result, paragraphs = script
    text = "\n\n".join(paragraphs[:8] + [paragraph] + paragraphs[9:])
    assert verify(text, result).passed is ok


def test_a_return_may_go_back_without_its_depth(script):
    result, paragraphs = script
    for paragraph, ok in (("So `main` returns `None`, and execution goes back to line 16.", True),
                          ("So `main` returns `None`, and execution goes back to line 15.", False)):
        text = "\n\n".join(paragraphs[:11] + [paragraph] + paragraphs[12:])
        assert verify(text, result).passed is ok


TRIP = "def trip():\n    distance = 245\n    price = 2\n    round_trip = 2 * distance\n    return round_trip\n"
TRIP_PROBLEM = "A town is 245 km away, and fuel costs 2 dollars per km. How far is the round trip?"


@pytest.mark.parametrize("index, paragraph, ok", [
    (3, "Line 4 doubles the distance: `2 * distance = 490`, so `round_trip = 490`.", True),
    (3, "Line 4 halves the distance: `2 * distance = 490`, so `round_trip = 490`.", False),
    (2, 'Line 3 sets `price = 2`, from the same sentence.', True),
    (2, 'Line 3 sets `price = 3`, from the same sentence.', False),
])
def test_scaling_words_and_quotes_from_the_same_sentence(index, paragraph, ok):
    result = trace(TRIP, "trip()")
    paragraphs = narrate(result, problem=TRIP_PROBLEM).response.split("\n\n")
    paragraphs[1] = 'Line 2 sets `distance = 245`, from "A town is 245 km away, and fuel costs 2 dollars per km".'
    text = "\n\n".join(paragraphs[:index] + [paragraph] + paragraphs[index + 1:])
    report = verify(text, result, problem=TRIP_PROBLEM)
    assert report.passed is ok, [(s.sentence, s.reason) for s in report.sentences if s.verdict != "verified"]


def test_again_for_a_line_that_decides_nothing_repeats_an_earlier_effect(run):
    accepted(run, 12, "Line 8 adds the item again: `total` grows from `5` to `12`.")
    rejected(run, 12, "Line 8 adds the item, and `total` comes out as `12` again.")  # the first run gave `5`
    rejected(run, 7, "Line 8 adds the item again: `total` grows from `0` to `5`.")  # its first run


def test_a_loop_with_nothing_to_iterate_over_is_reached_not_gone_back_to():
    result = trace("def f(xs):\n    for x in xs:\n        pass\n    return 0\n", "f([])")
    text = narrate(result).response
    assert "Line 2 reaches the `for` loop" in text and verify(text, result).passed
    assert not verify(text.replace("reaches the `for` loop", "goes back to the `for` loop"), result).passed


def test_repetition_words_inside_a_quotation_are_the_quotation_s_own():
    code = "def f(xs):\n    total = 0\n    for x in xs:\n        # same value: add it again\n        total += x\n    return total\n"
    result = trace(code, "f([2, 3])")
    text = narrate(result).response
    assert '"same value: add it again"' in text and verify(text, result).passed
    first = text.index("Line 4 checks") if "Line 4 checks" in text else text.index("Line 5")
    planted = text[:first] + text[first:].replace("Line 5 ", "Line 5 again ", 1)
    assert not verify(planted, result).passed, "an 'again' outside the quotation is still a checked claim"


RECORDED = "import math\n\ndef f(n):\n    k = math.comb(n, 2)\n    n = n + 1\n    return k\n"
RECORDED_TAIL = "\n\nLine 6 returns `k`, with `k = 6`.\n\nThe call to `f` returns `6`.\n\nFinal answer: 6"


@pytest.mark.parametrize("steps, verdict", [
    ("Line 4 counts the pairs, so `math.comb(n, 2) = 6` and `k = 6`.\n\nLine 5 sets `n = 5`.", "verified"),
    ("Line 4 counts the pairs, so `math.comb(n, 2) = 7` and `k = 6`.\n\nLine 5 sets `n = 5`.", "false"),
    # not recorded at line 5: a call the verifier cannot run stays unverifiable there
    ("Line 4 sets `k = 6`.\n\nLine 5 computes, so `math.comb(n, 2) = 6` and `n = 5`.", "unverifiable"),
])
def test_a_recorded_call_after_so_reads_as_the_lines_own_value(steps, verdict):
    """After "so", a call the line computed (`math.comb(...)`) is checked against its recorded value, as
    long as no name it reads changed at that line."""
    result = verify("Calling `f` with `n = 4`.\n\n" + steps + RECORDED_TAIL, trace(RECORDED, "f(4)"))
    assert [c.verdict for c in result.sentences if c.verdict != "verified"] == ([] if verdict == "verified" else [verdict])


MARBLES = "def f():\n    jon = 6\n    ann = 10\n    return (ann - jon) // 2\n"
MARBLES_PROBLEM = "Jon has 6 marbles. Ann has 10 marbles. How many must Ann give Jon so they end up with the same number?"


@pytest.mark.parametrize("paragraph, verdict", [
    ('Line 2 sets `jon = 6`, from "Jon has 6 marbles".', "verified"),
    ('Line 2 sets `jon = 6`, from "they end up with the same number".', "false"),
    ('Line 2 sets `jon = 6`, from "Ann has 10 marbles".', "false"),
])
def test_a_problem_quote_beside_a_constant_must_be_the_clause_that_states_it(paragraph, verdict):
    """A constant the line writes and the problem states (`jon = 6`) is credited to a quote only when the
    quoted sentence mentions it: the wrong clause credited for a value is false."""
    result = trace(MARBLES, "f()")
    paragraphs = narrate(result).response.split("\n\n")
    paragraphs[1] = paragraph
    checked = verify("\n\n".join(paragraphs), result, problem=MARBLES_PROBLEM)
    assert [c.verdict for c in checked.sentences if c.sentence == paragraph] == [verdict]


def test_identity_words_outside_a_quote_are_fact_words():
    """'itself' asserts an identity the grammar cannot check: rejected outside quotations."""
    result = trace(MARBLES, "f()")
    paragraphs = narrate(result).response.split("\n\n")
    paragraphs[1] = "Line 2 sets `jon = 6` itself."
    assert "itself" in verify("\n\n".join(paragraphs), result).sentences[1].reason


DOUBLING = "n = int(input())\nprint(n * 2)\n"


@pytest.mark.parametrize("quoted, accepted", [
    ("`'21\\n'`", True),
    ("`'21'`", True),  # a line quoted without its newline
    ("`'2'`", False),
    ("`'21\\n\\n'`", False),
])
def test_a_line_read_may_be_quoted_without_its_newline(quoted, accepted):
    result = trace(DOUBLING, ProgramInput("stdin", "21\n"))
    text = narrate(result).response
    paragraphs = text.split("\n\n")
    index = next(i for i, p in enumerate(paragraphs) if p.startswith("Line 1 "))
    paragraphs[index] = f"Line 1 reads the line {quoted} from standard input; `int(input()) = 21`, so now `n = 21`."
    report = verify("\n\n".join(paragraphs), result)
    assert report.passed == accepted, report.failures


NO_ARGS = "def solution():\n    x = 2\n    return x\n\n\ndef g(n):\n    return n\n"


@pytest.mark.parametrize("call, opening, accepted", [
    ("solution()", "The call enters `solution`, which takes no arguments.", True),
    ("solution()", "Calling `solution` with no arguments.", True),
    ("solution()", "We step into `solution`, which takes no arguments.", True),
    ("g(3)", "The call enters `g`, which takes no arguments.", False),  # `g` takes `n`
    ("g(3)", "Calling `g` with no arguments.", False),
])
def test_a_call_without_arguments_may_open_in_the_usual_wordings(call, opening, accepted):
    result = trace(NO_ARGS, call)
    paragraphs = narrate(result).response.split("\n\n")
    paragraphs[0] = opening
    assert verify("\n\n".join(paragraphs), result).passed == accepted


SYMBOLIC = 'from sympy import symbols\n\n\ndef f(n):\n    x = symbols("x")\n    y = n + 1\n    return x * y\n'


@pytest.mark.parametrize("paragraph, accepted", [
    ("Line 5 runs; `x` now holds the symbol `x`.", True),
    ("Line 5 runs; `x` now holds the sympy symbol `x`.", True),
    ("Line 5 runs; `x` now holds the symbol `y`.", False),
    ("Line 6 runs; `y` now holds the symbol `5`.", False),  # a number, not a symbol
])
def test_a_sympy_symbol_is_said_to_be_held_not_written_as_x_equals_x(paragraph, accepted):
    result = trace(SYMBOLIC, "f(4)")
    text = narrate(result).response
    assert "`x = x`" not in text and "`x` now holds the symbol `x`" in text
    paragraphs = text.split("\n\n")
    line = paragraph.split()[1]
    index = next(i for i, p in enumerate(paragraphs) if p.startswith(f"Line {line} "))
    paragraphs[index] = paragraph
    assert verify("\n\n".join(paragraphs), result).passed == accepted


DIGITS = "def digit_sum(n):\n    if n < 10:\n        return n\n    return n % 10 + digit_sum(n // 10)\n"


@pytest.mark.parametrize("paragraph, accepted", [
    ("Back at line 4, with `n = 48`, the recursive call gave `digit_sum(n // 10) = 4`, so "
     "`n % 10 + digit_sum(n // 10) = 12`.", True),
    ("Back at line 4, `n % 10 + digit_sum(n // 10)` is `12`.", True),
    ("Back at line 4, so `n % 10 + digit_sum(n // 10) = 13`.", False),
    ("Back at line 4, so `n % 10 + digit_sum(n // 9) = 12`.", False),  # not the call the line made
])
def test_a_value_back_at_a_line_may_use_the_result_of_the_call_it_waited_for(paragraph, accepted):
    result = trace(DIGITS, "digit_sum(487)")
    paragraphs = narrate(result).response.split("\n\n")
    at = next(i for i, p in enumerate(paragraphs) if p.startswith("So `digit_sum` returns `4`")) + 1
    report = verify("\n\n".join(paragraphs[:at] + [paragraph] + paragraphs[at:]), result)
    assert report.passed == accepted, report.failures


def test_a_defaultdict_is_read_as_the_dict_it_holds():
    code = "from collections import defaultdict\n\n\ndef f(s, k):\n    cnt = defaultdict(int)\n" \
           "    for ch in s:\n        cnt[ch] += 1\n    return len(cnt) > k\n"
    result = trace(code, "f('aab', 3)")
    paragraphs = narrate(result).response.split("\n\n")
    at = next(i for i, p in enumerate(paragraphs) if p.startswith("Line 8"))
    for reason, accepted in (("`len(cnt) = 2` is at most `k = 3`", True), ("`len(cnt) = 3` is at most `k = 3`", False)):
        paragraphs[at] = f"Line 8 returns `len(cnt) > k` with `k = 3`; `len(cnt) > k` is False because {reason}."
        assert verify("\n\n".join(paragraphs), result).passed == accepted


BALLS = "def solution():\n    red = 3\n    blue = 5\n    total = red + blue\n    return total\n"
BALLS_PROBLEM = "A bag holds 3 red balls and 5 blue balls. How many balls are in the bag?"


@pytest.mark.parametrize("sentence, accepted", [
    ("In the problem's terms, the total number of balls comes to `8`.", True),  # `number`: any quantity's word
    ("In the problem's terms, the number of red balls comes to `8`.", False),  # no word of `total`
    ("In the problem's terms, the total number of balls comes to `9`.", False),
])
def test_problem_terms_may_use_generic_quantity_words(sentence, accepted):
    result = trace(BALLS, "solution()")
    paragraphs = narrate(result, problem=BALLS_PROBLEM).response.split("\n\n")
    at = next(k for k, p in enumerate(paragraphs) if p.startswith("Line 4"))
    paragraphs[at] += " " + sentence
    assert verify("\n\n".join(paragraphs), result, problem=BALLS_PROBLEM).passed == accepted


HELPER = "def cross(a, b):\n    return a * b\n\n\ndef f(p, q):\n    r = cross(p, q)\n    return r\n"


@pytest.mark.parametrize("paragraph, accepted", [
    ("Line 6 passes `p = 2` and `q = 3` on to the helper.", True),
    ("Line 6 passes `p = 2` to `cross`.", True),
    ("Line 6 passes `p = 3` on to the helper.", False),  # `p` is 2
    ("Line 6 passes `7` on to the helper.", False),  # no argument of the call
])
def test_a_line_passes_values_to_the_function_it_calls(paragraph, accepted):
    result = trace(HELPER, "f(2, 3)")
    paragraphs = narrate(result).response.split("\n\n")
    paragraphs[next(k for k, p in enumerate(paragraphs) if p.startswith("Line 6"))] = paragraph
    assert verify("\n\n".join(paragraphs), result).passed == accepted


def test_passing_values_needs_a_call_of_traced_code_next():
    result = trace(HELPER, "f(2, 3)")
    paragraphs = narrate(result).response.split("\n\n")
    at = next(k for k, p in enumerate(paragraphs) if p.startswith("Line 7"))
    paragraphs[at] = "Line 7 passes `r = 6` on to the caller."
    report = verify("\n\n".join(paragraphs), result)
    assert not report.passed and any("calls no traced function next" in f for f in report.failures)


@pytest.mark.parametrize("said, accepted", [
    ("`input() = '2'` becomes `int(input()) = 2`", True),  # one value made into another
    ("`input() = '2'` becomes `int(input()) = 3`", False),
    ("`input() = '3'` becomes `int(input()) = 2`", False),
])
def test_a_value_span_may_become_another_expression(said, accepted):
    result = trace(DOUBLING, ProgramInput("stdin", "2\n"))
    paragraphs = narrate(result).response.split("\n\n")
    at = next(k for k, p in enumerate(paragraphs) if p.startswith("Line 1"))
    paragraphs[at] = f"Line 1 reads the line `'2\\n'` from standard input; {said}, so now `n = 2`."
    assert verify("\n\n".join(paragraphs), result).passed == accepted
