"""Real code, as people write it: a package's doctests, LeetCode solutions over linked lists and trees,
and math programs (sympy, fractions, plain arithmetic), each input traced, narrated and verified, and its
answer compared with what plain Python prints for the same input.

The corpus is a folder given on the command line; this script downloads nothing. To make it:

    mkdir CORPUS && cd CORPUS
    pip download --no-deps algorithms==1.0.1 -d .             # MIT; PyPI wheel
    python -m zipfile -e algorithms-1.0.1-py3-none-any.whl .   # gives CORPUS/algorithms/
    cp -r /work/shared/datasets/{leetcode-rllm,tora-gsm8k-code,pot-gsm8k,pal-gsmhard} .

(each of the four dataset folders holds one data file copied unmodified from the public commit its
SOURCE.md names: agentica-project/rllm 874daa4, microsoft/ToRA 213c1c9, TIGER-AI-Lab/Program-of-Thoughts
850399c, reasoning-machines/pal f81ca2a). The programs that `algorithms` imports must be installed too
(`pip install algorithms==1.0.1`, part of the test extra), and sympy/numpy (`pip install tracepile[math]`).

Inputs, in a fixed order: every doctest call the doctest loader finds in `algorithms` (the cut program
of each function or class); the first 40 LeetCode problems whose solutions take `ListNode`/`TreeNode`
and the first 30 others (train split), one input per assert, with a judge header defining those types;
ToRA GSM8K scripts (every one importing sympy, then plain ones up to 40), 40 PoT programs whose result
matches the gold answer, and 40 GSM-Hard `solution()` programs.

Reports inputs, inputs that run in plain Python, verified samples, answers equal to plain Python's, inputs
refused (by reason), programs that raised (by exception), truncated runs, other endings, and the median
and p90 of events and response tokens. `--save-programs` writes the records, `--programs` reads them
back (to compare two versions on the very same inputs).

A raised `--max-events` raises the CPU and wall-clock limits in proportion. With `--budget 8192`, each
text is fitted to the token budget as a build does (stronger compression, else dropped: status
`over budget`, counted as not verified).

Usage: python benchmarks/real_code.py CORPUS [--workers 2] [--json OUT.json] [--max-events N] [--budget N]
"""

from __future__ import annotations

import argparse
import ast
import collections
import json
import math
import re
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from tracepile.engine import sample_from_trace, trace
from tracepile.model import Limits, Program
from tracepile.quality import fit_to_budget, load_tokenizer
from tracepile.sandbox import make_executor

PLAIN_SECONDS = 20

JUDGE = '''from typing import *
from collections import *
from heapq import *
from bisect import *
from itertools import *
from functools import *
from math import *
import math, heapq, bisect, itertools, functools, collections, string, operator, re


class ListNode:
    def __init__(self, val=0, next=None):
        self.val = val
        self.next = next

    def __repr__(self):
        values, node = [], self
        while node is not None and len(values) < 10000:
            values.append(node.val)
            node = node.next
        return f"list_node({values})"


class TreeNode:
    def __init__(self, val=0, left=None, right=None):
        self.val = val
        self.left = left
        self.right = right

    def __repr__(self):
        values, level = [], [self]
        while any(level):
            values += [node.val if node else None for node in level]
            level = [child for node in level if node for child in (node.left, node.right)]
        while values and values[-1] is None:
            values.pop()
        return f"tree_node({values})"


def list_node(values):
    head = None
    for value in reversed(values):
        head = ListNode(value, head)
    return head


def tree_node(values):
    if not values or values[0] is None:
        return None
    root = TreeNode(values[0])
    level, index = [root], 1
    while level and index < len(values):
        nodes = []
        for node in level:
            for side in ("left", "right"):
                if index < len(values) and values[index] is not None:
                    setattr(node, side, TreeNode(values[index]))
                    nodes.append(getattr(node, side))
                index += 1
        level = nodes
    return root


'''

# ---------------------------------------------------------------- the corpus


def algorithms_programs(root: Path) -> list[dict]:
    from tracepile.sources.loaders.doctests import doctest_programs
    from tracepile.sources.loaders.inputs import Options

    options = Options(source="algorithms==1.0.1", license="MIT", domain="algorithms", stdlib_only=False)
    return [p.to_dict() for p in doctest_programs(root / "algorithms", options, prefix="algorithms")
            if isinstance(p, Program)]


def leetcode_programs(root: Path, objects: int = 40, plain: int = 30) -> list[dict]:
    rows = json.loads((root / "leetcode-rllm" / "leetcode_train.json").read_text())
    records, wanted = [], {True: objects, False: plain}
    for index, row in enumerate(rows):
        uses_objects = "ListNode" in row["solutions"] or "TreeNode" in row["solutions"]
        if wanted[uses_objects] <= 0:
            continue
        calls = leetcode_calls(row["tests"]["functional"])
        if calls:
            wanted[uses_objects] -= 1
            records.append({"id": f"leetcode-train-{index}", "code": JUDGE + row["solutions"], "calls": calls,
                            "domain": "leetcode-objects" if uses_objects else "leetcode-plain",
                            "source": "leetcode-rllm", "license": "MIT"})
    return records


def leetcode_calls(tests: str) -> list[str]:
    """`Solution().method(args)` for the `candidate(args)` of each assert of `check`."""
    try:
        tree = ast.parse(tests)
    except SyntaxError:
        return []
    method = re.search(r"check\(Solution\(\)\.(\w+)\)", tests)
    if method is None:
        return []
    calls = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Assert):
            found = [c for c in ast.walk(node.test) if isinstance(c, ast.Call)
                     and isinstance(c.func, ast.Name) and c.func.id == "candidate"]
            if found:
                inner = ast.unparse(found[0])[len("candidate"):]
                calls.append(f"Solution().{method.group(1)}{inner}")
    return calls


def math_programs(root: Path, count: int = 40) -> list[dict]:
    records = []
    tora = [json.loads(line) for line in (root / "tora-gsm8k-code" / "tora-code-34b_gsm8k_test.jsonl").open()]
    blocks = [(row["idx"], _first_block(row["code"][0])) for row in tora]
    sympy_first = [b for b in blocks if b[1] and re.search(r"\b(from|import) sympy", b[1])]
    plain = [b for b in blocks if b[1] and b not in sympy_first][: max(0, count - len(sympy_first))]
    for idx, code in sympy_first + plain:
        records.append({"id": f"tora-gsm8k-{idx}", "code": code, "stdin": [""], "domain": "math-tora",
                        "source": "tora-gsm8k-code", "license": "MIT"})
    pot = [json.loads(line) for line in (root / "pot-gsm8k" / "gsm8K_s0_e-1_11_17_10_20.jsonl").open()]
    kept = [(i, r) for i, r in enumerate(pot) if "generated" in r and _same_number(r.get("executed"), r.get("answer"))]
    for index, row in kept[:count]:
        records.append({"id": f"pot-gsm8k-{index}", "code": row["generated"][0].rstrip("\n") + "\nprint(ans)\n",
                        "stdin": [""], "domain": "math-pot", "source": "pot-gsm8k", "license": "MIT"})
    pal = [json.loads(line) for line in (root / "pal-gsmhard" / "gsmhardv2.jsonl").open()]
    for index, row in enumerate(pal[:count]):
        records.append({"id": f"pal-gsmhard-{index}", "code": row["code"], "calls": ["solution()"],
                        "domain": "math-pal", "source": "pal-gsmhard", "license": "Apache-2.0"})
    return records


def _first_block(text: str) -> str | None:
    match = re.search(r"```python\n(.*?)```", text, re.S)
    return match.group(1) if match else None


def _same_number(got, gold) -> bool:
    return isinstance(got, (int, float)) and isinstance(gold, (int, float)) and \
        math.isclose(got, gold, rel_tol=1e-6, abs_tol=1e-9)


# ---------------------------------------------------------------- plain Python, the ground truth

PLAIN_RUNNER = r'''
import json, random, sys
job = json.loads(sys.stdin.read())
random.seed(0)
namespace = {"__name__": "__main__"}
out = {}
try:
    exec(compile(job["code"], "<program>", "exec"), namespace)
    exec(job.get("setup", ""), namespace)
    value = eval(job["call"], namespace)
    out["answer"] = repr(value)
except BaseException as exc:
    out["answer"] = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
sys.stdout = sys.__stdout__
print("\n@@plain@@" + json.dumps(out))
'''


def plain_answer(record: dict, kind: str, text: str) -> str | None:
    """What plain Python gives for one input, in the form of a sample's answer; None if it does not end."""
    env = {"PYTHONHASHSEED": "0", "PATH": "/usr/bin:/bin", "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}
    try:
        if kind == "stdin":
            proc = subprocess.run([sys.executable, "-c", "import random; random.seed(0)\n" + record["code"]],
                                  input=text, capture_output=True, text=True, timeout=PLAIN_SECONDS, env=env,
                                  cwd="/tmp")
            if proc.returncode:
                lines = proc.stderr.strip().splitlines()
                return lines[-1] if lines else f"exit status {proc.returncode}"
            return proc.stdout
        job = json.dumps({"code": record["code"], "setup": record.get("setup", ""), "call": text})
        proc = subprocess.run([sys.executable, "-c", PLAIN_RUNNER], input=job, capture_output=True, text=True,
                              timeout=PLAIN_SECONDS, env=env, cwd="/tmp")
    except subprocess.TimeoutExpired:
        return None
    marker = proc.stdout.rfind("\n@@plain@@")
    return json.loads(proc.stdout[marker + len("\n@@plain@@"):])["answer"] if marker >= 0 else None


# ---------------------------------------------------------------- the run


def run(records: list[dict], workers: int, limits: Limits, budget: int = 0) -> list[dict]:
    executor = make_executor("bwrap", workers=workers)
    tokenizer = load_tokenizer() if budget else None
    jobs = []
    for record in records:
        program = Program.from_dict(record)
        jobs += [(record, program, program_input) for program_input in program.inputs]

    def one(job) -> dict:
        record, program, program_input = job
        result = trace(program.code, program_input, program_id=program.id, limits=limits, executor=executor,
                       setup=program.setup)
        sample, kept = sample_from_trace(program, result), True
        if budget and sample.response:  # as a build keeps it: fitted to the token budget, else dropped
            fitted = fit_to_budget(program, result, tokenizer, budget, first=sample)
            sample, kept = fitted.sample, fitted.kept
        plain = plain_answer(record, program_input.kind, program_input.text)
        return {"program": program.id, "domain": program.domain, "input": program_input.text[:200],
                "status": sample.status if kept else "over budget", "reason": sample.reason,
                "verified": sample.verified and kept, "answer": sample.answer, "plain": plain,
                "events": sample.stats.get("events", 0), "response": sample.response}

    try:
        with ThreadPoolExecutor(workers) as pool:
            return list(pool.map(one, jobs))
    finally:
        executor.close()


def summary(rows: list[dict]) -> dict:
    from tracepile.quality.tokens import count_texts, load_tokenizer

    tokens = count_texts([r["response"] for r in rows if r["verified"]], load_tokenizer())
    events = [r["events"] for r in rows if r["verified"]]
    plain_runs = [r for r in rows if r["plain"] is not None]
    answered = [r for r in rows if r["response"]]
    refused = [r for r in rows if _refused(r)]
    return {
        "inputs": len(rows),
        "run in plain Python": len(plain_runs),
        "verified": sum(r["verified"] for r in rows),
        "verified, of those plain Python runs": sum(r["verified"] for r in plain_runs),
        "answers equal plain Python (of narrated)": f"{sum(_same(r) for r in answered)}/{len(answered)}",
        "answers differ": [[r["program"], r["input"][:80], r["answer"][:80], (r["plain"] or "")[:80]]
                           for r in answered if not _same(r)],
        "refused (bad input)": dict(collections.Counter(_kind(r["reason"]) for r in refused)),
        "raised": dict(collections.Counter(_kind(r["reason"]) for r in rows
                                           if r["status"] == "error" and r not in refused)),
        "truncated": sum(r["status"] == "truncated" for r in rows),
        "truncated by the event limit": sum(r["reason"].startswith("event limit") for r in rows),
        "statuses": dict(collections.Counter(r["status"] for r in rows)),
        "events (verified): median, p90": _median_p90(events),
        "response tokens (verified): median, p90": _median_p90(tokens),
    }


def _refused(row: dict) -> bool:
    """An input refused before its call ran (`bad_input`; older versions said `error`)."""
    return row["status"] == "bad_input" or row["status"] == "error" and (
        "cannot be evaluated safely" in row["reason"] or row["reason"].startswith(("bad call", "entry point")))


def _same(row: dict) -> bool:
    """The answer equals plain Python's (object addresses in default reprs differ run to run)."""
    return row["plain"] is not None and ADDRESS.sub("0x", row["answer"]) == ADDRESS.sub("0x", row["plain"])


ADDRESS = re.compile(r"0x[0-9a-f]+")


def _kind(reason: str) -> str:
    """A reason without its particulars: 'raised NameError', 'call argument ... raised NameError'."""
    reason = re.sub(r"'[^']*'", "'…'", reason)
    return reason.split(":")[0][:80]


def _median_p90(values: list[int]) -> tuple[float, float]:
    if not values:
        return (0, 0)
    ordered = sorted(values)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(0.9 * len(ordered)))]


def by_domain(rows: list[dict]) -> dict:
    table = {}
    for domain in sorted({r["domain"] for r in rows}):
        group = [r for r in rows if r["domain"] == domain]
        answered = [r for r in group if r["response"]]
        table[domain] = {"inputs": len(group), "plain runs": sum(r["plain"] is not None for r in group),
                         "verified": sum(r["verified"] for r in group),
                         "answers equal": sum(_same(r) for r in answered),
                         "refused": sum(_refused(r) for r in group),
                         "truncated": sum(r["status"] == "truncated" for r in group)}
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, nargs="?", help="the corpus folder (see the docstring)")
    parser.add_argument("--programs", type=Path, help="read program records from this JSONL instead")
    parser.add_argument("--save-programs", type=Path, help="write the program records to this JSONL")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--max-events", type=int, default=Limits.max_events)
    parser.add_argument("--json", type=Path, help="write every row and the summary here")
    parser.add_argument("--budget", type=int, default=0,
                        help="fit each text to this many tokens as a build does (0: no budget); one that cannot "
                             "fit counts as not verified, with status 'over budget'")
    args = parser.parse_args()
    if args.programs:
        records = [json.loads(line) for line in args.programs.read_text().splitlines() if line.strip()]
    elif args.corpus:
        records = algorithms_programs(args.corpus) + leetcode_programs(args.corpus) + math_programs(args.corpus)
    else:
        parser.error("give the corpus folder or --programs")
    if args.save_programs:
        args.save_programs.write_text("".join(json.dumps(r) + "\n" for r in records))
    started = time.perf_counter()
    scale = max(1, args.max_events // Limits.max_events)  # a raised event limit raises the time limits with it
    limits = Limits(max_events=args.max_events, cpu_s=Limits.cpu_s * scale, timeout_s=Limits.timeout_s * scale)
    rows = run(records, args.workers, limits, args.budget)
    result = {"summary": summary(rows), "by domain": by_domain(rows), "seconds": round(time.perf_counter() - started)}
    print(json.dumps({k: v for k, v in result.items()}, indent=1))
    if args.json:
        args.json.write_text(json.dumps({**result, "rows": rows}, indent=1))


if __name__ == "__main__":
    main()
