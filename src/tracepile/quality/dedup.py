"""Deduplication across the shards of a build: a per-shard signature of each sample (exact key and
MinHash of its code), then one global, deterministic pass that says which sample ids to drop and why."""

from __future__ import annotations

import json

import functools
import hashlib
import inspect
from dataclasses import dataclass
from typing import Iterable

from datasketch import LeanMinHash, MinHash, MinHashLSH

from tracepile.model import Sample
from tracepile.quality.normalize import canonical_input, code_tokens, normalize_code, sample_code

_HAS_SCHEME = "scheme" in inspect.signature(MinHash.__init__).parameters  # datasketch >= 2.0


@dataclass(frozen=True)
class DedupConfig:
    """Near-duplicates: MinHash (num_perm, seed) over `shingle`-token shingles of the normalised code,
    literals abstracted to STR/NUM by default so that programs differing only in constants cluster;
    two codes are near-duplicates at an estimated Jaccard similarity >= threshold. A cluster keeps
    at most `cap` samples, chosen by a seeded hash of their ids."""

    num_perm: int = 128
    seed: int = 1
    shingle: int = 5
    threshold: float = 0.8
    cap: int = 100
    abstract_literals: bool = True


@dataclass(frozen=True)
class Signature:
    """What the global step needs of one sample; plain values, so it pickles and JSON-encodes.
    (shard, index) is the sample's place in the build and fixes the order of every decision."""

    sample_id: str
    shard: int
    index: int
    exact: str  # hash of normalised code + input kind + normalised input
    code: str  # hash of normalised code: samples of one program share it
    minhash: tuple[int, ...]
    scheme: str = ""


@dataclass(frozen=True)
class Cluster:
    """A near-duplicate cluster: its number, the (shard, index) of its samples, how many distinct codes."""

    number: int
    members: tuple[tuple[int, int], ...]
    codes: int


@dataclass(frozen=True)
class DedupResult:
    """`dropped`: sample id -> reason, for ids with no kept occurrence; `dropped_at`: the same
    decisions by (shard, index), exact even when a build repeats an id."""

    dropped: dict[str, str]
    dropped_at: dict[tuple[int, int], str]
    exact_duplicates: int
    near_duplicates: int
    clusters: tuple[Cluster, ...]
    samples: int

    def keep(self, shard: int, index: int) -> bool:
        return (shard, index) not in self.dropped_at


# ---------------------------------------------------------------- per-shard step


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def shingles(code: str, size: int, abstract_literals: bool = True) -> set[bytes]:
    """Distinct `size`-token shingles of the normalised code (the whole token list if shorter)."""
    return _shingles(code_tokens(code, abstract_literals=abstract_literals), size)


def _shingles(tokens: list[str], size: int) -> set[bytes]:
    if len(tokens) <= size:
        return {" ".join(tokens).encode()}
    return {" ".join(tokens[i:i + size]).encode() for i in range(len(tokens) - size + 1)}


@functools.lru_cache(maxsize=4096)
def _sketch(source: str, config: DedupConfig) -> tuple[str, tuple[int, ...], str]:
    """(canonical code, MinHash values, MinHash scheme) of a program; cached, as a program's samples
    share their code."""
    normalized = normalize_code(source)
    canonical = " ".join(code_tokens(normalized, normalize=False))
    tokens = code_tokens(normalized, normalize=False, abstract_literals=config.abstract_literals)
    mh = MinHash(num_perm=config.num_perm, seed=config.seed)
    mh.update_batch(sorted(_shingles(tokens, config.shingle)))
    return canonical, tuple(int(v) for v in mh.hashvalues), str(getattr(mh, "scheme", "") or "")


def signature(sample: Sample, shard: int, index: int, config: DedupConfig = DedupConfig(),
              code: str | None = None) -> Signature:
    """The signature of one sample; its code is read from the prompt unless given."""
    canonical, minhash, scheme = _sketch(sample_code(sample) if code is None else code, config)
    question = sample.provenance.get("question") or ""  # questions about one run are not duplicates
    if not isinstance(question, str):
        question = json.dumps(question, sort_keys=True)
    exact = _digest(f"{canonical}\x00{sample.input_kind}\x00{canonical_input(sample.input_kind, sample.input)}"
                    f"\x00{sample.kind}\x00{question}")
    return Signature(sample.id, shard, index, exact, _digest(canonical), minhash, scheme)


def shard_signatures(samples: Iterable[Sample], shard: int,
                     config: DedupConfig = DedupConfig()) -> list[Signature]:
    """Signatures of one shard's samples, `index` counting from 0 in the shard's order."""
    return [signature(s, shard, i, config) for i, s in enumerate(samples)]


# ---------------------------------------------------------------- global step


def deduplicate(signatures: Iterable[Signature], config: DedupConfig = DedupConfig()) -> DedupResult:
    """The whole corpus in one process (builds run the same decisions in stages: pipeline/dedup.py).
    Exact duplicates first (the earliest (shard, index) is kept), then near-duplicate clusters of
    the survivors' codes (MinHash LSH candidates confirmed by estimated Jaccard, joined transitively),
    then the cap per cluster. The same signatures give the same result whatever order they come in."""
    sigs = sorted(signatures, key=lambda s: (s.shard, s.index))
    dropped_at: dict[tuple[int, int], str] = {}
    first_of: dict[str, Signature] = {}
    survivors: list[Signature] = []
    for sig in sigs:
        original = first_of.setdefault(sig.exact, sig)
        if original is sig:
            survivors.append(sig)
        else:
            dropped_at[(sig.shard, sig.index)] = f"exact duplicate of {original.sample_id}"
    exact = len(dropped_at)

    codes: dict[str, Signature] = {}  # distinct code -> its first survivor
    for sig in survivors:
        codes.setdefault(sig.code, sig)
    order = list(codes)  # code keys in order of first appearance
    parent = {key: key for key in order}
    rank = {key: i for i, key in enumerate(order)}

    def find(key: str) -> str:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    if len(order) > 1:
        lsh = MinHashLSH(threshold=config.threshold, num_perm=config.num_perm)
        sketches = {key: _lean(codes[key], config) for key in order}
        for key in order:
            lsh.insert(key, sketches[key])
        for key in order:
            for other in sorted(lsh.query(sketches[key]), key=rank.__getitem__):
                if rank[other] <= rank[key] or sketches[key].jaccard(sketches[other]) < config.threshold:
                    continue
                a, b = find(key), find(other)
                if a != b:
                    if rank[a] > rank[b]:
                        a, b = b, a
                    parent[b] = a  # the earliest code represents the cluster

    members: dict[str, list[Signature]] = {}
    for sig in survivors:
        members.setdefault(find(sig.code), []).append(sig)
    clusters = []
    for number, root in enumerate(sorted(members, key=rank.__getitem__)):
        group = members[root]
        clusters.append(Cluster(number, tuple((s.shard, s.index) for s in group),
                                len({s.code for s in group})))
        if len(group) <= config.cap:
            continue
        ranked = sorted(group, key=lambda s: (_rank(s.sample_id, config.seed), s.shard, s.index))
        for sig in ranked[config.cap:]:
            dropped_at[(sig.shard, sig.index)] = f"near-duplicate cluster {number} over cap {config.cap}"

    kept_ids = {s.sample_id for s in sigs if (s.shard, s.index) not in dropped_at}
    dropped = {}
    for sig in sigs:
        reason = dropped_at.get((sig.shard, sig.index))
        if reason is not None and sig.sample_id not in kept_ids:
            dropped.setdefault(sig.sample_id, reason)
    return DedupResult(dropped, dropped_at, exact, len(dropped_at) - exact,
                       tuple(clusters), len(sigs))


def _rank(sample_id: str, seed: int) -> bytes:
    """A cluster over the cap keeps the samples whose (this, shard, index) sort first."""
    return hashlib.blake2b(f"{seed}\x00{sample_id}".encode(), digest_size=8).digest()


cap_rank = _rank


def lsh_bands(config: DedupConfig) -> tuple[int, int]:
    """(bands, rows per band) of the LSH index: two codes are candidates when all values of one band agree."""
    lsh = MinHashLSH(threshold=config.threshold, num_perm=config.num_perm)
    return lsh.b, lsh.r


def similar(a: tuple[int, ...], b: tuple[int, ...], config: DedupConfig) -> bool:
    """Whether two MinHash signatures estimate a Jaccard similarity of at least the threshold."""
    return sum(x == y for x, y in zip(a, b)) / len(a) >= config.threshold


def _lean(sig: Signature, config: DedupConfig) -> LeanMinHash:
    if len(sig.minhash) != config.num_perm:
        raise ValueError(f"signature of {sig.sample_id} has {len(sig.minhash)} permutations, "
                         f"the config {config.num_perm}: compute all signatures with one DedupConfig")
    if _HAS_SCHEME:
        return LeanMinHash(seed=config.seed, hashvalues=list(sig.minhash), scheme=sig.scheme or "legacy")
    return LeanMinHash(seed=config.seed, hashvalues=list(sig.minhash))
