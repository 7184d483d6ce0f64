"""The build's finishing step as datatrove stages: exact and near-duplicate deduplication of all tasks'
samples (capped per cluster) and the writing of `data/`, each stage split into tasks of bounded memory."""

from __future__ import annotations

import base64
import json
import resource
from dataclasses import asdict, dataclass
from itertools import groupby, islice
from pathlib import Path

from datatrove.pipeline.base import PipelineStep

from tracepile.pipeline.finish_files import (Drops, RollingParquet, position, read_drops, shard_files,
                                             signature_rows, sorted_lines, write_lines)
from tracepile.quality.dedup import DedupConfig, cap_rank, lsh_bands

INPUTS_PER_GROUP = 5000  # build inputs whose samples one finishing task reads (~10k rows before dedup)
MAX_PARTITIONS = 64  # of the exact keys and of the clusters; sets the merge stages' parallelism
ROWS_PER_SHARD = 10_000  # at most, per file of data/
STAGES = ("index", "pairs", "clusters", "keys", "cap", "write")


@dataclass(frozen=True)
class FinishPlan:
    """How the finishing step splits a build of `tasks` shards: `group` consecutive shards per task of
    the per-shard stages, `partitions` of the exact keys and of the clusters, one task per LSH band."""

    work: str  # the build's _work folder
    out: str  # the build's folder (data/ and rejects/ under it)
    tasks: int
    group: int
    partitions: int
    bands: int
    rows: int
    cap: int

    @classmethod
    def make(cls, layout, tasks: int, inputs_per_task: int, cap: int) -> FinishPlan:
        group = max(1, INPUTS_PER_GROUP // inputs_per_task)
        groups = -(-tasks // group)
        bands, rows = lsh_bands(DedupConfig(cap=cap))
        return cls(str(layout.work), str(layout.out), tasks, group, max(1, min(groups, MAX_PARTITIONS)), bands,
                   rows, cap)

    @property
    def groups(self) -> int:
        return -(-self.tasks // self.group)

    @property
    def config(self) -> DedupConfig:
        return DedupConfig(cap=self.cap)

    def world(self, stage: str) -> int:
        """How many tasks a stage has."""
        return {"index": self.groups, "pairs": self.partitions + self.bands, "clusters": 1,
                "keys": self.groups, "cap": self.partitions, "write": self.groups}[stage]

    def shards(self, group: int) -> range:
        return range(group * self.group, min(self.tasks, (group + 1) * self.group))

    @property
    def folder(self) -> Path:
        return Path(self.work) / "finish"

    def save(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        (self.folder / "plan.json").write_text(json.dumps(asdict(self)))

    @classmethod
    def load(cls, work: Path) -> FinishPlan | None:
        path = Path(work) / "finish" / "plan.json"
        return cls(**json.loads(path.read_text())) if path.exists() else None


def stage_steps(plan: FinishPlan) -> list[tuple[str, PipelineStep, int]]:
    """(name, step, tasks) of each stage, in the order they must run."""
    steps = {"index": IndexShards, "pairs": FindPairs, "clusters": JoinClusters, "keys": ClusterKeys,
             "cap": CapClusters, "write": WriteData}
    return [(name, steps[name](plan), plan.world(name)) for name in STAGES]


def dedup_counts(plan: FinishPlan) -> dict:
    """The manifest's `dedup` entry, summed from what the stages' tasks counted."""
    totals: dict[str, int] = {}
    for path in sorted((plan.folder / "counts").glob("*.json")):
        for key, value in json.loads(path.read_text()).items():
            if key != "max_rss_mb":
                totals[key] = totals.get(key, 0) + value
    return {"exact_duplicates": totals.get("exact_duplicates", 0),
            "near_duplicates": totals.get("near_duplicates", 0),
            "clusters": totals.get("codes", 0) - totals.get("joined_codes", 0),
            "dropped": totals.get("dropped", 0), "cluster_cap": plan.cap}


def peak_rss_mb(plan: FinishPlan) -> dict[str, float]:
    """Each stage's largest peak RSS of a task's process (MB), as its tasks recorded it."""
    peaks: dict[str, float] = {}
    for path in (plan.folder / "counts").glob("*.json"):
        stage = path.stem.split("-")[0]
        peaks[stage] = max(peaks.get(stage, 0.0), json.loads(path.read_text())["max_rss_mb"])
    return peaks


def peak_rss_of_process() -> float:
    """This process's peak RSS in MB: VmHWM, which (unlike ru_maxrss) does not count the memory of the
    process that exec'd it."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class FinishStage(PipelineStep):
    """One stage of the finishing step; each task records its counts and its process's peak RSS."""

    type = "🫂 - DEDUP"

    def __init__(self, plan: FinishPlan):
        super().__init__()
        self.plan = plan

    def run(self, data=None, rank: int = 0, world_size: int = 1):
        counts = self.work(rank)
        counts["max_rss_mb"] = peak_rss_of_process()
        write_lines(self.plan.folder / "counts" / f"{self.name}-{rank:05d}.json", [json.dumps(counts)])
        for key, value in counts.items():
            if key != "max_rss_mb":
                self.stat_update(key, value=value)
        return data

    def work(self, rank: int) -> dict:
        raise NotImplementedError


# ---------------------------------------------------------------- stages


class IndexShards(FinishStage):
    """Per group of shards: each sample's exact key into its key partition, each distinct code's LSH bands
    into the band's file; every file sorted, for the merges of the next stage."""

    name = "index"

    def work(self, rank: int) -> dict:
        plan, config = self.plan, self.plan.config
        exact: list[list[str]] = [[] for _ in range(plan.partitions)]
        bands: list[list[str]] = [[] for _ in range(plan.bands)]
        seen, samples = set(), 0
        for row in signature_rows(plan, rank):
            samples += 1
            pos = position(row["shard"], row["index"])
            exact[int(row["exact"][:8], 16) % plan.partitions].append(f"{row['exact']}\t{pos}\t"
                                                                      f"{json.dumps(row['sample_id'])}")
            if row["code"] in seen:
                continue
            seen.add(row["code"])
            values = row["minhash"]
            if len(values) != config.num_perm or not all(0 <= v < 2 ** 32 for v in values):
                raise ValueError(f"signature of {row['sample_id']} has {len(values)} permutations, the config "
                                 f"{config.num_perm} (32-bit values): compute all signatures with one DedupConfig")
            packed = b"".join(v.to_bytes(4, "big") for v in values)
            sketch = base64.b64encode(packed).decode()
            for band in range(plan.bands):
                key = packed[band * plan.rows * 4:(band + 1) * plan.rows * 4].hex()
                bands[band].append(f"{key}\t{pos}\t{row['code']}\t{sketch}")
        for part, lines in enumerate(exact):
            write_lines(plan.folder / "exact" / f"{part:03d}" / f"{rank:05d}.tsv", sorted(lines))
        for band, lines in enumerate(bands):
            write_lines(plan.folder / "bands" / f"{band:03d}" / f"{rank:05d}.tsv", sorted(lines))
        return {"samples": samples}


class FindPairs(FinishStage):
    """Tasks below `partitions`: the exact duplicates of one key partition (the earliest sample is kept).
    The others, one per LSH band: codes that share the band and are similar, as the edges of a forest."""

    name = "pairs"

    def work(self, rank: int) -> dict:
        if rank < self.plan.partitions:
            return self.exact(rank)
        return self.pairs(rank - self.plan.partitions)

    def exact(self, part: int) -> dict:
        drops = Drops(self.plan, f"exact-{part:03d}")
        first_key = first_id = None
        for line in sorted_lines(sorted((self.plan.folder / "exact" / f"{part:03d}").glob("*.tsv"))):
            key, pos, sample_id = line.split("\t")
            if key == first_key:
                drops.add(pos, f"exact duplicate of {json.loads(first_id)}")
            else:
                first_key, first_id = key, sample_id
        drops.flush()
        return {"exact_duplicates": drops.count}

    def pairs(self, band: int) -> dict:
        import numpy as np

        config = self.plan.config
        lines = sorted_lines(sorted((self.plan.folder / "bands" / f"{band:03d}").glob("*.tsv")))
        edges, codes = [], 0
        for _, group in groupby((line.split("\t") for line in lines), key=lambda fields: fields[0]):
            members: dict[str, tuple[str, str]] = {}  # code -> (earliest position, sketch)
            for _, pos, code, sketch in group:
                members.setdefault(code, (pos, sketch))
            codes += len(members)
            if len(members) < 2:
                continue
            names = list(members)
            values = np.stack([np.frombuffer(base64.b64decode(members[c][1]), dtype=">u4") for c in names])
            parent = list(range(len(names)))

            def find(i: int) -> int:
                while parent[i] != i:
                    parent[i] = parent[parent[i]]
                    i = parent[i]
                return i

            for i in range(len(names)):
                agree = np.count_nonzero(values[i + 1:] == values[i], axis=1) / config.num_perm
                for j in np.flatnonzero(agree >= config.threshold) + i + 1:
                    a, b = find(i), find(int(j))
                    if a != b:
                        parent[b] = a
                        edges.append(f"{names[i]}\t{members[names[i]][0]}\t{names[j]}\t{members[names[j]][0]}")
        write_lines(self.plan.folder / "edges" / f"{band:03d}.tsv", edges)
        return {"codes": codes} if band == 0 else {}


class JoinClusters(FinishStage):
    """One task: joins the similar pairs of all bands transitively; each cluster is named by its earliest
    code, and `roots.tsv` maps every code of a cluster of several codes to that name. Its memory grows
    with the distinct codes that have near duplicates (programs, not samples)."""

    name = "clusters"

    def work(self, rank: int) -> dict:
        parent: dict[str, str] = {}
        first: dict[str, str] = {}  # code -> earliest position

        def find(code: str) -> str:
            while parent[code] != code:
                parent[code] = parent[parent[code]]
                code = parent[code]
            return code

        for path in sorted((self.plan.folder / "edges").glob("*.tsv")):
            with path.open(encoding="utf-8") as handle:
                for line in handle:
                    a, pos_a, b, pos_b = line.rstrip("\n").split("\t")
                    for code, pos in ((a, pos_a), (b, pos_b)):
                        parent.setdefault(code, code)
                        first[code] = min(first.get(code, pos), pos)
                    ra, rb = find(a), find(b)
                    if ra != rb:
                        if first[ra] > first[rb]:
                            ra, rb = rb, ra
                        parent[rb] = ra
        joined = sorted(code for code in parent if find(code) != code)
        write_lines(self.plan.folder / "roots.tsv", (f"{code}\t{find(code)}" for code in joined))
        return {"joined_codes": len(joined)}


class ClusterKeys(FinishStage):
    """Per group: each sample that is no exact duplicate, keyed by its cluster and its rank in the cap
    order, into the cluster's partition (files sorted)."""

    name = "keys"

    def work(self, rank: int) -> dict:
        plan = self.plan
        dropped = read_drops(plan, rank, "exact-")
        roots = {}
        with (plan.folder / "roots.tsv").open(encoding="utf-8") as handle:
            for line in handle:
                code, root = line.rstrip("\n").split("\t")
                roots[code] = root
        parts: list[list[str]] = [[] for _ in range(plan.partitions)]
        for row in signature_rows(plan, rank):
            pos = position(row["shard"], row["index"])
            if pos in dropped:
                continue
            root = roots.get(row["code"], row["code"])
            parts[int(root[:8], 16) % plan.partitions].append(
                f"{root}\t{cap_rank(row['sample_id'], plan.config.seed).hex()}\t{pos}")
        for part, lines in enumerate(parts):
            write_lines(plan.folder / "keys" / f"{part:03d}" / f"{rank:05d}.tsv", sorted(lines))
        return {}


class CapClusters(FinishStage):
    """Per cluster partition: a cluster keeps its first `cap` samples in the cap order, the rest are dropped."""

    name = "cap"

    def work(self, part: int) -> dict:
        drops = Drops(self.plan, f"cap-{part:03d}")
        lines = sorted_lines(sorted((self.plan.folder / "keys" / f"{part:03d}").glob("*.tsv")))
        for root, members in groupby((line.split("\t") for line in lines), key=lambda fields: fields[0]):
            for _, _, pos in islice(members, self.plan.cap, None):
                drops.add(pos, f"near-duplicate cluster {root[:12]} over cap {self.plan.cap}")
        drops.flush()
        return {"near_duplicates": drops.count}


class WriteData(FinishStage):
    """Per group: streams its shards' rows in order into `data/train-<group>-<part>.parquet` (at most
    ROWS_PER_SHARD rows each) leaving out the dropped ones, which go to `rejects/dedup-<group>.jsonl`."""

    name = "write"

    def work(self, rank: int) -> dict:
        import pyarrow as pa
        import pyarrow.parquet as pq

        plan = self.plan
        data, rejects = Path(plan.out) / "data", Path(plan.out) / "rejects"
        data.mkdir(parents=True, exist_ok=True)
        stale = list(data.glob(f"train-{rank:05d}-*"))
        if rank == 0:  # what a one-process finishing step of an earlier version wrote
            stale += [*data.glob("train-*-of-*.parquet"), *rejects.glob("dedup.jsonl")]
        for path in stale:
            path.unlink()
        dropped = read_drops(plan, rank)
        output = RollingParquet(data, f"train-{rank:05d}", ROWS_PER_SHARD)
        rejected = []
        for shard in plan.shards(rank):
            index = 0
            for path in shard_files(plan, shard):
                for batch in pq.ParquetFile(path).iter_batches(batch_size=2048):
                    keep = [position(shard, index + i) not in dropped for i in range(batch.num_rows)]
                    for i in (i for i, kept in enumerate(keep) if not kept):
                        row = batch.slice(i, 1).select(["id", "program_id", "input", "domain"]).to_pylist()[0]
                        rejected.append(json.dumps({**row, "reason": "duplicate", "detail": dropped[
                            position(shard, index + i)]}, ensure_ascii=False))
                    output.write(batch.filter(pa.array(keep)))
                    index += batch.num_rows
            signed = sum(1 for _ in open(Path(plan.work) / "signatures" / f"{shard:05d}.jsonl", "rb"))
            if index != signed:
                raise ValueError(f"task {shard} wrote {index} samples but {signed} signatures: rerun the build")
        rows = output.close()
        write_lines(rejects / f"dedup-{rank:05d}.jsonl", rejected)
        return {"dropped": len(rejected), "rows": rows}
