"""The training data of one stage, read from an export folder: which files, which TRL dataset form,
and, for CPT, only whole samples that fit the sequence budget (none is cut)."""

from __future__ import annotations

import json
from pathlib import Path

STAGE_FILES = {"cpt": "cpt", "sft": "sft", "stage1": "stage1", "stage2": "stage2"}


def export_manifest(folder: str | Path) -> dict:
    return json.loads(Path(folder, "export.json").read_text())


def load_split(folder: str | Path, stage: str, split: str):
    """The split as a datasets.Dataset, or None when the export has no rows for it."""
    import datasets

    path = Path(folder, STAGE_FILES[stage], f"{split}.jsonl")
    if not path.is_file() or path.stat().st_size == 0:
        return None
    return datasets.load_dataset("json", data_files=str(path), split="train")


def fitting_documents(dataset, tokenizer, max_length: int):
    """CPT documents whose tokens (with EOS) fit `max_length`; (kept dataset, number dropped)."""
    lengths = [len(ids) + 1 for ids in tokenizer(list(dataset["text"]), add_special_tokens=False)["input_ids"]]
    keep = [i for i, n in enumerate(lengths) if n <= max_length]
    return dataset.select(keep), len(lengths) - len(keep)
