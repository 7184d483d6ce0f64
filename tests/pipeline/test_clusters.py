"""Builds on real clusters: a single-node Slurm cluster (munged, slurmctld, slurmd) and a `ray start --head`
cluster, brought up here; each builds the same small corpus as the local executor, and failures are
reported and redone by a rerun."""

import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from clusters import RayCluster, SlurmCluster
from tracepile.pipeline import BuildConfig, build

SMALL = dict(samples=12, seed=3, inputs_per_task=4, sandbox="auto")  # 3 tasks, in the real sandbox
FLAGS = ["--samples", "12", "--seed", "3", "--sandbox", "auto"]


def rows(folder: Path) -> list[dict]:
    found = []
    for path in sorted((folder / "data").glob("*.parquet")):
        found += pq.read_table(path).to_pylist()
    return sorted(found, key=lambda r: r["id"])


def tracepile(args: list[str], env: dict, timeout: float = 420) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tracepile.cli", *args], env=env, capture_output=True, text=True,
                          timeout=timeout)


def completion_times(out: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in (out / "_logs/completions").iterdir()}


def submissions(out: Path) -> list[dict]:
    return json.loads((out / "_work/slurm.json").read_text())["submissions"]


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    out = tmp_path_factory.mktemp("local")
    manifest = build(BuildConfig(**SMALL), out, progress=False)
    assert manifest["tasks"] == 3
    return out


@pytest.fixture(scope="module")
def slurm():
    base = Path(tempfile.mkdtemp(prefix="tpslurm"))  # short: Slurm and munge keep sockets here
    cluster = SlurmCluster(base).start()
    yield cluster
    cluster.stop()
    shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="module")
def ray_cluster():
    base = Path(tempfile.mkdtemp(prefix="tpray", dir="/tmp"))  # short: Ray's socket paths must fit 107 bytes
    cluster = RayCluster(base).start()
    yield cluster
    cluster.stop()
    shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def slurm_config(tmp_path):
    path = tmp_path / "slurm.yaml"
    path.write_text("inputs_per_task: 4\nslurm: {poll_s: 1}\n")
    return path


def test_slurm_build_equals_the_local_build(reference, slurm, slurm_config, tmp_path):
    out = tmp_path / "slurm"
    result = tracepile(["build", "--out", str(out), "--executor", "slurm", "--config", str(slurm_config), *FLAGS],
                       slurm.env)
    assert result.returncode == 0, result.stderr
    assert "submitted 3 tasks" in result.stderr and "3 tasks: 3 done; finished" in result.stderr
    assert rows(out) == rows(reference) != []
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["samples"] == len(rows(reference)) and manifest["config"]["executor"] == "slurm"
    assert (out / "README.md").exists()
    stage_jobs = submissions(out)[0]["stage_jobs"]  # one array job per finishing stage, each afterok the last
    assert len(stage_jobs) == 6 and all((out / "_logs/finish" / stage / "completions").is_dir()
                                        for stage in ("index", "pairs", "clusters", "keys", "cap", "write"))
    again = tracepile(["build", "--out", str(out), "--executor", "slurm", "--config", str(slurm_config), *FLAGS],
                      slurm.env)
    assert again.returncode == 0, again.stderr
    assert len(submissions(out)) == 1  # a finished build submits nothing


def test_killed_slurm_task_is_reported_and_the_rerun_redoes_only_it(reference, slurm, slurm_config, tmp_path):
    out = tmp_path / "killed"
    command = ["build", "--out", str(out), "--executor", "slurm", "--config", str(slurm_config), "--workers", "1",
               *FLAGS]
    detached = tracepile([*command, "--detach"], slurm.env)
    assert detached.returncode == 0, detached.stderr
    job = submissions(out)[0]["tasks_job"]
    again = tracepile([*command, "--detach"], slurm.env)
    assert "attaching to the build's Slurm jobs" in again.stderr and len(submissions(out)) == 1
    wait_until_running(f"{job}_0", slurm.env)
    subprocess.run(["scancel", f"{job}_0"], env=slurm.env, check=True)

    failed = tracepile(command, slurm.env)
    assert failed.returncode == 1
    # the exit code Slurm records for a cancelled batch script depends on when the signal lands (0:15 or 0:0)
    assert re.search(rf"task 0 \(job {job}_0\) failed: CANCELLED, exit code \d+:\d+; "
                     rf"log: {re.escape(str(out))}/_logs/slurm_logs/{job}_0\.out", failed.stderr), failed.stderr
    assert "1 of 3 tasks failed" in failed.stderr and not (out / "manifest.json").exists()
    status = tracepile(["status", str(out)], slurm.env)
    assert status.returncode == 1 and "2 done, 1 failed; finishing job" in status.stdout and "cancelled" in status.stdout

    finished = completion_times(out)
    rerun = tracepile(command, slurm.env)
    assert rerun.returncode == 0, rerun.stderr
    assert "submitted 1 tasks" in rerun.stderr and submissions(out)[-1]["ranks"] == [0]
    assert {name: t for name, t in completion_times(out).items() if name in finished} == finished
    assert rows(out) == rows(reference)


def wait_until_running(task: str, env: dict, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        running = subprocess.run(["squeue", "-h", "-t", "RUNNING", "-o", "%i"], env=env, capture_output=True,
                                 text=True).stdout.split()
        if task in running:
            return
        time.sleep(0.1)
    raise AssertionError(f"{task} did not start within {timeout} s")


def test_a_bad_slurm_option_fails_before_anything_is_written(slurm, tmp_path):
    config = tmp_path / "bad.yaml"
    config.write_text("slurm: {partition: nosuchpartition}\n")
    out = tmp_path / "out"
    result = tracepile(["build", "--out", str(out), "--executor", "slurm", "--config", str(config), *FLAGS],
                       slurm.env)
    assert result.returncode == 1
    assert "Slurm refuses the build's job options --partition=nosuchpartition" in result.stderr
    assert "invalid partition" in result.stderr.lower() and "Traceback" not in result.stderr
    assert not out.exists()


def test_ray_build_equals_the_local_build(reference, ray_cluster, tmp_path):
    out = tmp_path / "ray"
    env = {**ray_cluster.env, "RAY_ADDRESS": ray_cluster.address}
    result = tracepile(["build", "--out", str(out), "--executor", "ray", *FLAGS, "--config",
                        str(write(tmp_path / "ray.yaml", "inputs_per_task: 4\nray: {concurrency: 2}\n"))], env)
    assert result.returncode == 0, result.stderr
    assert rows(out) == rows(reference) != []
    assert json.loads((out / "manifest.json").read_text())["config"]["ray"] == {"concurrency": 2}


def test_failed_ray_task_exits_non_zero_and_the_rerun_redoes_only_it(reference, ray_cluster, tmp_path):
    out = tmp_path / "ray-failing"
    blocker = out / "_work/signatures/00001.jsonl"
    blocker.mkdir(parents=True)  # task 1 cannot write its signatures there
    config = write(tmp_path / "ray.yaml", f"inputs_per_task: 4\nray: {{address: '{ray_cluster.address}'}}\n")
    command = ["build", "--out", str(out), "--executor", "ray", "--config", str(config), *FLAGS]
    failed = tracepile(command, ray_cluster.env)
    assert failed.returncode == 1
    assert f"1 of 3 tasks failed:\n  task 1 failed: no completion mark; log: {out}/_logs/logs/task_00001.log" \
        in failed.stderr, failed.stderr
    assert (out / "_logs/logs/task_00001.log").exists() and not (out / "manifest.json").exists()
    finished = completion_times(out)
    assert sorted(finished) == ["00000", "00002"]
    blocker.rmdir()
    rerun = tracepile(command, ray_cluster.env)
    assert rerun.returncode == 0, rerun.stderr
    assert {name: t for name, t in completion_times(out).items() if name in finished} == finished
    assert rows(out) == rows(reference)


def test_ray_token_auth_trap_is_explained(ray_cluster, tmp_path):
    env = {**ray_cluster.env, "RAY_ADDRESS": ray_cluster.address, "RAY_AUTH_MODE": "token",
           "RAY_AUTH_TOKEN": "0123456789abcdef0123456789abcdef"}
    result = tracepile(["build", "--out", str(tmp_path / "out"), "--executor", "ray", *FLAGS], env, timeout=300)
    assert result.returncode == 1
    assert "This client uses Ray token authentication (RAY_AUTH_MODE=token" in result.stderr, result.stderr
    assert "set RAY_AUTH_MODE=disabled" in result.stderr and "Traceback" not in result.stderr


def write(path: Path, text: str) -> Path:
    path.write_text(text)
    return path
