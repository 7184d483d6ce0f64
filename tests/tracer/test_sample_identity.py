"""Samples stay byte-identical across tracer changes: a few bundled and CRUXEval inputs, traced,
narrated and verified, give exactly the stored sample records (written by benchmarks/sample_identity.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tracepile.engine import make_sample
from tracepile.model import Program

GOLDEN = Path(__file__).with_name("golden_samples.jsonl")
ROWS = [json.loads(line) for line in GOLDEN.read_text(encoding="utf-8").splitlines()]


def comparable(sample: dict) -> dict:
    """The record without the interpreter's name and version (the golden file was written on one)."""
    provenance = {k: v for k, v in sample["provenance"].items() if k not in ("python", "tracer")}
    return {**sample, "provenance": provenance}


@pytest.mark.parametrize("row", ROWS, ids=[row["program"]["id"] for row in ROWS])
def test_sample_is_byte_identical(row):
    record = row["program"]
    program = Program(**{**record, "calls": tuple(record["calls"]), "stdin": tuple(record["stdin"])})
    sample = make_sample(program, program.inputs[0]).to_dict()
    assert json.dumps(comparable(sample), ensure_ascii=False) == json.dumps(comparable(row["sample"]),
                                                                           ensure_ascii=False)
