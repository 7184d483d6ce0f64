"""The build's global step: deduplicate the samples of all tasks (exact and near duplicates, capped
per cluster) and write the final `data/` shards; a pure function of the tasks' output, so reruns agree."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pyarrow.parquet as pq

from tracepile.quality import DedupConfig, Signature, deduplicate


def deduplicate_corpus(layout, cap: int) -> dict:
    """Filter `_work/shards` into `data/`, dropped samples into `rejects/dedup.jsonl`; returns counts.
    Skipped when the tasks' signatures and the cap are what the last completed run used."""
    files = sorted(layout.signatures.glob("*.jsonl"))
    digest = hashlib.sha256(str(cap).encode())
    for path in files:
        digest.update(path.read_bytes())
    done = layout.work / "dedup.json"
    if done.exists() and json.loads(done.read_text()).get("input") == digest.hexdigest():
        return json.loads(done.read_text())["counts"]
    signatures = []
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            row["minhash"] = tuple(row["minhash"])
            signatures.append(Signature(**row))
    result = deduplicate(signatures, DedupConfig(cap=cap))
    layout.data.mkdir(parents=True, exist_ok=True)
    dropped_rows, kept = [], []
    for path in sorted(layout.shards.glob("*.parquet"), key=_rank):
        rank = _rank(path)
        table = pq.read_table(path)
        keep = [result.keep(rank, i) for i in range(table.num_rows)]
        for i, kept_row in enumerate(keep):
            if not kept_row:
                row = table.slice(i, 1).to_pylist()[0]
                dropped_rows.append({"id": row["id"], "program_id": row["program_id"], "input": row["input"],
                                     "domain": row["domain"], "reason": "duplicate",
                                     "detail": result.dropped_at[(rank, i)]})
        kept.append(table.filter(keep))
    _write_shards(layout.data, kept)
    tmp = layout.rejects / "dedup.tmp"
    tmp.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in dropped_rows), encoding="utf-8")
    os.replace(tmp, layout.rejects / "dedup.jsonl")
    counts = {"exact_duplicates": result.exact_duplicates, "near_duplicates": result.near_duplicates,
              "clusters": len(result.clusters), "dropped": len(dropped_rows), "cluster_cap": cap}
    done.write_text(json.dumps({"input": digest.hexdigest(), "counts": counts}))
    return counts


ROWS_PER_SHARD = 10_000


def _write_shards(folder: Path, tables: list) -> None:
    """Concatenate the tasks' tables in rank order and write shards of up to ROWS_PER_SHARD rows."""
    import pyarrow as pa

    from tracepile.pipeline.schema import SAMPLE_SCHEMA

    table = pa.concat_tables(tables) if tables else SAMPLE_SCHEMA.empty_table()
    count = max(1, -(-table.num_rows // ROWS_PER_SHARD))
    names = set()
    for number in range(count):
        name = f"train-{number:05d}-of-{count:05d}.parquet"
        names.add(name)
        tmp = folder / (name + ".tmp")
        pq.write_table(table.slice(number * ROWS_PER_SHARD, ROWS_PER_SHARD), tmp)
        os.replace(tmp, folder / name)
    for stale in folder.glob("*.parquet"):
        if stale.name not in names:
            stale.unlink()


def _rank(path: Path) -> int:
    """The task rank in a datatrove shard name such as 000_00012.parquet."""
    return int(path.stem.split("_")[-1])
