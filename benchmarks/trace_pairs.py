"""Per-execution cost of the tracer, two source trees side by side: trace() (a child process per
input, as a build runs it) on the same bundled inputs, rounds interleaved A, B, A, B to pair them.

    python benchmarks/trace_pairs.py --before /tmp/old/src --after src --inputs 40 --rounds 5
Prints the median milliseconds per execution of each tree, for stdin scripts and for calls, and the ratio.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys

CHILD = r"""
import json, sys, time
from tracepile.engine import trace
from tracepile.sources.bundled import bundled_programs
inputs = [(p, i) for p in bundled_programs(int(sys.argv[1]), seed=0) for i in p.inputs[:1]]
times = {"stdin": [], "call": []}
for program, program_input in inputs:
    start = time.perf_counter()
    trace(program.code, program_input, program_id=program.id)
    times[program_input.kind].append(time.perf_counter() - start)
print(json.dumps(times))
"""


def run(src: str, inputs: int) -> dict:
    env = {**os.environ, "PYTHONPATH": os.path.abspath(src)}
    out = subprocess.run([sys.executable, "-c", CHILD, str(inputs)], env=env, capture_output=True, text=True,
                         check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", required=True)
    parser.add_argument("--after", required=True)
    parser.add_argument("--inputs", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    times = {side: {"stdin": [], "call": []} for side in ("before", "after")}
    for _ in range(args.rounds):
        for side in ("before", "after"):
            for kind, values in run(getattr(args, side), args.inputs).items():
                times[side][kind] += values
    print("| inputs | before (ms, median) | after (ms, median) | after / before |")
    print("|---|---:|---:|---:|")
    for kind in ("stdin", "call"):
        before, after = times["before"][kind], times["after"][kind]
        if before and after:
            b, a = 1000 * statistics.median(before), 1000 * statistics.median(after)
            print(f"| {kind} ({len(before) // args.rounds} per round) | {b:.1f} | {a:.1f} | {a / b:.2f} |")


if __name__ == "__main__":
    main()
