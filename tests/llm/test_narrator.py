"""The multi-path narrator against a loopback stub: the verifier gate, keep policies, n=k and seeded
top-up requests, truncation, fallback, the cache, and rejection reasons."""

import pytest
from llm_helpers import example, input_of, narration_input
from stub_server import StubServer, completion, error

from tracepile.engine import narrate, verify
from tracepile.llm.client import ChatClient, ConfigurationError
from tracepile.llm.narrator import NarrationSettings, narrate_all, path_seed, verifier_pool


@pytest.fixture(scope="module")
def items():
    return [narration_input("sum"), narration_input("max"), narration_input("fact")]


@pytest.fixture(scope="module")
def pool():
    return [example("sum", "algorithms"), example("max", "math"), example("fact", "competition")]


@pytest.fixture(scope="module")
def verifier():
    with verifier_pool(1) as executor:
        yield executor


def run(stub, items, pool, verifier, cache=None, **settings):
    client = ChatClient(stub.endpoint, backoff_base_s=0.01, cooldown_s=0.01, max_retries=1, cache_path=cache)
    settings = NarrationSettings(model="stub-model", **{"paths": 2, **settings})
    try:
        return narrate_all(items, client, settings, pool, verifier)
    finally:
        client.close()


def answering(items, edit=lambda text: text, **reply):
    """A script answering each prompt with its input's template text, edited, once per requested path."""
    return lambda body, i: completion([edit(input_of(body, items).template)] * body["n"], **reply)


def test_verified_texts_are_all_kept_and_a_second_run_makes_no_request(items, pool, verifier, tmp_path):
    cache = tmp_path / "cache.sqlite"
    with StubServer(answering(items)) as stub:
        first = run(stub, items, pool, verifier, cache=cache)
        sent = len(stub.requests)
        second = run(stub, items, pool, verifier, cache=cache)
    assert sent == len(items) and len(stub.requests) == sent
    for item, result in zip(items, first):
        assert result.reason is None and len(result.kept) == 1
        assert result.kept[0].verified and result.kept[0].text == item.template
        assert result.kept[0].checked == result.kept[0].claims > 5
    assert [[(p.index, p.text) for p in r.kept] for r in second] == [[(p.index, p.text) for p in r.kept]
                                                                      for r in first]
    assert all(r.usage.cache_hits == r.usage.requests == 1 and r.usage.paid_completion_tokens == 0 for r in second)


def test_one_false_plain_words_sentence_with_the_right_final_answer_keeps_nothing(items, pool, verifier):
    def lie(text):
        return text.replace("\n\nFinal answer", "\n\nThe program sorts its input in reverse order first."
                                                "\n\nFinal answer")

    with StubServer(answering(items, lie)) as stub:
        results = run(stub, items, pool, verifier)
    assert sum(len(r.kept) for r in results) == 0


def test_a_false_value_claim_rejects_with_the_claim_as_reason(items, pool, verifier):
    with StubServer(answering(items[:1], lambda t: t.replace("`total = 3`", "`total = 4`"))) as stub:
        [result] = run(stub, items[:1], pool, verifier)
    assert result.kept == () and result.reason == "no verified path"
    assert "`total = 4`" in result.detail and result.detail.startswith("path 0 (after 2 repair rounds): ")
    assert all(not p.verified and any("total = 4" in r for r in p.reasons) for p in result.paths)


def test_truncated_paths_are_rejects_not_samples(items, pool, verifier):
    with StubServer(answering(items[:1], finish_reason="length")) as stub:
        [result] = run(stub, items[:1], pool, verifier)
    assert result.kept == () and "finish_reason length" in result.detail
    assert all(p.claims == 0 for p in result.paths), "a truncated path is not even verified"


def test_a_server_ignoring_n_gets_seeded_top_up_requests(items, pool, verifier):
    item = items[0]
    with StubServer(lambda body, i: completion([item.template])) as stub:
        [result] = run(stub, [item], pool, verifier, paths=3)
    base = path_seed(0, item.id)
    assert [(r["n"], r["seed"]) for r in stub.requests][:1] == [(3, base)]
    assert sorted((r["n"], r["seed"]) for r in stub.requests[1:]) == [(1, base + 1), (1, base + 2)]
    assert [p.seed for p in result.paths] == [base, base + 1, base + 2]


def test_unbatched_paths_are_k_seeded_requests_and_n_choices_use_one(items, pool, verifier):
    item = items[0]
    with StubServer(answering([item])) as stub:
        run(stub, [item], pool, verifier, paths=4, batch_paths=False)
        assert sorted(r["seed"] for r in stub.requests) == [path_seed(0, item.id) + i for i in range(4)]
        assert {r["n"] for r in stub.requests} == {1}
    with StubServer(answering([item])) as stub:
        [result] = run(stub, [item], pool, verifier, paths=4)
    assert len(stub.requests) == 1 and [p.index for p in result.paths] == [0, 1, 2, 3]


def test_best_keeps_the_most_claims_per_token_and_all_keeps_distinct_verified_paths(items, pool, verifier):
    item = items[0]
    text = narrate(item.trace).response  # one wording per meaning: a second, true wording made by hand
    distinct = [text, text.replace("; now `", "; this sets `", 1)]
    assert distinct[0] != distinct[1] and verify(distinct[1], item.trace).passed
    texts = [distinct[0], distinct[1], distinct[1]]
    tokens = {0: 300, 1: 120, 2: 200}

    def script(body, i):
        index = body["seed"] - path_seed(0, item.id)
        return completion([texts[index]], completion_tokens=tokens[index])

    with StubServer(script) as stub:
        [best] = run(stub, [item], pool, verifier, paths=3, batch_paths=False)
        [every] = run(stub, [item], pool, verifier, paths=3, batch_paths=False, policy="all")
    assert [p.index for p in best.kept] == [1]
    assert [p.text for p in every.kept] == distinct


def test_fallback_marks_the_input_when_no_path_verifies(items, pool, verifier):
    with StubServer(lambda body, i: completion(["I think it returns 3."] * body["n"])) as stub:
        [result] = run(stub, items[:1], pool, verifier, fallback=True)
    assert result.kept == () and result.fallback and result.reason == "no verified path"


def test_failed_requests_reject_with_the_error(items, pool, verifier):
    with StubServer(lambda body, i: error(503, "overloaded")) as stub:
        [result] = run(stub, items[:1], pool, verifier)
    assert result.reason == "request failed" and "HTTP 503" in result.detail and result.kept == ()


def test_a_trace_too_long_for_the_prompt_costs_no_request(items, pool, verifier):
    with StubServer(answering(items)) as stub:
        [result] = run(stub, items[:1], pool, verifier, max_fact_lines=3)
    assert result.reason == "trace too long for a prompt" and stub.requests == []


def test_configuration_errors_stop_the_run(items, pool, verifier):
    with StubServer(lambda body, i: error(401, "invalid api key")) as stub:
        with pytest.raises(ConfigurationError, match="invalid api key"):
            run(stub, items, pool, verifier)


def test_rewrite_mode_sends_the_template_and_verifies_the_answer(items, pool, verifier):
    with StubServer(answering(items)) as stub:
        results = run(stub, items, pool, verifier, mode="rewrite")
    assert all(len(r.kept) == 1 for r in results)
    for body in stub.requests:
        assert input_of(body, items).template in body["messages"][-1]["content"]
        assert [m["role"] for m in body["messages"]] == ["system", "user"]


def test_bad_settings_are_refused():
    with pytest.raises(ValueError, match="unknown mode 'poem'"):
        NarrationSettings(model="m", mode="poem")
    with pytest.raises(ValueError, match="unknown policy"):
        NarrationSettings(model="m", policy="first")
