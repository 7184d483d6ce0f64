"""What every loader yields and how a row's fields are named: `Rejected`, `FieldMap`, `Const`.
Reads nothing from disk; readers and mappers build on these."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields, replace
from typing import Any, Callable, Mapping, Union

from tracepile.model import Program


@dataclass(frozen=True)
class Rejected:
    """A record that gave no program: where it came from and why, as `category: detail`."""

    source: str
    ref: str
    reason: str

    @property
    def category(self) -> str:
        return self.reason.split(":", 1)[0]

    def to_dict(self) -> dict[str, str]:
        return {"source": self.source, "ref": self.ref, "reason": self.reason}


LoadResult = Union[Program, Rejected]


class RowError(Exception):
    """A row cannot be mapped; the message is the rejection reason (`category: detail`)."""


@dataclass(frozen=True)
class Const:
    """A fixed value for a field, e.g. `calls=Const(["solution()"])` for programs without inputs."""

    value: Any


# A field reference: a field name or dotted path ("tests.functional"), a format template over the row
# ("f({input})"; also `{_index}` and `{_ref}`), a Const, a callable(row) -> value, or a tuple of these
# whose list values are concatenated.
Ref = Union[str, Const, Callable[[Mapping], Any], tuple, None]

MISSING = object()


@dataclass(frozen=True)
class FieldMap:
    """Which row field gives which part of a program record; None means the kind's default."""

    id: Ref = None
    code: Ref = None
    calls: Ref = None
    stdin: Ref = None
    tests: Ref = None  # assert source, {input, output} pairs, argument lists or unittest source
    entry_point: Ref = None
    problem: Ref = None  # the problem statement shown with the question
    domain: Ref = None
    metadata: Mapping[str, Ref] = field(default_factory=dict)  # extra fields kept as metadata

    @classmethod
    def of(cls, value: FieldMap | Mapping | None) -> FieldMap:
        if value is None:
            return cls()
        if isinstance(value, FieldMap):
            return value
        if not isinstance(value, Mapping):
            raise TypeError(f"a field map must be a FieldMap or a dict, not {type(value).__name__}")
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(value) - known)
        if unknown:
            raise ValueError(f"unknown field-map keys {unknown}; known: {sorted(known)}")
        return cls(**{k: _const_from_config(v) for k, v in value.items()})

    def over(self, defaults: FieldMap) -> FieldMap:
        """These settings, with the kind's defaults wherever this map says None."""
        chosen = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "metadata"}
        merged = {k: (v if v is not None else getattr(defaults, k)) for k, v in chosen.items()}
        return replace(defaults, **merged, metadata={**defaults.metadata, **self.metadata})


def _const_from_config(value: Any) -> Any:
    """`{"const": v}` in a dict config is a Const (configs cannot hold Python objects)."""
    if isinstance(value, Mapping) and set(value) == {"const"}:
        return Const(value["const"])
    return value


def get(row: Mapping, ref: Ref, default: Any = MISSING) -> Any:
    """The value a reference names in a row; `default` when the field is absent."""
    if ref is None:
        return default
    if isinstance(ref, Const):
        return ref.value
    if callable(ref):
        return ref(row)
    if isinstance(ref, tuple):
        return _concatenated(row, ref, default)
    if not isinstance(ref, str):
        raise TypeError(f"bad field reference {ref!r}")
    if "{" in ref and "}" in ref:
        return _template(row, ref)
    return _path(row, ref, default)


def need(row: Mapping, ref: Ref, name: str) -> Any:
    """A required value; a missing one ends the row with `missing field ...`."""
    value = get(row, ref)
    if value is MISSING or value is None:
        label = ref if isinstance(ref, str) and "{" not in ref else name
        raise RowError(f"missing field: {label!r}")
    return value


def need_text(row: Mapping, ref: Ref, name: str) -> str:
    value = need(row, ref, name)
    if not isinstance(value, str):
        raise RowError(f"bad row: field {name!r} is {type(value).__name__}, not text")
    return value


def _path(row: Mapping, ref: str, default: Any) -> Any:
    if ref in row:
        return row[ref]
    value: Any = row
    for part in ref.split("."):
        if isinstance(value, Mapping) and part in value:
            value = value[part]
        elif isinstance(value, list) and part.lstrip("-").isdigit() and -len(value) <= int(part) < len(value):
            value = value[int(part)]
        else:
            return default
    return value


class _Missing(KeyError):
    pass


class _RowView(dict):
    def __missing__(self, key):
        raise _Missing(key)


def _template(row: Mapping, template: str) -> str:
    try:
        return template.format_map(_RowView(row))
    except _Missing as exc:
        raise RowError(f"missing field: {exc.args[0]!r}") from None
    except (ValueError, IndexError, AttributeError) as exc:
        raise RowError(f"bad row: template {template!r} does not apply: {exc}") from None


def _concatenated(row: Mapping, refs: tuple, default: Any) -> Any:
    parts = [get(row, r) for r in refs]
    parts = [as_list(p) for p in parts if p is not MISSING and p is not None and p != {}]
    if not parts:
        return default
    return [item for part in parts for item in part]


def as_list(value: Any) -> list:
    """A list value, decoding JSON text such as '[[1, 2], [3]]' that some datasets store."""
    if isinstance(value, str) and value.lstrip()[:1] in ("[", "{"):
        try:
            value = json.loads(value)
        except ValueError:
            raise RowError("bad row: a list field holds text that is not JSON") from None
    if isinstance(value, tuple):
        return list(value)
    if hasattr(value, "tolist"):  # numpy arrays from Parquet / datasets
        value = value.tolist()
    if not isinstance(value, list):
        raise RowError(f"bad row: expected a list, got {type(value).__name__}")
    return value
