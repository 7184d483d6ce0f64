"""The claim grammar is one versioned table: its published document is generated from it and up to
date, every form's example reads as that form with nothing left over, and rejected examples stay rejected."""

from pathlib import Path

import pytest

from tracepile.verification import GRAMMAR_VERSION
from tracepile.verification.check import Checker
from tracepile.verification.claims import parse, read_sentence, sentences
from tracepile.verification.doc import render
from tracepile.verification.grammar import FACT_WORD_SET, FORMS, REJECTED_EXAMPLES
from tracepile.verification.matcher import required_words

DOC = Path(__file__).resolve().parents[2] / "docs" / "claims.md"


def test_published_grammar_document_is_generated_from_the_code():
    assert DOC.read_text(encoding="utf-8") == render(), \
        "docs/claims.md is out of date: run `python -m tracepile.verification.doc > docs/claims.md`"


def test_document_names_the_version_every_form_and_every_fact_word():
    text = DOC.read_text(encoding="utf-8")
    assert f"version {GRAMMAR_VERSION}" in text.splitlines()[0]
    for form in FORMS:
        assert f"| `{form.name}` |" in text
    for word in FACT_WORD_SET:
        assert f"`{word}`" in text


@pytest.mark.parametrize("form", FORMS, ids=[f.name for f in FORMS])
def test_each_form_example_reads_as_that_form_with_nothing_left_over(form):
    sentence = read_sentence(0, form.example)
    assert form.name in {c.form for c in sentence.claims}, sentence.claims
    assert sentence.stray == []


def test_every_claim_kind_has_a_check():
    for kind in {f.kind for f in FORMS} | {"value"}:
        assert callable(getattr(Checker, f"claim_{kind}", None)), kind


@pytest.mark.parametrize("text,why", REJECTED_EXAMPLES)
def test_rejected_examples_leave_fact_words_outside_any_claim(text, why):
    assert any(s.stray for s in parse(text, frozenset({"x"}))), why


def test_sentences_split_outside_code_spans_and_fences():
    paragraph = "Line 3 reads `x = 1.5`; so `s = 'a. b'`. It prints `a. b`."
    assert sentences(paragraph) == ["Line 3 reads `x = 1.5`; so `s = 'a. b'`.", "It prints `a. b`."]
    fenced = "Try this standard input and run the script on it:\n```\n1. 2. 3\n```"
    assert sentences(fenced) == [fenced]


@pytest.mark.parametrize("form", FORMS, ids=[f.name for f in FORMS])
def test_the_words_a_form_requires_occur_in_its_example(form):
    words = required_words(form.pattern)
    assert words is None or words in form.example


def test_required_words_skip_optional_parts():
    assert required_words(r"(?:So )?<S:f> returns <S:v>(?:, and more)?") == "returns"
    assert required_words(r"loop ends after <N:n> iterations?") == "loop ends after"
    assert required_words(r"(?:a|b) c|d") is None


def test_the_published_example_text_verifies_against_a_real_run():
    from tracepile.engine import trace
    from tracepile.verification import verify
    from tracepile.verification.grammar import EXAMPLE_CALL, EXAMPLE_CODE, EXAMPLE_TEXT

    report = verify(EXAMPLE_TEXT, trace(EXAMPLE_CODE, EXAMPLE_CALL))
    assert report.passed and all(s.verdict == "verified" for s in report.sentences)
