"""Naming a source and loading it: `SourceSpec` (kind, path or dataset name, field map, split, limit ...)
and `load(spec)`, which checks the spec at once and then yields a Program or a Rejected per record."""

from __future__ import annotations

import itertools
import os
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping

from tracepile.sources.loaders.base import FieldMap, LoadResult, Rejected, get
from tracepile.sources.loaders.doctests import doctest_programs, package_root, python_files
from tracepile.sources.loaders.inputs import Options
from tracepile.sources.loaders.mappers import DEFAULTS, map_row
from tracepile.sources.loaders.readers import Row, open_files, open_hf

KINDS = (*DEFAULTS, "doctest")


@dataclass(frozen=True)
class SourceSpec:
    """One source of programs, as a build config names it.

    kind: programs (our JSONL records) | asserts | io (stdin/stdout pairs) | args (argument lists) |
    unittest | doctest. `path` is a file, folder, glob or fsspec URL (doctest: a .py file or folder);
    `name` is a Hugging Face dataset (hub name, or a local folder or data file) or, for doctest, an
    installed package. `fields` maps row fields to program parts (FieldMap or dict; defaults fit our
    own JSONL format). `limit` stops after that many results (programs and rejections). `max_calls`
    caps inputs per program. `auto_imports` adds stdlib imports for names the code uses unbound;
    `stdlib_only` rejects code importing anything else. `where(row)` returns a reason to skip a row, or
    None. `join` names a source whose rows give code and entry point by id (inputs without code)."""

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
    stdlib_only: bool = True
    streaming: bool = True
    where: Callable[[Mapping], str | None] | None = None
    join: Any = None  # SourceSpec | Mapping | None

    @classmethod
    def of(cls, value: SourceSpec | Mapping) -> SourceSpec:
        """A spec from itself or a dict; a dict with `preset` starts from that preset (see presets)."""
        if isinstance(value, SourceSpec):
            return value
        if not isinstance(value, Mapping):
            raise TypeError(f"a source spec must be a SourceSpec or a dict, not {type(value).__name__}")
        value = dict(value)
        if "preset" in value:
            from tracepile.sources.loaders.presets import preset

            base = preset(value.pop("preset"), value.pop("root", None))
            return replace(base, **_checked_keys(value))
        return cls(**_checked_keys(value))

    @property
    def options(self) -> Options:
        return Options(source=self.source or self.label, license=self.license, domain=self.domain,
                       max_calls=self.max_calls, auto_imports=self.auto_imports, stdlib_only=self.stdlib_only)

    @property
    def label(self) -> str:
        where = self.name or self.path or self.kind
        return os.path.basename(str(where).rstrip("/")).split(".")[0] or str(where)


def _checked_keys(value: dict) -> dict:
    known = {f.name for f in fields(SourceSpec)}
    unknown = sorted(set(value) - known)
    if unknown:
        raise ValueError(f"unknown source spec keys {unknown}; known: {sorted(known)}")
    return value


def load(spec: SourceSpec | Mapping) -> Iterator[LoadResult]:
    """Programs (or Rejected records) of a source. A wrong spec, path or dataset name raises here, before
    any record is read; after that, nothing a record holds makes the iterator raise."""
    spec = SourceSpec.of(spec)
    _check(spec)
    results = _doctests(spec) if spec.kind == "doctest" else _records(spec)
    return itertools.islice(results, spec.limit) if spec.limit is not None else results


def _check(spec: SourceSpec) -> None:
    if spec.kind not in KINDS:
        raise ValueError(f"unknown source kind {spec.kind!r}; use one of {', '.join(KINDS)}")
    if (spec.path is None) == (spec.name is None):
        raise ValueError(f"source {spec.label!r}: give exactly one of path= and name=")
    if spec.limit is not None and spec.limit < 0:
        raise ValueError("limit must be >= 0")
    if spec.join is not None and spec.kind != "args":
        raise ValueError("join= is only for kind 'args'")
    FieldMap.of(spec.fields)


def _doctests(spec: SourceSpec) -> Iterator[LoadResult]:
    root = Path(spec.path) if spec.path is not None else package_root(spec.name)
    python_files(root)  # raises now for a wrong path
    return doctest_programs(root, spec.options, prefix=spec.name or "")


def _records(spec: SourceSpec) -> Iterator[LoadResult]:
    rows = _rows(spec)
    field_map = FieldMap.of(spec.fields).over(DEFAULTS[spec.kind])
    joined = _joined(spec.join) if spec.join is not None else None
    return _mapped(rows, spec, field_map, joined)


def _joined(join: Any) -> dict[str, dict[str, Any]]:
    """id -> code, entry point and problem from the joined source's rows (read whole: they are small)."""
    spec = SourceSpec.of(join)
    _check(spec)
    field_map = FieldMap.of(spec.fields).over(DEFAULTS["args"])
    table: dict[str, dict[str, Any]] = {}
    for index, (ref, row) in enumerate(_rows(spec)):
        if isinstance(row, Mapping):
            row = {**row, "_index": index, "_ref": ref}
            try:
                table[str(get(row, field_map.id))] = {
                    key: get(row, getattr(field_map, key), None) for key in ("code", "entry_point", "problem")}
            except Exception:  # noqa: BLE001 - an unusable joined row simply gives no code
                continue
    return table


def _rows(spec: SourceSpec) -> Iterator[Row]:
    if spec.name is not None:
        return open_hf(spec.name, spec.split, spec.config, spec.streaming)
    return open_files(spec.path, spec.format)


def _mapped(rows: Iterable[Row], spec: SourceSpec, field_map: FieldMap,
            joined: Mapping[str, Mapping] | None) -> Iterator[LoadResult]:
    options = spec.options
    for index, (ref, row) in enumerate(rows):
        if isinstance(row, Mapping):
            row = {**row, "_index": index, "_ref": ref}
            reason = _filtered(spec.where, row)
            if reason:
                yield Rejected(options.source, ref, reason)
                continue
        yield map_row(spec.kind, row, ref, field_map, options, joined)


def _filtered(where: Callable | None, row: Mapping) -> str | None:
    if where is None:
        return None
    try:
        reason = where(row)
    except Exception as exc:  # noqa: BLE001 - a filter failing on one row rejects that row only
        return f"bad row: the filter failed ({type(exc).__name__}: {exc})"
    return f"filtered: {reason}" if reason else None
