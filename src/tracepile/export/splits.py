"""Deterministic train / validation / test splits by program: every sample of a program (and of its
verified rewrites) lands in the same split, chosen by a seeded hash of the program's id."""

from __future__ import annotations

import hashlib

SPLITS = ("train", "validation", "test")
REWRITE_MARK = "~rw"  # rewritten variants are named `<program id>~rw<k>` (see enrich.rewrites)


def program_family(program_id: str) -> str:
    """The original program a sample comes from: a rewrite belongs with the program it rewrites."""
    return program_id.split(REWRITE_MARK, 1)[0]


def split_of(program_id: str, seed: int, validation: float, test: float) -> str:
    """The split of a program: a uniform draw in [0, 1) from a hash of (seed, family), cut at the
    test and validation fractions. Stable across runs, machines and corpus sizes."""
    digest = hashlib.sha256(f"{seed}\x00{program_family(program_id)}".encode()).digest()
    draw = int.from_bytes(digest[:8], "big") / 2**64
    if draw < test:
        return "test"
    if draw < test + validation:
        return "validation"
    return "train"
