"""CRUXEval scoring: answer extraction, the official rejection rules, the unbiased pass@k, and the
loopback oracle through the endpoint backend and the sandbox: 800/800 on -O and -I, a wrong server 0."""

from itertools import combinations

import pytest

from conftest import dataset
from oracle_server import cruxeval_oracle, serve
from tracepile.evaluate import EndpointBackend, EvalConfig, EvalError, Sampling, evaluate
from tracepile.evaluate.cruxeval import CruxItem, check_script, extract, load_items, prompt
from tracepile.evaluate.execution import pass_at_k, run_checks
from tracepile.sandbox import make_executor

ITEM = CruxItem("sample_x", "def f(s):\n    return s + '=='", "'a'", "'a=='")


@pytest.mark.parametrize("generation, mode, expected", [
    ("assert f('a') == 'a=='\n[/ANSWER]", "output", "'a=='"),
    ("[THOUGHT]f adds ==[/THOUGHT]\n[ANSWER]\nassert f('a') == 'a=='\n[/ANSWER] trailing", "output", "'a=='"),
    ("'a=='", "output", "'a=='"),
    ("assert f('a') == 'a==' # done", "output", "'a=='"),
    ("[ANSWER]\nassert f('a') == 'a=='\n[/ANSWER]", "input", "f('a')"),
    ("assert f(??x) == 1", "output", "1"),
    ("Line 2 returns ...\n\nFinal answer: 'a=='", "output", "'a=='"),
    ("Line 2 returns ...\n\nFinal answer:\n```\n'a=='\n```", "output", "'a=='"),
])
def test_extract(generation, mode, expected):
    assert extract(generation, mode) == expected


def test_official_rejections_and_script():
    assert check_script(ITEM, "f('a')", "output") is None
    assert check_script(ITEM, "'a'", "input") is None
    assert check_script(ITEM, "'a=='", "output") == f"{ITEM.code}\nassert 'a==' == 'a=='\n"


def test_prompts_are_the_official_templates():
    text = prompt(ITEM, "output", cot=False)
    assert text.endswith(f"[PYTHON]\n{ITEM.code}\nassert f('a') == ??\n[/PYTHON]\n[ANSWER]\n")
    assert "Execute the program step by step" in prompt(ITEM, "output", cot=True)
    assert prompt(ITEM, "input", cot=True).endswith("assert f(??) == 'a=='\n[/PYTHON]\n[THOUGHT]\n")


def test_pass_at_k_matches_brute_force():
    for n in range(1, 7):
        for c in range(n + 1):
            for k in range(1, n + 1):
                draws = list(combinations([True] * c + [False] * (n - c), k))
                assert pass_at_k(n, c, k) == pytest.approx(sum(any(d) for d in draws) / len(draws))
    with pytest.raises(ValueError):
        pass_at_k(2, 1, 3)


def test_checks_run_in_the_sandbox_and_fail_on_errors_and_loops():
    scripts = ["assert 1 == 1", "assert 1 == 2", "while True:\n    pass", "import os\nos.fork()", None,
               "def f(x):\n    return [x]\nassert [1] == f(1)"]
    with make_executor("auto", workers=2) as executor:
        assert run_checks(scripts, executor) == [True, False, False, False, False, True]


def test_oracle_scores_800_of_800_and_a_wrong_server_0():
    items = load_items(dataset("cruxeval"))
    assert len(items) == 800
    config = EvalConfig(tasks=("cruxeval-o", "cruxeval-i"), cruxeval=str(dataset("cruxeval")), workers=2)
    with serve(cruxeval_oracle(items)) as (url, requests):
        results = evaluate(config, EndpointBackend(url, "oracle", concurrency=16))
    scores = {t["task"]: (t["scores"]["pass@1"], t["items"], t["errors"]) for t in results["tasks"]}
    assert scores == {"cruxeval-o": (100.0, 800, 0), "cruxeval-i": (100.0, 800, 0)}
    assert len(requests) == 1600 and requests[0]["temperature"] == 0.0
    wrong_config = EvalConfig(tasks=("cruxeval-o", "cruxeval-i"), cruxeval=str(dataset("cruxeval")), limit=200)
    with serve(cruxeval_oracle(items, wrong=True)) as (url, _):
        wrong = evaluate(wrong_config, EndpointBackend(url, "wrong", concurrency=16))
    assert [(t["scores"]["pass@1"], t["items"]) for t in wrong["tasks"]] == [(0.0, 200), (0.0, 200)]


def test_pass_at_k_with_several_samples():
    items = load_items(dataset("cruxeval"))[:5]
    answers = iter(["[ANSWER]assert f(x) == 0[/ANSWER]"] * 100)
    right = cruxeval_oracle(items)
    calls = []

    def half_right(text):  # every other request right: with n=2 each item gets a right and a wrong path
        calls.append(text)
        return right(text) if len(calls) % 2 else next(answers)

    config = EvalConfig(tasks=("cruxeval-o",), cruxeval=str(dataset("cruxeval")), limit=5, ks=(1, 2),
                        sampling=Sampling(n=2, temperature=0.8))
    with serve(half_right) as (url, requests):
        results = evaluate(config, EndpointBackend(url, "half", concurrency=1))
    assert results["tasks"][0]["scores"] == {"pass@1": 50.0, "pass@2": 100.0}
    assert requests[0]["n"] == 2 and results["sampling"]["temperature"] == 0.8


def test_config_errors_name_the_fix():
    with pytest.raises(EvalError, match="needs its data"):
        EvalConfig(tasks=("trace-qa",))
    with pytest.raises(EvalError, match="unknown task"):
        EvalConfig(tasks=("mmlu",), cruxeval="x")
    with pytest.raises(EvalError, match="--n 5"):
        EvalConfig(cruxeval="x", ks=(5,))
