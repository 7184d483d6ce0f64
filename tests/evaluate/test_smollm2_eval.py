"""The real SmolLM2-135M-Instruct served by llama-cpp-python's OpenAI-compatible server, scored on a
CRUXEval-O subset through the endpoint backend and the sandbox (its score is low; it is real)."""

import pytest

from conftest import dataset
from tracepile.evaluate import EndpointBackend, EvalConfig, Sampling, evaluate


def test_smollm2_through_llama_cpp_server_on_cruxeval_o():
    from tracepile.llm.serve import LocalServer, ServerError, smollm2_path

    try:
        server = LocalServer(smollm2_path(), n_ctx=2048, threads=2)
    except ServerError as exc:
        pytest.skip(str(exc))
    config = EvalConfig(tasks=("cruxeval-o",), cruxeval=str(dataset("cruxeval")), limit=5,
                        sampling=Sampling(max_tokens=48))
    with server:
        results = evaluate(config, EndpointBackend(server.endpoint, "smollm2", concurrency=1))
    task = results["tasks"][0]
    print(f"\nSmolLM2-135M CRUXEval-O (first 5, direct, greedy): pass@1 {task['scores']['pass@1']}")
    assert task["items"] == 5 and task["errors"] == 0
    assert all(len(r["predictions"]) == 1 for r in task["records"])
    assert any(r["predictions"][0] for r in task["records"])  # the model answered something
