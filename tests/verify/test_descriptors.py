"""Grammar 3.1's descriptive numbers, ordinals and `differ`: each rule with true variants accepted and false
variants (wrong index, wrong count word, `first` for another item, a number the step does not have) rejected."""

import pytest

from tracepile.engine import trace
from tracepile.narration import narrate
from tracepile.verification import verify

CODE = '''def f(n):
    flags = [True] * n
    flags[2] = False
    tails = [5, 6, 7]
    tails[0] = 1
    tails[-1] = 9
    a, b = 4, 3
    total = a + b
    big = total * 5
    less = big - 1
    digit = big % 10
    score2 = 96
    word = 'ab'
    if word[0] != word[1]:
        return digit
    return 0
'''


@pytest.fixture(scope="module")
def run():
    result = trace(CODE, "f(4)")
    text = narrate(result).response
    assert verify(text, result).passed
    return result, text.split("\n\n")


def with_sentence(run, line: int, sentence: str, replace: bool = False):
    """The template text, with `sentence` added to (or replacing) the paragraph of line `line`."""
    result, paragraphs = run
    index = next(i for i, p in enumerate(paragraphs) if p.startswith(f"Line {line} "))
    changed = sentence if replace else f"{paragraphs[index]} {sentence}"
    return verify("\n\n".join(paragraphs[:index] + [changed] + paragraphs[index + 1:]), result)


def accepted(run, line, sentence, replace=False):
    report = with_sentence(run, line, sentence, replace)
    assert report.passed, [(s.sentence, s.reason) for s in report.sentences if s.verdict != "verified"]


def rejected(run, line, sentence, reason, replace=False):
    report = with_sentence(run, line, sentence, replace)
    reasons = [s.reason for s in report.sentences if s.verdict != "verified"]
    assert not report.passed and any(reason in r for r in reasons), reasons


def test_a_noun_and_a_number_name_an_item_the_step_changes(run):
    accepted(run, 3, "Line 3 crosses out index 2, so `flags = [True, True, False, True]`.", replace=True)
    accepted(run, 3, "It marks entry 2.")
    rejected(run, 3, "It crosses out index 3.", "neither changes nor indexes item 3")
    rejected(run, 4, "It sets position 4.", "neither changes nor indexes item 4")
    rejected(run, 3, "It records sum 2.", "unverifiable words outside any claim: 2")  # a value noun, not a position


def test_a_noun_and_a_number_name_an_index_the_code_reads(run):
    accepted(run, 14, "It compares position 0 with position 1.")
    rejected(run, 14, "It compares position 0 with position 2.", "neither changes nor indexes item 2")


def test_ordinals_name_the_first_second_or_last_item(run):
    accepted(run, 5, "It overwrites the first tail.")
    accepted(run, 6, "It overwrites the last tail.")
    accepted(run, 14, "It compares the first position.")  # a subscript it reads (`word[0]`)
    rejected(run, 5, "It overwrites the second tail.", "neither changes nor indexes the second item")
    rejected(run, 6, "It overwrites the first tail.", "neither changes nor indexes the first item")
    rejected(run, 5, "It overwrites the last tail.", "neither changes nor indexes the last item")


def test_the_last_digit_is_a_remainder_by_ten(run):
    accepted(run, 11, "It takes the last digit.")
    rejected(run, 9, "It takes the last digit.", "neither takes nor drops a last digit")
    rejected(run, 11, "It takes the first digit.", "unverifiable words outside any claim: first")


def test_a_bare_number_is_one_the_code_writes(run):
    accepted(run, 9, "It multiplies by 5.")
    rejected(run, 9, "It multiplies by 6.", "the number 6 is not written in the code of line 9")


def test_a_number_word_is_an_operand_of_the_code_or_a_count_of_the_step(run):
    accepted(run, 10, "It subtracts one.")  # the code's `1`
    accepted(run, 8, "It adds the two numbers.")  # the names it reads
    accepted(run, 4, "It builds three tails, `tails = [5, 6, 7]`.")  # the items of a stated value
    rejected(run, 10, "It subtracts two.", "the number 2 is not written in the code of line 10")
    rejected(run, 10, "It moves one place.", "(1) is no count of line 10")  # the code's `1` is no count
    rejected(run, 8, "It adds the three numbers.", "names read: 2")
    rejected(run, 4, "It builds four tails, `tails = [5, 6, 7]`.", "items of `tails`: 3")


def test_a_number_that_states_a_value_is_no_descriptor(run):
    # `5` is written in line 9's code, but after `is` or `to` a number states a value: only a code span may
    rejected(run, 9, "So `big` is 5.", "unverifiable words outside any claim: 5")
    rejected(run, 9, "It sets `big` to five.", "unverifiable words outside any claim: five")


def test_a_count_of_runs_is_not_a_descriptor(run):
    rejected(run, 8, "It adds them two times.", "unverifiable words outside any claim: two times")


def test_an_ordinal_or_number_a_shown_name_spells(run):
    accepted(run, 12, "Line 12 stores the second score, `score2 = 96`.", replace=True)
    rejected(run, 12, "Line 12 stores the third score, `score2 = 96`.",
             "unverifiable words outside any claim: third", replace=True)
    # an ordinal before an item noun speaks of the item, whatever names the sentence shows
    rejected(run, 6, "It overwrites the second tail, `score2` aside.", "neither changes nor indexes the second item")


def test_differ_restates_a_stated_comparison(run):
    base = "Line 14 checks the condition `word[0] != word[1]`; "
    flow = "so execution enters the body at line 15."
    accepted(run, 14, base + f"`word[0] = 'a'` and `word[1] = 'b'` differ, {flow}", replace=True)
    accepted(run, 14, base + f"the characters differ, `word[0] != word[1]` is True, {flow}", replace=True)
    accepted(run, 14, base + f"`word[0] = 'a'`, which differs from `word[1] = 'b'`, {flow}", replace=True)
    rejected(run, 14, base + f"the characters differ, {flow}", "no comparison the sentence states", replace=True)
    rejected(run, 14, "It reads `word[0] = 'a'` and `word[0] = 'a'`, which differ.", "are the same value")


def test_descriptors_outside_a_line_paragraph_are_not_checked(run):
    result, paragraphs = run
    text = "\n\n".join(paragraphs[:1] + ["The first tail and index 2 matter."] + paragraphs[1:])
    report = verify(text, result)
    assert not report.passed


def test_a_count_of_one_is_not_the_one_name_a_line_reads(run):
    # line 9 reads one name (`total`); a count of one needs the code's `1` or a stated value of one item
    rejected(run, 9, "It applies one rule.", "(1) is no count of line 9")


@pytest.mark.parametrize("paragraph, accepted", [
    ("Line 2 runs; now `counts = {}`, an empty dictionary.", True),
    ("Line 2 runs; now `counts = {}`, an empty list.", False),  # the wrong kind of value
    ("Line 2 runs; now `counts = {}`, a non-empty dictionary.", False),
    ("Line 2 runs; now `counts = {}`, a sorted dictionary.", False),
])
def test_a_description_may_name_the_kind_and_plain_properties_of_the_value(paragraph, accepted):
    code = "def f(xs):\n    counts = {}\n    for x in xs:\n        counts[x] = counts.get(x, 0) + 1\n    return counts\n"
    result = trace(code, "f([3])")
    paragraphs = narrate(result).response.split("\n\n")
    paragraphs[next(k for k, p in enumerate(paragraphs) if p.startswith("Line 2"))] = paragraph
    assert verify("\n\n".join(paragraphs), result).passed == accepted
