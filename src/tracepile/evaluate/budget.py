"""How many tokens an evaluated model may generate: the cap an arm's training format needs (the 95th
percentile of its own training responses, within the context) and the rate of generations cut by it."""

from __future__ import annotations

import math
from typing import Sequence

from tracepile.evaluate.traceqa import has_final_answer


def generation_cap(response_lengths: Sequence[int], context: int, quantile: float = 0.95) -> int:
    """The nearest-rank `quantile` of the training responses' token lengths, at most `context`."""
    if not response_lengths:
        raise ValueError("no training responses to size the generation cap from")
    if context < 1:
        raise ValueError(f"context must be a positive number of tokens, not {context}")
    ranked = sorted(response_lengths)
    rank = max(1, math.ceil(quantile * len(ranked)))
    return max(1, min(ranked[rank - 1], context))


def truncated(text: str, generated_tokens: int, cap: int) -> bool:
    """Whether a generation ran into the cap before stating a final answer."""
    return generated_tokens >= cap and not has_final_answer(text)


def truncation_rate(texts: Sequence[str], generated_tokens: Sequence[int], cap: int) -> float:
    """The share of generations cut off by the cap without a final answer (0 with no generations)."""
    if len(texts) != len(generated_tokens):
        raise ValueError(f"{len(texts)} texts but {len(generated_tokens)} token counts")
    if not texts:
        return 0.0
    return sum(truncated(t, n, cap) for t, n in zip(texts, generated_tokens)) / len(texts)
