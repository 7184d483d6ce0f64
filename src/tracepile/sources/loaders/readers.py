"""Rows out of JSONL, JSON and Parquet files (local paths or any fsspec URL) and Hugging Face datasets.
Files stream row by row (a JSON array file is the one exception); a wrong path raises at once."""

from __future__ import annotations

import json
import os
from typing import Any, Iterator

from tracepile.sources.loaders.base import RowError

Row = tuple[str, Any]  # (ref such as "train.jsonl:12", the decoded row or a RowError)

SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json", ".parquet": "parquet", ".pq": "parquet"}
COMPRESSIONS = (".gz", ".bz2", ".xz", ".zst", ".lz4")
HF_BUILDERS = {"jsonl": "json", "json": "json", "parquet": "parquet"}
PARQUET_BATCH = 256


def file_format(path: str) -> str | None:
    """jsonl, json or parquet from the file name (a compression suffix such as .gz is looked through)."""
    name = path.lower()
    for suffix in COMPRESSIONS:
        name = name.removesuffix(suffix)
    return SUFFIXES.get(os.path.splitext(name)[1])


def open_files(path: str, fmt: str | None = None) -> Iterator[Row]:
    """Rows of every data file at `path` (a file, a folder, a glob or an fsspec URL), in name order.
    Raises FileNotFoundError / ValueError before reading anything when the path or format is wrong."""
    fs, files = _resolve(path)
    plan = [(f, fmt or _known_format(f)) for f in files]
    return _chain(fs, plan)


def _resolve(path: str):
    import fsspec

    fs, root = fsspec.core.url_to_fs(path)
    if any(ch in root for ch in "*?["):
        files = sorted(fs.glob(root))
    elif fs.isdir(root):
        files = sorted(p for p in fs.find(root) if file_format(p))
    elif fs.exists(root):
        files = [root]
    else:
        raise FileNotFoundError(f"no such file or folder: {path}")
    if not files:
        raise FileNotFoundError(f"no JSONL, JSON or Parquet files at {path}")
    return fs, files


def _known_format(path: str) -> str:
    fmt = file_format(path)
    if fmt is None:
        raise ValueError(f"cannot tell the format of {path}: name it .jsonl, .json or .parquet, "
                         f"or give format='jsonl'|'json'|'parquet'")
    return fmt


def _chain(fs, plan: list[tuple[str, str]]) -> Iterator[Row]:
    for path, fmt in plan:
        reader = {"jsonl": _jsonl_rows, "json": _json_rows, "parquet": _parquet_rows}.get(fmt)
        if reader is None:
            raise ValueError(f"unknown format {fmt!r}; use jsonl, json or parquet")
        yield from reader(fs, path)


def _open(fs, path: str, mode: str = "rb"):
    from fsspec.utils import infer_compression

    return fs.open(path, mode, compression=infer_compression(path))


def _jsonl_rows(fs, path: str) -> Iterator[Row]:
    name = os.path.basename(path)
    with _open(fs, path) as fh:
        for number, raw in enumerate(fh, 1):
            if raw.strip():
                yield f"{name}:{number}", _decode_line(raw)


def _decode_line(raw: bytes) -> Any:
    try:
        return json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return RowError("bad row: line is not UTF-8")
    except ValueError as exc:
        return RowError(f"bad row: invalid JSON ({getattr(exc, 'msg', exc)})")
    except RecursionError:
        return RowError("bad row: JSON nested too deeply")


def _json_rows(fs, path: str) -> Iterator[Row]:
    """A JSON array (or an object of records keyed by id) is read whole; JSON Lines under a .json name stream."""
    name = os.path.basename(path)
    with _open(fs, path) as fh:
        raw = fh.read()
    try:
        data = json.loads(raw.decode("utf-8"))
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        if raw.lstrip()[:1] == b"{":
            yield from _jsonl_rows(fs, path)
        else:
            yield name, RowError(f"bad row: {name} is not valid JSON ({getattr(exc, 'msg', exc)})")
        return
    if isinstance(data, list):
        for index, row in enumerate(data):
            yield f"{name}[{index}]", row
    elif isinstance(data, dict) and data and all(isinstance(v, dict) for v in data.values()):
        for key, row in data.items():
            yield f"{name}[{key!r}]", {"_key": key, **row}
    else:
        yield name, data


def _parquet_rows(fs, path: str) -> Iterator[Row]:
    import pyarrow.parquet as pq

    name = os.path.basename(path)
    number = 0
    with _open(fs, path) as fh:
        for batch in pq.ParquetFile(fh).iter_batches(batch_size=PARQUET_BATCH):
            for row in batch.to_pylist():
                yield f"{name}#{number}", row
                number += 1


def open_hf(name: str, split: str = "train", config: str | None = None,
            streaming: bool = True) -> Iterator[Row]:
    """Rows of a Hugging Face dataset by hub name (online) or of a local copy (a folder or a data file).
    Raises at once when the dataset cannot be found."""
    import datasets

    if name.startswith(("/", "./", "../", "~")) and not os.path.exists(os.path.expanduser(name)):
        raise FileNotFoundError(f"no such dataset folder or file: {name}")
    name = os.path.expanduser(name)
    if os.path.isfile(name):
        builder = HF_BUILDERS.get(_known_format(name))
        rows = datasets.load_dataset(builder, data_files=name, split=split, streaming=streaming)
    else:
        rows = datasets.load_dataset(name, config, split=split, streaming=streaming)
    label = f"{os.path.basename(name.rstrip('/')) or name}[{split}]"
    return ((f"{label}#{index}", row) for index, row in enumerate(rows))
