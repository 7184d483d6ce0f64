"""The generation cap each arm gets (its own training responses' 95th percentile, within the context)
and the truncation rate (generations that hit the cap with no final answer)."""

import pytest

from tracepile.evaluate.budget import generation_cap, truncated, truncation_rate


def test_the_cap_follows_each_arms_own_response_lengths():
    coe = list(range(100, 1100, 10))  # 100 chains of 100..1090 tokens
    answers = [8] * 95 + [30] * 5
    assert generation_cap(coe, context=4096) == 1040  # nearest rank: the 95th of 100
    assert generation_cap(answers, context=4096) == 8
    assert generation_cap(coe, context=4096) >= sorted(coe)[94]  # never below the arm's own 95th percentile


def test_the_cap_stays_within_the_context_and_rejects_no_data():
    assert generation_cap([5000] * 10, context=1024) == 1024
    assert generation_cap([3], context=1024) == 3
    with pytest.raises(ValueError, match="no training responses"):
        generation_cap([], context=1024)
    with pytest.raises(ValueError, match="context"):
        generation_cap([3], context=0)


def test_truncation_counts_only_cut_generations_without_a_final_answer():
    texts = ["We enter f ... line 4", "We enter f ...\n\nFinal answer: 3", "Final answer: 2", "short, no answer"]
    tokens = [64, 64, 5, 12]
    assert [truncated(t, n, 64) for t, n in zip(texts, tokens)] == [True, False, False, False]
    assert truncation_rate(texts, tokens, cap=64) == 0.25
    assert truncation_rate([], [], cap=64) == 0.0
    with pytest.raises(ValueError, match="token counts"):
        truncation_rate(texts, tokens[:2], cap=64)
