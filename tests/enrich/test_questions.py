"""Trace-derived questions: known answers per kind, the checker, verified partial CoEs,
determinism per seed, planted errors rejected, and the non-trivial selection rules."""

from dataclasses import replace

import pytest

from conftest import tracer_pythons
from tracepile.engine import trace
from tracepile.enrich.questions import (KINDS, QuestionConfig, candidates, check_answer,
                                        questions_for_trace, rationale, verify_rationale)
from tracepile.model import Program, ProgramInput
from tracepile.narration import narrate

LOOP = '''def f(n):
    s = 0
    for i in range(n):
        if i % 2 == 0:
            s += i * 3
        else:
            s -= 1
    return s
'''
PEAK = '''def level(xs):
    h = 0
    for x in xs:
        h += x
    return h
'''
FACT = '''def fact(n):
    if n <= 1:
        return 1
    return n * fact(n - 1)
'''
DIVIDE = '''def f(xs):
    total = 0
    for x in xs:
        try:
            total += 10 // x
        except ZeroDivisionError:
            total -= 1
    return total
'''
HELPERS = '''def unused(x):
    return x + 1


def twice(x):
    return 2 * x


def f(xs):
    out = []
    for x in xs:
        if x > 0:
            out.append(twice(x))
        else:
            out.append(0)
    return out
'''
SCRIPT = '''n = int(input())
best = 0
for k in range(n):
    v = (k * 7) % 5
    if v > best:
        best = v
print(best)
'''

RUNS = {
    "loop5": (LOOP, "call", "f(5)"),
    "loop1": (LOOP, "call", "f(1)"),
    "peak": (PEAK, "call", "level([3, 4, -5, 1])"),
    "fact": (FACT, "call", "fact(4)"),
    "divide": (DIVIDE, "call", "f([5, 0, 2])"),
    "divide_ok": (DIVIDE, "call", "f([5, 2])"),
    "helpers": (HELPERS, "call", "f([1, -2, 3])"),
    "script": (SCRIPT, "stdin", "4\n"),
    "script2": (SCRIPT, "stdin", "2\n"),  # 1 and 3 print other numbers: its input is found by search
}

# (run, kind, params, exact answer): worked out by hand from the program text.
KNOWN = [
    ("loop5", "state", {"line": 5, "var": "s", "k": 2}, "5 (int)"),
    ("loop5", "state", {"line": 7, "var": "s", "k": 2}, "4 (int)"),
    ("peak", "state", {"line": 4, "var": "h", "k": 3}, "2 (int)"),
    ("helpers", "state", {"line": 13, "var": "out", "k": 2}, "[2, 0, 6] (list)"),
    ("loop5", "next_line", {"line": 4, "k": 2}, "line 7"),
    ("loop5", "next_line", {"line": 3, "k": 6}, "line 8"),
    ("helpers", "next_line", {"line": 12, "k": 2}, "line 15"),
    ("loop5", "line_executed", {"line": 7}, "yes"),
    ("loop1", "line_executed", {"line": 7}, "no"),
    ("loop5", "line_count", {"line": 5}, "3"),
    ("loop5", "line_count", {"line": 7}, "2"),
    ("fact", "line_count", {"line": 4}, "3"),
    ("loop5", "loop_iterations", {"line": 3, "activation": 1}, "5"),
    ("script", "loop_iterations", {"line": 3, "activation": 1}, "4"),
    ("loop5", "branch", {"line": 4, "k": 1}, "True (then line 5)"),
    ("loop5", "branch", {"line": 4, "k": 2}, "False (then line 7)"),
    ("helpers", "branch", {"line": 12, "k": 2}, "False (then line 15)"),
    ("fact", "call_count", {"func": "fact"}, "4"),
    ("helpers", "call_count", {"func": "twice"}, "2"),
    ("fact", "call_return", {"func": "fact", "k": 1}, "24"),
    ("fact", "call_return", {"func": "fact", "k": 2}, "6"),
    ("helpers", "call_return", {"func": "twice", "k": 2}, "6"),
    ("fact", "max_depth", {}, "4"),
    ("peak", "max_value", {"func": "level", "var": "h"}, "7"),
    ("script", "max_value", {"func": "<module>", "var": "v"}, "4"),  # `best` peaks last: not asked
    ("peak", "first_iteration", {"line": 3, "activation": 1, "var": "h", "op": ">", "threshold": "3"}, "2"),
    ("peak", "first_iteration", {"line": 3, "activation": 1, "var": "h", "op": "<", "threshold": "3"}, "3"),
    ("divide", "exception", {}, "ZeroDivisionError: integer division or modulo by zero (line 5)"),
    ("divide_ok", "exception", {}, "no"),
    ("loop5", "input", {}, "f(5)"),
    ("script2", "input", {}, "2\n"),
]

WRONG = {  # a plausible wrong answer per kind
    "state": "5 (float)", "next_line": "line 99", "line_executed": "maybe", "line_count": "100",
    "loop_iterations": "0", "branch": "True (then line 99)", "call_count": "1", "call_return": "-1",
    "max_depth": "1", "max_value": "-100", "first_iteration": "1", "exception": "KeyError (line 1)",
    "input": "f(0)",
}


@pytest.fixture(scope="module")
def traces():
    return {name: trace(code, ProgramInput(kind, text), program_id=name)
            for name, (code, kind, text) in RUNS.items()}


@pytest.fixture(scope="module")
def pools(traces):
    return {name: candidates(t) for name, t in traces.items()}


def program(name: str) -> Program:
    code, kind, text = RUNS[name]
    return Program(id=name, code=code, **({"calls": (text,)} if kind == "call" else {"stdin": (text,)}))


def find(pools, run, kind, params):
    matches = [q for q in pools[run][kind] if q.params == params]
    assert matches, f"no {kind} question {params} for {run}: {[q.params for q in pools[run][kind]]}"
    return matches[0]


# ---------------------------------------------------------------- known answers

@pytest.mark.parametrize("run,kind,params,answer", KNOWN, ids=[f"{k[0]}-{k[1]}-{i}" for i, k in enumerate(KNOWN)])
def test_known_answer_is_generated_checked_and_its_rationale_verified(traces, pools, run, kind, params, answer):
    question = find(pools, run, kind, params)
    assert question.answer == answer
    assert check_answer(question, traces[run])
    text, _ = rationale(traces[run], question, seed=1)
    report = verify_rationale(text, traces[run], question)
    assert report.passed, report.failures + report.unverifiable
    assert report.claims > 2


@pytest.mark.parametrize("run,kind,params,answer", KNOWN, ids=[f"{k[0]}-{k[1]}-{i}" for i, k in enumerate(KNOWN)])
def test_planted_wrong_answer_is_rejected(traces, pools, run, kind, params, answer):
    question = find(pools, run, kind, params)
    wrong = replace(question, answer=WRONG[kind])
    assert not check_answer(wrong, traces[run])
    text, _ = rationale(traces[run], question, seed=1)
    bad_text = text[:text.rindex("Final answer")] + f"Final answer: {WRONG[kind]}"
    report = verify_rationale(bad_text, traces[run], question)
    assert not report.passed and any("final answer" in f for f in report.failures)


def test_every_candidate_of_every_run_checks_and_verifies(traces, pools):
    for name, pool in pools.items():
        for kind, questions in pool.items():
            for question in questions:
                assert check_answer(question, traces[name]), (name, question)
                if kind != "input":  # re-execution is covered by the table above
                    text, _ = rationale(traces[name], question, seed=0)
                    report = verify_rationale(text, traces[name], question)
                    assert report.passed, (name, question, report.failures, report.unverifiable)


@pytest.mark.parametrize("python", tracer_pythons())
def test_answers_agree_on_every_tracer_backend(python):
    result = trace(LOOP, "f(5)", python=python)
    pool = candidates(result)
    assert [q.answer for q in pool["branch"]] == ["True (then line 5)", "False (then line 7)"] * 2 + \
        ["True (then line 5)"]
    assert [q.answer for q in pool["line_count"]] == ["3", "2"]


def test_another_input_with_the_same_result_is_accepted(traces, pools):
    question = find(pools, "peak", "input", {})
    assert check_answer(replace(question, answer="level([3])"), traces["peak"])  # also returns 3
    assert not check_answer(replace(question, answer="level([4])"), traces["peak"])
    assert not check_answer(replace(question, answer="other([3, 4, -5, 1])"), traces["peak"])
    assert not check_answer(replace(question, answer="level("), traces["peak"])


# ---------------------------------------------------------------- partial CoE

def test_rationale_stops_where_the_question_points(traces, pools):
    question = find(pools, "loop5", "branch", {"line": 4, "k": 2})
    text, _ = rationale(traces["loop5"], question, seed=0)
    paragraphs = text.split("\n\n")
    assert paragraphs[-1] == "Final answer: False (then line 7)"
    assert paragraphs[-2] == "That was check 2 of line 4: the condition is False, so line 7 runs next."
    assert paragraphs[-3].startswith("Line 4 ") and "is False" in paragraphs[-3]
    assert "iteration 3" not in text and "returns" not in text


def test_rationale_closes_a_line_whose_call_returned(traces, pools):
    question = find(pools, "helpers", "state", {"line": 13, "var": "out", "k": 2})
    text, _ = rationale(traces["helpers"], question, seed=0)
    assert "`twice` " in text and text.split("\n\n")[-3].startswith("Back at line 13")


def test_planted_wrong_step_and_skipped_step_are_caught(traces, pools):
    question = find(pools, "loop5", "state", {"line": 7, "var": "s", "k": 2})
    text, _ = rationale(traces["loop5"], question, seed=0)
    # `s = 5` is stated as a claim or as the move "`s` grows by `6`, from `-1` to `5`"
    planted = text.replace("`s = 5`", "`s = 6`", 1) if "`s = 5`" in text else text.replace("to `5`.", "to `6`.", 1)
    assert planted != text
    report = verify_rationale(planted, traces["loop5"], question)
    assert not report.passed and any("s = 6" in f or "to `6`" in f for f in report.failures)
    paragraphs = text.split("\n\n")
    report = verify_rationale("\n\n".join(paragraphs[:3] + paragraphs[4:]), traces["loop5"], question)
    assert not report.passed


def test_rationale_must_reach_the_stop(traces, pools):
    question = find(pools, "loop5", "state", {"line": 5, "var": "s", "k": 3})
    text, _ = rationale(traces["loop5"], question, seed=0)
    paragraphs = text.split("\n\n")
    cut = "\n\n".join(paragraphs[:4] + paragraphs[-1:])
    assert not verify_rationale(cut, traces["loop5"], question).passed


def test_narrate_stop_at_is_additive(traces):
    result = traces["loop5"]
    assert narrate(result).response == narrate(result, stop_at=None).response
    partial = narrate(result, stop_at=3, final="x")
    assert partial.response.endswith("Final answer: x") and "Line 5" not in partial.response


# ---------------------------------------------------------------- samples and sampling

ALL = QuestionConfig(counts={kind: 2 for kind in KINDS})


def test_samples_cover_the_kinds_and_all_verify(traces):
    kinds = set()
    for name in RUNS:
        for sample in questions_for_trace(program(name), traces[name], seed=3, config=ALL):
            kinds.add(sample.kind)
            assert sample.verified, (name, sample.kind, sample.claim_failures, sample.reason)
            assert sample.response.endswith(sample.answer.rstrip("\n") + ("\n```" if "\n" in sample.answer else ""))
            assert sample.prompt.count("```python") == 1 and sample.claims == sample.claims_checked
    assert kinds == set(KINDS)


def test_input_prediction_prompt_hides_the_input(traces):
    samples = questions_for_trace(program("loop5"), traces["loop5"], config=QuestionConfig(counts={"input": 1}))
    (sample,) = samples
    assert "f(5)" not in sample.prompt and "returns `16`" in sample.prompt
    assert sample.answer == "f(5)" and sample.verified


def test_same_seed_same_samples_and_seeds_vary(traces):
    def picks(seed):
        samples = questions_for_trace(program("loop5"), traces["loop5"], seed=seed, config=ALL)
        return [(s.kind, s.id, s.prompt, s.response, s.answer) for s in samples]

    assert picks(7) == picks(7)
    assert len({tuple(picks(seed)) for seed in range(6)}) > 1


def test_counts_per_kind_are_respected(traces):
    config = QuestionConfig(counts={"state": 3, "branch": (0, 1), "coe": 0})
    samples = questions_for_trace(program("loop5"), traces["loop5"], seed=2, config=config)
    kinds = [s.kind for s in samples]
    assert kinds.count("state") == 3 and kinds.count("branch") <= 1 and set(kinds) <= {"state", "branch"}
    assert len({s.id for s in samples}) == len(samples)


def test_sampler_spreads_over_targets(traces):
    config = QuestionConfig(counts={"state": 2})
    for seed in range(5):
        samples = questions_for_trace(program("loop5"), traces["loop5"], seed=seed, config=config)
        targets = {(s.provenance["question"]["line"], s.provenance["question"]["var"]) for s in samples}
        assert len(targets) == 2


def test_unnarratable_trace_gives_no_samples():
    result = trace("def f():\n    while True:\n        pass\n", "f()")
    assert questions_for_trace(program("loop5"), result) == []


# ---------------------------------------------------------------- non-trivial selection

def test_state_skips_constants_unchanging_names_and_prefers_repeated_lines(pools):
    asked = {(q.params["line"], q.params["var"]) for q in pools["loop5"]["state"]}
    assert (2, "s") not in asked  # `s = 0` reads nothing
    assert all(var != "n" for _, var in asked)  # n never changes
    assert all(line in (5, 7) for line, _ in asked)  # lines run several times, not the loop header


def test_kth_questions_skip_lines_run_once(traces, pools):
    for name, pool in pools.items():
        for kind in ("next_line", "line_count"):
            for question in pool[kind]:
                runs = sum(1 for e in traces[name].lines if e.line == question.params["line"])
                assert runs >= 2, (name, question)


def test_next_line_only_where_the_successor_varies(pools):
    assert {q.params["line"] for q in pools["loop5"]["next_line"]} == {3, 4}


def test_calls_depth_and_exceptions_need_something_to_ask(pools):
    assert pools["loop5"]["call_count"] == [] and pools["loop5"]["max_depth"] == []
    assert pools["helpers"]["max_depth"] == []  # three deep would need recursion
    assert pools["loop5"]["exception"] == []  # no raise / try in the code
    assert [q.params["func"] for q in pools["helpers"]["call_count"]] == ["twice"]


def test_line_executed_asks_only_inside_branches_of_functions_that_ran(pools):
    asked = {q.params["line"]: q.answer for q in pools["helpers"]["line_executed"]}
    assert 2 not in asked and 6 not in asked  # `unused` never runs; a body's only line is no branch
    assert asked[13] == "yes" and asked[15] == "yes"
    assert {q.params["line"]: q.answer for q in pools["loop1"]["line_executed"]}[7] == "no"


def test_first_iteration_ignores_the_loop_target(pools):
    assert pools["loop5"]["first_iteration"]
    assert all(q.params["var"] != "i" for q in pools["loop5"]["first_iteration"])


def test_full_questions_respect_the_step_limit(traces):
    small = candidates(traces["loop5"], QuestionConfig(max_full_steps=5))
    assert {q.answer for q in small["line_executed"]} == {"yes"}  # `no` needs every step in view
    assert small["branch"] and small["line_count"] and small["max_value"]  # compressed, no limit


CROWDED = '''def f(n):
    out = []
    for i in range(1, n + 1):
        x = 1
        for j in range(1, i + 1): x *= j
        out.append(x)
    return out
'''


@pytest.mark.parametrize("python", tracer_pythons())
def test_no_counting_question_on_a_header_that_shares_its_line_with_its_body(python):
    # no back end reports the iterations of `for j in r: x *= j` one by one: the line is one step
    # (its net effect may be asked about), never a loop whose iterations are counted
    pool = candidates(trace(CROWDED, "f(3)", python=python))
    counted = [q for kind, questions in pool.items() if kind == "loop_iterations"
               for q in questions if q.params.get("line") == 5]
    assert counted == []
    assert pool["loop_iterations"] and pool["state"]  # the other lines are still asked about


def test_no_input_question_for_a_call_without_arguments():
    result = trace("def solution():\n    x = 2\n    return x * 3\n", "solution()")
    assert candidates(result)["input"] == []


@pytest.mark.integration
def test_reval_benchmark_agrees_on_a_few_function_programs():
    import importlib.util
    import sys
    from pathlib import Path

    from conftest import dataset

    data = dataset("reval")
    path = Path(__file__).resolve().parents[2] / "benchmarks" / "reval_agreement.py"
    spec = importlib.util.spec_from_file_location("reval_agreement", path)
    bench = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = bench  # its dataclasses look their module up there
    spec.loader.exec_module(bench)
    items, _ = bench.load(data)
    outcomes = [bench.run_item(item, verify=True, python=sys.executable) for item in items[:6]]
    verdicts = [ok for outcome in outcomes for kind, ok in outcome.verdicts if kind in ("coverage", "output")]
    assert verdicts and all(verdicts)
    assert all(passed for outcome in outcomes for (_, passed) in outcome.rationales)
