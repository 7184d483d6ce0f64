"""Finding the claim forms of grammar.py in a sentence skeleton, fast: only forms whose required
words occur in the sentence are tried, through one cached alternation per set of candidate forms."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from tracepile.verification.grammar import FORMS, Form

PREFIXES = tuple(f"f{index}_" for index in range(len(FORMS)))
BY_PREFIX: dict[str, Form] = dict(zip(PREFIXES, FORMS))


def required_words(pattern: str) -> str | None:
    """The longest run of words every match of `pattern` contains (text outside groups, slots,
    escapes and optional characters), or None when the pattern has no such run."""
    kept, depth, index = [], 0, 0
    while index < len(pattern):
        char = pattern[index]
        optional = pattern[index + 1:index + 2] in ("?", "*")
        if char == "\\":
            kept.append(" ")
            index += 2
            continue
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            return None
        kept.append(char if depth == 0 and char not in "()" and not optional else " ")
        index += 1
    text = re.sub(r"<\w+:\w+>|\[[^\]]*\]|[\^$]", " ", "".join(kept))
    runs = re.findall(r"[A-Za-z]+(?: [A-Za-z]+)*", text)
    return max(runs, key=len) if runs else None


REQUIRED = tuple(required_words(form.pattern) for form in FORMS)
NEEDS = tuple(form.needs for form in FORMS)


@lru_cache(maxsize=2048)
def _alternation(candidates: tuple[int, ...]) -> re.Pattern:
    """The forms `candidates` as one alternation, in grammar order (at one position the earlier
    form wins; leftmost match first), tried only where a word or a span starts; each form is a
    group named by its prefix."""
    parts = [f"(?P<{PREFIXES[i]}>{FORMS[i].regex(PREFIXES[i]).replace('{p}', PREFIXES[i])})" for i in candidates]
    return re.compile(f"(?<![A-Za-z0-9_])(?:{'|'.join(parts)})" if parts else r"(?!)")


def find_forms(skeleton: str) -> Iterator[re.Match]:
    """Every form match in a sentence skeleton, left to right, without overlaps."""
    return _alternation(_candidates(DIGITS.sub("", skeleton))).finditer(skeleton)


DIGITS = re.compile(r"\d+")


@lru_cache(maxsize=8192)
def _candidates(words: str) -> tuple[int, ...]:
    """The forms whose required words (or one of the words they need) occur in a skeleton (its digits
    left out: sentences that differ only in numbers share the answer)."""
    return tuple(i for i, required in enumerate(REQUIRED)
                 if (required in words if required is not None else
                     not NEEDS[i] or any(need in words for need in NEEDS[i])))
