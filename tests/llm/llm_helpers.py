"""Shared inputs for the LLM narrator tests: real traces of small programs, their template CoEs, and a
stub script that answers each prompt with a text chosen per input."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq

from tracepile.engine import narrate, trace
from tracepile.llm.narrator import NarrationInput
from tracepile.llm.prompts import Example, facts

PROGRAMS = {
    "sum": ("def f(xs):\n    total = 0\n    for x in xs:\n        total += x\n    return total\n", "f([1, 2])"),
    "max": ("def g(a, b):\n    if a > b:\n        return a\n    return b\n", "g(3, 7)"),
    "fact": ("def h(n):\n    out = 1\n    while n > 1:\n        out *= n\n        n -= 1\n    return out\n", "h(3)"),
}


def narration_input(name: str) -> NarrationInput:
    code, call = PROGRAMS[name]
    result = trace(code, call, program_id=name)
    text = narrate(result)
    return NarrationInput(id=f"id-{name}", program_id=name, domain="algorithms", kind="call",
                          question=text.prompt, template=text.response, trace=result)


def example(name: str, domain: str = "algorithms") -> Example:
    item = narration_input(name)
    return Example(item.program_id, domain, item.kind, item.question, facts(item.trace), item.template)


def input_of(body: dict, items: list[NarrationInput]) -> NarrationInput:
    """Which input a request is about: the one whose question opens the last user message that opens with a
    question (a repair turn follows the ask)."""
    return next(item for text in asks(body) for item in items if text.startswith(item.question))


def asks(body: dict) -> list[str]:
    """The request's user messages, last first."""
    return [m["content"] for m in reversed(body["messages"]) if m["role"] == "user"]


def rows_of(folder) -> list[dict]:
    """The samples of a corpus folder, sorted by id."""
    return sorted((r for p in Path(folder, "data").glob("*.parquet") for r in pq.read_table(p).to_pylist()),
                  key=lambda r: r["id"])


def rejects_of(folder) -> list[dict]:
    return [json.loads(line) for p in sorted(Path(folder, "rejects").glob("*.jsonl"))
            for line in p.read_text().splitlines()]
