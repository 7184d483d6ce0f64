"""Prompts: the grammar section, the facts rendering of a trace, few-shot choice and the two modes."""

import random

import pytest

from llm_helpers import example, narration_input
from tracepile.engine import trace
from tracepile.llm.prompts import (Example, claim_grammar, fact_lines, messages, pick_examples,
                                   system_message)


def test_the_system_message_carries_the_claim_grammar():
    grammar = claim_grammar()
    assert "`Line N`" in grammar and "Final answer" in grammar and "iteration k" in grammar
    from tracepile.verification.grammar import FORMS, GRAMMAR_VERSION

    assert f"claim grammar {GRAMMAR_VERSION}" in grammar
    assert all(form.example in grammar for form in FORMS if form.example)
    assert system_message()["content"].endswith(grammar)


def test_facts_list_every_event_with_values_loops_and_returns():
    item = narration_input("sum")
    assert fact_lines(item.trace) == [
        "Calling `f` with `xs = [1, 2]`",
        "Line 2; then `total = 0`; next: line 3",
        "Line 3 (iteration 1 of the loop at line 3); then `x = 1`; next: line 4",
        "Line 4; then `total = 1`; next: line 3",
        "Line 3 (iteration 2 of the loop at line 3); then `x = 2`; next: line 4",
        "Line 4; then `total = 3`; next: line 3",
        "Line 3 (the loop at line 3 ends after 2 iterations); next: line 5",
        "Line 5",
        "`f` returns `3`",
    ]


def test_a_line_that_calls_traced_code_has_its_changes_listed_once_the_call_is_back():
    code = "def sq(v):\n    return v * v\n\n\ndef f(xs):\n    total = 0\n    for x in xs:\n        total += sq(x)\n" \
           "    return total\n"
    lines = fact_lines(trace(code, "f([3])"))
    at = lines.index("Line 8")
    assert lines[at:at + 5] == ["Line 8", "Calling `sq` with `v = 3`", "Line 2; reads `v * v = 9`", "`sq` returns `9`",
                                "back at line 8; then `total = 9`; next: line 7"]


def test_conditions_read_before_a_line_are_facts():
    lines = fact_lines(narration_input("max").trace)
    assert "Line 2; reads `a > b = False`" in lines[1] and lines[-1] == "`g` returns `7`"


def test_narrate_mode_shows_examples_then_the_question_without_an_answer():
    item = narration_input("sum")
    pool = [example("max"), example("fact")]
    chat = messages("narrate", item.question, "\n".join(fact_lines(item.trace)), item.template, pool)
    assert [m["role"] for m in chat] == ["system", "user", "assistant", "user", "assistant", "user"]
    assert chat[2]["content"] == pool[0].response
    ask = chat[-1]["content"]
    assert ask.startswith(item.question) and "`total = 3`" in ask
    assert "Final answer" not in ask and item.template not in ask


def test_rewrite_mode_sends_the_verified_template():
    item = narration_input("sum")
    chat = messages("rewrite", item.question, "", item.template, [])
    assert item.template in chat[-1]["content"] and len(chat) == 2
    with pytest.raises(ValueError, match="unknown narration mode"):
        messages("summarise", item.question, "", item.template, [])


def test_examples_are_seeded_from_other_programs_and_vary_by_domain():
    pool = [Example(f"p{i}", domain, kind, "q", "f", "r")
            for i, (domain, kind) in enumerate([("math", "call")] * 4 + [("algorithms", "call"),
                                                                          ("competition", "stdin")])]
    picked = pick_examples(pool, 3, random.Random(1), exclude_program="p4")
    assert len(picked) == 3 and "p4" not in {e.program_id for e in picked}
    assert {e.domain for e in picked} == {"math", "competition"}  # both left, before any repeat
    assert picked == pick_examples(pool, 3, random.Random(1), exclude_program="p4")
    assert len(pick_examples(pool, 10, random.Random(0), exclude_program="none")) == 6
