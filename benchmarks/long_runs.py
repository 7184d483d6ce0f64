"""Long runs: how many inputs whose run takes 10^4 or more events give a verified sample within the token
budget (prompt + response, 8,192 tokens by default), by compressing what does not bear on the answer.

Inputs: the bundled default's programs (`--samples` of them, as a default build draws them) and, with
`--programs`, a real-code program file (`python benchmarks/real_code.py CORPUS --save-programs FILE`).
Each input is traced under a raised event limit (`--max-events`); the runs of at least `--min-events`
events are narrated, verified and fitted to the budget (tracepile.quality.fit_to_budget, the build's own
step). Reports, per source: long runs, verified and within budget, over budget (dropped), not verified,
still truncated at the raised limit, and the compression level each kept sample needed.

    python benchmarks/long_runs.py --samples 2000 --programs rc-programs.jsonl
"""

from __future__ import annotations

import argparse
import collections
import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from tracepile.engine import trace
from tracepile.model import Limits, Program
from tracepile.quality import fit_to_budget, load_tokenizer
from tracepile.sandbox import make_executor
from tracepile.sources.bundled import bundled_programs


def inputs(programs: list[Program]) -> list[tuple[Program, object]]:
    return [(program, program_input) for program in programs for program_input in program.inputs]


def measure(jobs, limits: Limits, min_events: int, workers: int) -> dict:
    executor = make_executor("bwrap", workers=workers)
    tokenizer = load_tokenizer()

    def one(job) -> tuple[str, str]:
        program, program_input = job
        result = trace(program.code, program_input, program_id=program.id, limits=limits, executor=executor,
                       setup=program.setup)
        if result.truncated:
            return "still truncated", ""
        if len(result.events) < min_events:
            return "short", ""
        fitted = fit_to_budget(program, result, tokenizer)
        if not fitted.kept:
            return "over budget", f"{program.id}: {fitted.reason[:120]}"
        if not fitted.sample.verified:
            return "not verified", f"{program.id}: {str(fitted.sample.claim_failures[:1])[:120]}"
        level = fitted.compression
        whole = ", whole" if getattr(level, "whole", False) else ""  # (older versions have no `whole`)
        calls = ", quiet calls" if getattr(level, "calls", False) else ""  # (nor `calls`)
        return "verified within budget", f"head={level.head}, tail={level.tail}{whole}{calls}"

    try:
        with ThreadPoolExecutor(workers) as pool:
            results = list(pool.map(one, jobs))
    finally:
        executor.close()
    outcomes = collections.Counter(outcome for outcome, _ in results)
    long_runs = sum(n for outcome, n in outcomes.items() if outcome != "short")
    return {"inputs": len(jobs), "long runs": long_runs, "outcomes": dict(outcomes),
            "levels (kept)": dict(collections.Counter(d for o, d in results if o == "verified within budget")),
            "reasons": dict(collections.Counter(d for o, d in results if o in ("over budget", "not verified")))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--samples", type=int, default=2000, help="bundled default programs to draw")
    parser.add_argument("--programs", type=Path, help="a real-code program file (JSONL of program records)")
    parser.add_argument("--max-events", type=int, default=200_000)
    parser.add_argument("--min-events", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    limits = Limits(max_events=args.max_events, timeout_s=120.0, cpu_s=60)
    report = {}
    if args.samples:
        report["bundled default"] = measure(inputs(list(bundled_programs(args.samples))), limits,
                                            args.min_events, args.workers)
    if args.programs:
        records = [json.loads(line) for line in args.programs.read_text().splitlines() if line.strip()]
        report["real code"] = measure(inputs([Program.from_dict(r) for r in records]), limits,
                                      args.min_events, args.workers)
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
