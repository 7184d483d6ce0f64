"""Decontamination: n-gram overlap of a sample's code (normalised tokens) and prose (words) with the
items of evaluation sets, through one hashed n-gram index; a hit names the benchmark and item."""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Mapping, Sequence

from tracepile.model import Sample
from tracepile.quality.evalsets import EvalItem
from tracepile.quality.normalize import code_prose, code_tokens, split_prompt, words


@dataclass(frozen=True)
class Match:
    """A sample overlaps `benchmark` item `item_id`: `hits` of the item's `ngrams` distinct `field`
    n-grams ("code" or "text") occur in the sample; `example` is one of them."""

    benchmark: str
    item_id: str
    field: str
    hits: int
    ngrams: int
    example: str

    @property
    def fraction(self) -> float:
        return self.hits / self.ngrams if self.ngrams else 0.0

    @property
    def reason(self) -> str:
        return (f"contaminated: {self.field} overlaps {self.benchmark} item {self.item_id} "
                f"({self.hits}/{self.ngrams} {self.field} n-grams)")


def _hash(gram: Sequence[str]) -> int:
    return int.from_bytes(hashlib.blake2b("\x1f".join(gram).encode("utf-8", "surrogatepass"),
                                          digest_size=8).digest(), "little")


def ngrams(tokens: Sequence[str], n: int) -> list[tuple[str, ...]]:
    return [tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1)]


class _Index:
    """Hashed n-grams -> the items holding them, with each item's count of distinct n-grams.
    An item shorter than n (but at least `min_len` long) is indexed as one n-gram of its length."""

    def __init__(self, n: int, min_len: int) -> None:
        self.n, self.min_len = n, min_len
        self.postings: dict[int, int | tuple[int, ...]] = {}
        self.sizes: dict[int, int] = {}
        self.short_lengths: set[int] = set()
        self.skipped = 0

    def add(self, item: int, tokens: Sequence[str]) -> None:
        if len(tokens) < self.min_len:
            self.skipped += bool(tokens)
            return
        size = min(self.n, len(tokens))
        if size < self.n:
            self.short_lengths.add(size)
        hashes = {_hash(g) for g in ngrams(tokens, size)}
        self.sizes[item] = len(hashes)
        for h in hashes:
            held = self.postings.get(h)
            if held is None:
                self.postings[h] = item
            elif isinstance(held, int):
                self.postings[h] = (held, item)
            else:
                self.postings[h] = held + (item,)

    def hits(self, tokens: Sequence[str]) -> tuple[Counter, dict[int, tuple[str, ...]]]:
        counts: Counter = Counter()
        example: dict[int, tuple[str, ...]] = {}
        seen: set[int] = set()
        for size in (self.n, *sorted(self.short_lengths)):
            for gram in ngrams(tokens, size):
                h = _hash(gram)
                if h in seen:
                    continue
                seen.add(h)
                held = self.postings.get(h)
                if held is None:
                    continue
                for item in (held,) if isinstance(held, int) else held:
                    counts[item] += 1
                    example.setdefault(item, gram)
        return counts, example


class Decontaminator:
    """Flags samples whose code or prose overlaps an evaluation item.

    Code: the sample's program, normalised (no comments, docstrings or layout) and lexed, against each
    item's code with `code_n`-token n-grams; a match needs at least `code_fraction` of the item's
    distinct n-grams (an eval program embedded in the sample shows nearly all of them, while common
    idioms share only a few). Text: the prompt outside the code plus the code's docstrings and
    comments, as words, against each item's text with `text_n`-word n-grams; by default one shared
    13-gram is enough (`text_fraction` 0). Items shorter than n but at least `min_code_tokens` /
    `min_text_words` long are matched as a whole; shorter ones are not indexed (`skipped`)."""

    def __init__(self, eval_sets: Mapping[str, Iterable[EvalItem]] | Iterable[EvalItem], *,
                 code_n: int = 12, text_n: int = 13, code_fraction: float = 0.5,
                 text_fraction: float = 0.0, min_code_tokens: int = 10, min_text_words: int = 8) -> None:
        if isinstance(eval_sets, Mapping):
            eval_sets = [item for items in eval_sets.values() for item in items]
        self.code_fraction, self.text_fraction = code_fraction, text_fraction
        self.items: list[tuple[str, str]] = []
        self.code = _Index(code_n, min_code_tokens)
        self.text = _Index(text_n, min_text_words)
        for item in eval_sets:
            number = len(self.items)
            self.items.append((item.benchmark, item.item_id))
            if item.code:
                self.code.add(number, code_tokens(item.code))
            if item.text:
                self.text.add(number, words(item.text))

    @property
    def stats(self) -> dict[str, int]:
        return {"items": len(self.items), "code_items": len(self.code.sizes),
                "text_items": len(self.text.sizes), "code_ngrams": len(self.code.postings),
                "text_ngrams": len(self.text.postings), "code_skipped_short": self.code.skipped,
                "text_skipped_short": self.text.skipped}

    def check(self, sample: Sample) -> Match | None:
        """The strongest match of the sample (largest fraction, then most hits), or None."""
        matches = self.matches(sample)
        return matches[0] if matches else None

    def matches(self, sample: Sample) -> list[Match]:
        """Every item the sample matches, strongest first."""
        code, prose = split_prompt(sample.prompt)
        return self.matches_text(code, f"{prose}\n{code_prose(code)}")

    def matches_text(self, code: str, prose: str) -> list[Match]:
        """Matches for a program and its prose given directly (no Sample needed)."""
        found = []
        for field, index, tokens, threshold in (
                ("code", self.code, code_tokens(code) if code else [], self.code_fraction),
                ("text", self.text, words(prose) if prose else [], self.text_fraction)):
            if not tokens or not index.postings:
                continue
            counts, example = index.hits(tokens)
            for item, hits in counts.items():
                size = index.sizes[item]
                if hits / size >= threshold:
                    benchmark, item_id = self.items[item]
                    found.append(Match(benchmark, item_id, field, hits, size, " ".join(example[item])))
        found.sort(key=lambda m: (-m.fraction, -m.hits, m.benchmark, m.item_id, m.field))
        return found
