"""Loaders on real data: per source, records read, programs yielded, rejections by reason, and for a seeded
sample of programs how many run and how many verified samples `make_sample` produces.

A program "runs" when at least one of its inputs ends with status ok. A sample is "produced" when its
status is ok or error and its Chain of Execution verified. "= expected" counts produced answers equal to
the value the dataset states for that input (assert right-hand sides, doctest outputs, CRUXEval outputs,
PAL targets), out of those that have one. Inputs per sampled program are capped (--max-inputs, 0 for all).
Usage:
    python benchmarks/loader_report.py [--root ../shared/datasets] [--sample 100] [--seed 0]
                                      [--max-inputs 10] [--workers 8] [--sources humaneval cruxeval ...]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from tracepile.engine import make_sample
from tracepile.model import Program
from tracepile.sources.loaders import PRESETS, Rejected, load, preset
from tracepile.values import same_value

DEFAULT_SOURCES = [p for p in PRESETS]


@dataclass
class SourceReport:
    name: str
    records: int = 0
    programs: int = 0
    inputs: int = 0
    rejected: Counter = field(default_factory=Counter)
    reasons: Counter = field(default_factory=Counter)
    sampled: int = 0
    run: int = 0
    statuses: Counter = field(default_factory=Counter)
    produced: int = 0
    failures: Counter = field(default_factory=Counter)
    expected: int = 0
    matched: int = 0
    seconds: float = 0.0


def expected_answer(program: Program, text: str) -> str | None:
    """The answer the dataset states for one input, when it states one."""
    meta = program.metadata
    if isinstance(meta.get("expected"), dict):
        return meta["expected"].get(text)
    if "output" in meta:
        return str(meta["output"])
    if "target" in meta:
        return repr(float(meta["target"]))
    return None


def read_source(name: str, root: Path) -> tuple[SourceReport, list[Program]]:
    report, programs, refs = SourceReport(name), [], set()
    spec = preset(name, root)
    for result in load(spec):
        if isinstance(result, Rejected):
            report.rejected[result.category] += 1
            report.reasons[result.reason[:100]] += 1
            refs.add(result.ref.split(":")[0] if spec.kind == "doctest" else result.ref)
        else:
            programs.append(result)
            report.inputs += len(result.inputs)
            refs.add(result.id.split(":")[0] if spec.kind == "doctest" else result.metadata.get("source_ref"))
    report.records, report.programs = len(refs), len(programs)
    return report, programs


def run_sample(report: SourceReport, programs: list[Program], size: int, seed: int, max_inputs: int,
               workers: int) -> None:
    chosen = random.Random(seed).sample(programs, min(size, len(programs)))
    jobs = [(p, i) for p in chosen for i in (p.inputs[:max_inputs] if max_inputs else p.inputs)]
    with ThreadPoolExecutor(max_workers=workers) as pool:
        samples = list(pool.map(lambda job: make_sample(*job), jobs))
    ran = set()
    for (program, _), sample in zip(jobs, samples):
        report.statuses[sample.status] += 1
        if sample.status == "ok":
            ran.add(program.id)
        if sample.status in ("ok", "error") and sample.verified:
            report.produced += 1
            want = expected_answer(program, sample.input)
            if want is not None:
                report.expected += 1
                report.matched += same_value(sample.answer, want)
        elif sample.status in ("ok", "error") and sample.response:
            report.failures["unverified: " + (sample.claim_failures[:1] or ["?"])[0][:70]] += 1
        else:
            report.failures[f"{sample.status} (no narration): {sample.reason[:70]}"] += 1
    report.sampled, report.run = len(chosen), len(ran)


def table(reports: list[SourceReport]) -> str:
    head = ["source", "records", "programs", "inputs", "rejected", "sampled", "run", "inputs run", "ok",
            "error", "other", "produced", "= expected", "s"]
    rows = [head]
    for r in reports:
        runs = sum(r.statuses.values())
        other = runs - r.statuses["ok"] - r.statuses["error"]
        rows.append([r.name, r.records, r.programs, r.inputs, sum(r.rejected.values()), r.sampled, r.run, runs,
                     r.statuses["ok"], r.statuses["error"], other, r.produced,
                     f"{r.matched}/{r.expected}" if r.expected else "-", f"{r.seconds:.0f}"])
    widths = [max(len(str(row[i])) for row in rows) for i in range(len(head))]
    fmt = lambda row: " | ".join(str(c).ljust(w) if i == 0 else str(c).rjust(w)  # noqa: E731
                                 for i, (c, w) in enumerate(zip(row, widths)))
    lines = [fmt(rows[0]), "-+-".join("-" * w for w in widths)] + [fmt(row) for row in rows[1:]]
    return "\n".join(lines)


def details(reports: list[SourceReport]) -> str:
    lines = []
    for r in reports:
        if r.rejected:
            lines.append(f"{r.name}: rejected by reason: " + ", ".join(f"{k} {v}" for k, v in r.rejected.most_common()))
            lines += [f"    {v:5d}  {k}" for k, v in r.reasons.most_common(4)]
        if r.failures:
            lines.append(f"{r.name}: sampled inputs not produced:")
            lines += [f"    {v:5d}  {k}" for k, v in r.failures.most_common(4)]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "datasets")
    parser.add_argument("--sample", type=int, default=100)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--max-inputs", type=int, default=10)
    parser.add_argument("--workers", type=int, default=8)
    parser.add_argument("--sources", nargs="*", default=DEFAULT_SOURCES)
    args = parser.parse_args()
    reports = []
    for name in args.sources:
        start = time.perf_counter()
        try:
            report, programs = read_source(name, args.root)
        except (FileNotFoundError, ModuleNotFoundError) as exc:
            print(f"{name}: skipped ({exc})", file=sys.stderr)
            continue
        run_sample(report, programs, args.sample, args.seed, args.max_inputs, args.workers)
        report.seconds = time.perf_counter() - start
        reports.append(report)
        print(f"{name}: done in {report.seconds:.0f} s", file=sys.stderr, flush=True)
    print(f"\nsample: up to {args.sample} programs per source (seed {args.seed}), "
          f"at most {args.max_inputs or 'all'} inputs each\n")
    print(table(reports))
    print()
    print(details(reports))
    return 0


if __name__ == "__main__":
    sys.exit(main())
