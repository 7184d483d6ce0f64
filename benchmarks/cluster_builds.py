"""Whole small builds on the three executors, side by side: a single-node Slurm cluster and a Ray head
brought up here (as the tests do), then the same corpus built with `tracepile build --executor X`.

Prints cluster bring-up times and, per executor, the median wall time of a whole build (plan, pre-flight,
tasks, dedup, manifest) over `--runs` fresh output folders, its ratio to the local build, and whether
its rows equal the local build's. Needs the Debian packages slurmctld slurmd slurm-client munge.
Usage: python benchmarks/cluster_builds.py [--runs 3] [--samples 12]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyarrow.parquet as pq

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from clusters import RayCluster, SlurmCluster  # noqa: E402


def rows(folder: Path) -> list[dict]:
    return sorted((r for p in sorted((folder / "data").glob("*.parquet")) for r in pq.read_table(p).to_pylist()),
                  key=lambda r: r["id"])


def timed_build(executor: str, out: Path, samples: int, config: Path, env: dict) -> float:
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "tracepile.cli", "build", "--out", str(out), "--executor",
                             executor, "--samples", str(samples), "--config", str(config)],
                            env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"{executor} build failed:\n{result.stderr[-3000:]}")
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--samples", type=int, default=12)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="tpbench"))
    config = work / "build.yaml"
    config.write_text("inputs_per_task: 4\nseed: 3\nslurm: {poll_s: 1}\n")
    started = time.perf_counter()
    slurm = SlurmCluster(work / "slurm").start()
    slurm_up = time.perf_counter() - started
    started = time.perf_counter()
    ray = RayCluster(Path(tempfile.mkdtemp(prefix="tpray", dir="/tmp"))).start()
    ray_up = time.perf_counter() - started
    envs = {"local": slurm.env, "slurm": slurm.env, "ray": {**ray.env, "RAY_ADDRESS": ray.address}}
    times: dict[str, list[float]] = {name: [] for name in envs}
    try:
        for run in range(args.runs):
            for name, env in envs.items():
                times[name].append(timed_build(name, work / f"{name}-{run}", args.samples, config, env))
    finally:
        slurm.stop()
        ray.stop()
    reference = rows(work / "local-0")
    print(f"bring-up: Slurm (munged, slurmctld, slurmd, node idle) {slurm_up:.1f} s; "
          f"Ray head ({ray.cpus} CPUs, answering `ray status`) {ray_up:.1f} s")
    print(f"{args.samples} inputs in {args.samples // 4} tasks, {args.runs} runs each\n")
    print(f"{'executor':<10}{'median s':>10}{'min s':>8}{'max s':>8}{'x local':>9}  rows equal local")
    base = statistics.median(times["local"])
    for name, values in times.items():
        same = all(rows(work / f"{name}-{run}") == reference for run in range(args.runs))
        print(f"{name:<10}{statistics.median(values):>10.1f}{min(values):>8.1f}{max(values):>8.1f}"
              f"{statistics.median(values) / base:>9.2f}  {same} ({len(reference)} rows)")
    shutil.rmtree(work, ignore_errors=True)
    shutil.rmtree(ray.base, ignore_errors=True)


if __name__ == "__main__":
    main()
