"""Grammar 3.2: where execution goes back to after a line (a loop header at line N, or line N), a skipped part
named by its keyword, and a loop's size grounded with `since` or on "the list" it iterates; each true sentence
accepted and each false variant rejected for a specific reason."""

import pytest

from tracepile.engine import trace
from tracepile.narration import narrate

from paragraph_support import accepted, rejected, template

NESTED = '''def f(rows):
    total = 0
    i = 0
    while i < len(rows):
        for x in rows[i]:
            if x > 1:
                continue
            total += x
        i += 1
    return total
'''
# f([[1, 5], []]): 0 call, 1 line 2, 2 line 3, 3 line 4 (it. 1), 4 line 5 (it. 1, x = 1), 5 line 6 (False),
# 6 line 8, 7 line 5 (it. 2, x = 5), 8 line 6 (True), 9 line 7, 10 line 5 (ends), 11 line 9, 12 line 4 (it. 2),
# 13 line 5 (empty), 14 line 9, 15 line 4 (ends), 16 line 10, 17 return, 18 answer

LOOPS = '''def g(word, n):
    seen = []
    for ch in word:
        seen.append(ch)
    for k in range(n):
        seen.append(k)
    for item in (1, 2):
        n += item
    return seen
'''
# g('ab', 2): 0 call, 1 line 2, 2 line 3 (it. 1), 3 line 4, 4 line 3 (it. 2), 5 line 4, 6 line 3 (ends),
# 7 line 5 (it. 1), 8 line 6, 9 line 5 (it. 2), 10 line 6, 11 line 5 (ends), 12 line 7 (it. 1), ...




@pytest.fixture(scope="module")
def nested():
    return template(NESTED, "f([[1, 5], []])")


@pytest.fixture(scope="module")
def loops():
    return template(LOOPS, "g('ab', 2)")








LINE_8 = "Line 8 uses `x = 1`; `total` steps up from `0` to `1`. "
LINE_9 = "Line 9 runs `i += 1`; `i` steps up from `0` to `1`. "


@pytest.mark.parametrize("index, paragraph", [
    (6, LINE_8 + "Execution goes back to the `for` loop at line 5."),
    (6, LINE_8 + "Execution goes back to the inner `for` loop at line 5."),
    (6, LINE_8 + "It goes back to the top of the loop at line 5."),
    (6, LINE_8 + "Execution goes back to line 5."),
    (11, LINE_9 + "Execution goes back to the top of the loop at line 4."),
    (11, LINE_9 + "Execution goes back to the outer loop at line 4."),
    (11, LINE_9 + "Control jumps back to the `while` loop at line 4."),
    (5, "Line 6 checks the condition `x > 1` with `x = 1`; `x > 1` is False, so the `continue` is skipped and "
        "execution continues at line 8."),
    (15, "Line 4 checks the loop condition `i < len(rows)` with `i = 2`; `i < len(rows)` is False, so the `while` "
         "body does not run and execution continues at line 10."),
    (10, "Line 5 goes back to the `for` loop and finds no more items, so the loop ends after 2 iterations and "
         "execution continues at line 9."),
])
def test_true_transitions_are_read_and_checked(nested, index, paragraph):
    accepted(nested, index, paragraph)


@pytest.mark.parametrize("index, paragraph, reason", [
    (6, LINE_8 + "Execution goes back to the `for` loop at line 4.", "after line 8 line 5 runs"),
    (6, LINE_8 + "Execution goes back to the `while` loop at line 5.", "line 5 is no `while` loop"),
    (6, LINE_8 + "Execution goes back to the outer `for` loop at line 5.", "not an outer loop"),
    (11, LINE_9 + "Execution goes back to the inner loop at line 4.", "not an inner loop"),
    (11, LINE_9 + "Execution goes back to line 5.", "after line 9 line 4 runs"),
    # line 4 runs next, but for the first time: execution reaches the loop, it does not go back to it
    (2, "Line 3 runs; now `i = 0`. Execution goes back to the top of the loop at line 4.", "has not run before"),
    (3, "Line 4 checks the loop condition `i < len(rows)` with `i = 0`; `i < len(rows)` is True, so the body is "
        "skipped and execution goes back to line 5.", "inside the body"),
    (8, "Line 6 checks the condition `x > 1` with `x = 5`; `x > 1` is True, so the `continue` is skipped and "
        "execution continues at line 7.", "inside the body"),
    (5, "Line 6 checks the condition `x > 1` with `x = 1`; `x > 1` is False, so the `break` is skipped and "
        "execution continues at line 8.", "no `break`"),
    (5, "Line 6 checks the condition `x > 1` with `x = 1`; `x > 1` is False, so the `while` body is skipped and "
        "execution continues at line 8.", "no `while`"),
    (10, "Line 5 goes back to the `for` loop and finds no more items, so the loop ends after 3 iterations and "
         "execution continues at line 9.", "ends after 2 iterations"),
    (7, "Line 5 goes back to the `for` loop and finds no more items, so the loop ends after 2 iterations and "
        "execution continues at line 9.", "does not end here"),
])
def test_false_transitions_are_rejected(nested, index, paragraph, reason):
    rejected(nested, index, paragraph, reason)


def test_a_line_outside_the_loop_does_not_go_back_to_it(loops):
    # after line 6 (in the loop at line 5) line 5 runs; the loop at line 3 is another loop
    rejected(loops, 3, "Line 4 calls `seen.append(ch)`, so `seen = ['a']`. Execution goes back to the `for` loop "
                       "at line 5.", "after line 4 line 3 runs")


@pytest.mark.parametrize("index, paragraph", [
    (2, "Line 3 advances the `for` loop over `word = 'ab'`; iteration 1 begins with `ch = 'a'`; the string holds 2 "
        "characters, so the loop will run 2 times."),
    (2, "Line 3 advances the `for` loop; iteration 1 begins with `ch = 'a'`; since `word` holds 2 characters, the "
        "loop will run 2 times."),
    (7, "Line 5 advances the `for` loop over `range(n) = range(0, 2)`; iteration 1 begins with `k = 0`, and since "
        "`range(0, 2)` holds 2 numbers, the loop will run 2 times."),
    (7, "Line 5 advances the `for` loop over `range(n) = range(0, 2)`; iteration 1 begins with `k = 0`; the range "
        "holds 2 numbers, so the loop will run 2 times."),
])
def test_loop_grounds_in_words_are_accepted(loops, index, paragraph):
    accepted(loops, index, paragraph)


@pytest.mark.parametrize("index, paragraph, reason", [
    (2, "Line 3 advances the `for` loop over `word = 'ab'`; iteration 1 begins with `ch = 'a'`; the list holds 2 "
        "items, so the loop will run 2 times.", "which is no list"),
    (2, "Line 3 advances the `for` loop over `word = 'ab'`; iteration 1 begins with `ch = 'a'`; the string holds 3 "
        "characters, so the loop will run 3 times.", "holds 2 items"),
    (2, "Line 3 advances the `for` loop; iteration 1 begins with `ch = 'a'`; since `word` holds 2 characters, the "
        "loop will run 3 times.", "runs 2 iterations"),
    (7, "Line 5 advances the `for` loop over `range(n) = range(0, 2)`; iteration 1 begins with `k = 0`, and since "
        "`range(0, 3)` holds 3 numbers, the loop will run 3 times.", "iterates"),
])
def test_false_loop_grounds_in_words_are_rejected(loops, index, paragraph, reason):
    rejected(loops, index, paragraph, reason)


QUEUE = '''from collections import deque
def h(items):
    q = deque(items)
    other = [9]
    first = q.popleft()
    return first
'''
# h([4, 5]): 0 call, 1 line 3, 2 line 4, 3 line 5, 4 line 6, 5 return, 6 answer


@pytest.fixture(scope="module")
def queue():
    return template(QUEUE, "h([4, 5])")


@pytest.mark.parametrize("paragraph", [
    "Line 5 runs; `q.popleft()` returns `4`, so now `first = 4` and `q = deque([5])`.",
    "Line 5 calls `q.popleft()` on `q = deque([4, 5])`, which returns `4`; now `first = 4` and `q = deque([5])`.",
])
def test_the_result_of_a_call_the_line_makes_is_checked(queue, paragraph):
    accepted(queue, 3, paragraph)


@pytest.mark.parametrize("paragraph, reason", [
    ("Line 5 runs; `q.popleft()` returns `5`, so now `first = 4` and `q = deque([5])`.", "returns `4`"),
    ("Line 5 calls `q.popleft()` on `q = deque([5])`, which returns `4`; now `first = 4` and `q = deque([5])`.",
     "wrong moment"),
    ("Line 5 calls `q.popleft()` on `other = [9]`, which returns `4`; now `first = 4` and `q = deque([5])`.",
     "not part of the call"),
    ("Line 5 runs; `q.pop()` returns `5`, so now `first = 4` and `q = deque([5])`.", "does not call"),
])
def test_a_false_call_result_is_rejected(queue, paragraph, reason):
    rejected(queue, 3, paragraph, reason)


CLOSURE = '''def outer(xs):
    found = []
    def inner(k):
        found.append(xs[k])
        return k
    inner(1)
    return found
'''
# outer([4, 5]): 0 call, 1 line 2, 2 line 3, 3 line 6, 4 call of inner, 5 line 4, 6 line 5, 7 return, ...


@pytest.fixture(scope="module")
def closure():
    return template(CLOSURE, "outer([4, 5])")


def test_the_names_a_call_sees_from_its_enclosing_function_are_checked(closure):
    accepted(closure, 4, "We enter `inner` (depth 2) with `k = 1`; it sees `found = []` and `xs = [4, 5]` from the "
                         "enclosing function.")


@pytest.mark.parametrize("paragraph, reason", [
    ("We enter `inner` (depth 2) with `k = 1`; it sees `found = [5]` from the enclosing function.", "`found = []`"),
    ("We enter `inner` (depth 2) with `k = 1`; it sees `k = 1` from the enclosing function.", "no name"),
    ("We enter `inner` (depth 2) with `k = 1`; it sees `total = 0` from the enclosing function.", "no name"),
])
def test_false_enclosing_names_are_rejected(closure, paragraph, reason):
    rejected(closure, 4, paragraph, reason)


def test_the_prompt_facts_list_enclosing_names_apart_from_the_arguments(closure):
    from tracepile.llm.prompts import fact_lines

    calling = [line for line in fact_lines(closure[0]) if line.startswith("Calling `inner`")]
    assert calling == ["Calling `inner` with `k = 1`; from the enclosing function it sees `found = []`, "
                       "`xs = [4, 5]`"]


OPERANDS = '''def z(k, st):
    if k and st:
        return 1
    if st:
        return 2
    return 3
'''
# z(0, [1]): 0 call, 1 line 2 (False), 2 line 4 (True), 3 line 5, 4 return, 5 answer


@pytest.fixture(scope="module")
def operands():
    return template(OPERANDS, "z(0, [1])")


@pytest.mark.parametrize("index, paragraph", [
    (1, "Line 2 checks the condition `k and st` with `k = 0`; `k = 0` counts as false, so it skips ahead to line 4."),
    (2, "Line 4 checks the condition `st` with `st = [1]`; `st = [1]` counts as true, so line 5 runs next."),
    (2, "Line 4 checks the condition `st`; the result is `st = [1]`, which counts as true, so line 5 runs next."),
])
def test_a_truth_said_with_counts_as_of_the_condition_or_its_operand_is_checked(operands, index, paragraph):
    accepted(operands, index, paragraph)


@pytest.mark.parametrize("index, paragraph, reason", [
    (1, "Line 2 checks the condition `k and st` with `k = 0`; `k = 0` counts as true, so it skips ahead to line 4.",
     "counts as false"),
    (1, "Line 2 checks the condition `k and st` with `k = 0`; `st = [1]` counts as false, so it skips ahead to "
        "line 4.", "counts as true"),
    (1, "Line 2 checks the condition `k and st` with `k = 0`; `k + 1 = 1` counts as true, so it skips ahead to "
        "line 4.", "not the condition"),
    (2, "Line 4 checks the condition `st` with `st = [1]`; `st = [1]` counts as false, so line 5 runs next.",
     "counts as true"),
])
def test_a_false_counts_as_is_rejected(operands, index, paragraph, reason):
    rejected(operands, index, paragraph, reason)


BUCKETS = '''def b(n):
    out = []
    adj = [[] for _ in range(n)]
    return adj
'''
# b(2): 0 call, 1 line 2, 2 line 3, 3 line 4, 4 return, 5 answer


@pytest.fixture(scope="module")
def buckets():
    return template(BUCKETS, "b(2)")


@pytest.mark.parametrize("index, paragraph", [
    (1, "Line 2 runs; it starts an empty list, so now `out = []`."),
    (2, "Line 3 builds one empty list for each number in `range(n) = range(0, 2)`, so now `adj = [[], []]`."),
    (2, "Line 3 works from `n = 2`: `range(n) = range(0, 2)` gives two empty lists, so now `adj = [[], []]`."),
])
def test_empty_containers_said_in_words_are_checked(buckets, index, paragraph):
    accepted(buckets, index, paragraph)


@pytest.mark.parametrize("index, paragraph, reason", [
    (2, "Line 3 builds one empty list for each number in `range(n) = range(0, 3)`, so now `adj = [[], []]`.",
     "range(0, 2)"),
    (2, "Line 3 works from `n = 2`: `range(n) = range(0, 2)` gives three empty lists, so now `adj = [[], []]`.",
     "holds 2 items"),
    (2, "Line 3 builds one empty list for each number in `range(n) = range(0, 2)`, so now `adj = [[], [], []]`.",
     "adj"),
])
def test_false_empty_containers_are_rejected(buckets, index, paragraph, reason):
    rejected(buckets, index, paragraph, reason)


def test_one_item_for_each_needs_as_many_items_as_the_sequence():
    result = trace("def c(xs):\n    ys = [[] for _ in xs] + [[]]\n    return ys\n", "c([1])")
    paragraphs = narrate(result).response.split("\n\n")
    rejected((result, paragraphs), 1, "Line 2 builds one empty list for each item of `xs = [1]`, so now "
                                      "`ys = [[], []]`.", "holds 2 items, `xs` holds 1")


REPEATS = "def r(xs):\n    t = 0\n    for x in xs:\n        t += x\n    return t\n"


def test_an_iteration_item_equal_to_the_previous_one_is_the_same_value_as_before():
    result = trace(REPEATS, "r([2, 2, 3])")
    paragraphs = narrate(result).response.split("\n\n")
    second = next(i for i, p in enumerate(paragraphs) if "iteration 2 begins" in p)
    third = next(i for i, p in enumerate(paragraphs) if "iteration 3 begins" in p)
    accepted((result, paragraphs), second, "Line 3 advances the `for` loop; iteration 2 begins with `x = 2`, the "
                                           "same value as before.")
    rejected((result, paragraphs), third, "Line 3 advances the `for` loop; iteration 3 begins with `x = 3`, the same "
                                          "value as before.", "goes from")


APPEND = "def a(adj, u):\n    other = []\n    adj[u].append((4, 3))\n    return adj\n"


@pytest.fixture(scope="module")
def appended():
    return template(APPEND, "a([[], [1]], 1)")


def test_an_append_said_in_words_is_checked(appended):
    accepted(appended, 2, "Line 3 runs; it appends `(4, 3)` to `adj[u] = [1]`, so now `adj = [[], [1, (4, 3)]]`.")


@pytest.mark.parametrize("paragraph, reason", [
    ("Line 3 runs; it appends `(4, 3)` to `adj[u] = []`, so now `adj = [[], [1, (4, 3)]]`.", "before line 3"),
    ("Line 3 runs; it appends `(3, 4)` to `adj[u]`, so now `adj = [[], [1, (4, 3)]]`.", "appends `(4, 3)` to"),
    ("Line 3 runs; it appends `(4, 3)` to `other`, so now `adj = [[], [1, (4, 3)]]`.", "does not call `other.append`"),
])
def test_a_false_append_is_rejected(appended, paragraph, reason):
    rejected(appended, 2, paragraph, reason)


def test_the_whole_condition_is_the_line_s_own(nested):
    accepted(nested, 5, "Line 6 checks the condition `x > 1` with `x = 1`; the whole `x > 1` is False, so it skips "
                        "ahead to line 8.")
    rejected(nested, 5, "Line 6 checks the condition `x > 1` with `x = 1`; the whole `x` is False, so it skips ahead "
                        "to line 8.", "not the whole condition")
    rejected(nested, 5, "Line 6 checks the condition `x > 1` with `x = 1`; the whole `x > 1` is True, so it skips "
                        "ahead to line 8.", "is False")


def test_a_continue_said_as_the_statement_it_runs_and_where_it_jumps(nested):
    accepted(nested, 9, "Line 7 runs `continue`; it jumps to the next iteration of the loop at line 5.")
    rejected(nested, 9, "Line 7 runs `break`; it jumps to the next iteration of the loop at line 5.",
             "`continue` statement")
    rejected(nested, 9, "Line 7 runs `continue`; it jumps to the next iteration of the loop at line 4.",
             "after line 7 line 5 runs")


ELSE = "def e(k):\n    if k == 1:\n        r = 1\n    else:\n        r = 2\n    return r\n"


def test_an_else_part_reached_is_checked():
    result = trace(ELSE, "e(3)")
    run = (result, narrate(result).response.split("\n\n"))
    accepted(run, 1, "Line 2 checks the condition `k == 1` with `k = 3`; `k == 1` is False, so execution continues "
                     "in the `else` part at line 5.")
    rejected(run, 1, "Line 2 checks the condition `k == 1` with `k = 3`; `k == 1` is False, so execution continues "
                     "in the `else` part at line 3.", "after line 2 line 5 runs")
    result = trace(ELSE, "e(1)")
    run = (result, narrate(result).response.split("\n\n"))
    rejected(run, 1, "Line 2 checks the condition `k == 1` with `k = 1`; `k == 1` is True, so execution continues "
                     "in the `else` part at line 3.", "inside the body")


def test_a_finished_call_is_said_only_where_execution_is_back_from_one(closure):
    _, paragraphs = closure
    back = next(i for i, p in enumerate(paragraphs) if p.startswith("Back at line 6"))
    accepted(closure, back, "Back at line 6, the call has finished, and `found` is now `[5]`, changed inside `inner`.")
    rejected(closure, 1, "Line 2 runs; now `found = []`; the call has finished.", "does not narrate")


def test_names_a_call_sees_may_be_listed_without_naming_the_enclosing_function(closure):
    accepted(closure, 4, "We enter `inner` (depth 2) with `k = 1`; it sees `found = []` and `xs = [4, 5]`.")
    rejected(closure, 4, "We enter `inner` (depth 2) with `k = 1`; it sees `k = 1`.", "no name")


def test_a_header_named_as_code_is_the_line_s_own(nested):
    accepted(nested, 3, "Line 4 checks the `while i < len(rows)` loop; `i < len(rows)` is True, so iteration 1 of the "
                        "loop runs, starting at line 5.")
    rejected(nested, 3, "Line 4 checks the `while i <= len(rows)` loop; `i < len(rows)` is True, so iteration 1 of "
                        "the loop runs, starting at line 5.", "not a name in scope")
    rejected(nested, 5, "Line 6 checks the `while i < len(rows)` loop; `x > 1` is False, so it skips ahead to line 8.",
             "not a name in scope")


@pytest.mark.parametrize("index, paragraph", [
    (7, "Back at line 5, iteration 2 begins with `x = 5`."),
    (10, "Back at line 5, there are no more items, so the loop ends after 2 iterations and execution continues at "
         "line 9."),
])
def test_back_at_a_loop_header_that_ran_before_is_its_next_run(nested, index, paragraph):
    accepted(nested, index, paragraph)


@pytest.mark.parametrize("index, paragraph, reason", [
    (4, "Back at line 5, iteration 1 begins with `x = 1`.", "execution is not back at line 5"),  # first arrival
    (7, "Back at line 5, iteration 2 begins with `x = 1`.", "wrong moment"),
    (10, "Back at line 4, the loop condition is checked again.", "missing step"),  # line 5 runs first
])
def test_back_at_a_line_is_rejected_when_it_did_not_run_before_or_is_not_next(nested, index, paragraph, reason):
    rejected(nested, index, paragraph, reason)


@pytest.mark.parametrize("paragraph", [
    "Line 5 goes back to the `for` loop, finds no more items, and so the loop ends after 2 iterations; execution "
    "continues at line 9.",
    "Line 5 goes back to the `for` loop; with no more items, the loop ends after 2 iterations and execution "
    "continues at line 9.",
])
def test_the_end_of_a_for_loop_in_other_wordings(nested, paragraph):
    accepted(nested, 10, paragraph)


def test_a_wrong_count_at_the_end_of_a_for_loop_in_other_wordings(nested):
    rejected(nested, 10, "Line 5 goes back to the `for` loop; with no more items, the loop ends after 3 iterations "
                         "and execution continues at line 9.", "2 iterations")


@pytest.mark.parametrize("paragraph, ok", [
    ("Line 6 checks `x > 1`, which is False, so the `continue` is skipped and execution continues at line 8.", True),
    ("Line 6 checks `x > 1`, which is True, so the `continue` is skipped and execution continues at line 8.", False),
])
def test_a_condition_which_is_true_or_false(nested, paragraph, ok):
    if ok:
        accepted(nested, 5, paragraph)
    else:
        rejected(nested, 5, paragraph, "")


SQUARES = "def squares(n):\n    for k in range(n):\n        yield k * k\n\n\ndef f(n):\n    out = []\n" \
          "    for v in squares(n):\n        out.append(v)\n    return out\n"
YIELDED = "`squares` yields `0`, handing control back to its caller, and "


@pytest.mark.parametrize("clause, reason", [
    ("iteration 1 of the loop at line 8 begins with `v = 0`.", ""),
    ("iteration 2 of the loop at line 8 begins with `v = 0`.", "line 8 starts iteration 1"),
    ("iteration 1 of the loop at line 8 begins with `v = 1`.", "`v` is `0`"),
    ("iteration 1 of the loop at line 2 begins with `v = 0`.", "execution is not back at line 2"),
])
def test_an_iteration_named_by_its_loop_line_after_a_yield_is_back_at_that_header(clause, reason):
    result, paragraphs = template(SQUARES, "f(2)")
    assert paragraphs[6].startswith("`squares` yields `0`") and paragraphs[7].startswith("Back at line 8")
    merged = (result, paragraphs[:7] + paragraphs[8:])  # the yield and the `Back at line 8` paragraph as one
    if reason:
        rejected(merged, 6, YIELDED + clause, reason)
    else:
        accepted(merged, 6, YIELDED + clause)


FACTORS = "def f(n):\n    d = 2\n    out = []\n    while d * d <= n:\n        while n % d == 0:\n" \
          "            out.append(d)\n            n //= d\n        d += 1\n    return out\n"


@pytest.mark.parametrize("which, reason", [("inner ", ""), ("", ""), ("outer ", "not an outer loop")])
def test_a_while_iteration_may_name_its_loop_inner_or_outer_when_it_is(which, reason):
    result, paragraphs = template(FACTORS, "f(12)")
    index = next(k for k, p in enumerate(paragraphs) if p.startswith("Line 5"))
    paragraph = ("Line 5 checks the loop condition `n % d == 0` with `n = 12` and `d = 2`; step by step, `n % d = 0`, "
                 f"so `n % d == 0` is True and iteration 1 of the {which}loop runs, starting at line 6.")
    if reason:
        rejected((result, paragraphs), index, paragraph, reason)
    else:
        accepted((result, paragraphs), index, paragraph)


def test_a_for_loop_that_finds_no_more_items_and_ends(nested):
    accepted(nested, 10, "Line 5 goes back to the `for` loop, finds no more items, and the loop ends after 2 "
                         "iterations; execution continues at line 9.")
    rejected(nested, 10, "Line 5 goes back to the `for` loop, finds no more items, and the loop ends after 1 "
                         "iteration; execution continues at line 9.", "2 iterations")


SAFE = "def f(pairs):\n    out = []\n    for a, b in pairs:\n        try:\n            out.append(a // b)\n" \
       "        except ZeroDivisionError:\n            out.append(-1)\n    return out\n"


def test_the_body_of_an_except_clause_runs_next():
    result, paragraphs = template(SAFE, "f([(5, 0)])")
    index = next(k for k, p in enumerate(paragraphs) if p.startswith("Line 6"))
    accepted((result, paragraphs), index,
             "Line 6 is the `except` clause that catches the exception, so the body runs next, at line 7.")
    rejected((result, paragraphs), index,
             "Line 6 is the `except` clause that catches the exception, so the body runs next, at line 8.",
             "line 7 runs")
