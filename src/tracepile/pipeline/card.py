"""The dataset card written next to every corpus: a Hugging Face README.md with a YAML header
(configs, features) and how the corpus was built (sources, licenses, counts, tokens, seed, command)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import yaml

from tracepile.pipeline.schema import SAMPLE_SCHEMA


def features(schema: pa.Schema | pa.StructType) -> list[dict]:
    """The `dataset_info.features` list for a pyarrow schema, in the Hub's card format."""
    out = []
    for field in schema:
        out.append({"name": field.name, **_feature_type(field.type)})
    return out


def _feature_type(kind: pa.DataType) -> dict:
    if pa.types.is_struct(kind):
        return {"struct": features(kind)}
    if pa.types.is_list(kind):
        return {"list": _feature_type(kind.value_type).get("dtype", "string")}
    names = {pa.string(): "string", pa.int64(): "int64", pa.bool_(): "bool", pa.float64(): "float64"}
    return {"dtype": names[kind]}


def corpus_facts(folder: Path) -> dict:
    """Counts the card reports, read from the corpus shards."""
    domains, kinds, sources = Counter(), Counter(), Counter()
    words = 0
    for path in sorted((folder / "data").glob("*.parquet")):
        table = pq.read_table(path, columns=["domain", "kind", "prompt", "response", "provenance"])
        for domain, kind, prompt, response, prov in zip(*(table.column(c).to_pylist() for c in table.column_names)):
            domains[domain] += 1
            kinds[kind] += 1
            sources[(prov["source"], prov["license"])] += 1
            words += len(prompt.split()) + len(response.split())
    return {"domains": dict(sorted(domains.items())), "kinds": dict(sorted(kinds.items())),
            "sources": sorted(sources.items()), "words": words}


def write_card(folder: Path, manifest: dict) -> Path:
    facts = corpus_facts(folder)
    licenses = sorted({lic or "unknown" for (_, lic), _ in facts["sources"]})
    header = {
        "license": licenses[0].lower() if len(licenses) == 1 else "other",
        "language": ["en"], "task_categories": ["text-generation"],
        "tags": ["code", "reasoning", "chain-of-execution", "tracepile"],
        "pretty_name": "TracePile Chain-of-Execution corpus",
        "configs": [{"config_name": "default", "data_files": [{"split": "train", "path": "data/*.parquet"}]}],
        "dataset_info": {"features": features(SAMPLE_SCHEMA),
                         "splits": [{"name": "train", "num_examples": manifest["samples"]}]},
    }
    lines = ["---", yaml.safe_dump(header, sort_keys=False).rstrip(), "---", "",
             "# TracePile Chain-of-Execution corpus", "",
             "Each sample pairs a program and one input (the prompt) with a step-by-step narration of its real "
             "execution (the response) and the final answer. Every claim in every response was checked against "
             "the recorded execution trace; samples that failed are not in `data/` but in `rejects/` with the "
             "reason.", "", "## How it was built", "",
             f"- Tool: {manifest['tool']}", f"- Command: `{manifest['command'] or '(Python API)'}`",
             f"- Seed: {manifest['seed']}",
             *([f"- Programs ran under Python {manifest['python']}"] if manifest.get("python") else []),
             f"- Inputs planned: {manifest['inputs_planned']}; samples kept: {manifest['samples']}",
             f"- Rejected: {json.dumps(manifest['rejected']) if manifest['rejected'] else 'none'}",
             f"- Tokens ({manifest['tokens']['tokenizer']}): {manifest['tokens']['prompt']:,} prompt + "
             f"{manifest['tokens']['response']:,} response; budget {manifest['tokens']['budget']:,} per sample, "
             f"{manifest['saved_by_compression']} samples fitted by stronger loop compression",
             f"- Deduplication: {manifest['dedup']['exact_duplicates']} exact and "
             f"{manifest['dedup']['near_duplicates']} near duplicates dropped "
             f"(at most {manifest['dedup']['cluster_cap']} samples per near-duplicate cluster)",
             f"- Decontaminated against: {', '.join(f'{k} ({v} items)' for k, v in manifest['eval_sets'].items()) or 'NOTHING (no evaluation sets were found or named)'}; "
             f"{manifest['rejected'].get('contaminated', 0)} samples dropped for overlap",
             f"- Size: {facts['words']:,} whitespace-separated words (prompt + response)", *_left_out(manifest), "",
             "## Composition", "", "| domain | samples |", "|---|---|"]
    lines += [f"| {d} | {n} |" for d, n in facts["domains"].items()]
    lines += ["", "| kind | samples |", "|---|---|"] + [f"| {k} | {n} |" for k, n in facts["kinds"].items()]
    lines += ["", "## Sources and licenses", "", "| source | license | samples |", "|---|---|---|"]
    lines += [f"| {s or 'unknown'} | {lic or 'unknown'} | {n} |" for (s, lic), n in facts["sources"]]
    lines += ["", "## Loading", "", "```python", "from datasets import load_dataset",
              "corpus = load_dataset(\"parquet\", data_dir=\"data\", split=\"train\")  # or load_dataset(<this folder>)",
              "```", ""]
    path = folder / "README.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def _left_out(manifest: dict) -> list[str]:
    """The card's line on bundled programs the build left out, with why (none: no line)."""
    left = manifest.get("left_out") or {}
    if not left:
        return []
    return [f"- Bundled programs left out: {len(left)} ({'; '.join(sorted(set(left.values())))}): "
            f"{', '.join(sorted(left))}"]
