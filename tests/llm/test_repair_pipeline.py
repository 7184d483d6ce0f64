"""`tracepile narrate` with repair over a real template corpus against a loopback stub: samples accepted at
round 1 carry it in their provenance, the manifest and card report acceptance by round and the tokens and
cost per kept sample, a rerun sends no repair again, and `--repair-rounds 0` turns repair off."""

import json
from dataclasses import replace
from pathlib import Path

import pytest
from llm_helpers import asks, rejects_of, rows_of
from stub_server import StubServer, completion

from tracepile.pipeline import BuildConfig, build
from tracepile.pipeline.llm_narration import NarrateConfig, narrate_corpus, source_rows

PRICE = {"prompt": 1.0, "completion": 2.0}


def wrong_answer(text: str) -> str:
    return text[:text.rindex("Final answer")] + "Final answer: 12345"


def fixed_on_repair(source):
    """First turns get the template with a wrong final answer; repair turns get the true template."""
    rows = source_rows(Path(source), None)

    def script(body, index):
        row = next(r for text in asks(body) for r in rows if text.startswith(r["prompt"]))
        if not body["messages"][-1]["content"].startswith(row["prompt"]):  # a repair turn
            return completion([row["response"]], prompt_tokens=80)
        return completion([wrong_answer(row["response"])] * body["n"], prompt_tokens=50)

    return script


def words(text: str) -> int:
    return len(text.split())


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    out = tmp_path_factory.mktemp("template")
    build(BuildConfig(samples=6, seed=3, workers=1, sandbox="none", questions_per_trace=0), out, progress=False)
    return out


@pytest.fixture(scope="module")
def repaired(corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("repaired")
    with StubServer(fixed_on_repair(corpus)) as stub:
        config = NarrateConfig(endpoint=stub.endpoint, model="stub-model", paths=1, price=PRICE,
                               cache=str(out.parent / "repair-cache.sqlite"))
        manifest = narrate_corpus(corpus, config, out, progress=False)
    return out, manifest, config, stub.requests


def test_samples_fixed_in_the_repair_turn_are_kept_with_their_round_and_tokens(corpus, repaired):
    out, manifest, _, requests = repaired
    source = {r["prompt"]: r["response"] for r in source_rows(corpus, None)}
    rows = rows_of(out)
    assert len(rows) == len(source) == manifest["samples"] >= 4 and len(requests) == 2 * len(rows)
    for row in rows:
        narration = row["narration"]
        true = source[row["prompt"]]
        assert row["response"] == true and narration["repair_rounds"] == 1
        assert narration["prompt_tokens"] == 50 + 80
        assert narration["completion_tokens"] == words(wrong_answer(true)) + words(true)
        assert json.loads(narration["sampling"])["repair_rounds"] == 2


def test_the_manifest_and_card_report_acceptance_by_round_and_spend_per_kept_sample(corpus, repaired):
    out, manifest, _, _ = repaired
    n = manifest["samples"]
    repair = manifest["repair"]
    assert repair["accepted_by_round"] == {"0": 0, "1": n, "2": 0}
    assert repair["cumulative_rate_by_round"] == {"0": 0.0, "1": 1.0, "2": 1.0}
    assert (repair["requests"], repair["prompt_tokens"], repair["repaired_paths"]) == (n, 80 * n, n)
    truths = [r["response"] for r in source_rows(corpus, None)]
    completion_tokens = sum(words(wrong_answer(t)) + words(t) for t in truths)
    assert repair["completion_tokens"] == sum(words(t) for t in truths)
    each = manifest["per_kept_sample"]
    assert each["prompt_tokens"] == 130.0 and each["completion_tokens"] == round(completion_tokens / n, 1)
    assert each["usd"] == round((130 * n + 2 * completion_tokens) / 1e6 / n, 6)
    card = (out / "README.md").read_text()
    assert "up to 2 repair rounds" in card
    assert f"round 0: 0 (cumulative 0.0), round 1: {n} (cumulative 1.0), round 2: 0 (cumulative 1.0)" in card
    assert f"Per kept sample: 130.0 prompt and {each['completion_tokens']} completion tokens, ${each['usd']}" in card


def test_a_rerun_with_the_cache_sends_no_repair_again(corpus, repaired, tmp_path):
    out, manifest, config, _ = repaired
    with StubServer(fixed_on_repair(corpus)) as stub:
        again = narrate_corpus(corpus, replace(config, endpoint=stub.endpoint),
                               tmp_path / "again", progress=False)
    assert stub.requests == []
    assert again["repair"]["accepted_by_round"] == manifest["repair"]["accepted_by_round"]
    assert again["usage"]["cache_hits"] == again["usage"]["requests"] == 2 * manifest["samples"]
    assert [r["response"] for r in rows_of(tmp_path / "again")] == [r["response"] for r in rows_of(out)]


def test_cli_repair_rounds_zero_sends_no_repair(corpus, tmp_path):
    from typer.testing import CliRunner

    from tracepile.cli import app

    with StubServer(fixed_on_repair(corpus)) as stub:
        result = CliRunner().invoke(app, ["narrate", str(corpus), "--out", str(tmp_path / "x"), "--endpoint",
                                          stub.endpoint, "--model", "m", "--paths", "1", "--repair-rounds", "0"])
    assert result.exit_code == 0, result.output
    manifest = json.loads((tmp_path / "x" / "manifest.json").read_text())
    assert manifest["repair"]["accepted_by_round"] == {"0": 0} and manifest["samples"] == 0
    assert "Rejected paths were not repaired (repair rounds 0)." in (tmp_path / "x" / "README.md").read_text()
    assert len(stub.requests) == manifest["inputs"] == len(rejects_of(tmp_path / "x")) > 0
