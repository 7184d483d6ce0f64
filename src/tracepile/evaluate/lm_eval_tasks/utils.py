"""lm-evaluation-harness hooks for the TracePile task YAMLs (`--include_path` this folder): datasets
from local files, TracePile's prompts, and scoring by tracepile.evaluate (assertions in the sandbox)."""

from __future__ import annotations

import atexit
import os
from pathlib import Path

import datasets

from tracepile.evaluate import cruxeval, traceqa
from tracepile.evaluate.execution import run_checks

_EXECUTOR = []


def _cruxeval_rows(cruxeval_path: str | None = None, **_) -> datasets.DatasetDict:
    path = cruxeval_path or Path(os.environ.get("TRACEPILE_SHARED", "../shared")) / "datasets" / "cruxeval"
    rows = [vars(item) for item in cruxeval.load_items(path)]
    return datasets.DatasetDict({"test": datasets.Dataset.from_list(rows)})


def load_cruxeval(**metadata) -> datasets.DatasetDict:
    """CRUXEval from --metadata '{"cruxeval_path": ...}' or $TRACEPILE_SHARED/datasets/cruxeval."""
    return _cruxeval_rows(**metadata)


def load_trace_qa(trace_qa_path: str | None = None, **_) -> datasets.DatasetDict:
    """An export's held-out trace-QA items, from --metadata '{"trace_qa_path": EXPORT_FOLDER}'."""
    if not trace_qa_path:
        raise ValueError('tracepile_trace_qa needs --metadata \'{"trace_qa_path": "EXPORT_FOLDER"}\'')
    return datasets.DatasetDict({"test": datasets.Dataset.from_list(traceqa.load_items(trace_qa_path))})


def output_prompt(doc: dict) -> str:
    return cruxeval.prompt(cruxeval.CruxItem(**doc), "output", cot=False)


def input_prompt(doc: dict) -> str:
    return cruxeval.prompt(cruxeval.CruxItem(**doc), "input", cot=False)


def _passes(doc: dict, generation: str, mode: str) -> float:
    item = cruxeval.CruxItem(**doc)
    if not _EXECUTOR:
        from tracepile.sandbox import make_executor

        _EXECUTOR.append(make_executor(os.environ.get("TRACEPILE_EVAL_SANDBOX", "auto")))
        atexit.register(_EXECUTOR[0].close)
    script = cruxeval.check_script(item, cruxeval.extract(generation, mode), mode)
    return float(run_checks([script], _EXECUTOR[0], workers=1)[0])


def close_sandbox() -> None:
    """Stop the sandbox workers the scorers started (otherwise they stop when the process exits)."""
    while _EXECUTOR:
        _EXECUTOR.pop().close()


def score_output(doc: dict, results: list[str]) -> dict:
    return {"pass@1": _passes(doc, results[0], "output")}


def score_input(doc: dict, results: list[str]) -> dict:
    return {"pass@1": _passes(doc, results[0], "input")}


def score_trace_qa(doc: dict, results: list[str]) -> dict:
    return {"exact_match": float(traceqa.answers_match(doc["kind"], traceqa.final_answer(results[0]), doc["answer"]))}
