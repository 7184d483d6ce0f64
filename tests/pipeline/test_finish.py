"""The finishing step in stages: it keeps exactly what the whole-corpus reference keeps (rows, order, reasons),
reruns only unfinished stage tasks, names a failed stage; and the plan's task index reads each task's records."""

import hashlib
import json
import random
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from tracepile.pipeline import BuildConfig, build
from tracepile.pipeline.build import BuildFailed, Layout, finish_progress, run_finish_stages
from tracepile.pipeline.dedup import FinishPlan, dedup_counts
from tracepile.pipeline.schema import SAMPLE_SCHEMA
from tracepile.quality import DedupConfig, Signature, deduplicate


def digest(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def synthetic_build(out: Path, shards: int = 20, rows: int = 30, seed: int = 5) -> None:
    """Task output in the build's format: families of similar codes (a few values of 128 changed), decoys
    that share a band with a family but are not similar, and repeated inputs (exact duplicates)."""
    rng = random.Random(seed)
    codes = []
    for family in range(40):
        base = [rng.randrange(2 ** 32) for _ in range(128)]
        for variant in range(rng.choice([1, 1, 3, 6])):
            values = list(base)
            for i in rng.sample(range(13, 128), rng.randrange(0, 9) if variant else 0):
                values[i] = rng.randrange(2 ** 32)
            codes.append((digest(f"{family}/{variant}"), values))
        if family % 7 == 0:  # keeps band 0, changes 40 values: a candidate, Jaccard < 0.8
            values = list(base)
            for i in rng.sample(range(13, 128), 40):
                values[i] = rng.randrange(2 ** 32)
            codes.append((digest(f"decoy {family}"), values))
    (out / "_work/signatures").mkdir(parents=True)
    (out / "_work/shards").mkdir()
    for shard in range(shards):
        lines, table = [], []
        for index in range(rows):
            code, values = rng.choice(codes)
            text = f"f({rng.randrange(6)})"  # few inputs: repeats are exact duplicates
            sample_id = f"{code[:8]}/{shard}/{index}"
            lines.append(json.dumps({"sample_id": sample_id, "shard": shard, "index": index,
                                     "exact": digest(f"{code}/{text}"), "code": code, "minhash": values,
                                     "scheme": "legacy"}))
            table.append({"id": sample_id, "program_id": code[:8], "input": text, "input_kind": "call",
                          "domain": "math", "kind": "coe", "prompt": f"p {sample_id}", "response": f"r {text}",
                          "stats": {"prompt_tokens": 1}, "verified": True, "claim_failures": [],
                          "provenance": {"source": "test"}})
        (out / f"_work/signatures/{shard:05d}.jsonl").write_text("".join(line + "\n" for line in lines))
        if shard != 3:  # a task that kept no sample writes no shard (and no signatures)
            pq.write_table(pa.Table.from_pylist(table, schema=SAMPLE_SCHEMA), out / f"_work/shards/000_{shard:05d}.parquet")
        else:
            (out / f"_work/signatures/{shard:05d}.jsonl").write_text("")


def reference(out: Path, cap: int) -> tuple[pa.Table, dict, object]:
    """Kept rows (build order) and drop reasons by id, by the whole-corpus reference."""
    signatures = []
    for path in sorted((out / "_work/signatures").glob("*.jsonl")):
        for line in path.read_text().splitlines():
            row = json.loads(line)
            signatures.append(Signature(**{**row, "minhash": tuple(row["minhash"])}))
    result = deduplicate(signatures, DedupConfig(cap=cap))
    kept = []
    for path in sorted((out / "_work/shards").glob("*.parquet")):
        table = pq.read_table(path)
        kept.append(table.filter(pa.array([result.keep(int(path.stem.split("_")[-1]), i) for i in range(table.num_rows)])))
    return pa.concat_tables(kept), result


def written(out: Path) -> pa.Table:
    return pa.concat_tables([pq.read_table(p) for p in sorted((out / "data").glob("*.parquet"))])


def dropped(out: Path) -> dict[str, str]:
    reasons = {}
    for path in sorted((out / "rejects").glob("dedup-*.jsonl")):
        for line in path.read_text().splitlines():
            row = json.loads(line)
            reasons[row["id"]] = row["detail"]
    return reasons


def small_plan(out: Path, cap: int = 3) -> FinishPlan:
    plan = FinishPlan(str(out / "_work"), str(out), tasks=20, group=3, partitions=4, bands=9, rows=13, cap=cap)
    plan.save()
    return plan


def run(out: Path, plan: FinishPlan) -> None:
    (out / "rejects").mkdir(exist_ok=True)
    run_finish_stages(BuildConfig(workers=1, sandbox="none"), Layout(out), plan)


def test_stages_keep_exactly_what_the_whole_corpus_reference_keeps(tmp_path):
    synthetic_build(tmp_path)
    plan = small_plan(tmp_path)
    run(tmp_path, plan)
    kept, result = reference(tmp_path, cap=3)
    assert result.exact_duplicates > 20 and result.near_duplicates > 20  # both kinds are exercised
    assert any(c.codes > 1 for c in result.clusters) and written(tmp_path).equals(kept)
    reasons = dropped(tmp_path)
    by_place = {s: r for s, r in result.dropped_at.items()}
    assert len(reasons) == len(by_place) == result.exact_duplicates + result.near_duplicates
    assert {r for r in reasons.values() if r.startswith("exact")} == \
           {r for r in by_place.values() if r.startswith("exact")}
    assert sum(r.startswith("near-duplicate cluster") for r in reasons.values()) == result.near_duplicates
    assert dedup_counts(plan) == {"exact_duplicates": result.exact_duplicates, "near_duplicates": result.near_duplicates,
                                  "clusters": len(result.clusters), "dropped": len(by_place), "cluster_cap": 3}
    assert all(pq.ParquetFile(p).metadata.num_rows <= 10_000 for p in (tmp_path / "data").glob("*.parquet"))


def test_a_rerun_redoes_only_the_unfinished_stage_tasks(tmp_path):
    synthetic_build(tmp_path)
    plan = small_plan(tmp_path)
    run(tmp_path, plan)
    before = written(tmp_path)
    marks = tmp_path / "_logs/finish/write/completions"
    times = {p.name: p.stat().st_mtime_ns for p in marks.iterdir()}
    (marks / "00002").unlink()
    for path in (tmp_path / "data").glob("train-00002-*.parquet"):
        path.unlink()
    assert dict((s, (d, n)) for s, d, n in finish_progress(Layout(tmp_path)))["write"] == (plan.groups - 1, plan.groups)
    run(tmp_path, plan)
    assert written(tmp_path).equals(before)
    assert {n: t for n, t in ((p.name, p.stat().st_mtime_ns) for p in marks.iterdir()) if n != "00002"} == \
           {n: t for n, t in times.items() if n != "00002"}


def test_a_failed_stage_is_named_with_its_log(tmp_path):
    synthetic_build(tmp_path)
    (tmp_path / "_work/signatures/00007.jsonl").unlink()
    with pytest.raises(BuildFailed, match="finishing stage index") as failure:
        run(tmp_path, small_plan(tmp_path))
    assert "task 2" in str(failure.value) and "_logs/finish/index/logs/task_00002.log" in str(failure.value)
    assert "task 7 left no signatures" in (tmp_path / "_logs/finish/index/logs/task_00002.log").read_text()


def test_the_task_index_gives_each_task_its_records(tmp_path):
    from tracepile.pipeline.steps import ReadPrograms, TaskIndex, task_count

    rng = random.Random(2)
    loads = [rng.choice([0, 1, 1, 2, 5, 9]) for _ in range(200)]
    programs, index = tmp_path / "programs.jsonl", tmp_path / "tasks.idx"
    expected, load = [], 4
    with programs.open("wb") as records, index.open("wb") as handle:
        tasks = TaskIndex(handle, 4)
        for number, inputs in enumerate(loads):
            if load >= 4:  # a new task once the current one holds 4 inputs (a record counts at least 1)
                expected.append([])
                load = 0
            load += max(1, inputs)
            expected[-1].append(f"p{number}")
            line = (json.dumps({"inputs": inputs, "program": {"id": f"p{number}", "code": "é"}}) + "\n").encode()
            records.write(line)
            tasks.add(inputs, len(line))
        assert tasks.close() == len(expected)
    assert task_count(str(index)) == len(expected)
    reader = ReadPrograms(str(programs), str(index))
    assert [[d.id for d in reader.run(rank=rank)] for rank in range(len(expected))] == expected


def test_a_small_default_build_keeps_the_reference_set(tmp_path, monkeypatch):
    import tracepile.pipeline.dedup as stages

    monkeypatch.setattr(stages, "INPUTS_PER_GROUP", 64)  # several groups and partitions at this size
    # cap 2: the template's one wording per meaning leaves clusters of at most 4 near-identical samples here
    manifest = build(BuildConfig(samples=300, seed=1, workers=2, sandbox="none", dedup_cap=2), tmp_path,
                     progress=False)
    plan = FinishPlan.load(tmp_path / "_work")
    assert plan.groups > 2 and plan.partitions > 2
    kept, result = reference(tmp_path, cap=2)
    assert result.near_duplicates > 0 and written(tmp_path).equals(kept)
    assert manifest["samples"] == kept.num_rows and manifest["dedup"]["dropped"] == len(result.dropped_at)


def test_on_slurm_each_finishing_stage_is_submitted_afterok_the_one_before(tmp_path, monkeypatch):
    import datatrove.executor.slurm as datatrove_slurm

    from tracepile.pipeline.build import make_executor, make_pipeline, plan, planned_tasks
    from tracepile.pipeline.slurm import submit_stages

    launched = []

    def sbatch(script, job_id_retriever, *args):
        launched.append(args)
        return str(100 + len(launched))

    monkeypatch.setattr(datatrove_slurm, "launch_slurm_job", sbatch)
    programs = tmp_path / "programs.jsonl"
    programs.write_text(json.dumps({"id": "p", "code": "def f(x):\n    return x\n", "calls": ["f(1)", "f(2)"]}))
    config = BuildConfig(programs=str(programs), inputs_per_task=1, executor="slurm", eval_sets=[])
    layout = Layout(tmp_path / "out")
    plan(config, layout)
    tasks = make_executor(config, make_pipeline(config, layout), planned_tasks(layout), layout)
    tasks.job_id = "99"  # as if the task array had been submitted
    jobs = submit_stages(tasks, layout)
    assert len(jobs) == len(launched) == 6  # and no stats-merging job after each
    arrays = launched
    assert [args[1] for args in arrays] == [f"--dependency=afterok:{job}" for job in ["99", *jobs[:-1]]]
