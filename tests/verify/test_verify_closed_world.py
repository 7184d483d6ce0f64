"""Closed-world verification: every sentence is accounted for, claims are checked at their exact
moment and as exact literals, the whole run must be narrated, and each failing sentence is reported."""

import re

import pytest

from tracepile.engine import trace
from tracepile.model import ProgramInput
from tracepile.narration import narrate
from tracepile.verification import GRAMMAR_VERSION, failing_sentences, format_report, verify

SQUARES = '''def helper(v):
    return v * v


def f(xs):
    total = 0
    for x in xs:
        if x > 0:
            total += helper(x)
        else:
            total -= 1
    return total
'''
UNIFORM = '''def f(n):
    s = 0
    for i in range(n):
        s += i
    return s
'''
FLOATS = '''def f():
    x = 8.0
    flag = True
    return x
'''
SCRIPT = '''n = int(input())
for i in range(n):
    print(i * i)
'''


@pytest.fixture(scope="module")
def squares():
    result = trace(SQUARES, "f([2, -1, 3, 1, 2, 4, -5])")
    return result, narrate(result).response


def paragraphs_of(text):
    return text.split("\n\n")


def test_template_text_passes_with_every_sentence_verified(squares):
    result, text = squares
    report = verify(text, result)
    assert report.passed, report.failures + report.unverifiable
    assert report.grammar_version == GRAMMAR_VERSION
    assert report.sentences and all(s.verdict == "verified" for s in report.sentences)


@pytest.mark.parametrize("planted", [
    "At this point total is 7.",
    "Now `total == 7`.",
    "Here `total` is 7.",
    "The list is empty, so nothing changes.",
    "It never runs again.",
])
def test_a_sentence_outside_the_grammar_rejects_the_text_and_is_quoted(squares, planted):
    result, text = squares
    parts = paragraphs_of(text)
    parts[3] += " " + planted
    report = verify("\n\n".join(parts), result)
    assert not report.passed
    bad = [s for s in report.sentences if s.verdict in ("unverifiable", "false")]
    assert [s.sentence for s in bad] == [planted]
    assert any(planted in u for u in report.unverifiable + report.failures)


def test_a_true_claim_inside_a_negated_sentence_is_rejected(squares):
    result, text = squares
    match = re.search(r"Line 6 (?:reads|computes with|uses|runs)[^\n]*?(?:so|now|this sets|after it,) `total = 0`", text)
    negated = text.replace("`total = 0`.", "`total = 0`. It is not true that `total = 0`.", 1)
    assert match and negated != text
    report = verify(negated, result)
    assert not report.passed and any("not" in u and "unverifiable" in u for u in report.unverifiable)


def test_value_claims_are_checked_at_their_exact_moment(squares):
    result, text = squares
    # line 9 (`total += helper(x)`) has `total = 0` before it runs and leaves `total = 4`
    # (stated as `total = 4`, or as the move "`total` grows by `4`, from `0` to `4`")
    match = re.search(r"Back at line 9, [^\n]*?(`total = 4`|`total` [a-z ]+ `4`, from `0` to `4`)", text)
    claim = "`total = 0`" if match.group(1).startswith("`total =") else "so `total = 0`"
    moved = text[:match.start(1)] + claim + text[match.end(1):]
    report = verify(moved, result)
    assert not report.passed
    wrong = [s for s in report.sentences if s.verdict == "false"]
    assert "wrong moment" in wrong[0].reason and (wrong[0].expected, wrong[0].stated) == ("4", "0")


def test_values_compare_as_exact_python_literals():
    result = trace(FLOATS, "f()")
    text = narrate(result).response
    assert verify(text, result).passed
    for good, bad in (("`x = 8.0`", "`x = 8`"), ("`flag = True`", "`flag = 1`"), ("Final answer: 8.0", "Final answer: 8")):
        assert good in text
        report = verify(text.replace(good, bad, 1), result)
        assert not report.passed, bad


def test_a_missing_call_or_return_paragraph_is_a_missing_step(squares):
    result, text = squares
    parts = paragraphs_of(text)
    for start in ("We enter `helper`", "So `helper`", "`helper` is done", "The call to `helper`"):
        index = next((i for i, p in enumerate(parts) if p.startswith(start)), None)
        if index is None:
            continue
        report = verify("\n\n".join(parts[:index] + parts[index + 1:]), result)
        assert not report.passed and any("missing step" in f for f in report.failures), start


def test_a_missing_back_at_paragraph_loses_a_stated_value(squares):
    result, text = squares
    parts = paragraphs_of(text)
    index = next(i for i, p in enumerate(parts) if p.startswith("Back at line 9"))
    report = verify("\n\n".join(parts[:index] + parts[index + 1:]), result)
    assert not report.passed and any("missing fact" in f and "`total`" in f for f in report.failures)


def test_return_paragraphs_check_where_execution_goes_back_to(squares):
    result, text = squares
    bad = re.sub(r"execution goes back to line 9 \(depth 1\)", "execution goes back to line 11 (depth 1)", text, count=1)
    assert bad != text
    report = verify(bad, result)
    assert not report.passed and any("goes back to line 9, not line 11" in f for f in report.failures)


def test_a_value_claim_in_a_return_paragraph_is_not_tied_to_a_line(squares):
    result, text = squares
    bad = re.sub(r"(returns `4`, and execution goes back to line 9 \(depth 1\))\.", r"\1; so `total = 4`.", text,
                 count=1)
    assert bad != text
    assert not verify(bad, result).passed


def test_same_path_summaries_are_checked():
    uniform = trace(UNIFORM, "f(12)")
    text = narrate(uniform).response
    assert "take the same path" in text and verify(text, uniform).passed
    mixed = trace(SQUARES, "f([2, -1, 3, 1, 2, 4, -5, 6, 7])")
    text = narrate(mixed).response
    assert "are summarised" not in text and "Iterations 3 to 6 of the loop at line 7 take the same path" in text
    assert "; in these iterations, `helper` is called 4 times." in text and verify(text, mixed).passed
    miscounted = verify(text.replace("is called 4 times", "is called 3 times"), mixed)
    assert not miscounted.passed and any("is called 4 times" in f for f in miscounted.failures)
    # widen the summary over iteration 2 (`x = -1` takes the `else` path) and drop its narration
    paragraphs = text.split("\n\n")
    second = next(i for i, p in enumerate(paragraphs) if "iteration 2" in p)
    summary = next(i for i, p in enumerate(paragraphs) if p.startswith("Iterations 3 to 6"))
    forged = paragraphs[:second] + [paragraphs[summary].replace("Iterations 3", "Iterations 2")] + \
        paragraphs[summary + 1:]
    report = verify("\n\n".join(forged), mixed)
    assert not report.passed and any("take different paths" in f for f in report.failures)


def test_printed_text_is_exact():
    result = trace(SCRIPT, ProgramInput("stdin", "3\n"))
    text = narrate(result).response
    assert verify(text, result).passed
    bad = re.sub(r"(prints|output is) `4`", r"\1 `4 `", text)
    assert bad != text and not verify(bad, result).passed


def test_a_text_without_claims_fails():
    result = trace(UNIFORM, "f(2)")
    report = verify("We look at it.", result)
    assert not report.passed and any("no final answer" in f for f in report.failures)
    assert any("missing steps" in f for f in report.failures)


def test_the_report_names_expected_and_stated_values(squares):
    result, text = squares
    bad = text.replace("Final answer: 32", "Final answer: 33")
    assert bad != text
    last = verify(bad, result).sentences[-1]
    assert (last.verdict, last.expected, last.stated, last.sentence) == ("false", "32", "33", "Final answer: 33")


def test_report_lists_false_sentences_before_unverifiable_ones(squares):
    result, text = squares
    bad = text.replace("Final answer: 32", "Final answer: 33").replace("Line 6 runs;", "Line 6 surely runs;", 1)
    report = verify(bad, result)
    failing = failing_sentences(report)
    assert [s.verdict for s in failing] == ["false", "unverifiable"]
    text_report = format_report(report, limit=1)
    assert "wrong final answer" in text_report and "[run: '32', text: '33']" in text_report
    assert "... and 1 more" in text_report
    assert format_report(verify(text, result)).startswith("verified:")


@pytest.mark.parametrize("call,outcome", [("f([2, 4])", "passes"), ("f([])", "fails")])
def test_assertions_on_non_bool_values_say_how_they_count(call, outcome):
    result = trace("def f(xs):\n    assert len(xs)\n    return xs[0]\n", call)
    text = narrate(result).response
    truthy = "true" if outcome == "passes" else "false"
    assert f"which counts as {truthy}, so the assertion {outcome}" in text
    assert verify(text, result).passed
    flipped = text.replace(f"counts as {truthy}", "counts as " + ("false" if truthy == "true" else "true"))
    assert not verify(flipped, result).passed


def test_every_form_has_a_unique_name_and_a_checker_of_its_own_kind():
    import inspect
    from collections import Counter

    from tracepile.verification.check import Checker
    from tracepile.verification.grammar import FORMS

    assert [name for name, count in Counter(f.name for f in FORMS).items() if count > 1] == []
    assert [f.name for f in FORMS if not callable(getattr(Checker, f"claim_{f.kind}", None))] == []
    sources = [inspect.getsource(cls) for cls in Checker.__mro__ if cls.__module__.startswith("tracepile.")]
    methods = [line.strip() for source in sources for line in source.splitlines() if line.startswith("    def claim_")]
    assert len(methods) == len(set(methods))  # a second definition (in any family) would silently replace the first
