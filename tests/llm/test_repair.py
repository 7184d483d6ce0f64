"""Verifier-guided repair against a loopback stub: a rejected path gets follow-up turns with the failing
sentences and reasons, only verified answers are kept, rounds and tokens are accounted, repairs are cached."""

import pytest
from llm_helpers import narration_input
from stub_server import StubServer, completion, error

from tracepile.engine import verify
from tracepile.llm.client import ChatClient
from tracepile.llm.narrator import NarrationSettings, narrate_all, verifier_pool
from tracepile.llm.repair import verifier_feedback

LIE = ("`total = 3`", "`total = 4`")  # the sum program's last new value of `total`, stated wrong


@pytest.fixture(scope="module")
def item():
    return narration_input("sum")


@pytest.fixture(scope="module")
def verifier():
    with verifier_pool(1) as executor:
        yield executor


def lie(text: str) -> str:
    assert LIE[0] in text
    return text.replace(*LIE)


def is_repair(body: dict) -> bool:
    return body["messages"][-2]["role"] == "assistant" and body["messages"][-1]["content"].startswith("A checker")


def run(stub, items, verifier, cache=None, **settings):
    client = ChatClient(stub.endpoint, backoff_base_s=0.01, cooldown_s=0.01, max_retries=1, cache_path=cache)
    settings = NarrationSettings(model="stub-model", **{"paths": 1, "examples": 0, **settings})
    try:
        return narrate_all(items, client, settings, [], verifier)
    finally:
        client.close()


def fixing(item, first=lie, **tokens):
    """A script answering the first turn with a false text and any repair turn with the true template."""
    def script(body, index):
        if is_repair(body):
            return completion([item.template], prompt_tokens=tokens.get("repair_prompt", 10),
                              completion_tokens=tokens.get("repair_completion"))
        return completion([first(item.template)] * body["n"], prompt_tokens=tokens.get("prompt", 10),
                          completion_tokens=tokens.get("completion"))
    return script


def test_a_false_sentence_corrected_in_the_repair_turn_is_kept_after_one_round(item, verifier):
    with StubServer(fixing(item)) as stub:
        [result] = run(stub, [item], verifier)
    assert len(stub.requests) == 2 and not is_repair(stub.requests[0]) and is_repair(stub.requests[1])
    [kept] = result.kept
    assert kept.verified and kept.rounds == 1 and kept.text == item.template and result.accepted_round == 1
    first, repair = stub.requests[0]["messages"], stub.requests[1]["messages"]
    assert repair[:len(first)] == first and len(repair) == len(first) + 2
    assert repair[-2] == {"role": "assistant", "content": lie(item.template)}
    assert (repair[-1]["content"], stub.requests[1]["n"]) == (verifier_feedback(verify(lie(item.template),
                                                                                        item.trace)), 1)


def test_the_repair_turn_names_the_failing_sentence_and_the_verifiers_reason(item):
    verdict = verify(lie(item.template), item.trace)
    [wrong] = [s for s in verdict.sentences if s.verdict == "false"]
    text = verifier_feedback(verdict)
    assert "`total = 4`" in wrong.sentence and f'1. Paragraph {wrong.paragraph + 1}, "{wrong.sentence}"' in text
    assert f"false: {wrong.reason}" in text and "`3`" in wrong.reason and "`4`" in wrong.reason
    assert "State it as: '`total = 3`'" in text, "the verifier's hint: a sentence that states the fact"
    assert text.rstrip().endswith("reply with the corrected text only.")


def test_a_model_that_never_fixes_is_rejected_after_r_rounds_with_reasons(item, verifier):
    with StubServer(lambda body, i: completion([lie(item.template)] * body["n"])) as stub:
        [result] = run(stub, [item], verifier, repair_rounds=3)
    assert len(stub.requests) == 4 and [is_repair(b) for b in stub.requests] == [False, True, True, True]
    assert result.kept == () and result.reason == "no verified path" and result.accepted_round is None
    [path] = result.paths
    assert path.rounds == 3 and path.verifications == 4 and not path.verified
    assert result.detail.startswith("path 0 (after 3 repair rounds): ") and "`total = 4`" in result.detail
    assert all(b["messages"][-2]["content"] == lie(item.template) for b in stub.requests[1:])
    seeds = [b["seed"] for b in stub.requests]
    assert seeds == [seeds[0] + r for r in range(4)], "each round asks with a new seed, not the same request again"


def test_tokens_are_accounted_exactly_over_every_turn(item, verifier):
    script = fixing(item, prompt=100, completion=40, repair_prompt=170, repair_completion=30)
    with StubServer(script) as stub:
        [result] = run(stub, [item], verifier)
    [kept] = result.kept
    assert (kept.prompt_tokens, kept.completion_tokens, kept.tokens) == (270, 70, 30)
    usage = result.usage
    assert (usage.requests, usage.prompt_tokens, usage.completion_tokens) == (2, 270, 70)
    assert (usage.repair_requests, usage.repair_prompt_tokens, usage.repair_completion_tokens) == (1, 170, 30)
    assert (usage.paid_prompt_tokens, usage.paid_completion_tokens, usage.cache_hits) == (270, 70, 0)


def test_a_rerun_takes_the_repair_from_the_cache_and_sends_nothing(item, verifier, tmp_path):
    cache = tmp_path / "cache.sqlite"
    with StubServer(fixing(item)) as stub:
        [first] = run(stub, [item], verifier, cache=cache)
        sent = len(stub.requests)
        [again] = run(stub, [item], verifier, cache=cache)
    assert sent == 2 and len(stub.requests) == sent
    assert again.usage.cache_hits == again.usage.requests == 2 and again.usage.paid_completion_tokens == 0
    assert [(p.text, p.rounds) for p in again.kept] == [(p.text, p.rounds) for p in first.kept] == [(item.template, 1)]


def test_zero_rounds_turns_repair_off(item, verifier):
    with StubServer(fixing(item)) as stub:
        [result] = run(stub, [item], verifier, repair_rounds=0)
    assert len(stub.requests) == 1 and result.kept == () and result.paths[0].rounds == 0
    assert result.usage.repair_requests == 0 and not result.detail.startswith("path 0 (after")


def test_a_truncated_answer_is_told_so_and_repaired(item, verifier):
    def script(body, index):
        if body["messages"][-2]["role"] == "assistant":
            return completion([item.template])
        return completion([item.template[:40]], finish_reason="length")

    with StubServer(script) as stub:
        [result] = run(stub, [item], verifier, max_tokens=300)
    assert len(stub.requests) == 2
    assert "cut off at the limit of 300 tokens" in stub.requests[1]["messages"][-1]["content"]
    assert [p.rounds for p in result.kept] == [1]


def test_best_repairs_nothing_once_a_path_verifies_and_all_repairs_every_rejected_path(item, verifier):
    other = item.template.replace("; now `", "; this sets `", 1)  # another true wording of the same run
    assert other != item.template

    def script(body, index):  # one request with n=2: a true and a false text; the repair turn: another true one
        if is_repair(body):
            return completion([other])
        return completion([item.template, lie(item.template)])

    with StubServer(script) as stub:
        [best] = run(stub, [item], verifier, paths=2)
    assert len(stub.requests) == 1 and [p.rounds for p in best.kept] == [0]
    with StubServer(script) as stub:
        [every] = run(stub, [item], verifier, paths=2, policy="all")
    assert len(stub.requests) == 2 and [p.rounds for p in every.paths] == [0, 1]
    assert [(p.text, p.rounds) for p in every.kept] == [(item.template, 0), (other, 1)]


def test_a_failed_repair_request_keeps_the_first_reasons(item, verifier):
    def script(body, index):
        return error(503, "overloaded") if is_repair(body) else completion([lie(item.template)])

    with StubServer(script) as stub:
        [result] = run(stub, [item], verifier)
    assert result.reason == "no verified path" and "`total = 4`" in result.detail
    assert "repair round 1 request failed: HTTP 503" in result.detail
    assert len(stub.requests) == 1 + 2, "one failed repair (retried once) ends the path's repair"


def test_negative_repair_rounds_are_refused():
    with pytest.raises(ValueError, match="repair_rounds"):
        NarrationSettings(model="m", repair_rounds=-1)
