"""Naming a source: `SourceSpec` (kind, path or dataset name, field map, split, limit ...) and the
source kinds; loading one is `loading.load`, and named public datasets are `presets`."""

from __future__ import annotations

import os
from dataclasses import dataclass, fields
from typing import Any, Callable, Mapping

from tracepile.sources.loaders.base import FieldMap
from tracepile.sources.loaders.inputs import Options
from tracepile.sources.loaders.mappers import DEFAULTS

KINDS = (*DEFAULTS, "doctest")


@dataclass(frozen=True)
class SourceSpec:
    """One source of programs, as a build config names it.

    kind: programs (our JSONL records) | asserts | io (stdin/stdout pairs) | args (argument lists) |
    unittest | doctest. `path` is a file, folder, glob or fsspec URL (doctest: a .py file or folder);
    `name` is a Hugging Face dataset (hub name, or a local folder or data file) or, for doctest, an
    installed package. `fields` maps row fields to program parts (FieldMap or dict; defaults fit our
    own JSONL format). `limit` stops after that many results (programs and rejections). `max_calls`
    caps inputs per program. `auto_imports` adds stdlib imports for names the code uses unbound. Code
    importing a module that is not installed is rejected; `stdlib_only` also rejects any installed module
    outside the standard library. `where(row)` returns a reason to skip a row, or None. `join` names a
    source whose rows give code and entry point by id (inputs without code)."""

    kind: str = "programs"
    path: str | None = None
    name: str | None = None
    split: str = "train"
    config: str | None = None
    fields: FieldMap | Mapping | None = None
    limit: int | None = None
    format: str | None = None
    source: str = ""
    license: str = ""
    domain: str = ""
    max_calls: int | None = None
    auto_imports: bool = False
    stdlib_only: bool = False
    streaming: bool = True
    where: Callable[[Mapping], str | None] | None = None
    join: Any = None  # SourceSpec | Mapping | None

    @classmethod
    def of(cls, value: SourceSpec | Mapping) -> SourceSpec:
        """A spec from itself or a dict of its fields (a dict naming a `preset`: see presets.spec_of)."""
        if isinstance(value, SourceSpec):
            return value
        if not isinstance(value, Mapping):
            raise TypeError(f"a source spec must be a SourceSpec or a dict, not {type(value).__name__}")
        return cls(**checked_keys(dict(value)))

    @property
    def options(self) -> Options:
        return Options(source=self.source or self.label, license=self.license, domain=self.domain,
                       max_calls=self.max_calls, auto_imports=self.auto_imports, stdlib_only=self.stdlib_only)

    @property
    def label(self) -> str:
        where = self.name or self.path or self.kind
        return os.path.basename(str(where).rstrip("/")).split(".")[0] or str(where)


def checked_keys(value: dict) -> dict:
    """`value` unchanged if every key is a SourceSpec field; ValueError naming the unknown ones."""
    known = {f.name for f in fields(SourceSpec)}
    unknown = sorted(set(value) - known)
    if unknown:
        raise ValueError(f"unknown source spec keys {unknown}; known: {sorted(known)}")
    return value
