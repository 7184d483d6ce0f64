"""The chat client against a loopback stub: retries, Retry-After, 429 cool-down, timeouts, configuration
errors, the SQLite cache (failures never cached) and token accounting."""

import asyncio
import random
import threading
import time

import pytest
from stub_server import Reply, StubServer, completion, error

from tracepile.llm.client import (ChatClient, ChatRequest, ConfigurationError, backoff_delay,
                                  parse_retry_after)


def request(text="hi", **kw) -> ChatRequest:
    return ChatRequest(model="stub-model", messages=({"role": "user", "content": text},), **kw)


def fast_client(endpoint, **kw) -> ChatClient:
    kw.setdefault("backoff_base_s", 0.01)
    kw.setdefault("cooldown_s", 0.01)
    return ChatClient(endpoint, **kw)


def echo(body, index):
    return completion([f"echo: {body['messages'][0]['content']}"] * body["n"], prompt_tokens=7)


def test_success_sends_the_body_and_counts_tokens(monkeypatch):
    monkeypatch.setenv("STUB_KEY", "sk-test")
    with StubServer(echo) as stub:
        client = fast_client(stub.endpoint, api_key_env="STUB_KEY")
        [result] = client.complete_all([request("x", n=2, seed=5, temperature=0.7, extra={"stop": ["END"]})])
    assert result.texts == ("echo: x", "echo: x")
    assert result.finish_reasons == ("stop", "stop")
    assert (result.prompt_tokens, result.completion_tokens, result.cached, result.attempts) == (7, 4, False, 1)
    sent = stub.requests[0]
    assert sent["_path"] == "/v1/chat/completions" and sent["_auth"] == "Bearer sk-test"
    assert (sent["n"], sent["seed"], sent["temperature"], sent["stop"]) == (2, 5, 0.7, ["END"])
    assert client.stats.prompt_tokens == 7 and client.stats.completion_tokens == 4


def test_no_key_variable_sends_no_authorization(monkeypatch):
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    with StubServer(echo) as stub:
        fast_client(stub.endpoint).complete_all([request()])
    assert stub.requests[0]["_auth"] is None


def test_results_come_back_in_request_order_with_bounded_concurrency():
    in_flight, peak, lock = [0], [0], threading.Lock()

    def slow(body, index):
        with lock:
            in_flight[0] += 1
            peak[0] = max(peak[0], in_flight[0])
        time.sleep(random.Random(index).uniform(0.05, 0.2))
        with lock:
            in_flight[0] -= 1
        return echo(body, index)

    with StubServer(slow) as stub:
        results = fast_client(stub.endpoint, concurrency=2).complete_all([request(str(i)) for i in range(8)])
    assert [r.texts[0] for r in results] == [f"echo: {i}" for i in range(8)]
    assert peak[0] == 2


def test_cache_serves_a_repeated_run_without_any_request(tmp_path):
    cache = tmp_path / "cache.sqlite"
    requests = [request(str(i), seed=i) for i in range(5)]
    with StubServer(echo) as stub:
        first = fast_client(stub.endpoint, cache_path=cache).complete_all(requests)
        again = fast_client(stub.endpoint, cache_path=cache)
        second = again.complete_all(requests)
    assert len(stub.requests) == 5
    assert [r.texts for r in second] == [r.texts for r in first]
    assert all(r.cached and r.attempts == 0 for r in second)
    assert again.stats.cache_hits == 5 and again.stats.prompt_tokens == 0 and again.stats.http_attempts == 0


def test_cache_key_is_the_canonical_body():
    a = ChatRequest(model="m", messages=({"role": "user", "content": "q"},), seed=1)
    b = ChatRequest(model="m", messages=({"content": "q", "role": "user"},), seed=1)
    assert a.cache_key() == b.cache_key()
    assert a.cache_key() != ChatRequest(model="m", messages=a.messages, seed=2).cache_key()
    assert a.cache_key() != ChatRequest(model="m2", messages=a.messages, seed=1).cache_key()
    assert a.cache_key() != ChatRequest(model="m", messages=a.messages, seed=1, temperature=0.5).cache_key()


def test_failures_are_retried_then_reported_and_never_cached(tmp_path):
    cache = tmp_path / "cache.sqlite"
    with StubServer(lambda body, i: error(500, "boom")) as stub:
        client = fast_client(stub.endpoint, cache_path=cache, max_retries=2)
        [result] = client.complete_all([request()])
        assert result.error.startswith("HTTP 500") and "boom" in result.error
        assert result.attempts == 3 and len(stub.requests) == 3 and not result.texts
        fast_client(stub.endpoint, cache_path=cache, max_retries=0).complete_all([request()])
    assert len(stub.requests) == 4
    assert client.stats.failures == 1


def test_retry_after_is_honoured():
    script = lambda body, i: error(503, "busy", Retry_After="1") if i == 0 else echo(body, i)
    with StubServer(script) as stub:
        [result] = fast_client(stub.endpoint).complete_all([request()])
    assert result.texts == ("echo: hi",) and result.attempts == 2
    assert stub.times[1] - stub.times[0] >= 0.95


def test_a_429_cools_down_every_request():
    script = lambda body, i: error(429, "slow down", Retry_After="1") if i == 0 else echo(body, i)
    with StubServer(script) as stub:
        client = fast_client(stub.endpoint, concurrency=4)

        async def run():
            first = asyncio.create_task(client.complete(request("a")))
            while client.cooldown_remaining_s == 0:
                await asyncio.sleep(0.01)
            second = asyncio.create_task(client.complete(request("b")))
            return await first, await second

        first, second = asyncio.run(run())
    assert first.attempts == 2 and second.attempts == 1
    assert len(stub.requests) == 3
    assert min(stub.times[1:]) - stub.answered[0] >= 1.0, "a request was sent during the cool-down"


def test_timeouts_are_retried_and_reported():
    script = lambda body, i: Reply(body=echo(body, i).body, delay_s=4.0 if i == 0 else 0)
    with StubServer(script) as stub:
        [recovered] = fast_client(stub.endpoint, timeout_s=1.0).complete_all([request()])
    assert recovered.texts == ("echo: hi",) and recovered.attempts == 2
    with StubServer(lambda body, i: Reply(body=echo(body, i).body, delay_s=3.0)) as stub:
        [failed] = fast_client(stub.endpoint, timeout_s=0.5, max_retries=1).complete_all([request()])
    assert failed.error == "timed out after 0.5s" and failed.attempts == 2


@pytest.mark.parametrize("status", [401, 403, 404])
def test_configuration_errors_stop_the_run(status):
    with StubServer(lambda body, i: error(status, "model 'nope' does not exist")) as stub:
        with pytest.raises(ConfigurationError, match=f"HTTP {status}.*model 'nope' does not exist"):
            fast_client(stub.endpoint, concurrency=1).complete_all([request(str(i)) for i in range(50)])
    assert len(stub.requests) == 1


def test_a_400_stops_the_run_unless_it_is_about_this_request_or_the_endpoint_has_worked():
    def script(body, i):
        content = body["messages"][0]["content"]
        if content == "long":
            return error(400, "This model's maximum context length is 4096 tokens")
        return error(400, "unknown field 'frobnicate'") if content == "odd" else echo(body, i)

    with StubServer(script) as stub:
        with pytest.raises(ConfigurationError, match="unknown field 'frobnicate'"):
            fast_client(stub.endpoint).complete_all([request("odd")])
        client = fast_client(stub.endpoint, concurrency=1)
        long, ok, odd = client.complete_all([request("long"), request("short"), request("odd")])
    assert long.error == f"HTTP 400 from {client.url}: This model's maximum context length is 4096 tokens"
    assert long.attempts == 1 and ok.texts == ("echo: short",)
    assert odd.error.endswith("unknown field 'frobnicate'"), "after a success a 400 costs only its request"


def test_truncated_choices_report_length():
    with StubServer(lambda body, i: completion(["cut of"], finish_reason="length")) as stub:
        [result] = fast_client(stub.endpoint).complete_all([request()])
    assert result.finish_reasons == ("length",) and result.error is None


def test_backoff_grows_exponentially_with_jitter_and_a_cap():
    rng = random.Random(0)
    delays = [backoff_delay(n, 1.0, 8.0, rng) for n in range(1, 7)]
    for n, delay in enumerate(delays, start=1):
        ceiling = min(8.0, 2 ** (n - 1))
        assert ceiling / 2 <= delay <= ceiling
    assert len({round(d, 6) for d in delays}) == len(delays)


def test_retry_after_parses_seconds_and_http_dates():
    assert parse_retry_after("3") == 3.0
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:10 GMT", now=1445412480.0) == 10.0
    assert parse_retry_after("soon") is None and parse_retry_after(None) is None
