"""How the build's finishing step (global deduplication, then writing data/) scales with the corpus.

Generates synthetic task output in the build's real format (`_work/shards/<rank>.parquet` with the sample
schema, `_work/signatures/<rank>.jsonl` with 128-value MinHash signatures) with controlled exact duplicates,
near-duplicate families (some far over the cluster cap) and decoys that share an LSH band without being
similar. Then runs the finishing step in a fresh process and reports wall time and peak RSS per process:
the staged step of this version (its stages on datatrove's local executor) and, up to --old-up-to samples,
the one-process step of an earlier commit (--old-commit), side by side on the same folder. Checks the kept
rows against the whole-corpus reference `tracepile.quality.deduplicate` up to --check-up-to samples, and
new against old wherever both ran.
Usage: python benchmarks/finish_scaling.py [--sizes 10000 100000 1000000] [--workers 2] [--root DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from tracepile.pipeline.schema import SAMPLE_SCHEMA

ROWS_PER_TASK = 64  # samples per task shard (a build's 16-input task yields ~30; bigger keeps file counts sane)
INPUTS_PER_TASK = 32
WORDS = [hashlib.sha1(str(i).encode()).hexdigest()[:7] for i in range(4096)]


def digest(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def codes_for(samples: int, rng: np.random.Generator) -> list[tuple[str, np.ndarray, int]]:
    """(code key, MinHash values, samples of it): families of similar codes (<= 8 of 128 values changed,
    so any two agree on >= 0.875), 3% of them big enough to pass the cap of 100, and decoys that keep
    the first band of a family but change 40 values (a band collision below the 0.8 threshold)."""
    codes, total, family = [], 0, 0
    while total < samples:
        base = rng.integers(0, 2 ** 32, 128, dtype=np.uint64)
        size = int(rng.choice([1, 1, 1, 2, 4, 30], p=[0.4, 0.2, 0.1, 0.15, 0.12, 0.03]))
        for variant in range(size):
            values = base.copy()
            changed = rng.choice(np.arange(16, 128), int(rng.integers(0, 9)) if variant else 0, replace=False)
            values[changed] = rng.integers(0, 2 ** 32, len(changed), dtype=np.uint64)
            codes.append((digest(f"code {family}/{variant}"), values, int(rng.integers(4, 13))))
            total += codes[-1][2]
        if rng.random() < 0.05:
            values = base.copy()
            changed = rng.choice(np.arange(16, 128), 40, replace=False)
            values[changed] = rng.integers(0, 2 ** 32, 40, dtype=np.uint64)
            codes.append((digest(f"decoy {family}"), values, int(rng.integers(4, 13))))
            total += codes[-1][2]
        family += 1
    order = rng.permutation(len(codes))
    return [codes[i] for i in order]


def generate(folder: Path, samples: int, seed: int = 7) -> int:
    """Write `samples` samples of synthetic task output under folder/_work; returns the task count."""
    rng = np.random.default_rng(seed)
    work = folder / "_work"
    (work / "shards").mkdir(parents=True)
    (work / "signatures").mkdir()
    rows: list[tuple] = []  # (code key, values, input, exact key)
    for code, values, count in codes_for(samples, rng):
        for number in range(count):
            repeat = number and rng.random() < 0.05  # the same input again: an exact duplicate
            text = f"f({number - 1 if repeat else number})"
            rows.append((code, values, text, digest(f"{code}\x00call\x00{text}")))
    rows = rows[:samples]
    tasks = -(-len(rows) // ROWS_PER_TASK)
    for rank in range(tasks):
        part = rows[rank * ROWS_PER_TASK:(rank + 1) * ROWS_PER_TASK]
        write_task(work, rank, part, rng)
    return tasks


def write_task(work: Path, rank: int, part: list[tuple], rng: np.random.Generator) -> None:
    signatures, table = [], []
    for index, (code, values, text, exact) in enumerate(part):
        sample_id = f"{code[:10]}/{rank}/{index}"
        signatures.append(json.dumps({"sample_id": sample_id, "shard": rank, "index": index, "exact": exact,
                                      "code": code, "minhash": [int(v) for v in values], "scheme": "legacy"}))
        words = " ".join(WORDS[i] for i in rng.integers(0, len(WORDS), 150))
        table.append({"id": sample_id, "program_id": code[:10], "input": text, "input_kind": "call",
                      "domain": "synthetic", "kind": "coe", "prompt": f"def f(x):\n    return x\n{text}\n{words[:400]}",
                      "response": words, "answer": text, "status": "ok", "reason": "",
                      "stats": {"events": 3, "lines": 2, "calls": 1, "max_depth": 1, "loops_compressed": 0,
                                "prompt_tokens": 120, "response_tokens": 300, "compressed_to_fit": 0},
                      "verified": True, "claims": 4, "claims_checked": 4, "claim_failures": [],
                      "provenance": {"source": "synthetic", "license": "MIT", "tool": "bench", "seed": 1,
                                     "python": "3.11", "tracer": "t", "question": "", "answer_note": ""}})
    (work / "signatures" / f"{rank:05d}.jsonl").write_text("".join(s + "\n" for s in signatures))
    pq.write_table(pa.Table.from_pylist(table, schema=SAMPLE_SCHEMA), work / "shards" / f"000_{rank:05d}.parquet")


# ---------------------------------------------------------------- the two finishing steps, each in its own process


def run_new(folder: Path, out: Path, tasks: int, workers: int) -> dict:
    from tracepile.pipeline.build import Layout, run_finish_stages
    from tracepile.pipeline.config import BuildConfig
    from tracepile.pipeline.dedup import FinishPlan, dedup_counts, peak_rss_mb, stage_steps

    layout = Layout(out)
    plan = FinishPlan.make(SimpleNamespace(work=folder / "_work", out=out), tasks, INPUTS_PER_TASK, 100)
    plan.save()
    layout.logs.mkdir(parents=True, exist_ok=True)
    os.environ["LOGURU_LEVEL"] = "WARNING"
    config = BuildConfig(executor="local", workers=workers)
    os.makedirs(out / "rejects", exist_ok=True)
    os.makedirs(layout.logs, exist_ok=True)
    # the finishing stages log under <out>/_logs/finish; their tasks read folder/_work
    run_finish_stages(config, layout, plan)
    return {"dedup": dedup_counts(plan), "stage_rss_mb": peak_rss_mb(plan),
            "tasks_per_stage": {name: n for name, _, n in stage_steps(plan)}}


def run_old(folder: Path, out: Path, commit: str) -> dict:
    source = subprocess.run(["git", "show", f"{commit}:src/tracepile/pipeline/dedup.py"], capture_output=True,
                            text=True, check=True, cwd=Path(__file__).resolve().parents[1]).stdout
    module_path = out / "old_dedup.py"
    out.mkdir(parents=True, exist_ok=True)
    module_path.write_text(source)
    spec = importlib.util.spec_from_file_location("old_dedup", module_path)
    old = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(old)
    (out / "rejects").mkdir(exist_ok=True)
    layout = SimpleNamespace(signatures=folder / "_work" / "signatures", shards=folder / "_work" / "shards",
                             work=out, data=out / "data", rejects=out / "rejects")
    return {"dedup": old.deduplicate_corpus(layout, 100)}


def measured(args: list[str]) -> dict:
    """Run this script's `_run` in a fresh process: wall time, its own and its children's peak RSS."""
    started = time.perf_counter()
    result = subprocess.run([sys.executable, __file__, "_run", *args], capture_output=True, text=True)
    wall = time.perf_counter() - started
    if result.returncode != 0:
        raise RuntimeError(f"finishing step failed:\n{result.stderr[-3000:]}")
    report = json.loads(result.stdout.strip().splitlines()[-1])
    report["wall_s"] = round(wall, 1)
    return report


def child(argv: list[str]) -> None:
    """One step in a fresh process (the generator's memory must not count towards a measured step's)."""
    from tracepile.pipeline.dedup import peak_rss_of_process

    which, folder, out, extra = argv[0], Path(argv[1]), Path(argv[2]), argv[3:]
    if which == "generate":
        report = {"tasks": generate(folder, int(extra[0]))}
    elif which == "new":
        report = run_new(folder, out, int(extra[0]), int(extra[1]))
    else:
        report = run_old(folder, out, extra[0])
    report["main_rss_mb"] = peak_rss_of_process()  # VmHWM: ru_maxrss would count the parent's at exec
    report["children_rss_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(json.dumps(report))


# ---------------------------------------------------------------- checks


def data_table(out: Path) -> pa.Table:
    files = sorted((out / "data").glob("*.parquet"))
    return pa.concat_tables([pq.read_table(f) for f in files]) if files else SAMPLE_SCHEMA.empty_table()


def reference_table(folder: Path) -> pa.Table:
    """The kept rows by the whole-corpus reference, in build order."""
    from tracepile.quality import DedupConfig, Signature, deduplicate

    signatures = []
    for path in sorted((folder / "_work" / "signatures").glob("*.jsonl")):
        for line in path.read_text().splitlines():
            row = json.loads(line)
            row["minhash"] = tuple(row["minhash"])
            signatures.append(Signature(**row))
    result = deduplicate(signatures, DedupConfig(cap=100))
    tables = []
    for path in sorted((folder / "_work" / "shards").glob("*.parquet")):
        table = pq.read_table(path)
        rank = int(path.stem.split("_")[-1])
        tables.append(table.filter(pa.array([result.keep(rank, i) for i in range(table.num_rows)])))
    return pa.concat_tables(tables)


def same_rows(a: pa.Table, b: pa.Table) -> bool:
    return a.num_rows == b.num_rows and a.select(SAMPLE_SCHEMA.names).cast(SAMPLE_SCHEMA).equals(
        b.select(SAMPLE_SCHEMA.names).cast(SAMPLE_SCHEMA))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--old-up-to", type=int, default=100_000)
    parser.add_argument("--check-up-to", type=int, default=10_000)
    parser.add_argument("--old-commit", default="cdec8bc")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--root", default=None)
    parser.add_argument("--keep", action="store_true", help="keep the generated folders")
    parser.add_argument("--reuse", action="store_true", help="reuse generated folders kept by --keep")
    args = parser.parse_args()
    root = Path(args.root or tempfile.mkdtemp(prefix="finish-scaling-"))
    for size in args.sizes:
        folder = root / f"s{size}"
        for previous in (folder / "new", folder / "old", folder / "_work" / "finish"):
            shutil.rmtree(previous, ignore_errors=True)
        started = time.perf_counter()
        if args.reuse and (folder / "_work" / "signatures").is_dir():
            tasks = len(list((folder / "_work" / "signatures").glob("*.jsonl")))
        else:
            shutil.rmtree(folder, ignore_errors=True)
            tasks = measured(["generate", str(folder), "-", str(size)])["tasks"]
        print(f"\n{size} samples: {tasks} task shards generated in {time.perf_counter() - started:.0f} s "
              f"({sum(f.stat().st_size for f in (folder / '_work').rglob('*') if f.is_file()) / 1e6:.0f} MB)")
        new = measured(["new", str(folder), str(folder / "new"), str(tasks), str(args.workers)])
        print(f"  after  (staged, {args.workers} workers): {new['wall_s']} s, peak RSS main {new['main_rss_mb']:.0f} MB, "
              f"largest worker {new['children_rss_mb']:.0f} MB; per stage {json.dumps(new['stage_rss_mb'])}; "
              f"tasks {json.dumps(new['tasks_per_stage'])}")
        print(f"    dedup: {json.dumps(new['dedup'])}")
        kept = data_table(folder / "new") if size <= max(args.old_up_to, args.check_up_to) else None
        if size <= args.old_up_to:
            old = measured(["old", str(folder), str(folder / "old"), args.old_commit])
            print(f"  before (one process, {args.old_commit}): {old['wall_s']} s, peak RSS {old['main_rss_mb']:.0f} MB")
            print(f"    dedup: {json.dumps(old['dedup'])}")
            print(f"  kept rows identical to before: {same_rows(kept, data_table(folder / 'old'))} "
                  f"({kept.num_rows} rows)")
        if size <= args.check_up_to:
            print(f"  kept rows identical to the whole-corpus reference: {same_rows(kept, reference_table(folder))}")
        if not args.keep:
            shutil.rmtree(folder)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "_run":
        child(sys.argv[2:])
    else:
        main()
