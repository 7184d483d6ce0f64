"""Trace-QA on an export's held-out split: each question's final answer compared with the verified
one using the corpus's own answer forms and value equality, scored per question kind."""

from __future__ import annotations

import json
import re
from pathlib import Path

from tracepile.enrich.questions import wording
from tracepile.values import same_value

_FINAL = re.compile(r"Final answer[^:\n]*:", re.I)
_LOWER = {"line_executed", "exception"}
_PARSED = {"state": wording.parse_state, "next_line": wording.parse_line, "branch": wording.parse_branch,
           "line_count": wording.parse_int, "loop_iterations": wording.parse_int,
           "call_count": wording.parse_int, "max_depth": wording.parse_int,
           "first_iteration": wording.parse_int}


def load_items(path: str | Path) -> list[dict]:
    """The held-out items (`trace_qa_test.jsonl` of an export; its folder works too)."""
    path = Path(path)
    if path.is_dir():
        path = path / "trace_qa_test.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def final_answer(generation: str) -> str:
    """The text after the last `Final answer...:` (a fenced block unwrapped); else the whole text."""
    matches = list(_FINAL.finditer(generation))
    text = generation[matches[-1].end():] if matches else generation
    return wording.unfence(text.strip("\n").rstrip())


def has_final_answer(generation: str) -> bool:
    return bool(_FINAL.search(generation))


def answers_match(kind: str, predicted: str, gold: str) -> bool:
    """Whether a predicted answer equals the verified one, in the form the corpus states for `kind`."""
    if kind in _PARSED:
        mine, theirs = _PARSED[kind](predicted), _PARSED[kind](gold)
        if kind == "state":
            return mine is not None and theirs is not None and mine[1] == theirs[1] \
                and same_value(mine[0], theirs[0])
        return mine == theirs
    if kind in _LOWER:
        return predicted.strip().lower() == gold.strip().lower()
    return predicted.strip() == gold.strip() or same_value(predicted, gold)
