"""LLM narration with a real model on this machine: builds a template corpus, then narrates N of its inputs
in each mode with SmolLM2-135M-Instruct (llama_cpp.server on CPU) or any endpoint; prints acceptance per mode
and by repair round (rejected paths sent back with the verifier's reasons, `--repair-rounds`), tokens/s and
verify time per text, the top reasons paths failed, and a few repair turns with the model's answers.

    python benchmarks/llm_narration.py --inputs 50 --paths 1 --max-tokens 768
    python benchmarks/llm_narration.py --inputs 20 --modes narrate --max-tokens 256 --max-fact-lines 40
    python benchmarks/llm_narration.py --endpoint http://host:8000/v1 --model Qwen2.5-72B-Instruct --paths 4
"""

from __future__ import annotations

import argparse
import contextlib
import json
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--inputs", type=int, default=50)
    parser.add_argument("--paths", type=int, default=1)
    parser.add_argument("--max-tokens", type=int, default=768)
    parser.add_argument("--examples", type=int, default=2, help="few-shot examples per prompt (narrate mode)")
    parser.add_argument("--max-fact-lines", type=int, default=300,
                        help="inputs with longer traces are rejected before any request")
    parser.add_argument("--modes", nargs="+", default=["narrate", "rewrite"])
    parser.add_argument("--endpoint", help="an OpenAI-compatible endpoint (default: SmolLM2 served here)")
    parser.add_argument("--model", default="smollm2-135m")
    parser.add_argument("--out", default="/tmp/tracepile-llm-bench")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repair-rounds", type=int, default=2, help="repair turns per rejected path (0: none)")
    parser.add_argument("--extra-buffers", action="store_true",
                        help="serve SmolLM2 with llama.cpp's weight repacking/AMX buffers (faster; some builds crash)")
    parser.add_argument("--threads", type=int, help="llama.cpp threads for SmolLM2 (1 is fastest on a busy machine)")
    parser.add_argument("--show-repairs", type=int, default=3, help="repair turns to print per mode")
    parser.add_argument("--grammar", choices=["llama.cpp", "vllm"],
                        help="also run each mode with decoding constrained to the claim grammar")
    args = parser.parse_args()

    from tracepile.pipeline import BuildConfig, build

    out = Path(args.out)
    source = out / "template"
    build(BuildConfig(samples=int(args.inputs * 1.2) + 5, seed=args.seed, questions_per_trace=0, sandbox="none"),
          source, progress=False)
    with serve(args.endpoint, extra_buffers=args.extra_buffers, threads=args.threads) as endpoint:
        runs = [(mode, None) for mode in args.modes] + [(mode, args.grammar) for mode in args.modes if args.grammar]
        results = {mode + ("+grammar" if grammar else ""): run_mode(source, out, endpoint, mode, grammar, args)
                   for mode, grammar in runs}
    report(results)
    print(repair_table(results))
    for name in results:
        show_repairs(out / name.replace("+grammar", "-grammar"), args.show_repairs)


@contextlib.contextmanager
def serve(endpoint: str | None, extra_buffers: bool = False, threads: int | None = None):
    if endpoint:
        yield endpoint
        return
    from tracepile.llm.serve import LocalServer, smollm2_path

    with LocalServer(smollm2_path(), n_ctx=8192, extra_buffers=extra_buffers, threads=threads) as server:
        yield server.endpoint


def run_mode(source: Path, out: Path, endpoint: str, mode: str, grammar: str | None, args) -> dict:
    from tracepile.pipeline.llm_narration import NarrateConfig, narrate_corpus

    config = NarrateConfig(endpoint=endpoint, model=args.model, mode=mode, paths=args.paths, grammar=grammar,
                           examples=args.examples, max_fact_lines=args.max_fact_lines,
                           repair_rounds=args.repair_rounds,
                           max_tokens=args.max_tokens, temperature=0.7, seed=args.seed, limit=args.inputs,
                           concurrency=1, timeout_s=1200, inputs_per_task=1)  # one input per task: kept if stopped
    started = time.monotonic()
    manifest = narrate_corpus(source, config, out / (mode + ("-grammar" if grammar else "")), progress=False)
    manifest["wall_s"] = time.monotonic() - started
    return manifest


def report(results: dict) -> None:
    print("\n| mode | inputs | accepted | rate | paths verified/sampled | truncated | completion tokens | "
          "tokens/s | verify ms/text | wall s |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for mode, m in results.items():
        accepted = sum(v["accepted"] for v in m["acceptance"].values())
        print(f"| {mode} | {m['inputs']} | {accepted} | {accepted / max(m['inputs'], 1):.3f} | "
              f"{m['paths']['verified']}/{m['paths']['sampled']} | {m['paths']['truncated']} | "
              f"{m['usage'].get('completion_tokens', 0)} | {m['rates']['completion_tokens_per_s']} | "
              f"{m['rates']['verify_ms_per_text']} | {m['wall_s']:.0f} |")
    for mode, m in results.items():
        print(f"\n{mode}: acceptance per mode|domain|kind: "
              + json.dumps({g: f"{v['accepted']}/{v['inputs']}" for g, v in m["acceptance"].items()}))
        print(f"{mode}: rejected: {json.dumps(m['rejected'])}")
        for reason, count in list(m["top_path_failures"].items())[:5]:
            print(f"  {count:4d}  {reason}")


def repair_table(results: dict) -> str:
    """Markdown: inputs accepted at each repair round (0 = first answer) and cumulatively, per mode, with the
    repair requests and tokens per kept sample (from narration manifests; usable by other benchmarks)."""
    rounds = max((m["repair"]["rounds"] for m in results.values()), default=0)
    head = " | ".join(f"round {r}" for r in range(rounds + 1))
    lines = [f"\n| mode | inputs | {head} | repair requests | prompt / completion tokens per kept sample |",
             "|---|---|" + "---|" * (rounds + 1) + "---|---|"]
    for mode, m in results.items():
        repair, each = m["repair"], m["per_kept_sample"]
        cells = " | ".join(f"{repair['accepted_by_round'].get(str(r), 0)} "
                           f"({repair['cumulative_rate_by_round'].get(str(r), 0.0)})" for r in range(rounds + 1))
        spend = f"{each['prompt_tokens']} / {each['completion_tokens']}" if each else "no kept sample"
        lines.append(f"| {mode} | {m['inputs']} | {cells} | {repair['requests']} | {spend} |")
    return "\n".join(lines) + "\n(each round cell: inputs accepted at that round (cumulative rate))"


def show_repairs(run: Path, count: int) -> None:
    """Print the first `count` repair turns in a run's request cache: the feedback and the model's answer."""
    import sqlite3

    from tracepile.llm.repair import EMPTY_FEEDBACK, REPAIR_ASK

    cache = run / "_work" / "llm_cache.sqlite"
    if count <= 0 or not cache.exists():
        return
    with contextlib.closing(sqlite3.connect(cache)) as db:
        rows = db.execute("SELECT request, response FROM responses ORDER BY created").fetchall()
    shown = 0
    for request, response in rows:
        asked = json.loads(request)["messages"]
        turn = asked[-1]["content"]
        if REPAIR_ASK not in turn and not turn.startswith(("Your text was cut off", EMPTY_FEEDBACK)):
            continue
        answer = json.loads(response)["choices"][0]["message"]["content"] or ""
        print(f"\n--- {run.name}: repair turn {shown + 1}\n[feedback]\n{turn[:900]}\n"
              f"[answer, {len(answer)} chars]\n{answer[:900]}")
        shown += 1
        if shown == count:
            break


if __name__ == "__main__":
    main()
