"""Per-execution overhead of the execution back ends, side by side, on a trivial traced program.

For each back end: the median wall time of one job (trace a 2-line function call end to end) over many
runs, its overhead over the in-process baseline (the harness and tracer run right here, no isolation),
and its ratio to that baseline. Back ends: in-process (no sandbox), bwrap fork-server (one bubblewrap
sandbox, one fork per job), fresh process (`execute`: a new interpreter per job).
Usage: python benchmarks/sandbox_overhead.py [--runs 200] [--fresh-runs 30]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from dataclasses import asdict

from tracepile.model import Limits
from tracepile.sandbox import Job, SandboxUnavailable, execute, make_executor
from tracepile.tracer.harness import run_job

CODE = "def f(n):\n    m = n * 2\n    return m + 1\n"
JOB = Job(code=CODE, kind="call", text="f(20)", limits=Limits())


def in_process(job: Job) -> dict:
    payload = {"code": job.code, "kind": job.kind, "text": job.text, "seed": job.seed,
               "backend": job.backend, "limits": asdict(job.limits)}
    stdout = sys.stdout
    try:
        return run_job(payload)
    finally:
        sys.stdout = stdout


def median_ms(run, runs: int) -> float:
    run(JOB)  # warm up: imports, caches, the worker's first fork
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        run(JOB)
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200, help="runs for in-process and bwrap")
    parser.add_argument("--fresh-runs", type=int, default=30, help="runs for the fresh process")
    args = parser.parse_args()

    rows = [("in-process (no sandbox)", median_ms(in_process, args.runs))]
    try:
        with make_executor("bwrap") as executor:
            rows.append(("bwrap fork-server", median_ms(executor, args.runs)))
    except SandboxUnavailable as exc:
        print(f"skipping bwrap: {exc}", file=sys.stderr)
    rows.append(("fresh process (execute)", median_ms(execute, args.fresh_runs)))

    base = rows[0][1]
    print(f"{'back end':<26}{'median ms':>11}{'overhead ms':>13}{'x baseline':>12}")
    for name, ms in rows:
        print(f"{name:<26}{ms:>11.2f}{ms - base:>13.2f}{ms / base:>12.1f}")
    names = dict(rows)
    if "bwrap fork-server" in names:
        ratio = names["fresh process (execute)"] / names["bwrap fork-server"]
        print(f"\nfresh process / bwrap fork-server: {ratio:.1f}x")


if __name__ == "__main__":
    main()
