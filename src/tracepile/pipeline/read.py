"""Reading a finished corpus back: iterate its samples, or pick one by id, kind or at random."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Iterator

import pyarrow.parquet as pq


def iter_samples(folder: str | Path, columns: list[str] | None = None) -> Iterator[dict]:
    paths = sorted(Path(folder, "data").glob("*.parquet"))
    if not paths:
        raise FileNotFoundError(f"{folder} has no samples (no data/*.parquet): is it a TracePile corpus?")
    for path in paths:
        yield from pq.read_table(path, columns=columns).to_pylist()


def pick_sample(folder: str | Path, sample_id: str | None = None, kind: str | None = None,
                seed: int | None = None) -> dict:
    """The sample with `sample_id`; else a random one (of `kind` if given; `seed` makes it repeatable)."""
    if sample_id is not None:
        for row in iter_samples(folder):
            if row["id"] == sample_id:
                return row
        raise LookupError(f"no sample with id {sample_id!r} in {folder}")
    ids = [r["id"] for r in iter_samples(folder, ["id", "kind"]) if kind is None or r["kind"] == kind]
    if not ids:
        raise LookupError(f"no sample of kind {kind!r} in {folder}")
    chosen = random.Random(seed).choice(ids)
    return pick_sample(folder, chosen)
