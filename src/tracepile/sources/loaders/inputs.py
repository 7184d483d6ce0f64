"""The last step of every loader: check a mapped record's code and inputs and build the Program, or say
why not. A call is kept when it parses, its callee is defined and every name its arguments read is bound."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import Any, Iterable

from tracepile.model import Expression, Program, RecordError, parse_call
from tracepile.sources.loaders.base import Rejected
from tracepile.sources.loaders.code import (BUILTIN_NAMES, missing_imports, module_names, syntax_problem,
                                            with_missing_imports)

MAX_DROP_NOTES = 5


@dataclass(frozen=True)
class Options:
    """Per-source choices applied to every record."""

    source: str = ""
    license: str = ""
    domain: str = ""
    max_calls: int | None = None  # keep at most this many inputs per program
    auto_imports: bool = False  # add stdlib imports for names the code uses unbound (List, deque ...)
    stdlib_only: bool = False  # reject code importing anything outside the standard library, installed or not
    python: str | None = None  # the interpreter jobs run under: its libraries decide (None: this one)


def call_problem(text: str, names: set[str]) -> str | None:
    """None when the call can run against code binding `names`, else the reason."""
    try:
        call = parse_call(text)
    except RecordError as exc:
        return f"bad call: {exc}"
    if call.callee is not None:
        return argument_problem(call.callee.source, names)
    head = call.func[0].removesuffix("()")
    if head not in names:
        return f"entry point {head!r} is not defined by the code"
    for value in [*call.args, *call.kwargs.values()]:
        if isinstance(value, Expression):
            problem = argument_problem(value.source, names)
            if problem:
                return problem
    return None


def argument_problem(source: str, names: set[str]) -> str | None:
    """Why the sandbox could not build a non-literal argument (it runs it as program code after the
    module loads, so every name it reads must be a builtin or bound by the code), or None."""
    nodes = list(ast.walk(ast.parse(source, mode="eval").body))
    own = {n.id for n in nodes if isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Load)}
    own |= {a.arg for n in nodes if isinstance(n, ast.arguments) for a in (*n.posonlyargs, *n.args,
                                                                            *n.kwonlyargs, n.vararg, n.kwarg) if a}
    for sub in nodes:
        if isinstance(sub, ast.Name) and sub.id not in BUILTIN_NAMES | names | own:
            return f"argument needs {sub.id!r}, which the input cannot provide"
    return None


def finish(record: dict[str, Any], ref: str, options: Options, dropped: Iterable[str] = (),
           none_reason: str = "no test inputs found") -> Program | Rejected:
    """Check code and inputs of a mapped record and build the Program (or the Rejected).
    `dropped` are reasons for inputs the mapper already could not use."""
    code, added, problem = checked_code(record.get("code"), options)
    if problem:
        return Rejected(options.source, ref, problem)
    notes = list(dropped)
    calls, stdin = _inputs(record, module_names(code), options, notes)
    if not calls and not stdin:
        return Rejected(options.source, ref, f"no inputs: {notes[0] if notes else none_reason}")
    extra: dict[str, Any] = {"added_imports": added} if added else {}
    if notes:
        extra.update(dropped_inputs=len(notes), dropped_reasons=notes[:MAX_DROP_NOTES])
    data = {**record, **extra, "code": code, "calls": calls, "stdin": stdin}
    for key, default in (("source", options.source), ("license", options.license), ("domain", options.domain)):
        data[key] = record.get(key) or default  # a record's own provenance wins over the spec's
    try:
        return Program.from_dict(data)
    except RecordError as exc:
        return Rejected(options.source, ref, f"bad row: {exc}")


def checked_code(code: Any, options: Options) -> tuple[str, list[str], str | None]:
    """(code with any added imports, the imports added, the rejection reason or None)."""
    if not isinstance(code, str) or not code.strip():
        return "", [], "missing field: 'code'" if code is None else "bad row: code is empty or not text"
    added: list[str] = []
    if options.auto_imports:
        code, added = with_missing_imports(code)
    problem = syntax_problem(code)
    missing = missing_imports(code, options.stdlib_only, options.python) if not problem else []
    if missing:
        why = "not in the standard library" if options.stdlib_only else "not installed"
        problem = f"needs module: {', '.join(missing)} ({why})"
    return code, added, problem


def _inputs(record: dict[str, Any], names: set[str], options: Options,
            notes: list[str]) -> tuple[list[str], list[str]]:
    calls = _usable_calls(record.get("calls") or [], names, notes)
    stdin = record.get("stdin") or []
    stdin = [stdin] if isinstance(stdin, str) else stdin
    if options.max_calls is not None:
        calls, stdin = calls[: options.max_calls], list(stdin)[: max(0, options.max_calls - len(calls))]
    return calls, stdin


def _usable_calls(calls: Any, names: set[str], notes: list[str]) -> list[str]:
    if isinstance(calls, str):
        calls = [calls]
    if not isinstance(calls, (list, tuple)):
        notes.append(f"bad call: calls is {type(calls).__name__}, not a list")
        return []
    kept: list[str] = []
    for text in calls:
        if not isinstance(text, str):
            notes.append(f"bad call: {type(text).__name__} instead of text")
            continue
        problem = call_problem(text, names)
        if problem:
            notes.append(problem)
        elif text.strip() not in kept:
            kept.append(text.strip())
    return kept
