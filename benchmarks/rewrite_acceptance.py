"""Acceptance of verified rewrites: every rewrite tried once per program, checked in the sandbox.
Programs: the bundled algorithms (two sampled inputs each) and the first CRUXEval functions."""

from __future__ import annotations

import argparse
import collections
import importlib.util
import json
import os
import random
import re
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from tracepile.enrich.rewrites import REWRITES, rewrite_program, session_for, try_rewrite  # noqa: E402
from tracepile.model import Program  # noqa: E402

ALGORITHMS = ROOT / "src" / "tracepile" / "sources" / "bundled" / "algorithms"
CRUXEVAL = Path(os.environ.get("TRACEPILE_SHARED", ROOT.parent / "shared")) / "datasets" / "cruxeval" / "cruxeval.jsonl"


def algorithm_programs(inputs: int = 2, size: int = 6) -> list[Program]:
    spec = importlib.util.spec_from_file_location("_rewrite_bench_samplers", ALGORITHMS / "samplers.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    programs = []
    for name, (topic, sampler) in sorted(module.SAMPLERS.items()):
        calls = tuple(sampler(random.Random(f"{name}:{k}"), size) for k in range(inputs))
        programs.append(Program(id=f"algorithms/{name}", code=(ALGORITHMS / f"{name}.py").read_text(),
                                calls=calls, domain=topic, source="bundled"))
    return programs


def cruxeval_programs(limit: int) -> list[Program]:
    if not CRUXEVAL.exists():
        print(f"CRUXEval not found at {CRUXEVAL}; skipped", file=sys.stderr)
        return []
    items = [json.loads(line) for line in CRUXEVAL.read_text().splitlines() if line.strip()][:limit]
    return [Program(id=i["id"], code=i["code"], calls=(f"f({i['input']})",), source="cruxeval") for i in items]


def attempt_all(program: Program, seed: int, variants: int):
    """Every rewrite once on `program` (one shared run of the original), then composed variants."""
    session = session_for(program)
    rows = [(program.id, name, try_rewrite(program, name, seed, session=session)) for name in REWRITES]
    composed = rewrite_program(program, seed, variants) if variants else []
    return rows, composed


def normalise(reason: str) -> str:
    return re.sub(r" on input \d+", " on input N", reason)


def table(rows) -> str:
    stats = collections.defaultdict(collections.Counter)
    for _, name, result in rows:
        applied = bool(result.steps[0].site)  # an edit was produced and went to the sandbox check
        stats[name]["attempts"] += 1
        stats[name]["applied"] += applied
        stats[name]["accepted"] += result.accepted
    lines = [f"{'rewrite':<24}{'attempts':>9}{'applied':>9}{'accepted':>9}{'acc/applied':>13}{'acc/attempts':>14}"]
    for name in REWRITES:
        s = stats[name]
        rate = f"{s['accepted'] / s['applied']:.0%}" if s["applied"] else "-"
        lines.append(f"{name:<24}{s['attempts']:>9}{s['applied']:>9}{s['accepted']:>9}{rate:>13}"
                     f"{s['accepted'] / max(1, s['attempts']):>14.0%}")
    total = collections.Counter()
    for s in stats.values():
        total.update(s)
    applied_rate = total["accepted"] / max(1, total["applied"])
    lines.append(f"{'all':<24}{total['attempts']:>9}{total['applied']:>9}{total['accepted']:>9}"
                 f"{applied_rate:>13.0%}{total['accepted'] / max(1, total['attempts']):>14.0%}")
    return "\n".join(lines)


def reasons(rows) -> str:
    counts = collections.Counter((name, normalise(r.reason)) for _, name, r in rows if not r.accepted)
    lines = [f"{'count':>6}  {'rewrite':<24}reason"]
    for (name, reason), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        lines.append(f"{n:>6}  {name:<24}{reason}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cruxeval", type=int, default=200, help="how many CRUXEval programs (first N)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--variants", type=int, default=1, help="composed variants per program")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--json", type=Path, help="also write every attempt to this JSONL file")
    args = parser.parse_args()
    groups = {"bundled algorithms": algorithm_programs(), "CRUXEval": cruxeval_programs(args.cruxeval)}
    started = time.time()
    everything = []
    for label, programs in groups.items():
        if not programs:
            continue
        with ThreadPoolExecutor(max_workers=args.workers) as pool:
            done = list(pool.map(lambda p: attempt_all(p, args.seed, args.variants), programs))
        rows = [row for r, _ in done for row in r]
        composed = [v for _, c in done for v in c]
        everything += rows
        print(f"\n== {label}: {len(programs)} programs ==")
        print(table(rows))
        if composed:
            accepted = [v for v in composed if v.accepted]
            steps = sum(len(v.rewrites) for v in accepted)
            print(f"composed variants: {len(accepted)}/{len(composed)} accepted, "
                  f"{steps / max(1, len(accepted)):.1f} rewrites per accepted variant")
    print("\n== rejection and skip reasons (all programs) ==")
    print(reasons(everything))
    print(f"\n{time.time() - started:.0f} s with {args.workers} workers")
    if args.json:
        with args.json.open("w") as out:
            for pid, name, r in everything:
                out.write(json.dumps({"program": pid, "rewrite": name, "accepted": r.accepted,
                                      "reason": r.reason, "site": r.steps[0].site,
                                      "code": r.program.code if r.program else None}) + "\n")


if __name__ == "__main__":
    main()
