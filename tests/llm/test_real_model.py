"""End to end with a real model on CPU: SmolLM2-135M-Instruct served by llama_cpp.server (started here),
narrating a tiny corpus in both modes with one repair round. A 135M model mostly fails; what it gets kept
must verify."""

import json

import pytest
from llm_helpers import PROGRAMS, rejects_of, rows_of

from tracepile.engine import trace, verify
from tracepile.llm.serve import LocalServer, smollm2_path
from tracepile.model import ProgramInput
from tracepile.pipeline import BuildConfig, build
from tracepile.pipeline.llm_narration import NarrateConfig, narrate_corpus


@pytest.fixture(scope="module")
def smollm2():
    with LocalServer(smollm2_path(), n_ctx=8192) as server:  # a repair turn: prompt + text + feedback
        yield server


@pytest.fixture(scope="module")
def tiny_corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tiny")
    records = folder / "programs.jsonl"
    records.write_text("".join(json.dumps({"id": name, "code": code, "calls": [call], "domain": "algorithms"}) + "\n"
                               for name, (code, call) in PROGRAMS.items()))
    build(BuildConfig(programs=str(records), workers=1, sandbox="none", questions_per_trace=0, seed=0),
          folder / "corpus", progress=False)
    return folder / "corpus"


@pytest.mark.parametrize("mode", ["narrate", "rewrite"])
def test_smollm2_narration_keeps_only_verified_texts_and_rejects_with_reasons(smollm2, tiny_corpus, tmp_path, mode):
    config = NarrateConfig(endpoint=smollm2.endpoint, model="smollm2-135m", mode=mode, paths=2, max_tokens=256,
                           examples=1, temperature=0.7, concurrency=1, timeout_s=600, inputs_per_task=1, limit=2,
                           repair_rounds=1)
    manifest = narrate_corpus(tiny_corpus, config, tmp_path / mode, progress=False)
    kept, rejects = rows_of(tmp_path / mode), rejects_of(tmp_path / mode)
    assert manifest["inputs"] == 2 and manifest["paths"]["sampled"] == 4
    assert len(kept) + len(rejects) == 2
    assert manifest["usage"]["completion_tokens"] > 0 and manifest["usage"]["requests"] >= 2
    accepted = manifest["repair"]["accepted_by_round"]
    assert accepted["0"] + accepted["1"] == len(kept) and manifest["repair"]["requests"] <= 4
    for row in kept:
        code, call = PROGRAMS[row["program_id"]]
        assert row["narration"]["narrator"] == "llm" and row["narration"]["model"] == "smollm2-135m"
        assert row["narration"]["repair_rounds"] in (0, 1)
        assert verify(row["response"], trace(code, ProgramInput("call", call), program_id=row["program_id"])).passed
    for reject in rejects:
        assert reject["reason"] in ("no verified path", "request failed") and reject["detail"]
        if reject["reason"] == "no verified path":
            assert reject["detail"].startswith("path 0 (after 1 repair round): "), "every path had a repair turn"
        assert reject["claim_failures"], "a rejected input must say why each path failed"
    print(mode, json.dumps({k: manifest[k] for k in ("acceptance", "paths", "repair", "usage", "rates",
                                                     "top_path_failures")}))


def test_the_claim_grammar_constrains_smollm2(smollm2):
    import re

    from tracepile.llm.client import ChatClient, ChatRequest
    from tracepile.llm.prompts import grammar_request_fields

    ask = ChatRequest(model="smollm2-135m", messages=({"role": "user", "content": "Describe a program run."},),
                      max_tokens=30, seed=1, extra=grammar_request_fields("llama.cpp"))
    [result] = ChatClient(smollm2.endpoint, max_retries=0).complete_all([ask])
    assert result.error is None, result.error
    assert re.match(r"(Line \d+|Back at line \d+|Iterations \d+ to|Calling `|`[\w.<>]+` returns `)", result.texts[0])
