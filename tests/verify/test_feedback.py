"""Feedback a model can act on: every rejecting claim is kept in the sentence's record with what is
wrong and, where the grammar has one, a sentence that states the fact; feedback() numbers them. Each
hint is true: putting it in the text in place of the failing words makes the text verify."""

import re

from tracepile.engine import trace
from tracepile.model import ProgramInput
from tracepile.narration import narrate
from tracepile.verification import feedback, verify

CART = "def f(cart):\n    if len(cart) > 5:\n        return 1\n    return 0\n"
SCRIPT = "t = int(input())\na = 0.1 + 0.2\nfor k in range(t):\n    a = a * 2\nprint(a)\n"


def cart_text():
    result = trace(CART, "f([])")
    return narrate(result, seed=0).response, result


def script_text():
    result = trace(SCRIPT, ProgramInput("stdin", "2\n"))
    return narrate(result, seed=0).response, result


def test_a_passing_text_has_no_feedback():
    text, result = cart_text()
    report = verify(text, result)
    assert report.passed and feedback(report) == ""
    assert all(s.issues == () and s.hint == "" for s in report.sentences)


def test_a_false_value_names_the_sentence_both_values_and_the_true_span():
    text, result = script_text()
    bad = text.replace("now `a = 0.30000000000000004`", "now `a = 0.3`", 1)
    report = verify(bad, result)
    check = next(s for s in report.sentences if s.verdict == "false")
    assert (check.expected, check.stated, check.hint) == ("0.30000000000000004", "0.3", "`a = 0.30000000000000004`")
    note = feedback(report)
    assert note.splitlines()[1].startswith('1. Paragraph 3, "Line 2 runs; now `a = 0.3`.": false: `a` is '
                                           '`0.30000000000000004` after line 2 runs, not `0.3`.')
    assert verify(bad.replace("`a = 0.3`", check.hint), result).passed


def test_a_missing_new_value_is_stated_by_its_hint():
    text, result = script_text()
    bad = re.sub(r"; (?:so|now|this sets|after it,) `t = 2`", "", text)
    report = verify(bad, result)
    issue = next(i for s in report.sentences for i in s.issues if "new value of `t`" in i.reason)
    assert issue.hint == "Line 1 ...; so `t = 2`."
    assert "missing fact: no sentence states the new value of `t` after line 1" in feedback(report)
    paragraphs = bad.split("\n\n")
    line1 = next(k for k, p in enumerate(paragraphs) if p.startswith("Line 1 "))
    paragraphs[line1] = paragraphs[line1][:-1] + issue.hint[len("Line 1 ..."):]
    assert verify("\n\n".join(paragraphs), result).passed


def test_a_missing_step_is_given_as_the_paragraph_that_narrates_it():
    text, result = cart_text()
    paragraphs = text.split("\n\n")
    returned = next(k for k, p in enumerate(paragraphs) if "returns `0`." in p and p.startswith("So `f`"))
    report = verify("\n\n".join(paragraphs[:returned] + paragraphs[returned + 1:]), result)
    issue = next(i for s in report.sentences for i in s.issues if "missing step" in i.reason)
    assert issue.hint == "The call to `f` returns `0`."
    fixed = paragraphs[:returned] + [issue.hint] + paragraphs[returned + 1:]
    assert verify("\n\n".join(fixed), result).passed


def test_a_reason_that_is_not_the_lines_own_is_given_the_lines_comparison():
    text, result = cart_text()
    report = verify(text.replace("at most `5`", "at most `4`"), result)
    check = next(s for s in report.sentences if s.verdict == "false")
    assert check.hint == "because `len(cart) = 0` is at most `5`"
    assert "its comparisons: `len(cart) > 5`" in feedback(report)


def test_a_wrong_condition_outcome_and_next_line_are_corrected_by_their_hints():
    text, result = cart_text()
    bad = text.replace("is False because", "is True because").replace("skips ahead to line 4", "skips ahead to line 3")
    report = verify(bad, result)
    hints = [i.hint for s in report.sentences for i in s.issues]
    assert "`len(cart) > 5` is False" in hints and "line 4 runs next" in hints


def test_every_issue_of_a_sentence_is_kept_and_numbered_false_ones_first():
    text, result = cart_text()
    bad = text.replace("at most `5`, so", "at most `4` twice, so").replace("Final answer: 0", "Final answer: 1")
    report = verify(bad, result)
    check = next(s for s in report.sentences if s.sentence.startswith("Line 2"))
    assert [i.verdict for i in check.issues] == ["false", "unverifiable"]
    lines = feedback(report).splitlines()
    assert [line[:3] for line in lines[1:]] == ["1. ", "2. ", "3. "]
    assert ": unverifiable: unverifiable words outside any claim: twice. Say it with a form" in lines[3]
    assert "wrong final answer (the run has '0', the text says '1'). State it as: 'Final answer: 0'." in lines[2]


def test_feedback_is_capped_with_a_count_of_the_rest():
    text, result = script_text()
    bad = re.sub(r"`(\w) = ([^`]+)`", lambda m: f"`{m.group(1)} = 99`", text)
    report = verify(bad, result)
    lines = feedback(report, limit=2).splitlines()
    assert len(lines) == 4 and re.fullmatch(r"\.\.\. and \d+ more\.", lines[-1])


def test_a_wrong_side_of_a_because_is_given_the_whole_corrected_comparison():
    code = "def f(key, a):\n    if key not in a:\n        return 1\n    return 0\n"
    result = trace(code, "f('foo', {})")
    text = narrate(result, seed=0).response
    assert "because `key = 'foo'` is not in `a = {}`" in text
    swapped = text.replace("because `key = 'foo'` is not in `a = {}`", "because `key = {}` is not in `a = 'foo'`")
    report = verify(swapped, result)
    hint = next(s.hint for s in report.sentences if s.verdict == "false")
    assert hint == "because `key = 'foo'` is not in `a = {}`"
    assert verify(swapped.replace("because `key = {}` is not in `a = 'foo'`", hint), result).passed
