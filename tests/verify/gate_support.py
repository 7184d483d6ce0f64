"""Helpers for the tests over the committed gate data (tests/data/gate): its JSONL rows, and a checker
that verifies a text against its item's run, tracing each program input once."""

import json
from pathlib import Path

from tracepile.engine import trace
from tracepile.model import ProgramInput
from tracepile.verification import verify

DATA = Path(__file__).resolve().parents[1] / "data" / "gate"


def rows(name: str) -> list[dict]:
    return [json.loads(line) for line in (DATA / name).read_text().splitlines() if line.strip()]


def checker(items: list[dict]):
    """check((id, mode), text): the verifier's report on `text` for that item's program input."""
    by_key = {(item["id"], item["mode"]): item for item in items}
    traces = {}

    def check(key: tuple[str, str], text: str):
        item = by_key[key]
        if key[0] not in traces:
            traces[key[0]] = trace(item["code"], ProgramInput(item["input_kind"], item["input"]),
                                   program_id=item["program_id"])
        return verify(text, traces[key[0]], problem=item["problem"])

    return check
