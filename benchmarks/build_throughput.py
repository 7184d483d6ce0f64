"""End-to-end build throughput on the bundled default, and where the time goes.

1. Stage breakdown per sample (median ms): execution in the child (per sandbox), trace assembly,
   narration, verification; executions measured side by side with and without the bubblewrap sandbox.
2. Full builds (`tracepile.pipeline.build`) of the same corpus with each sandbox: verified samples per
   second, and per core.
Usage: python benchmarks/build_throughput.py [--samples 300] [--workers 2]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
import time

from tracepile.engine import narrate, verify
from tracepile.model import Limits
from tracepile.pipeline import BuildConfig, build
from tracepile.sandbox import Job, execute
from tracepile.sources.bundled import bundled_programs
from tracepile.tracer.assemble import assemble


def executors() -> dict:
    found = {"none (process per job)": execute}
    try:
        from tracepile.sandbox import make_executor

        found["bwrap (fork-server)"] = make_executor("bwrap")
    except Exception as exc:  # noqa: BLE001 - report, do not hide
        print(f"bubblewrap sandbox unavailable: {exc}")
    return found


def stage_breakdown(samples: int) -> dict[str, dict[str, float]]:
    inputs = [(p, i) for p in bundled_programs(samples, seed=1) for i in p.inputs][:samples]
    results = {}
    for name, run in executors().items():
        times: dict[str, list[float]] = {"execute": [], "assemble": [], "narrate": [], "verify": []}
        for program, program_input in inputs:
            t0 = time.perf_counter()
            raw = run(Job(code=program.code, kind=program_input.kind, text=program_input.text, limits=Limits()))
            t1 = time.perf_counter()
            trace = assemble(program.id, program.code, program_input, raw.data, raw.status, raw.reason)
            t2 = time.perf_counter()
            problem = str(program.metadata.get("problem", ""))
            text = narrate(trace, problem=problem)
            t3 = time.perf_counter()
            verify(text.response, trace, problem=problem)
            t4 = time.perf_counter()
            for key, value in zip(times, (t1 - t0, t2 - t1, t3 - t2, t4 - t3)):
                times[key].append(value * 1e3)
        if hasattr(run, "close"):
            run.close()
        results[name] = {k: statistics.median(v) for k, v in times.items()}
    return results


def full_build(samples: int, workers: int, sandbox: str) -> tuple[float, int]:
    out = tempfile.mkdtemp(prefix="tracepile-bench-")
    try:
        started = time.perf_counter()
        manifest = build(BuildConfig(samples=samples, workers=workers, sandbox=sandbox), out, progress=False)
        return time.perf_counter() - started, manifest["samples"]
    finally:
        shutil.rmtree(out, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=300)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    os.environ.setdefault("LOGURU_LEVEL", "WARNING")
    from loguru import logger
    import sys
    logger.remove()
    logger.add(sys.stderr, level="WARNING")

    print(f"Stage breakdown, median ms per sample over {min(args.samples, 120)} bundled inputs:")
    breakdown = stage_breakdown(min(args.samples, 120))
    print(f"{'sandbox':<24} {'execute':>8} {'assemble':>9} {'narrate':>8} {'verify':>7} {'total':>7}")
    for name, row in breakdown.items():
        print(f"{name:<24} {row['execute']:>8.1f} {row['assemble']:>9.1f} {row['narrate']:>8.1f} "
              f"{row['verify']:>7.1f} {sum(row.values()):>7.1f}")
    names = list(breakdown)
    if len(names) == 2:
        a, b = (breakdown[n]["execute"] for n in names)
        print(f"per-execution cost: {names[1]} {b:.1f} ms vs {names[0]} {a:.1f} ms ({a / b:.1f}x)")

    print(f"\nFull builds of {args.samples} samples, {args.workers} workers:")
    for sandbox in ("none", "bwrap"):
        try:
            seconds, kept = full_build(args.samples, args.workers, sandbox)
        except Exception as exc:  # noqa: BLE001
            print(f"  sandbox={sandbox}: failed: {exc}")
            continue
        rate = kept / seconds
        print(f"  sandbox={sandbox:<6} {kept} verified samples in {seconds:.1f} s: {rate:.1f}/s, "
              f"{rate / args.workers:.1f}/s per core")


if __name__ == "__main__":
    main()
