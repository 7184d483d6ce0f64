"""Byte-identity of samples across tracer changes: record every sample of a fixed input set, or
compare a fresh run with a recording (the bundled default and CRUXEval, as full JSON sample records).
`golden FILE` writes the small version that tests/tracer/test_sample_identity.py checks: the first input of
--per-set programs of each set, with the program records, so that the test needs no dataset.
Usage: python benchmarks/sample_identity.py record|compare DIR [--bundled 300] [--cruxeval 800] [--workers 2] [--python PATH]
       python benchmarks/sample_identity.py golden tests/tracer/golden_samples.jsonl [--per-set 8]
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

from tracepile.engine import sample_from_trace, trace
from tracepile.model import Limits, Program
from tracepile.sandbox import make_executor
from tracepile.sources.bundled import bundled_programs
from tracepile.sources.loaders.base import FieldMap
from tracepile.sources.loaders.loading import _mapped
from tracepile.sources.loaders.mappers import DEFAULTS
from tracepile.sources.loaders.presets import preset


def inputs(bundled: int, cruxeval: int) -> dict[str, list[tuple[Program, object]]]:
    sets = {"bundled": [(p, i) for p in bundled_programs(bundled, seed=0) for i in p.inputs][:bundled]}
    spec = preset("cruxeval")  # rows read here: the JSONL reader needs only the standard library
    with open(spec.path, encoding="utf-8") as fh:
        rows = [(f"cruxeval.jsonl:{n}", json.loads(line)) for n, line in enumerate(fh, 1)]
    loaded = _mapped(rows, spec, FieldMap.of(spec.fields).over(DEFAULTS[spec.kind]), None)
    programs = (p for p in loaded if isinstance(p, Program))
    sets["cruxeval"] = [(p, i) for p in itertools.islice(programs, cruxeval) for i in p.inputs]
    return sets


def one(executor, program: Program, program_input, python: str) -> dict:
    result = trace(program.code, program_input, program_id=program.id, limits=Limits(), executor=executor,
                   python=python)
    sample = sample_from_trace(program, result).to_dict()
    events = hashlib.sha256(repr(result.events).encode()).hexdigest()[:16]
    return {"sample": sample, "events": events}


def run(sets, workers: int, python: str) -> tuple[dict[str, list[dict]], float]:
    began = time.perf_counter()
    out = {}
    with make_executor("auto") as executor, ThreadPoolExecutor(workers) as pool:
        for name, items in sets.items():
            out[name] = list(pool.map(lambda item: one(executor, *item, python), items))
    return out, time.perf_counter() - began


def write_golden(path: Path, per_set: int) -> None:
    picked = []
    for items in inputs(300, 800).values():
        firsts = {}
        for program, program_input in items:
            firsts.setdefault(program.id, (program, program_input))
        by_domain = {}  # every domain first, then the rest in order
        for item in firsts.values():
            by_domain.setdefault(item[0].domain, []).append(item)
        ordered = sorted(firsts.values(), key=lambda item: by_domain[item[0].domain].index(item))
        picked += ordered[:per_set]
    with make_executor("none") as executor, open(path, "w", encoding="utf-8") as fh:
        for program, program_input in picked:
            one_input = replace(program, calls=(program_input.text,) if program_input.kind == "call" else (),
                                stdin=(program_input.text,) if program_input.kind == "stdin" else ())
            row = {"program": one_input.to_dict(), "sample": one(executor, one_input, program_input,
                                                                   sys.executable)["sample"]}
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=("record", "compare", "golden"))
    parser.add_argument("dir", type=Path)
    parser.add_argument("--bundled", type=int, default=300)
    parser.add_argument("--cruxeval", type=int, default=800)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--python", default=sys.executable, help="the interpreter that runs the programs")
    parser.add_argument("--per-set", type=int, default=8, help="programs per set in a golden file")
    args = parser.parse_args()
    if args.mode == "golden":
        write_golden(args.dir, args.per_set)
        return
    results, seconds = run(inputs(args.bundled, args.cruxeval), args.workers, args.python)
    print(f"{sum(map(len, results.values()))} samples in {seconds:.1f} s")
    if args.mode == "record":
        args.dir.mkdir(parents=True, exist_ok=True)
        for name, rows in results.items():
            with open(args.dir / f"{name}.jsonl", "w", encoding="utf-8") as fh:
                fh.writelines(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
        return
    failed = 0
    for name, rows in results.items():
        with open(args.dir / f"{name}.jsonl", encoding="utf-8") as fh:
            expected = [json.loads(line) for line in fh]
        samples = events = 0
        for old, new in zip(expected, rows):
            if json.dumps(old["sample"], ensure_ascii=False) != json.dumps(new["sample"], ensure_ascii=False):
                samples += 1
                if samples <= 5:
                    print(f"  {name}: sample differs: {new['sample']['program_id']} {new['sample']['input'][:60]!r}")
            events += old["events"] != new["events"]
        verified = sum(row["sample"]["verified"] for row in rows)
        print(f"{name}: {len(rows)} samples ({verified} verified), {samples} differ, "
              f"{events} with different trace events")
        failed += samples + abs(len(rows) - len(expected))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
