"""`evaluate`: run the chosen tasks against one backend and gather a results record (model, endpoint,
prompt versions, sampling, scores); written as JSON and shown as a table."""

from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from tracepile.evaluate import cruxeval, lcb, tasks, traceqa
from tracepile.evaluate.backends import Sampling
from tracepile.evaluate.cruxeval_prompts import PROMPT_VERSION

RESULTS_FILE = "eval_results.json"


class EvalError(ValueError):
    """An evaluation that cannot run as asked; the message names the missing input or bad option."""


@dataclass(frozen=True)
class EvalConfig:
    """Which tasks, on which data, with which prompts and sampling. `limit` keeps the first N items."""

    tasks: tuple[str, ...] = ("cruxeval-o",)
    cruxeval: str | None = None
    trace_qa: str | None = None
    lcb: str | None = None
    cot: bool = False
    limit: int | None = None
    ks: tuple[int, ...] = (1,)
    sampling: Sampling = field(default_factory=Sampling)
    sandbox: str = "auto"
    workers: int = 2

    def __post_init__(self) -> None:
        unknown = [t for t in self.tasks if t not in tasks.TASKS]
        if unknown or not self.tasks:
            raise EvalError(f"unknown task(s) {unknown}: choose from {', '.join(tasks.TASKS)}")
        needs = {"cruxeval-o": self.cruxeval, "cruxeval-i": self.cruxeval, "trace-qa": self.trace_qa,
                 "lcb-output": self.lcb}
        flags = {"cruxeval-o": "--cruxeval", "cruxeval-i": "--cruxeval", "trace-qa": "--trace-qa",
                 "lcb-output": "--lcb"}
        for task in self.tasks:
            if not needs[task]:
                raise EvalError(f"task {task} needs its data: pass {flags[task]} PATH")
        if max(self.ks) > self.sampling.n:
            raise EvalError(f"pass@{max(self.ks)} needs --n {max(self.ks)} or more samples per item")


def evaluate(config: EvalConfig, backend) -> dict:
    """Run every task of `config` with `backend`; the results record (see RESULTS_FILE)."""
    from tracepile.sandbox import make_executor

    started = time.time()
    results = []
    with make_executor(config.sandbox, workers=config.workers) as executor:
        for task in config.tasks:
            results.append(_run_task(task, config, backend, executor))
    return {"model": backend.describe(), "prompt_version": {"cruxeval": PROMPT_VERSION, "lcb": lcb.PROMPT_VERSION,
                                                          "trace-qa": "corpus-prompts"},
            "cot": config.cot, "sampling": asdict(config.sampling), "limit": config.limit,
            "seconds": round(time.time() - started, 1), "tasks": [asdict(r) for r in results]}


def _run_task(task: str, config: EvalConfig, backend, executor) -> tasks.TaskResult:
    cut = slice(None, config.limit)
    if task in ("cruxeval-o", "cruxeval-i"):
        items = cruxeval.load_items(config.cruxeval)[cut]
        mode = "output" if task == "cruxeval-o" else "input"
        return tasks.run_cruxeval(items, mode, config.cot, backend, config.sampling, executor, config.ks,
                                  config.workers)
    if task == "trace-qa":
        return tasks.run_trace_qa(traceqa.load_items(config.trace_qa)[cut], backend, config.sampling)
    return tasks.run_lcb(lcb.load_items(config.lcb)[cut], backend, config.sampling, config.ks)


def write_results(results: dict, out: str | Path) -> Path:
    """Save the results record as out/eval_results.json (per-item records included)."""
    path = Path(out) / RESULTS_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=1) + "\n")
    return path


def summary_rows(results: dict) -> list[tuple[str, str, str, str]]:
    """(task, metric, score, items) rows, with one row per trace-QA kind."""
    rows = []
    for task in results["tasks"]:
        for metric, score in task["scores"].items():
            rows.append((task["task"], metric, f"{score:.2f}", str(task["items"])))
        for kind, tally in task["by_kind"].items():
            rows.append((f"  {kind}", "exact_match", f"{tally['exact_match']:.2f}", str(tally["items"])))
    return rows
