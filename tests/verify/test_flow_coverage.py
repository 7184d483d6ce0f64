"""Coverage and control flow in honest prose: a summary through a loop's last iteration, a condition restated
through its size, output said again after its line, calls made inside a condition, values a call stated for
its caller, and problem questions with an ellipsis; each with its true text accepted and false variants rejected."""

import pytest

from tracepile.authored import last_question, sentences
from tracepile.engine import trace
from tracepile.model import ProgramInput
from tracepile.narration import narrate
from tracepile.verification import verify

CODE = '''def f(n, items):
    total = 0
    for i in range(n):
        total += i
    queue = list(items)
    while queue:
        queue.pop()
    print(total)
    state = [0, 0]

    def visit(u):
        state[u] = 1
        return False

    for u in range(2):
        if u > 0 and visit(u):
            return -1
    return total
'''
CALL = "f(3, [5])"
# the template text's paragraphs, by index: 2-8 the for loop at line 3 (iterations at 2, 4, 6; its end at 8),
# 10-12 the while loop at line 6, 13 the print at line 8, 16-25 the loop at line 15 whose iteration 2 calls
# `visit` from line 16 (19), the call (20-23) and the return to line 16 (24)


@pytest.fixture(scope="module")
def run():
    result = trace(CODE, CALL)
    text = narrate(result).response
    assert verify(text, result).passed
    return result, text.split("\n\n")


def check(run, start: int, stop: int, *paragraphs: str):
    """The template text with its paragraphs start..stop-1 replaced by `paragraphs`."""
    result, original = run
    return verify("\n\n".join(original[:start] + list(paragraphs) + original[stop:]), result)


def accepted(run, start, stop, *paragraphs):
    report = check(run, start, stop, *paragraphs)
    assert report.passed, [(s.sentence, s.reason) for s in report.sentences if s.verdict != "verified"]


def rejected(run, start, stop, *paragraphs):
    assert not check(run, start, stop, *paragraphs).passed, paragraphs


SUMMARY = "Iterations 2 to 3 of the loop at line 3 take the same path; after iteration 3, `i = 2` and `total = 3`."
ENDS = ("Line 3 goes back to the `for` loop; there are no more items, so the loop ends after 3 iterations and "
        "execution continues at line 5.")


def test_a_summary_may_cover_the_loops_last_iteration(run):
    accepted(run, 4, 9, SUMMARY, ENDS)
    rejected(run, 4, 9, SUMMARY.replace("2 to 3", "2 to 4"), ENDS)  # the loop has no iteration 4
    rejected(run, 4, 9, SUMMARY.replace("after iteration 3", "after iteration 2"), ENDS)
    rejected(run, 4, 9, SUMMARY.replace("`total = 3`", "`total = 4`"), ENDS)
    rejected(run, 4, 9, SUMMARY, ENDS.replace("after 3 iterations", "after 4 iterations"))
    rejected(run, 4, 9, SUMMARY)  # the loop's end is a step of its own


def test_a_summary_short_of_the_last_iteration_still_needs_the_rest(run):
    two = "Iterations 2 to 2 of the loop at line 3 take the same path; after iteration 2, `i = 1` and `total = 1`."
    rejected(run, 4, 9, two, ENDS)  # iteration 3 is neither summarised nor narrated
    rejected(run, 2, 9, SUMMARY, ENDS)  # iteration 1 is not narrated: the summary cannot start at iteration 2


def test_a_bare_condition_restated_through_its_size(run):
    ends = ("Line 6 checks the loop condition `queue` with `queue = []`; `len(queue) = 0`, which counts as false, "
            "so the loop ends and execution continues at line 8.")
    accepted(run, 12, 13, ends)
    rejected(run, 12, 13, ends.replace("`len(queue) = 0`", "`len(queue) = 1`"))
    rejected(run, 12, 13, ends.replace("counts as false", "counts as true"))
    rejected(run, 12, 13, ends.replace("`len(queue)", "`len(items)"))  # not the line's condition
    runs = ("Line 6 checks the loop condition `queue` with `queue = [5]`; `len(queue) = 1`, which counts as true, "
            "so iteration 1 of the loop runs, starting at line 7.")
    accepted(run, 10, 11, runs)
    rejected(run, 10, 11, runs.replace(".", "; it is the last round of this loop."))  # foreknowledge: a while loop
    rejected(run, 10, 11, runs.replace("`len(queue) = 1`, which counts as true", "`len(queue) = 0`, which counts "
                                                                               "as true"))


def test_output_said_again_after_the_line_that_prints_it(run):
    accepted(run, 13, 14, "Line 8 prints the total held in `total = 3`. It prints `3`.")
    accepted(run, 13, 14, "Line 8 prints the total held in `total = 3`.", "The output is `3`.")
    rejected(run, 13, 14, "Line 8 prints the total held in `total = 3`. It prints `4`.")
    rejected(run, 13, 14, "Line 8 computes with `total = 3`.", "The output is `4`.")


def test_a_call_inside_a_condition_is_said_only_when_it_happens(run):
    calls = "Line 16 checks the condition `u > 0 and visit(u)`; `u > 0` is True, so Python calls `visit`."
    accepted(run, 19, 20, calls)
    skipped = ("Line 16 checks the condition `u > 0 and visit(u)`; `u > 0` is False, so Python calls `visit`; "
               "`u > 0 and visit(u)` is False, so the body is skipped and execution continues at line 15.")
    rejected(run, 17, 18, skipped)  # short-circuit: iteration 1 never calls `visit`


def test_a_closure_variable_stated_in_the_call_need_not_be_stated_again(run):
    back = "Back at line 16, the condition is false, so it skips ahead to line 15."
    accepted(run, 24, 25, back)
    result, original = run
    unstated = original[:21] + ["Line 12 executes."] + original[22:24] + [back] + original[25:]
    assert not verify("\n\n".join(unstated), result).passed  # stated nowhere: the missing fact stays


def test_a_problem_question_with_an_ellipsis_is_one_sentence():
    problem = ("Count the zeros. How many zeros end 12 factorial (the product 1 * 2 * 3 * ... * 12)? It costs 3.5 "
               "dollars.")
    assert last_question(problem) == "How many zeros end 12 factorial (the product 1 * 2 * 3 * ... * 12)?"
    assert sentences(problem)[-1] == "It costs 3.5 dollars."
    assert sentences("A? B! C.") == ["A?", "B!", "C."]


def test_a_name_bound_to_the_lines_own_expression_states_its_new_value():
    result = trace("import sys\nrd = sys.stdin.readline\nn = int(rd())\nprint(n)\n", ProgramInput("stdin", "5\n"))
    text = narrate(result).response
    template = next(p for p in text.split("\n\n") if p.startswith("Line 2 "))

    def passes(paragraph: str) -> bool:
        return verify(text.replace(template, paragraph), result).passed

    assert passes("Line 2 binds `rd` to `sys.stdin.readline`.")
    assert not passes("Line 2 binds `rd` to `sys.stdin.read`.")  # not the line's expression
    assert not passes("Line 2 binds `n` to `sys.stdin.readline`.")  # not the name it binds
    assert not passes("Line 2 runs.")  # the new value of `rd` is stated nowhere


def test_a_return_may_say_where_execution_goes_back_without_the_depth(run):
    accepted(run, 23, 24, "So `visit` returns `False`, and execution goes back to line 16.")
    accepted(run, 22, 24, "Line 13 returns `False`, so `visit` returns `False`, and execution goes back to line 16.")
    rejected(run, 23, 24, "So `visit` returns `False`, and execution goes back to line 15.")
    rejected(run, 23, 24, "So `visit` returns `False`, and execution goes back to line 16 (depth 2).")
    rejected(run, 23, 24, "So `visit` returns `True`, and execution goes back to line 16.")


BREAKS = '''def f(xs):
    total = 0
    for x in xs:
        total += x
        if total > 3:
            break
    for y in xs:
        if y == 2:
            return y
    return 0
'''
# the template text's paragraphs: 2, 5, 8 iterations 1-3 of the loop at line 3 (it breaks in iteration 3);
# 12, 14 iterations 1-2 of the loop at line 7 (its frame returns in iteration 2)


def test_a_loop_left_by_break_or_return_has_a_last_iteration():
    result = trace(BREAKS, "f([1, 2, 3, 4])")
    paragraphs = narrate(result).response.split("\n\n")

    def passes(index: int, paragraph: str) -> bool:
        return verify("\n\n".join(paragraphs[:index] + [paragraph] + paragraphs[index + 1:]), result).passed

    # the loops are left by `break` and `return`: no count or last iteration follows from anything said before
    assert not passes(8, "Line 3 moves the `for` loop on; iteration 3 starts: `x = 3`; it is the last iteration of "
                         "the loop.")
    assert not passes(2, "Line 3 advances the `for` loop; iteration 1 starts: `x = 1`; the loop runs 3 iterations in "
                         "all.")
    assert not passes(2, "Line 3 advances the `for` loop; iteration 1 starts: `x = 1`; `xs` holds 4 items, so the "
                         "loop will run 4 times.")
    assert not passes(14, "Line 7 advances the `for` loop; this is iteration 2, with `y = 2`; it is the last "
                          "iteration of the loop.")


def test_a_call_an_exception_leaves_returns_no_value():
    code = "def check(age):\n    if age < 0:\n        raise ValueError('negative')\n    return age\n"
    result = trace(code, "check(-1)")
    text = narrate(result).response
    unwind = next(p for p in text.split("\n\n") if p.startswith("The exception is not caught"))

    def passes(paragraph: str) -> bool:
        return verify(text.replace(unwind, paragraph), result).passed

    assert passes("The exception is not caught inside `check`, so it leaves `check`, and the call returns no value.")
    assert not passes("The exception is not caught inside `check`, so it leaves `check`, and the call returns `-1`.")
    assert not passes("The exception is not caught inside `check`, so it leaves `main`, and the call returns no value.")
