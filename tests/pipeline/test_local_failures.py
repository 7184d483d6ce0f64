"""A task that fails on the local executor: the build exits non-zero naming it, `tracepile status` lists
it, and the rerun redoes only that task and completes the build."""

import subprocess
import sys

import pyarrow.parquet as pq


def tracepile(args: list[str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tracepile.cli", *args], capture_output=True, text=True, timeout=300)


def test_failed_local_task_is_named_and_the_rerun_redoes_only_it(tmp_path):
    out = tmp_path / "out"
    blocker = out / "_work/signatures/00001.jsonl"
    blocker.mkdir(parents=True)  # task 1 cannot write its signatures there
    config = tmp_path / "small.yaml"
    config.write_text("inputs_per_task: 4\n")
    command = ["build", "--out", str(out), "--samples", "12", "--seed", "3", "--sandbox", "none", "--workers", "1",
               "--config", str(config)]
    failed = tracepile(command)
    assert failed.returncode == 1
    # one worker runs the tasks in order, and datatrove's local executor stops at the first failure
    assert f"2 of 3 tasks failed:\n  task 1 failed: no completion mark; log: {out}/_logs/logs/task_00001.log\n" \
           f"  task 2 failed: no completion mark; log: {out}/_logs/logs/task_00002.log" in failed.stderr, failed.stderr
    assert "IsADirectoryError" in (out / "_logs/logs/task_00001.log").read_text()
    marks = {p.name: p.stat().st_mtime_ns for p in (out / "_logs/completions").iterdir()}
    assert sorted(marks) == ["00000"]
    status = tracepile(["status", str(out)])
    assert status.returncode == 0 and "3 tasks: 1 done, 2 unfinished; dataset not written yet" in status.stdout

    blocker.rmdir()
    rerun = tracepile(command)
    assert rerun.returncode == 0, rerun.stderr
    assert {p.name: p.stat().st_mtime_ns for p in (out / "_logs/completions").iterdir() if p.name in marks} == marks
    assert pq.read_table(out / "data/train-00000-000.parquet").num_rows > 0
    assert "3 tasks: 3 done; finished" in tracepile(["status", str(out)]).stdout
