"""`tracepile narrate` over a real template corpus against a loopback stub: kept samples and provenance,
rejects with reasons, the cache across runs, accounting and cost, and kill -9 then resume."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from llm_helpers import asks, rejects_of, rows_of
from stub_server import StubServer, completion, error

from tracepile.engine import trace, verify
from tracepile.llm.prompts import PROMPT_VERSION
from tracepile.llm.client import ChatRequest
from tracepile.model import ProgramInput
from tracepile.narration.prompt import problem_in
from tracepile.pipeline import BuildConfig, build
from tracepile.pipeline.llm_narration import NarrateConfig, narrate_corpus, source_rows


def templates(source, edit=lambda row, text: text, delay_s=0.0):
    """A script that answers each prompt with its input's verified template CoE (edited), once per path."""
    rows = source_rows(Path(source), None)

    def script(body, index):
        row = next(r for text in asks(body) for r in rows if text.startswith(r["prompt"]))
        reply = completion([edit(row, row["response"])] * body["n"], prompt_tokens=50)
        reply.delay_s = delay_s
        return reply

    return script


def request_keys(stub) -> list[str]:
    return [ChatRequest(model=b["model"], messages=tuple(b["messages"]), temperature=b["temperature"],
                        top_p=b["top_p"], max_tokens=b["max_tokens"], n=b["n"], seed=b["seed"]).cache_key()
            for b in stub.requests]


@pytest.fixture(scope="module")
def template_corpus(tmp_path_factory):
    """A small template corpus to narrate."""
    out = tmp_path_factory.mktemp("template")
    build(BuildConfig(samples=12, seed=5, workers=1, sandbox="none", questions_per_trace=0, inputs_per_task=4),
          out, progress=False)
    return out


@pytest.fixture(scope="module")
def narrated(template_corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("narrated")
    with StubServer(templates(template_corpus)) as stub:
        config = NarrateConfig(endpoint=stub.endpoint, model="stub-model", paths=2, inputs_per_task=5,
                               price={"prompt": 1.0, "completion": 2.0}, cache=str(out.parent / "shared.sqlite"))
        manifest = narrate_corpus(template_corpus, config, out, progress=False)
    return out, manifest, config, len(stub.requests)


def test_verified_texts_are_all_kept_with_full_provenance(template_corpus, narrated):
    out, manifest, config, requests = narrated
    source = source_rows(template_corpus, None)
    rows = rows_of(out)
    assert requests == len(source) == manifest["inputs"] == len(rows) == manifest["samples"] >= 10
    assert manifest["rejected"] == {} and manifest["paths"] == {"sampled": 2 * len(rows), "verified": 2 * len(rows),
                                                                 "truncated": 0}
    code = {r["id"]: r["code"] for r in source}
    for row in rows[:4]:
        narration = row["narration"]
        assert narration["narrator"] == "llm" and narration["model"] == "stub-model"
        assert narration["endpoint"].startswith("127.0.0.1:") and narration["prompt_version"] == PROMPT_VERSION
        assert narration["mode"] == "narrate" and narration["path"] == 0 and narration["attempts"] == 1
        assert json.loads(narration["sampling"])["paths"] == 2 and narration["seed"] is not None
        origin = next(s for s in source if s["response"] == row["response"])
        again = trace(code[origin["id"]], ProgramInput(row["input_kind"], row["input"]), program_id=row["program_id"],
                      seed=5)
        problem = problem_in(row["prompt"])  # quotes of the word problem are checked against it
        assert verify(row["response"], again, problem=problem).passed, "a kept sample must pass the verifier"
    assert all(r["verified"] and r["claims_checked"] == r["claims"] > 0 for r in rows)


def test_accounting_and_cost_are_in_the_manifest_and_card(narrated):
    out, manifest, _, _ = narrated
    usage = manifest["usage"]
    assert usage["requests"] == manifest["inputs"] and usage["prompt_tokens"] == 50 * usage["requests"]
    assert usage["paid_completion_tokens"] == usage["completion_tokens"] > 0
    assert manifest["cost"]["usd"] == round((usage["prompt_tokens"] + 2 * usage["completion_tokens"]) / 1e6, 6)
    assert sum(v["inputs"] for v in manifest["acceptance"].values()) == manifest["inputs"]
    assert all(v["rate"] == 1.0 for v in manifest["acceptance"].values())
    assert manifest["rates"]["requests_per_s"] > 0 and manifest["rates"]["verify_ms_per_text"] > 0
    card = (out / "README.md").read_text()
    assert "stub-model" in card and f"{manifest['samples']} samples" in card and f"${manifest['cost']['usd']}" in card


def test_a_second_run_with_the_same_cache_makes_no_request(template_corpus, narrated, tmp_path):
    out, manifest, config, _ = narrated
    with StubServer(templates(template_corpus)) as stub:
        again = narrate_corpus(template_corpus, config, tmp_path / "again", progress=False)
    assert stub.requests == []
    assert [(r["id"], r["response"]) for r in rows_of(tmp_path / "again")] == \
        [(r["id"], r["response"]) for r in rows_of(out)]
    assert again["usage"]["cache_hits"] == again["usage"]["requests"] and again["cost"]["usd"] == 0
    assert again["cost"]["usd_without_cache"] == manifest["cost"]["usd"]


def test_false_claims_are_rejected_with_reasons_and_the_rest_kept(template_corpus, tmp_path):
    def corrupt(row, text):
        if row["domain"] != "math":
            return text
        return text[:text.rindex("Final answer")] + "Final answer: 12345"

    with StubServer(templates(template_corpus, corrupt)) as stub:
        manifest = narrate_corpus(template_corpus, NarrateConfig(endpoint=stub.endpoint, model="m", paths=2),
                                  tmp_path, progress=False)
    rejects = rejects_of(tmp_path)
    math = [r for r in source_rows(template_corpus, None) if r["domain"] == "math"]
    assert len(rejects) == len(math) > 0 and manifest["samples"] == manifest["inputs"] - len(math)
    for reject in rejects:
        assert reject["reason"] == "no verified path"
        assert reject["detail"].startswith("path 0 (after 2 repair rounds): "), "each rejected path was repaired twice"
        assert any("wrong final answer" in failure and "12345" in failure for failure in reject["claim_failures"])
    assert manifest["acceptance"]["narrate|math|call"]["rate"] == 0.0
    assert any("wrong final answer" in reason and "12345" in reason for reason in manifest["top_path_failures"])


def test_kill_9_then_rerun_keeps_the_same_set_and_repeats_no_answered_request(template_corpus, narrated, tmp_path):
    reference, _, _, _ = narrated
    out = tmp_path / "killed"
    with StubServer(templates(template_corpus, delay_s=0.3)) as stub:
        command = [sys.executable, "-m", "tracepile.cli", "narrate", str(template_corpus), "--out", str(out),
                   "--endpoint", stub.endpoint, "--model", "stub-model", "--paths", "2", "--concurrency", "2"]
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   start_new_session=True)
        deadline = time.monotonic() + 300
        while len(stub.requests) < 5 and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        before = len(stub.requests)
        assert 5 <= before < len(rows_of(reference)), "the run should be killed in the middle"
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)
        keys = request_keys(stub)
    assert [(r["id"], r["response"]) for r in rows_of(out)] == [(r["id"], r["response"]) for r in rows_of(reference)]
    repeated = len(keys) - len(set(keys))
    assert repeated <= 2, f"{repeated} requests repeated: only those in flight at the kill (concurrency 2) may be"
    assert len(set(keys)) == len(rows_of(reference))


def test_cli_stops_at_once_on_a_configuration_error(template_corpus, tmp_path):
    from typer.testing import CliRunner

    from tracepile.cli import app

    with StubServer(lambda body, i: error(401, "Incorrect API key provided")) as stub:
        result = CliRunner().invoke(app, ["narrate", str(template_corpus), "--out", str(tmp_path / "x"),
                                          "--endpoint", stub.endpoint, "--model", "m", "--concurrency", "1"])
    assert result.exit_code == 1
    assert "Error: HTTP 401" in result.output and "Incorrect API key provided" in result.output
    assert len(stub.requests) == 1


def test_cli_needs_endpoint_and_model_for_the_llm_narrator(tmp_path):
    from typer.testing import CliRunner

    from tracepile.cli import app

    result = CliRunner().invoke(app, ["build", "--out", str(tmp_path), "--narrator", "llm", "--model", "m"])
    assert result.exit_code == 1 and "--narrator llm needs --endpoint URL and --model NAME" in result.output
