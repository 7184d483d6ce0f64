"""Misleading wording the second readers found (issue 18, issue 19 item 7): change words that name another
operation, 'goes back to the `for` loop' on its first arrival, 'the same path' over iterations whose one-line
loops did different work. Each false sentence is rejected and the true wording accepted."""

import pytest

from tracepile.engine import trace
from tracepile.narration import narrate
from tracepile.updates import ADDS, DIVIDES, MULTIPLIES, OTHER, update_kind
from tracepile.verification import verify

UPDATES = '''def f(base, x, m, pi):
    place = 1
    place *= base
    s = 3
    s += x
    base = base * base % m
    value = 123
    value //= 10
    idx = 2
    idx += 2
    total = 1800
    total += 3600
    k = 3
    k = pi[k - 1]
    h = 10
    h %= 6
    return place + s + base + value + idx + total + k + h
'''


@pytest.fixture(scope="module")
def updates():
    result = trace(UPDATES, "f(10, 3, 121, [0, 0, 1])")
    text = narrate(result).response
    assert verify(text, result).passed
    return result, text


def swapped(run, old: str, new: str):
    result, text = run
    assert old in text, old
    return verify(text.replace(old, new, 1), result)


@pytest.mark.parametrize("source, name, kind", [
    ("place *= base", "place", MULTIPLIES), ("s += x", "s", ADDS), ("x = x - 1", "x", ADDS), ("x = 1 + x", "x", ADDS),
    ("x = 2 * x", "x", MULTIPLIES), ("value //= 10", "value", DIVIDES), ("base = base * base % m", "base", OTHER),
    ("old_r, r = r, old_r - q * r", "old_r", OTHER), ("k = pi[k - 1]", "k", OTHER), ("h %= 7", "h", OTHER),
    ("x = 1 - x", "x", OTHER), ("best = max(best, i)", "best", OTHER), ("for i in range(3):", "i", OTHER)])
def test_the_update_a_line_makes_is_read_from_its_code(source, name, kind):
    assert update_kind(source, name) == kind


@pytest.mark.parametrize("line, name, old, new, false_words", [
    (3, "place", 1, 10, ["grows by `9`", "goes up by `9`", "steps up"]),
    (5, "s", 3, 6, ["doubles", "is multiplied by `2`"]),
    (6, "base", 10, 100, ["grows by `90`", "is multiplied by `10`"]),
    (8, "value", 123, 12, ["goes down by `111`", "drops by `111`"]),
    (10, "idx", 2, 4, ["doubles", "is multiplied by `2`"]),
    (12, "total", 1800, 5400, ["is multiplied by `3`"]),
    (14, "k", 3, 1, ["falls by `2`", "shrinks by `2`"]),
    (16, "h", 10, 4, ["goes down by `6`", "decreases by `6`"]),
])
def test_change_words_that_name_another_operation_are_rejected(updates, line, name, old, new, false_words):
    result, text = updates
    paragraph = next(p for p in text.split("\n\n") if p.startswith(f"Line {line} "))
    said = paragraph[paragraph.index(f"`{name}` "):].rstrip(".")
    for words in false_words:
        report = swapped(updates, said, f"`{name}` {words}, from `{old}` to `{new}`")
        assert not report.passed, words
        assert any("names another operation" in s.reason for s in report.sentences if s.verdict == "false")
    assert swapped(updates, said, f"`{name}` goes from `{old}` to `{new}`").passed
    direction = "grows" if new > old else "drops"  # a direction without an amount names no operation
    assert swapped(updates, said, f"`{name}` {direction}, from `{old}` to `{new}`").passed


def test_change_words_that_match_the_operation_are_accepted(updates):
    for true in ("`total` grows by `3600`, from `1800` to `5400`", "`total` goes up by `3600`, from `1800` to `5400`"):
        paragraph = next(p for p in updates[1].split("\n\n") if p.startswith("Line 12 "))
        said = paragraph[paragraph.index("`total` "):].rstrip(".")
        assert swapped(updates, said, true).passed
    paragraph = next(p for p in updates[1].split("\n\n") if p.startswith("Line 10 "))
    said = paragraph[paragraph.index("`idx` "):].rstrip(".")
    assert swapped(updates, said, "`idx` grows by `2`, from `2` to `4`").passed


def test_the_template_says_moves_in_the_operation_s_words(updates):
    text = updates[1]
    assert "`place` goes from `1` to `10`" in text and "`base` goes from `10` to `100`" in text
    assert "`value` goes from `123` to `12`" in text and "`k` goes from `3` to `1`" in text
    assert "`idx` doubles" not in text and "`total` is multiplied" not in text


MULTIPLY = '''def f(n):
    total = 3
    total *= 4
    half = 8
    half //= 2
    return total + half
'''


def test_doubles_multiplied_and_halves_for_their_own_operations():
    result = trace(MULTIPLY, "f(1)")
    text = narrate(result).response
    assert "`total` is multiplied by `4`, from `3` to `12`" in text and "`half` halves, from `8` to `4`" in text
    assert verify(text, result).passed
    assert not verify(text.replace("`half` halves", "`half` shrinks by `4`"), result).passed
    assert not verify(text.replace("`total` is multiplied by `4`", "`total` grows by `9`"), result).passed


LOOPS = '''def f(adj, u, seen):
    seen.add(u)
    for v in adj[u]:
        if v not in seen:
            f(adj, v, seen)
    return len(seen)
'''


def test_a_for_loop_is_gone_back_to_only_after_its_header_ran_in_this_run():
    result = trace(LOOPS, "f([[1], []], 0, set())")
    text = narrate(result).response
    first = "Line 3 reaches the `for` loop; there is nothing to iterate over"
    assert first in text and verify(text, result).passed
    for false_words in ("goes back to the `for` loop", "returns to the head of the `for` loop",
                        "comes back to the `for` loop"):
        report = verify(text.replace("reaches the `for` loop", false_words, 1), result)
        assert not report.passed
        assert any("first time" in s.reason for s in report.sentences if s.verdict == "false")
    assert verify(text.replace("reaches the `for` loop", "enters the `for` loop", 1), result).passed
    later = "Line 3 returns to the head of the `for` loop; there are no more items"
    alternative = "Line 3 goes back to the `for` loop; there are no more items"
    assert later in text or alternative in text  # after iteration 1 of the outer call's loop: true


WINDOW = '''def f(a, k):
    j = 0
    best = 0
    for i in range(len(a)):
        while a[i] - a[j] > k: j += 1
        best = max(best, i - j + 1)
    return best
'''


def test_iterations_whose_one_line_loops_did_different_work_do_not_take_the_same_path():
    result = trace(WINDOW, "f([1, 2, 3, 10, 11, 12], 2)")
    text = narrate(result).response
    assert verify(text, result).passed and "take the same path" not in text  # iteration 4 moves `j`, 3 and 5 do not
    paragraphs = text.split("\n\n")
    begin = next(i for i, p in enumerate(paragraphs) if "iteration 3" in p)
    end = next(i for i, p in enumerate(paragraphs) if "iteration 6" in p)
    summary = "Iterations 3 to 5 of the loop at line 4 take the same path; after iteration 5, `i = 4`, `best = 3` " \
              "and `j = 3`."
    false_text = "\n\n".join(paragraphs[:begin] + [summary] + paragraphs[end:])
    assert not verify(false_text, result).passed
    same = trace(WINDOW, "f([1, 2, 3, 4, 5, 6, 7, 8], 20)")  # the one-line loop never moves `j`
    same_text = narrate(same).response
    assert "take the same path" in same_text and verify(same_text, same).passed


MACHINES = '''def solution():
    rate_a = 12
    rate_b = 8
    target = 60
    combined_rate = rate_a + rate_b
    hours = target // combined_rate
    return hours
'''
MACHINES_PROBLEM = ("Machine A makes 12 widgets per hour and machine B makes 8 widgets per hour. Working together, "
                    "how many hours will they take to make 60 widgets?")
STORES = '''def solution():
    pack_a = 4
    price_a = 5
    pack_b = 10
    price_b = 5
    each_share = price_a + price_b
    return each_share
'''
STORES_PROBLEM = ("Store A sells packs of 4 batteries for $5 a pack. "
                  "Store B sells packs of 10 batteries for $5 a pack. "
                  "How many dollars do the two packs cost together?")


def narrated(code: str, problem: str):
    result = trace(code, "solution()")
    text = narrate(result, problem=problem).response
    assert verify(text, result, problem=problem).passed
    return result, text


def test_a_mention_quotes_the_clause_of_the_quantity_not_of_another_given():
    result, text = narrated(MACHINES, MACHINES_PROBLEM)
    true = 'The problem refers to it in "how many hours will they take to make 60 widgets".'
    said = next(s for s in ('The problem refers to it in "how many hours will they take to make 60 widgets".',
                            'The problem mentions it in "how many hours will they take to make 60 widgets".',
                            'The problem refers to this in "how many hours will they take to make 60 widgets".',
                            'The problem mentions this in "how many hours will they take to make 60 widgets".')
                if s in text)
    assert "Machine A makes 12 widgets per hour\"." not in text.split("`hours = 3`")[-1]
    assert verify(text.replace(said, true), result, problem=MACHINES_PROBLEM).passed
    report = verify(text.replace(said, 'The problem refers to it in "Machine A makes 12 widgets per hour".'), result,
                    problem=MACHINES_PROBLEM)
    assert not report.passed
    assert any("state `rate_a`" in s.reason for s in report.sentences if s.verdict == "false")


def test_a_given_is_quoted_from_the_clause_that_states_it():
    result, text = narrated(STORES, STORES_PROBLEM)
    own = ('The problem says "Store B sells packs of 10 batteries for $5 a pack", '
           'and that is where `price_b = 5` comes from.')
    paragraph = next(p for p in text.split("\n\n") if p.startswith("Line 5 "))
    assert "Store B sells packs of 10 batteries for $5 a pack" in paragraph
    base = text.replace(paragraph, "Line 5 runs; after it, `price_b = 5`. " + own)
    assert verify(base, result, problem=STORES_PROBLEM).passed
    wrong = own.replace("Store B sells packs of 10 batteries", "Store A sells packs of 4 batteries")
    report = verify(base.replace(own, wrong), result, problem=STORES_PROBLEM)
    assert not report.passed
    assert any("not the clause that states `price_b`" in s.reason for s in report.sentences if s.verdict == "false")


def test_names_that_open_with_each_or_per_are_not_read_as_the_each_share():
    result, text = narrated(STORES, STORES_PROBLEM)
    assert "the each share" not in text


CLOSURE = '''def outer(xs):
    k = 3
    def inner(x):
        return x * k
    out = []
    for x in xs:
        out.append(inner(x))
    return out
'''


def test_names_a_closure_sees_are_not_call_arguments():
    result = trace(CLOSURE, "outer([1, 2])")
    text = narrate(result).response
    assert verify(text, result).passed
    opening = next(p for p in text.split("\n\n") if "`inner` (depth 2) with `x = 1`" in p)
    assert "`k = 3`" not in opening
    false_opening = opening.replace("with `x = 1`", "with `x = 1` and `k = 3`")
    report = verify(text.replace(opening, false_opening, 1), result)
    assert not report.passed
    assert any("`k` is not an argument of `inner`" in s.reason for s in report.sentences if s.verdict == "false")
    # line 4 may still say what `k` holds when it reads it
    assert "`k = 3`" in next(p for p in text.split("\n\n") if p.startswith("Line 4 "))


SIDE_EFFECT = '''def visit(adj, u, seen):
    seen.add(u)
    for v in adj[u]:
        if v not in seen:
            visit(adj, v, seen)
    return len(seen)


def count(adj):
    seen = set()
    n = visit(adj, 0, seen)
    return n + len(seen)
'''


def test_a_callee_s_side_effect_is_credited_to_the_callee():
    result = trace(SIDE_EFFECT, "count([[1], []])")
    text = narrate(result).response
    assert verify(text, result).passed
    said = "Back at line 5, `seen` is now `{0, 1}`, changed inside `visit`."
    assert said in text
    for false_sentence, reason in (
            ("Back at line 5, this sets `seen = {0, 1}`.", "own code does not set `seen`"),
            ("Back at line 5, `seen` is now `{0, 1}`, changed inside `count`.", "calls `visit`"),
            ("Back at line 5, `seen` is now `{0, 2}`, changed inside `visit`.", "`seen`")):
        report = verify(text.replace(said, false_sentence, 1), result)
        assert not report.passed, false_sentence
        assert any(reason in s.reason for s in report.sentences if s.verdict == "false"), false_sentence
    for true_sentence in ("Back at line 5, now `seen = {0, 1}`.", "Back at line 5, so `seen = {0, 1}`."):
        assert verify(text.replace(said, true_sentence, 1), result).passed
    # at line 11 the call binds `n` itself (set by the line) and `seen` changed inside `visit`
    back = next(p for p in text.split("\n\n") if p.startswith("Back at line 11,"))
    assert "`seen` is now `{0, 1}`, changed inside `visit`" in back
    assert not verify(text.replace(back, "Back at line 11, `n` is now `2`, changed inside `visit`, and "
                                         "`seen` is now `{0, 1}`, changed inside `visit`.", 1), result).passed


@pytest.mark.parametrize("source, name, direct", [
    ("visit(adj, v, seen)", "seen", False), ("seen.add(u)", "seen", True),
    ("arr[i], arr[j] = arr[j], arr[i]", "arr", True),
    ("x = visit(arr)", "arr", False), ("x = visit(arr)", "x", True), ("for v in adj[u]:", "v", True),
    ("heapq.heappush(heap, (d, v))", "heap", True), ("w, _, g = heapq.heappop(heap)", "heap", True),
    ("self.visit(arr)", "arr", False), ("d[k] += 1", "d", True)])
def test_whether_a_line_s_own_code_changes_a_name(source, name, direct):
    from tracepile.updates import changes_directly
    assert changes_directly(source, name, frozenset({"visit"})) is direct


FUEL = '''def solution():
    distance = 20
    mpg = 20
    gas_price = 3
    round_trip = 2 * distance
    gallons = round_trip // mpg
    return gallons * gas_price
'''
FUEL_PROBLEM = ("Ana drives to a city 20 miles away and back home. Her car goes 20 miles per gallon of gas, and gas "
                "costs $3 per gallon. How much does she spend on gas for the round trip, in dollars?")


def test_a_given_whose_clause_the_words_cannot_tell_may_quote_either_clause_that_states_its_number():
    result, text = narrated(FUEL, FUEL_PROBLEM)
    paragraph = next(p for p in text.split("\n\n") if p.startswith("Line 2 "))
    said = 'Line 2 runs; so `distance = 20`. The problem says "Ana drives to a city 20 miles away", which is where ' \
           '`distance = 20` comes from.'
    assert verify(text.replace(paragraph, said), result, problem=FUEL_PROBLEM).passed
    either = said.replace("Ana drives to a city 20 miles away", "Her car goes 20 miles per gallon of gas")
    assert verify(text.replace(paragraph, either), result, problem=FUEL_PROBLEM).passed  # (words cannot tell)
    wrong = said.replace("Ana drives to a city 20 miles away", "gas costs $3 per gallon")
    assert not verify(text.replace(paragraph, wrong), result, problem=FUEL_PROBLEM).passed


def test_a_set_a_call_changes_and_puts_back_in_another_order_is_not_said_changed_inside_it():
    from pathlib import Path

    import tracepile
    code = (Path(tracepile.__file__).parent / "sources/bundled/algorithms/n_queens.py").read_text()
    result = trace(code, "n_queens(4)")
    text = narrate(result).response
    assert verify(text, result).passed
    assert "`columns` is now `{1, 3}`, changed inside" not in text
