"""A finished corpus in numbers, shaped like the paper's Table 2: per domain and kind, samples,
tokens, mean steps; rejections by reason."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path


def corpus_stats(folder: str | Path) -> dict:
    """Summaries read from the corpus's Parquet shards and rejects files."""
    import pyarrow.parquet as pq

    folder = Path(folder)
    files = sorted((folder / "data").glob("*.parquet"))
    if not files and not (folder / "manifest.json").exists():
        raise FileNotFoundError(f"{folder} is not a TracePile corpus (no data/*.parquet, no manifest.json)")
    rows: dict[tuple[str, str], dict[str, float]] = defaultdict(lambda: {"samples": 0, "tokens": 0, "steps": 0})
    units: set[str] = set()
    for path in files:
        table = pq.read_table(path, columns=["domain", "kind", "prompt", "response", "stats"])
        for domain, kind, prompt, response, stats in zip(*(table.column(c).to_pylist() for c in table.column_names)):
            row = rows[(domain or "(none)", kind)]
            row["samples"] += 1
            real = stats.get("prompt_tokens") is not None
            row["tokens"] += (stats["prompt_tokens"] + stats["response_tokens"]) if real \
                else len(prompt.split()) + len(response.split())
            units.add("tokens (DeepSeek tokenizer)" if real else "whitespace-separated words")
            row["steps"] += stats["lines"]
    rejected: dict[str, int] = defaultdict(int)
    for path in sorted((folder / "rejects").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            rejected[record.get("reason", "bad record") if path.name != "records.jsonl" else "bad record"] += 1
    table_rows = [{"domain": d, "kind": k, "samples": int(r["samples"]), "tokens": int(r["tokens"]),
                   "mean_steps": r["steps"] / r["samples"] if r["samples"] else 0.0}
                  for (d, k), r in sorted(rows.items())]
    return {"rows": table_rows, "total_samples": sum(r["samples"] for r in table_rows),
            "total_tokens": sum(r["tokens"] for r in table_rows), "rejected": dict(sorted(rejected.items())),
            "token_unit": " and ".join(sorted(units)) or "tokens"}
