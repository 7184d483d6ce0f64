"""The on-disk form of samples: an explicit Parquet schema for the corpus and the JSON form of
rejected samples; adapters turn pipeline documents into rows."""

from __future__ import annotations

import json

import pyarrow as pa

STATS = pa.struct([(name, pa.int64()) for name in ("events", "lines", "calls", "max_depth", "loops_compressed",
                                                    "prompt_tokens", "response_tokens", "compressed_to_fit")])
PROVENANCE = pa.struct([
    ("source", pa.string()), ("license", pa.string()), ("tool", pa.string()), ("seed", pa.int64()),
    ("python", pa.string()), ("tracer", pa.string()), ("question", pa.string()), ("answer_note", pa.string()),
])
SAMPLE_SCHEMA = pa.schema([
    ("id", pa.string()), ("program_id", pa.string()), ("input", pa.string()), ("input_kind", pa.string()),
    ("domain", pa.string()), ("kind", pa.string()), ("prompt", pa.string()), ("response", pa.string()),
    ("answer", pa.string()), ("status", pa.string()), ("reason", pa.string()), ("stats", STATS),
    ("verified", pa.bool_()), ("claims", pa.int64()), ("claims_checked", pa.int64()),
    ("claim_failures", pa.list_(pa.string())), ("provenance", PROVENANCE),
])


def sample_row(writer, document) -> dict:
    """Adapter for datatrove's ParquetWriter: the sample dict stored in the document's metadata."""
    row = dict(document.metadata["sample"])
    row["stats"] = {name: int(row["stats"].get(name, 0)) for name in STATS.names}
    question = row["provenance"].get("question")
    row["provenance"] = {name: row["provenance"].get(name) for name in PROVENANCE.names}
    row["provenance"]["question"] = json.dumps(question, sort_keys=True) if question else ""
    return {name: _clean(row.get(name)) for name in SAMPLE_SCHEMA.names}


def reject_row(writer, document) -> dict:
    """Adapter for the rejects JSONL: what was tried and exactly why it was dropped."""
    sample = document.metadata["sample"]
    return {"id": sample["id"], "program_id": sample["program_id"], "input": sample["input"],
            "domain": sample["domain"], "reason": document.metadata.get("filter_reason", ""),
            "status": sample["status"], "detail": document.metadata.get("detail") or sample["reason"],
            "claim_failures": sample["claim_failures"][:5]}


def _clean(value):
    """Text that Parquet can store: lone surrogates (from undecodable input) become escapes."""
    if isinstance(value, str):
        return value.encode("utf-8", "backslashreplace").decode("utf-8")
    if isinstance(value, list):
        return [_clean(v) for v in value]
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    return value
