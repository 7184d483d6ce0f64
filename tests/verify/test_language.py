"""Saying more, as checked claims: quantities in the problem's words, the answer to the problem's
question, the author's comments, how numbers move, why comparisons hold, last iterations, flips."""

import re

import pytest

from tracepile.authored import comments, comments_about, comments_before_def, last_question, name_words, quotable
from tracepile.engine import trace
from tracepile.narration import narrate
from tracepile.narration.phrasing import meaningful, problem_quote
from tracepile.verification import verify

PROBLEM = ("Janet's ducks lay 16 eggs per day. She eats 3 for breakfast every morning and bakes muffins "
           "with 4 every day. She sells the rest at the market for $2 per egg. "
           "How much in dollars does she make every day at the market?")
JANET = '''def solution():
    eggs_per_day = 16
    eaten = 3
    baked = 4
    price = 2
    eggs_left = eggs_per_day - eaten - baked
    earnings = eggs_left * price
    return earnings
'''
COMMENTED = '''# Count the positive numbers of a list.


def count_pos(xs):
    # start from zero positives
    n = 0
    for x in xs:
        if x > 0:  # only strictly positive numbers count
            n += 1
    return n
'''
ACCUMULATE = '''def f(xs):
    best = 0
    total = 3
    for x in xs:
        best = max(best, x)
        total *= 2
        if x > 2:
            total -= x
    return best, total
'''


@pytest.fixture(scope="module")
def janet():
    result = trace(JANET, "solution()")
    return result, narrate(result, problem=PROBLEM).response


@pytest.fixture(scope="module")
def commented():
    result = trace(COMMENTED, "count_pos([3, -1, 2])")
    return result, narrate(result).response


@pytest.fixture(scope="module")
def accumulate():
    result = trace(ACCUMULATE, "f([3, 1, 5, 2])")
    return result, narrate(result, seed=3).response


def rejected(text, result, problem="", reason=""):
    report = verify(text, result, problem=problem)
    assert not report.passed
    assert reason in " ".join(report.failures + report.unverifiable)
    return report


# ---------------------------------------------------------------- the author's words, read from the record

def test_comments_are_read_by_line_and_never_from_strings():
    code = 's = "# not a comment"  # a real one\n# alone above\nx = 1\n'
    found = comments(code)
    assert sorted(found) == [1, 2]
    assert (found[1].text, found[1].alone, found[2].alone) == ("a real one", False, True)
    assert [c.line for c in comments_about(code, 3)] == [2]
    assert [c.line for c in comments_about(code, 1)] == [1]
    assert [c.line for c in comments_before_def("# what f does\n\n\ndef f():\n    pass\n", 4)] == [1]


def test_name_words_questions_and_quotable_comments():
    assert name_words("eggs_per_day") == ("eggs", "per", "day")
    assert name_words("totalCost2") == ("total", "cost")
    assert last_question("She has 3.5 kg. How much is left? Give it in kg.") == "How much is left?"
    assert last_question('It says "hi". What did it say?') == "What did it say?"
    assert last_question("No question here.") == ""
    assert quotable("only strictly positive numbers count")
    assert not quotable("noqa: E501") and not quotable('say "x" twice') and not quotable("x")


def test_a_number_is_quoted_only_from_its_own_clause():
    assert problem_quote(PROBLEM, "eggs_per_day", "16") == "Janet's ducks lay 16 eggs per day"
    assert problem_quote(PROBLEM, "price", "2") == "She sells the rest at the market for $2 per egg"
    assert problem_quote("Tom has 2 cats and 2 dogs.", "count", "2") is None  # which 2: ambiguous
    assert problem_quote(PROBLEM, "total", "99") is None
    # a ratio, a thousands separator or a decimal point does not end a clause
    ratio = "Three friends share $392 in the ratio 6:5:3. How many dollars does the largest share get?"
    assert problem_quote(ratio, "part_b", "5") == "Three friends share $392 in the ratio 6:5:3"
    assert problem_quote("A car costs $1,200, and a bike costs $300.", "car", "1200") is None  # "1,200" is no 1200
    assert problem_quote("A car costs $1,200, and a bike costs $300.", "bike", "300") == "a bike costs $300"


def test_names_that_read_badly_after_the_are_not_given_a_meaning():
    assert meaningful("after_giving") == () and meaningful("with_tax") == ()
    assert meaningful("total_cookies") == ("total", "cookies")


# ---------------------------------------------------------------- math in the problem's terms

def test_math_text_quotes_the_problem_and_answers_its_question(janet):
    result, text = janet
    report = verify(text, result, problem=PROBLEM)
    assert report.passed, report.failures + report.unverifiable
    assert "The problem says \"Janet's ducks lay 16 eggs per day\"" in text
    assert re.search(r"the eggs left (?:comes to|is now|is) `9`", text)
    # the clause of `eggs_per_day` states no other quantity: it is not quoted for `eggs_left`
    assert not re.search(r'The problem (?:mentions|refers to) (?:it|this) in "Janet\'s ducks lay 16 eggs per day"', text)
    assert 'So the answer to the question "How much in dollars does she make every day at the market?" is `18`.' \
        in text


def test_quotes_need_the_problem_they_quote(janet):
    result, text = janet
    rejected(text, result, problem="", reason="the problem text has no such words")


@pytest.mark.parametrize("good, bad, reason", [
    ("lay 16 eggs per day", "lay 16 eggs per week", "the problem text has no such words"),
    ('"She eats 3 for breakfast every morning"', '"bakes muffins with 4 every day"', "do not mention"),
    ("`9`.", "`10`.", "is `9`"),
    ("at the market?\" is `18`", "at the market?\" is `19`", "the run returns `18`"),
    ("How much in dollars", "How many eggs", "the problem's last question is another"),
])
def test_false_problem_claims_are_rejected(janet, good, bad, reason):
    result, text = janet
    assert good in text
    rejected(text.replace(good, bad, 1), result, PROBLEM, reason)


@pytest.mark.parametrize("quote, reason", [
    ("Janet's ducks lay 16 eggs per day", "state `eggs_per_day`, not `eggs_left`"),  # another given's clause
    ("She eats 3 for breakfast every morning", "names nothing line"),
])
def test_a_mention_quotes_no_clause_of_another_quantity(janet, quote, reason):
    result, text = janet
    said = re.search(r"the eggs left (?:comes to|is now|is) `9`\.", text).group(0)
    rejected(text.replace(said, said + f' The problem mentions it in "{quote}".', 1), result, PROBLEM, reason)


def test_leaving_out_the_answer_to_the_question_is_a_missing_fact(janet):
    result, text = janet
    kept = [p for p in text.split("\n\n") if not p.startswith("So the answer to the question")]
    rejected("\n\n".join(kept), result, PROBLEM, "no sentence answers the problem's question")


def test_the_answer_to_the_question_comes_after_the_run(janet):
    result, text = janet
    parts = text.split("\n\n")
    answer = next(i for i, p in enumerate(parts) if p.startswith("So the answer to the question"))
    parts.insert(1, parts.pop(answer))
    rejected("\n\n".join(parts), result, PROBLEM, "answered before the run ends")


# ---------------------------------------------------------------- comments

def test_comments_are_quoted_once_and_checked_verbatim(commented):
    result, text = commented
    assert verify(text, result).passed
    assert re.search(r'^(?:We enter|The call enters|Calling) `count_pos` with `xs = \[3, -1, 2\]`\. The comment at line 1 '
                     r'(?:says|reads|explains): "Count the positive numbers of a list"\.$', text, re.M)
    assert text.count("The comment at line 5") == 1 and text.count("The comment at line 8") == 1
    for good, bad, reason in (("only strictly positive", "only positive", "other text"),
                              ("The comment at line 8", "The comment at line 7", "holds no comment"),
                              ("The comment at line 1", "The comment at line 5", "holds no comment")):
        rejected(text.replace(good, bad, 1), result, reason=reason)


# ---------------------------------------------------------------- how numbers move, why conditions hold

def test_moves_stays_and_reasons_are_stated_and_verified(accumulate):
    result, text = accumulate
    assert verify(text, result).passed
    assert re.search(r"`total` doubles, from `3` to `6`", text)
    assert re.search(r"`best` (?:stays|remains) at `3`", text)
    assert re.search(r"`x > 2` is True because `x = 3` is (?:greater|larger) than `2`", text)
    assert re.search(r"`x > 2` is False because `x = 1` is at most `2`", text)


@pytest.mark.parametrize("pattern, replace, reason", [
    (r"doubles, from `3` to `6`", "doubles, from `3` to `7`", "is `6` after line"),
    (r"(?:stays|remains) at `3`", "stays at `4`", "goes from"),
    (r"is (?:greater|larger) than `2`", "is at most `2`", "does not hold"),
    (r"`x = 1` is at most `2`", "`x = 1` is at least `2`", "does not hold"),
    (r"`total` (?:steps down|shrinks|goes down|decreases|drops|falls)", "`total` grows", "does not grows"),
])
def test_false_moves_and_reasons_are_rejected(accumulate, pattern, replace, reason):
    result, text = accumulate
    assert re.search(pattern, text), pattern
    rejected(re.sub(pattern, replace, text, count=1), result, reason=reason)


def test_a_product_says_its_factor():
    result = trace("def f(n):\n    p = 1\n    for _ in range(n):\n        p *= 5\n    return p\n", "f(3)")
    text = narrate(result).response
    assert verify(text, result).passed
    assert "`p` is multiplied by `5`, from `5` to `25`" in text
    rejected(text.replace("multiplied by `5`, from `5`", "multiplied by `4`, from `5`", 1), result,
             reason="not multiplied by that factor")


def test_membership_and_string_equality_say_why():
    code = "def f(s, seen):\n    n = 0\n    for c in s:\n        if c in seen:\n            n += 1\n" \
           "        if c == 'b':\n            n += 10\n    return n\n"
    result = trace(code, "f('ab', {'a'})")
    text = narrate(result).response
    assert verify(text, result).passed
    assert "because `c = 'a'` is in `seen = {'a'}`" in text and "because `c = 'b'` is not in `seen = {'a'}`" in text
    assert "because `c = 'b'` is equal to `'b'`" in text
    rejected(text.replace("is not in `seen", "is in `seen", 1), result, reason="does not hold")


def test_a_negation_names_the_operand_that_decides_it():
    code = "def f(xs):\n    done = False\n    for x in xs:\n        if not done:\n            done = x > 1\n    return done\n"
    result = trace(code, "f([1, 2, 3])")
    text = narrate(result).response
    assert verify(text, result).passed
    assert "`not done` is True because `done = False`" in text and "`not done` is False because `done = True`" in text
    rejected(text.replace("because `done = False`", "because `done = True`", 1), result, reason="is `False` before")
    rejected(text.replace("because `done = False`", "because `x = 1`", 1), result, reason="not part of the condition")


def test_last_iteration_and_flipped_outcomes_are_checked(accumulate):
    result, text = accumulate
    last = re.search(r"iteration 4[^.]*?; it is the last iteration of the loop", text)
    total = re.search(r"iteration 1[^.]*?; `xs` holds 4 items, so the loop will run 4 times", text)
    assert last and total
    assert "flips" not in text  # `x > 2` flips at every check, but the loop goes on: nothing to explain
    rejected(text.replace("will run 4 times", "will run 5 times"), result, reason="the loop runs 4 iterations")
    rejected(text.replace("holds 4 items", "holds 5 items"), result, reason="holds 4 items")
    # `xs` was stated on entry and the loop leaves it alone: its size is read off it without the ground sentence
    assert verify(text.replace("`xs` holds 4 items, so the loop will run 4 times", "the loop runs 4 iterations in all"),
                  result).passed
    moved = text.replace("iteration 4", "iteration 3", 1)
    early = re.sub(r"(iteration 3(?: begins with|,? starts:|, with)[^.;]*)", r"\1; it is the last iteration of the loop",
                   text, count=1)
    assert early != text
    rejected(early, result, reason="the loop runs 4 iterations")
    assert not verify(moved, result).passed


def test_a_flip_is_said_where_it_ends_the_loop():
    code = "def f(xs):\n    total = 0\n    for x in xs:\n        if total > 5:\n            break\n        total += x\n" \
           "    return total\n"
    result = trace(code, "f([3, 4, 5])")
    text = narrate(result).response
    assert verify(text, result).passed
    flip = re.search(r"this flips the outcome of the previous check at line 4, which was (true|false)", text)
    assert flip and flip.group(1) == "false" and text.count("flips") == 1
    rejected(text[:flip.start(1)] + "true" + text[flip.end(1):], result, reason="the previous check was")
