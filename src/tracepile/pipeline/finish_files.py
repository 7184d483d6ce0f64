"""The files the finishing stages pass on: sorted record lines merged as streams, the dropped samples
of each group of shards, and reading the tasks' signatures and shards, writing data/ in bounded files."""

from __future__ import annotations

import heapq
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator

if TYPE_CHECKING:
    from tracepile.pipeline.dedup import FinishPlan


def position(shard: int, index: int) -> str:
    """A sample's place in the build as a sortable key."""
    return f"{shard:08d}{index:08d}"


def shard_of(pos: str) -> int:
    return int(pos[:8])


def sorted_lines(paths: Iterable[Path]) -> Iterator[str]:
    """The lines of files each sorted, merged in order, one line in memory per file."""
    handles = [path.open(encoding="utf-8") for path in paths]
    try:
        yield from heapq.merge(*((line.rstrip("\n") for line in handle) for handle in handles))
    finally:
        for handle in handles:
            handle.close()


def write_lines(path: Path, lines: Iterable[str]) -> None:
    """Replace `path` atomically with these lines."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", encoding="utf-8") as handle:
        for line in lines:
            handle.write(line + "\n")
    os.replace(tmp, path)


class Drops:
    """Dropped samples by the group of their shard, `drops/<group>/<name>.tsv`; buffered, so memory
    stays bounded whatever the number of drops. A rerun of the task starts its files over."""

    LIMIT = 50_000

    def __init__(self, plan: FinishPlan, name: str):
        self.plan, self.name = plan, name
        self.buffer: dict[int, list[str]] = {}
        self.count = 0
        for stale in (plan.folder / "drops").glob(f"*/{name}.tsv"):
            stale.unlink()

    def add(self, pos: str, reason: str) -> None:
        self.buffer.setdefault(shard_of(pos) // self.plan.group, []).append(f"{pos}\t{reason}")
        self.count += 1
        if self.count % self.LIMIT == 0:
            self.flush()

    def flush(self) -> None:
        for group, lines in self.buffer.items():
            folder = self.plan.folder / "drops" / f"{group:05d}"
            folder.mkdir(parents=True, exist_ok=True)
            with (folder / f"{self.name}.tsv").open("a", encoding="utf-8") as handle:
                handle.writelines(line + "\n" for line in lines)
        self.buffer = {}


def read_drops(plan: FinishPlan, group: int, prefix: str = "") -> dict[str, str]:
    """Position -> reason of the dropped samples of one group (of the stages named `prefix*`)."""
    drops = {}
    for path in sorted((plan.folder / "drops" / f"{group:05d}").glob(f"{prefix}*.tsv")):
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                pos, reason = line.rstrip("\n").split("\t", 1)
                drops[pos] = reason
    return drops


def signature_rows(plan: FinishPlan, group: int) -> Iterator[dict]:
    """The signatures of one group's samples, shard by shard, in their order."""
    for shard in plan.shards(group):
        path = Path(plan.work) / "signatures" / f"{shard:05d}.jsonl"
        if not path.exists():
            raise FileNotFoundError(f"task {shard} left no signatures ({path}): rerun the build")
        with path.open(encoding="utf-8") as handle:
            for index, line in enumerate(handle):
                row = json.loads(line)
                if (row["shard"], row["index"]) != (shard, index):
                    raise ValueError(f"{path} line {index + 1}: signature of ({row['shard']}, {row['index']}), "
                                     f"expected ({shard}, {index})")
                yield row


def shard_files(plan: FinishPlan, shard: int) -> list[Path]:
    """The Parquet files a task wrote, in order: datatrove names them `000_<rank>.parquet`, `001_...`
    past its size limit; a task that kept no sample wrote none."""
    files = []
    while (path := Path(plan.work) / "shards" / f"{len(files):03d}_{shard:05d}.parquet").exists():
        files.append(path)
    return files


class RollingParquet:
    """Writes record batches into `<stem>-000.parquet`, `<stem>-001.parquet`, ... of at most `limit` rows."""

    def __init__(self, folder: Path, stem: str, limit: int):
        self.folder, self.stem, self.limit = folder, stem, limit
        self.writer = self.path = None
        self.part = self.in_file = self.rows = 0

    def write(self, batch) -> None:
        import pyarrow.parquet as pq

        while batch.num_rows:
            if self.writer is None:
                self.path = self.folder / f"{self.stem}-{self.part:03d}.parquet"
                self.writer = pq.ParquetWriter(self.path.with_name(self.path.name + ".tmp"), batch.schema)
            take = min(batch.num_rows, self.limit - self.in_file)
            self.writer.write_batch(batch.slice(0, take))
            self.in_file += take
            self.rows += take
            batch = batch.slice(take)
            if self.in_file == self.limit:
                self.seal()

    def seal(self) -> None:
        self.writer.close()
        os.replace(self.path.with_name(self.path.name + ".tmp"), self.path)
        self.writer, self.in_file, self.part = None, 0, self.part + 1

    def close(self) -> int:
        if self.writer is not None:
            self.seal()
        return self.rows
