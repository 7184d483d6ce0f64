"""A user's general SFT set (JSONL, Parquet or a saved Hugging Face dataset folder) read as chat
`messages`: OpenAI messages, ShareGPT conversations, prompt/completion or Alpaca records."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

_SHAREGPT_ROLES = {"human": "user", "user": "user", "gpt": "assistant", "assistant": "assistant",
                   "system": "system"}


def read_rows(path: str | Path) -> Iterator[tuple[str, dict | None, str]]:
    """(where, row, error) for every record: `where` is `file:line` or `file#index`; a row that cannot
    be read comes with its error and None, and the others still follow."""
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"general SFT set not found: {path}")
    if path.is_dir():
        yield from _dataset_folder(path)
    elif path.suffix == ".parquet":
        yield from _parquet(path)
    else:
        yield from _jsonl(path)


def _jsonl(path: Path):
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, 1):
            if not raw.strip():
                continue
            try:
                row = json.loads(raw)
            except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                yield f"{path}:{number}", None, f"invalid JSON: {exc}"
                continue
            yield f"{path}:{number}", row, "" if isinstance(row, dict) else "not a JSON object"


def _parquet(path: Path):
    import pyarrow.parquet as pq

    for index, row in enumerate(pq.read_table(path).to_pylist()):
        yield f"{path}#{index}", row, ""


def _dataset_folder(path: Path):
    import datasets

    loaded = datasets.load_from_disk(str(path))
    if isinstance(loaded, datasets.DatasetDict):
        loaded = loaded["train"] if "train" in loaded else loaded[next(iter(loaded))]
    for index, row in enumerate(loaded):
        yield f"{path}#{index}", row, ""


def to_messages(row: dict) -> list[dict]:
    """The record as a chat ending with an assistant turn; ValueError says which form was expected."""
    if "messages" in row:
        messages = [{"role": m["role"], "content": m["content"]} for m in row["messages"]]
    elif "conversations" in row:
        messages = [{"role": _SHAREGPT_ROLES[m["from"]], "content": m["value"]} for m in row["conversations"]]
    elif "prompt" in row and "completion" in row:
        messages = [*_turns(row["prompt"], "user"), *_turns(row["completion"], "assistant")]
    elif "instruction" in row and "output" in row:
        user = row["instruction"] + (f"\n\n{row['input']}" if row.get("input") else "")
        messages = [{"role": "user", "content": user}, {"role": "assistant", "content": row["output"]}]
    else:
        raise ValueError("expected `messages`, `conversations`, `prompt`+`completion` or "
                         "`instruction`+`output` fields")
    if not messages or messages[-1]["role"] != "assistant" or not all(isinstance(m["content"], str)
                                                                      for m in messages):
        raise ValueError("the conversation must end with an assistant turn and hold text contents")
    return messages


def _turns(value, role: str) -> list[dict]:
    if isinstance(value, str):
        return [{"role": role, "content": value}]
    return [{"role": m["role"], "content": m["content"]} for m in value]
