"""Row mappers, one per record shape: program records (our own JSONL format), assert tests, stdin/stdout
pairs, argument lists and unittest classes. Each turns one row into a Program or a Rejected."""

from __future__ import annotations

import math
from typing import Any, Callable, Mapping

from tracepile.model import Program
from tracepile.sources.loaders.asserts import assert_inputs, unittest_inputs
from tracepile.sources.loaders.base import MISSING, FieldMap, Rejected, RowError, as_list, get, need, need_text
from tracepile.sources.loaders.inputs import Options, finish
from tracepile.sources.loaders.scope import Found

COMMON = dict(id="id", code="code", domain="domain", problem="problem")
DEFAULTS = {
    "programs": FieldMap(**COMMON, calls="calls", stdin="stdin"),
    "asserts": FieldMap(**COMMON, tests="tests", entry_point="entry_point"),
    "io": FieldMap(**COMMON, tests="tests"),
    "args": FieldMap(**COMMON, tests="inputs", entry_point="entry_point"),
    "unittest": FieldMap(**COMMON, tests="tests"),
}
PRIVATE = ("_index", "_ref")
INPUT_KEYS = ("input", "stdin", "inputs")
OUTPUT_KEYS = ("output", "stdout", "expected_output", "outputs")


def map_row(kind: str, row: Any, ref: str, fields: FieldMap, options: Options,
            joined: Mapping[str, Mapping] | None = None) -> Program | Rejected:
    """One row of a source as a program, or the reason it is not one. Never raises for the row's content."""
    if isinstance(row, RowError):
        return Rejected(options.source, ref, str(row))
    if not isinstance(row, Mapping):
        return Rejected(options.source, ref, f"bad row: a record must be an object, not {type(row).__name__}")
    try:
        record, dropped = SHAPES[kind](row, fields, joined or {})
        record.update(_common(row, fields))
        return finish(record, ref, options, dropped)
    except RowError as exc:
        return Rejected(options.source, ref, str(exc))
    except Exception as exc:  # noqa: BLE001 - a field callable or odd content fails this row only
        return Rejected(options.source, ref, f"bad row: could not map it ({type(exc).__name__}: {exc})"[:300])


def _common(row: Mapping, fields: FieldMap) -> dict[str, Any]:
    data: dict[str, Any] = {"id": str(need(row, fields.id, "id")), "source_ref": row.get("_ref", "")}
    for key, ref in [("problem", fields.problem), ("domain", fields.domain), *fields.metadata.items()]:
        value = get(row, ref, None)
        if value is not None:
            data[key] = value
    return data


def _programs(row: Mapping, fields: FieldMap, joined) -> tuple[dict, list[str]]:
    """Our own record format: unnamed fields are kept as metadata."""
    named = {ref for ref in vars(fields).values() if isinstance(ref, str)}
    record = {k: v for k, v in row.items() if k not in named and k not in PRIVATE}
    record["code"] = get(row, fields.code, None)
    for key, ref in (("calls", fields.calls), ("stdin", fields.stdin)):
        value = get(row, ref, None)
        record[key] = as_list(value) if isinstance(value, str) and value.startswith("[") else value
    return record, []


def _asserts(row: Mapping, fields: FieldMap, joined) -> tuple[dict, list[str]]:
    code = need_text(row, fields.code, "code")
    entry = get(row, fields.entry_point, None)
    found = assert_inputs(need_text(row, fields.tests, "tests"), code, entry if isinstance(entry, str) else None)
    return _from_found(code, found)


def _unittest(row: Mapping, fields: FieldMap, joined) -> tuple[dict, list[str]]:
    code = need_text(row, fields.code, "code")
    return _from_found(code, unittest_inputs(need_text(row, fields.tests, "tests"), code))


def _from_found(code: str, found: list[Found]) -> tuple[dict, list[str]]:
    calls = [f.text for f in found if not f.problem]
    expected = {f.text: f.expected for f in found if not f.problem and f.expected is not None}
    record = {"code": code, "calls": calls}
    if expected:
        record["expected"] = expected
    return record, [f.problem for f in found if f.problem]


def _io(row: Mapping, fields: FieldMap, joined) -> tuple[dict, list[str]]:
    """A list of {input, output} pairs (or parallel `inputs` / `outputs` lists): inputs become stdin texts."""
    pairs, dropped = _pairs(need(row, fields.tests, "tests")), []
    stdin, expected = [], []
    for item_in, item_out in pairs:
        if isinstance(item_in, str):
            stdin.append(item_in)
            expected.append(item_out if isinstance(item_out, str) else None)
        else:
            dropped.append(f"bad input: stdin is {type(item_in).__name__}, not text")
    record = {"code": need_text(row, fields.code, "code"), "stdin": stdin}
    if any(e is not None for e in expected):
        record["expected_stdout"] = expected
    return record, dropped


def _pairs(value: Any) -> list[tuple[Any, Any]]:
    if isinstance(value, str) and value.lstrip()[:1] == "{":
        value = as_list("[" + value + "]")[0]
    if isinstance(value, Mapping):
        inputs, outputs = _first(value, INPUT_KEYS), _first(value, OUTPUT_KEYS)
        if inputs is MISSING:
            raise RowError("missing field: 'inputs' in the test cases")
        inputs = as_list(inputs)
        outputs = as_list(outputs) if outputs is not MISSING else []
        return [(i, outputs[n] if n < len(outputs) else None) for n, i in enumerate(inputs)]
    pairs = []
    for item in as_list(value):
        if not isinstance(item, Mapping) or _first(item, INPUT_KEYS) is MISSING:
            raise RowError("bad row: a test case is not an {input, output} object")
        output = _first(item, OUTPUT_KEYS)
        pairs.append((_first(item, INPUT_KEYS), None if output is MISSING else output))
    return pairs


def _first(item: Mapping, keys: tuple[str, ...]) -> Any:
    return next((item[k] for k in keys if k in item), MISSING)


def _args(row: Mapping, fields: FieldMap, joined: Mapping[str, Mapping]) -> tuple[dict, list[str]]:
    """Lists of positional arguments (a dict is keyword arguments) for the entry point. Code, entry point
    and problem may come from a joined source's row with the same id (HumanEval+ inputs on HumanEval)."""
    base = joined.get(str(need(row, fields.id, "id")), {})
    code = get(row, fields.code, None) or base.get("code")
    entry = get(row, fields.entry_point, None) or base.get("entry_point")
    if not isinstance(code, str):
        raise RowError("missing field: 'code'" + (" (no joined record with this id)" if joined else ""))
    if not isinstance(entry, str):
        raise RowError("missing field: 'entry_point'")
    calls, dropped = [], []
    for args in as_list(need(row, fields.tests, "inputs")):
        text = call_text(entry, args)
        (calls if text else dropped).append(text or f"bad input: {type(args).__name__}, not an argument list")
    record = {"code": code, "calls": calls, "entry_point": entry}
    if base.get("problem"):
        record["problem"] = base["problem"]
    return record, dropped


def call_text(entry: str, args: Any) -> str | None:
    """`entry(a, b)` for a list of arguments, `entry(k=v)` for a dict; None for anything else."""
    if isinstance(args, (list, tuple)):
        return f"{entry}({', '.join(literal_text(a) for a in args)})"
    if isinstance(args, Mapping) and all(isinstance(k, str) and k.isidentifier() for k in args):
        return f"{entry}({', '.join(f'{k}={literal_text(v)}' for k, v in args.items())})"
    return None


def literal_text(value: Any) -> str:
    """Python source for a JSON-like value; infinities and NaN as float('inf') / float('nan')."""
    if isinstance(value, float) and not math.isfinite(value):
        return f"float('{value}')"
    if isinstance(value, list):
        return "[" + ", ".join(literal_text(v) for v in value) + "]"
    if isinstance(value, tuple):
        inner = ", ".join(literal_text(v) for v in value)
        return f"({inner},)" if len(value) == 1 else f"({inner})"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{literal_text(k)}: {literal_text(v)}" for k, v in value.items()) + "}"
    return repr(value)


SHAPES: dict[str, Callable[[Mapping, FieldMap, Mapping], tuple[dict, list[str]]]] = {
    "programs": _programs, "asserts": _asserts, "io": _io, "args": _args, "unittest": _unittest,
}
