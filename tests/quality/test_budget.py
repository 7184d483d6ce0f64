"""The length budget: a long-loop sample is saved by stronger compression, an impossible one dropped."""

import pytest

from tracepile.engine import sample_from_trace, trace
from tracepile.model import Program
from tracepile.narration.plan import Compression
from tracepile.quality import DEFAULT_BUDGET, compression_ladder, count_tokens, fit_to_budget, load_tokenizer

NESTED = '''def grid(n):
    total = 0
    for a in range(n):
        for b in range(n):
            for c in range(n):
                for d in range(n):
                    x = a * b + c
                    y = x - d
                    if x >= 0:  # always: iterations of one loop take the same path
                        total += y
                    else:
                        total -= 1
    return total
'''

# recursion whose calls all differ (a repeated call would be said in one sentence)
FIB = "def fib(n, memo=()):\n    if n < 2:\n        return n\n    return fib(n - 1, memo + (n,)) + fib(n - 2, memo + (n,))\n"
FIB_IN_LOOP = FIB + '''

def run(k):
    total = 0
    for i in range(k):
        total += fib(9 + i)
    return total
'''
# recursion whose calls change the list passed in: never said in one sentence
WALK = ("def walk(n, seen):\n    seen.append(n)\n    if n < 2:\n        return n\n"
        "    return walk(n - 1, seen) + walk(n - 2, seen)\n")
QUIET = Compression(1, 1, whole=True, calls=True)


@pytest.fixture(scope="module")
def tokenizer():
    return load_tokenizer()


def build(code, call):
    return Program(id=call.split("(")[0], code=code, calls=(call,)), trace(code, call)


def test_ladder_goes_from_the_build_setting_to_the_whole_middle_then_quiet_calls():
    whole = Compression(1, 1, whole=True)
    assert compression_ladder() == [Compression(2, 1), Compression(1, 1), whole, QUIET]
    assert compression_ladder(Compression(4, 2)) == [Compression(4, 2), Compression(3, 2), Compression(2, 2),
                                                     Compression(1, 2), whole, QUIET]
    assert compression_ladder(Compression(1, 1)) == [Compression(1, 1), whole, QUIET]
    assert compression_ladder(whole) == [whole, QUIET]
    assert compression_ladder(QUIET) == [QUIET]


def test_short_sample_fits_as_first_rendered(tokenizer):
    program, result = build("def f(n):\n    return n * 2\n", "f(21)")
    fitted = fit_to_budget(program, result, tokenizer)
    assert (fitted.outcome, fitted.kept, fitted.saved_by_compression, fitted.attempts) == ("fit", True, False, 1)
    assert fitted.sample.verified and fitted.compression == Compression()
    assert fitted.tokens == sum(count_tokens(fitted.sample, tokenizer)) < 200
    assert fitted.sample.stats["prompt_tokens"] == fitted.prompt_tokens


def test_long_nested_loops_are_saved_by_stronger_compression(tokenizer):
    program, result = build(NESTED, "grid(6)")
    default = sample_from_trace(program, result)
    assert sum(count_tokens(default, tokenizer)) > DEFAULT_BUDGET  # over 8,192 as first rendered
    fitted = fit_to_budget(program, result, tokenizer)
    assert fitted.outcome == "compressed" and fitted.saved_by_compression and fitted.kept
    assert fitted.compression == Compression(1, 1) and fitted.attempts == 2
    assert fitted.tokens <= DEFAULT_BUDGET < fitted.first_tokens == sum(count_tokens(default, tokenizer))
    assert fitted.sample.verified, fitted.sample.claim_failures  # the compressed text still checks out
    assert fitted.sample.stats["loops_compressed"] > 0
    assert fitted.sample.answer == default.answer


def test_given_first_rendering_is_not_rendered_again(tokenizer):
    program, result = build(NESTED, "grid(6)")
    first = sample_from_trace(program, result)
    fitted = fit_to_budget(program, result, tokenizer, first=first)
    assert fitted.outcome == "compressed" and fitted.sample is not first


def test_recursion_without_loops_is_saved_by_saying_its_quiet_calls_in_one_sentence(tokenizer):
    program, result = build(FIB, "fib(10)")
    assert sum(count_tokens(sample_from_trace(program, result), tokenizer)) > DEFAULT_BUDGET
    fitted = fit_to_budget(program, result, tokenizer)
    assert fitted.outcome == "compressed" and fitted.compression == QUIET and fitted.attempts == 2
    assert fitted.sample.verified, fitted.sample.claim_failures
    assert "Its calls are summarised: line 4 starts 176 calls (of `fib`)" in fitted.sample.response
    assert fitted.sample.answer == "55" and fitted.tokens < 500


def test_calls_in_a_loop_are_saved_after_the_loop_levels(tokenizer):
    program, result = build(FIB_IN_LOOP, "run(6)")
    fitted = fit_to_budget(program, result, tokenizer)
    assert fitted.outcome == "compressed" and fitted.attempts == 4 and fitted.compression == QUIET
    assert fitted.sample.verified, fitted.sample.claim_failures
    assert fitted.sample.response.count("Its calls are summarised: line 10 starts") == 2  # the head and tail iterations


def test_dropped_after_the_strongest_compression(tokenizer):
    program, result = build(WALK, "walk(10, [])")
    fitted = fit_to_budget(program, result, tokenizer)
    assert fitted.outcome == "dropped" and fitted.attempts == 2 and fitted.compression == QUIET
    assert "summarised" not in fitted.sample.response  # its calls change the list passed in
    assert fitted.reason.endswith("even with loop compression head=1, tail=1, whole middle, quiet calls in one "
                                  "sentence"), fitted.reason


def test_prompt_alone_over_budget_is_dropped_without_rendering_again(tokenizer):
    program, result = build(NESTED, "grid(3)")
    fitted = fit_to_budget(program, result, tokenizer, budget=50)
    assert fitted.outcome == "dropped" and fitted.attempts == 1
    assert fitted.reason.startswith("prompt alone is ") and "over the budget of 50" in fitted.reason


def test_budget_between_the_two_levels_is_met_exactly(tokenizer):
    program, result = build(NESTED, "grid(4)")
    strong = sample_from_trace(program, result, compression=Compression(1, 1))
    need = sum(count_tokens(strong, tokenizer))
    assert fit_to_budget(program, result, tokenizer, budget=need).outcome == "compressed"
    assert fit_to_budget(program, result, tokenizer, budget=need - 1).outcome == "dropped"
