"""The shipped lm-eval task YAMLs run under lm-evaluation-harness with `local-chat-completions` against
the loopback oracle: every answer right scores 1.0, every answer wrong 0.0."""

import sys
from pathlib import Path

import pytest

from conftest import dataset
from oracle_server import cruxeval_oracle, serve
from tracepile.evaluate.cruxeval import load_items

lm_eval = pytest.importorskip("lm_eval", reason="lm-eval is not installed (pip install -e '.[eval]')")
TASKS = Path(__import__("tracepile.evaluate").evaluate.__file__).parent / "lm_eval_tasks"


@pytest.fixture(autouse=True)
def stop_scorer_sandboxes():
    """lm-eval loads utils.py under its own module name; stop the sandbox workers it started."""
    yield
    for module in list(sys.modules.values()):
        if getattr(module, "__file__", None) == str(TASKS / "utils.py"):
            module.close_sandbox()


def run(url, tasks, limit, metadata):
    from lm_eval.tasks import TaskManager

    manager = TaskManager(include_path=str(TASKS), include_defaults=False, metadata=metadata)
    results = lm_eval.simple_evaluate(
        model="local-chat-completions", model_args=f"model=oracle,base_url={url}/chat/completions,num_concurrent=8",
        tasks=tasks, task_manager=manager, apply_chat_template=True, limit=limit, log_samples=False)
    return {task: scores for task, scores in results["results"].items()}


def test_cruxeval_yamls_score_the_oracle_1_and_a_wrong_server_0():
    path = dataset("cruxeval")
    items = load_items(path)
    metadata = {"cruxeval_path": str(path)}
    with serve(cruxeval_oracle(items)) as (url, requests):
        right = run(url, ["tracepile_cruxeval_o", "tracepile_cruxeval_i"], 100, metadata)
    assert right["tracepile_cruxeval_o"]["pass@1,none"] == 1.0
    assert right["tracepile_cruxeval_i"]["pass@1,none"] == 1.0
    assert len(requests) == 200 and requests[0]["messages"][-1]["content"].endswith("[/PYTHON]\n[ANSWER]\n")
    with serve(cruxeval_oracle(items, wrong=True)) as (url, _):
        wrong = run(url, ["tracepile_cruxeval_o"], 50, metadata)
    assert wrong["tracepile_cruxeval_o"]["pass@1,none"] == 0.0
    assert any(getattr(m, "__file__", None) == str(TASKS / "utils.py") and m._EXECUTOR for m in list(sys.modules.values()))
