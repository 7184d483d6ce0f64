"""Loading a source: `load(spec)` checks the spec at once, then yields a Program or a Rejected per
record (files, Hugging Face datasets, doctests; joined sources for inputs without code)."""

from __future__ import annotations

import itertools
from dataclasses import replace
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping

from tracepile.sources.loaders.base import FieldMap, LoadResult, Rejected, get
from tracepile.sources.loaders.doctests import doctest_programs, package_root, python_files
from tracepile.sources.loaders.inputs import Options
from tracepile.sources.loaders.mappers import DEFAULTS, map_row
from tracepile.sources.loaders.presets import spec_of
from tracepile.sources.loaders.readers import Row, open_files, open_hf
from tracepile.sources.loaders.spec import KINDS, SourceSpec


def load(spec: SourceSpec | Mapping, python: str | None = None) -> Iterator[LoadResult]:
    """Programs (or Rejected records) of a source. A wrong spec, path or dataset name raises here, before
    any record is read; after that, nothing a record holds makes the iterator raise. `python`: the
    interpreter the jobs run under, whose libraries decide which imports a record may make (None: this one)."""
    spec = spec_of(spec)
    _check(spec)
    options = replace(spec.options, python=python)
    results = _doctests(spec, options) if spec.kind == "doctest" else _records(spec, options)
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


def _doctests(spec: SourceSpec, options: Options) -> Iterator[LoadResult]:
    root = Path(spec.path) if spec.path is not None else package_root(spec.name)
    python_files(root)  # raises now for a wrong path
    return doctest_programs(root, options, prefix=spec.name or "")


def _records(spec: SourceSpec, options: Options) -> Iterator[LoadResult]:
    rows = _rows(spec)
    field_map = FieldMap.of(spec.fields).over(DEFAULTS[spec.kind])
    joined = _joined(spec.join) if spec.join is not None else None
    return _mapped(rows, spec, options, field_map, joined)


def _joined(join: Any) -> dict[str, dict[str, Any]]:
    """id -> code, entry point and problem from the joined source's rows (read whole: they are small)."""
    spec = spec_of(join)
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


def _mapped(rows: Iterable[Row], spec: SourceSpec, options: Options, field_map: FieldMap,
            joined: Mapping[str, Mapping] | None) -> Iterator[LoadResult]:
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
