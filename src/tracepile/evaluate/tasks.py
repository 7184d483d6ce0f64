"""The evaluation tasks as plain functions: prompts in, generations from a backend, per-item scores
out (CRUXEval-O/I through the sandbox, trace-QA per kind, LiveCodeBench test-output prediction)."""

from __future__ import annotations

from dataclasses import dataclass, field

from tracepile.evaluate import cruxeval, lcb, traceqa
from tracepile.evaluate.backends import Generation, Sampling
from tracepile.evaluate.execution import pass_at_k, run_checks

TASKS = ("cruxeval-o", "cruxeval-i", "trace-qa", "lcb-output")


@dataclass
class TaskResult:
    """One task's scores (percentages), item count, failed requests and per-item records."""

    task: str
    items: int
    scores: dict[str, float]
    errors: int = 0
    by_kind: dict[str, dict] = field(default_factory=dict)
    records: list[dict] = field(default_factory=list)


def pass_scores(correct: list[list[bool]], ks: tuple[int, ...]) -> dict[str, float]:
    """pass@k (in %) averaged over items, for each k that the sample count allows."""
    n = min((len(c) for c in correct), default=0)
    return {f"pass@{k}": round(100 * sum(pass_at_k(len(c), sum(c), k) for c in correct) / len(correct), 2)
            for k in ks if correct and k <= n}


def run_cruxeval(items: list[cruxeval.CruxItem], mode: str, cot: bool, backend, sampling: Sampling,
                 executor, ks: tuple[int, ...] = (1,), workers: int = 2) -> TaskResult:
    """CRUXEval-O (mode "output") or -I ("input"): generate, extract, run each assertion in the sandbox."""
    generations = backend.generate([cruxeval.prompt(item, mode, cot) for item in items], sampling)
    predictions = [[cruxeval.extract(text, mode) for text in g.texts] for g in generations]
    scripts = [cruxeval.check_script(item, p, mode) for item, preds in zip(items, predictions) for p in preds]
    verdicts = iter(run_checks(scripts, executor, workers))
    correct = [[next(verdicts) for _ in preds] for preds in predictions]
    records = [{"id": item.id, "predictions": preds, "correct": ok, "error": g.error}
               for item, preds, ok, g in zip(items, predictions, correct, generations)]
    name = "cruxeval-o" if mode == "output" else "cruxeval-i"
    return TaskResult(name, len(items), pass_scores(correct, ks), _errors(generations), records=records)


def run_trace_qa(items: list[dict], backend, sampling: Sampling) -> TaskResult:
    """Exact match of the first path's final answer, overall and per question kind."""
    generations = backend.generate([item["prompt"] for item in items], sampling)
    records, by_kind = [], {}
    for item, generation in zip(items, generations):
        predicted = traceqa.final_answer(generation.texts[0]) if generation.texts else ""
        ok = traceqa.answers_match(item["kind"], predicted, item["answer"])
        records.append({"id": item["id"], "kind": item["kind"], "prediction": predicted, "correct": ok,
                        "error": generation.error})
        tally = by_kind.setdefault(item["kind"], {"items": 0, "correct": 0})
        tally["items"] += 1
        tally["correct"] += ok
    for tally in by_kind.values():
        tally["exact_match"] = round(100 * tally["correct"] / tally["items"], 2)
    hits = sum(r["correct"] for r in records)
    score = round(100 * hits / len(records), 2) if records else 0.0
    return TaskResult("trace-qa", len(items), {"exact_match": score}, _errors(generations),
                      dict(sorted(by_kind.items())), records)


def run_lcb(items: list[lcb.LcbItem], backend, sampling: Sampling, ks: tuple[int, ...] = (1,)) -> TaskResult:
    """LiveCodeBench test-output prediction: the asserted literal must equal the expected output."""
    generations = backend.generate([lcb.prompt(item) for item in items], sampling)
    correct = [[lcb.is_correct(item, text) for text in g.texts] for item, g in zip(items, generations)]
    records = [{"id": item.id, "correct": ok, "error": g.error} for item, ok, g in zip(items, correct, generations)]
    return TaskResult("lcb-output", len(items), pass_scores(correct, ks), _errors(generations), records=records)


def _errors(generations: list[Generation]) -> int:
    return sum(g.error is not None for g in generations)
