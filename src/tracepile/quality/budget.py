"""The length budget: a sample's prompt + response must fit a token budget; an over-long one is
re-rendered with stronger compression (loops, then quiet calls) and dropped, with the reason, only if it
still does not fit."""

from __future__ import annotations

from dataclasses import dataclass

from tokenizers import Tokenizer

from tracepile.engine import sample_from_trace
from tracepile.model import LineEvent, Program, Sample, Trace
from tracepile.narration.plan import Compression
from tracepile.quality.tokens import count_tokens

DEFAULT_BUDGET = 8192
STRONGEST = Compression(head=1, tail=1, whole=True)
QUIET_CALLS = Compression(head=1, tail=1, whole=True, calls=True)  # beyond the loops: quiet calls in one sentence

FIT, COMPRESSED, DROPPED = "fit", "compressed", "dropped"


@dataclass(frozen=True)
class BudgetResult:
    """The sample as it will be kept (or the last, still too long, attempt) and how it got there.
    `outcome`: "fit" (first rendering fits), "compressed" (saved by stronger compression), "dropped"."""

    sample: Sample
    prompt_tokens: int
    response_tokens: int
    budget: int
    compression: Compression
    outcome: str
    reason: str = ""
    attempts: int = 1
    first_tokens: int = 0  # prompt + response as first rendered, before any stronger compression

    @property
    def tokens(self) -> int:
        return self.prompt_tokens + self.response_tokens

    @property
    def kept(self) -> bool:
        return self.outcome != DROPPED

    @property
    def saved_by_compression(self) -> bool:
        return self.outcome == COMPRESSED


def compression_ladder(start: Compression | None = None) -> list[Compression]:
    """`start` (default Compression()), each `.stronger()` step after it, the strongest loop level, then
    quiet calls said in one sentence."""
    levels = [start or Compression()]
    while (nxt := levels[-1].stronger()) != levels[-1]:
        levels.append(nxt)
    if STRONGEST not in levels and not levels[-1].calls:
        levels.append(STRONGEST)
    if QUIET_CALLS not in levels:
        levels.append(QUIET_CALLS)
    return levels


def longest_loop(trace: Trace) -> int:
    """The most iterations any loop activation of the trace ran."""
    return max((e.loop[2] for e in trace.events if isinstance(e, LineEvent) and e.loop), default=0)


def fit_to_budget(program: Program, trace: Trace, tokenizer: Tokenizer, budget: int = DEFAULT_BUDGET,
                  seed: int = 0, *, compression: Compression | None = None,
                  first: Sample | None = None) -> BudgetResult:
    """Build the sample for `trace` and make it fit `budget` tokens (prompt + response).

    Levels are tried from `compression` (the build's setting) to the strongest; a level is skipped
    when no loop of the trace is long enough for it to change the text. `first` is the sample
    already rendered at the first level, if the caller has it. Token counts are also written to
    the kept sample's stats (`prompt_tokens`, `response_tokens`)."""
    levels = compression_ladder(compression)
    iterations = longest_loop(trace)
    sample = first or sample_from_trace(program, trace, seed=seed, compression=levels[0])
    prompt, response = count_tokens(sample, tokenizer)
    attempts, used, first_tokens = 1, levels[0], prompt + response
    if prompt + response <= budget:
        return _result(sample, prompt, response, budget, used, FIT, "", attempts, first_tokens)
    if prompt > budget:
        return _result(sample, prompt, response, budget, used, DROPPED,
                       f"prompt alone is {prompt} tokens, over the budget of {budget}", attempts, first_tokens)
    for level in levels[1:]:
        if iterations <= level.head + level.tail + 1 and not level.calls:
            continue  # no loop is long enough for this level to summarise anything
        sample = sample_from_trace(program, trace, seed=seed, compression=level)
        prompt, response = count_tokens(sample, tokenizer)
        attempts, used = attempts + 1, level
        if prompt + response <= budget:
            return _result(sample, prompt, response, budget, used, COMPRESSED, "", attempts, first_tokens)
    reason = (f"{prompt + response} tokens (prompt {prompt} + response {response}) over the budget of "
              f"{budget} even with loop compression head={used.head}, tail={used.tail}"
              f"{', whole middle' if used.whole else ''}{', quiet calls in one sentence' if used.calls else ''}")
    return _result(sample, prompt, response, budget, used, DROPPED, reason, attempts, first_tokens)


def _result(sample: Sample, prompt: int, response: int, budget: int, compression: Compression,
            outcome: str, reason: str, attempts: int, first_tokens: int) -> BudgetResult:
    sample.stats["prompt_tokens"] = prompt
    sample.stats["response_tokens"] = response
    return BudgetResult(sample, prompt, response, budget, compression, outcome, reason, attempts,
                        first_tokens)
