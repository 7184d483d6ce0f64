"""REval agreement: REval's coverage, state, path and output questions answered from TracePile
traces, compared with a reference per question type, every disagreement listed with its reason."""

from __future__ import annotations

import argparse
import ast
import json
import os
import re
import subprocess
import sys
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from tracepile.engine import trace
from tracepile.enrich.questions import QuestionConfig, TraceFacts, rationale, verify_rationale
from tracepile.enrich.questions.facts import type_name
from tracepile.enrich.questions.path import next_line_question
from tracepile.enrich.questions.state import state_question
from tracepile.model import Limits, ProgramInput, Trace
from tracepile.tracer.analysis import UNTRACED_FUNCTIONS
from tracepile.tracer.safe_eval import compile_expr
from tracepile.values import TRUNCATION, render, same_value

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = Path(os.environ.get("TRACEPILE_SHARED", ROOT.parent / "shared")) / "datasets" / "reval"
LIMITS = Limits(timeout_s=20.0, cpu_s=20, max_events=200_000)
TYPES = ("coverage", "state", "path", "output")

ABOUT = """
REval (DREval_data.jsonl / DREval_tasks.jsonl; evaluation only, see its SOURCE.md) ships programs,
inputs, outputs and (line, variable) queries, but not the ground truth of the runtime questions.
"Theirs" is the dataset's own output for output prediction, and for coverage / state / path a plain
sys.settrace run of the same input in a separate process: every line event of the program's frames,
the state read at the next event of the same frame, the next line = the next line event anywhere.
"Ours" are the answers TracePile's question generators give (questions.TraceFacts over a trace).

One query = program, input, line L, variable expression v:
  coverage  is line L executed?                         yes / no
  state     (type, value) of v after each execution of L   one entry per execution, in order
  path      the line executed next after each execution    one entry per execution, in order
  output    the call's result                           compared with the dataset's output

Function-style (HumanEval-derived) programs run by default; --class-style adds the ClassEval-derived
ones, run as a script (the class, no-op assert helpers, then the test snippet; program line numbers
unchanged). REval lists no outputs for those, so they get coverage, state and path only.
"""

# Disagreements that come from what each side calls "a line execution", not from a wrong value.
CONTINUATION = "line is not the first line of a statement (settrace reports continuation lines)"
COMPREHENSION_ONLY = "line runs only inside a comprehension / lambda frame, which TracePile does not trace"
COMPREHENSION_TOO = ("the line also runs inside a comprehension / generator frame: settrace counts "
                     "those runs, TracePile folds them into the statement")
COMPREHENSION_NEXT = "the next line is in a comprehension / lambda frame, which TracePile does not trace"
RESUMED = ("after a call returns, settrace reports the caller's unfinished line again (an inlined "
           "comprehension loop); TracePile counts one run of that statement")
INLINED = ("the statement holds a comprehension that Python 3.12+ inlines into the frame: settrace "
           "reports the line again for every item, TracePile counts one run of the statement")
CONTINUATION_NEXT = ("the next line settrace reports is a continuation line of a multi-line "
                     "statement; TracePile reports statements by their first line")
GRANULARITY = frozenset({CONTINUATION, COMPREHENSION_ONLY, COMPREHENSION_TOO, COMPREHENSION_NEXT,
                         RESUMED, INLINED, CONTINUATION_NEXT})
ONE_LINE_BODY = ("the loop / if body sits on the header line: TracePile's sys.monitoring back end sees "
                 "one LINE event per visit of that line and misses the repeats (a tracer gap)")


# ---------------------------------------------------------------- data

@dataclass
class Item:
    """One REval task instance: a program, one input, its output, the (line, var) queries."""

    task_id: str
    input_idx: int
    code: str
    entry: str
    args: str
    output: str | None  # None for class-style items: REval lists no outputs for them
    queries: list[tuple[int, str]]
    script: str | None = None  # class-style: the program, no-op assert helpers, the test snippet

    @property
    def call(self) -> str:
        return f"{self.entry}{self.args}" if self.script is None else "(test snippet)"


def load(data: Path, class_style: bool = False) -> tuple[list[Item], int]:
    """Task instances (function-style, plus class-style ones if asked) and how many were skipped."""
    programs = {p["task_id"]: p for p in _jsonl(data / "DREval_data.jsonl")}
    items, skipped = [], 0
    for record in _jsonl(data / "DREval_tasks.jsonl"):
        program = programs[record["task_id"]]
        for task in record["tasks"]:
            i = task["input_idx"]
            queries = [(q["lineno"], q["var"]) for q in task["task"]]
            if program.get("test") is None:
                items.append(Item(record["task_id"], i, program["code"], program["entry_point"],
                                  program["inputs"][i].strip(), program["outputs"][i], queries))
            elif class_style:
                items.append(Item(record["task_id"], i, program["code"], "", "", None, queries,
                                  script=class_script(program["code"], program["inputs"][i])))
            else:
                skipped += 1
    return items, skipped


def class_script(code: str, snippet: str) -> str:
    """The class program, then no-op unittest-style helpers, then the test snippet: the program's
    line numbers stay as REval counts them."""
    names = sorted(set(re.findall(r"\bassert\w+", snippet)) - {"assertRaises"})
    helpers = [f"def {name}(*args, **kwargs):\n    return None\n" for name in names]
    if "assertRaises" in snippet:
        helpers.append("class assertRaises:\n    def __init__(self, *args, **kwargs):\n        pass\n"
                       "    def __enter__(self):\n        return self\n"
                       "    def __exit__(self, *exc):\n        return True\n")
    return code.rstrip("\n") + "\n\n\n" + "\n".join(helpers) + "\n" + snippet


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


# ---------------------------------------------------------------- the reference run (theirs)

REFERENCE = r'''
import json, sys
job = json.load(sys.stdin)
asked = {int(k): v for k, v in job["asked"].items()}
seq, states, pending, frames, keep = [], {}, {}, {}, []
LIMIT = 500000

def fid(frame):
    if id(frame) not in frames:
        frames[id(frame)] = len(frames) + 1
        keep.append(frame)  # keep it alive so its id is never reused
    return frames[id(frame)]

MISSING = object()

def lookup(frame, name):
    """`v`, `self.items`, `self.d[key]['x']` read from the frame; MISSING when unbound."""
    import ast
    try:
        return walk(ast.parse(name, mode="eval").body, frame)
    except Exception:
        return MISSING

def walk(node, frame):
    import ast
    if isinstance(node, ast.Name):
        return frame.f_locals.get(node.id, MISSING)
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.Tuple):
        items = tuple(walk(e, frame) for e in node.elts)
        return MISSING if any(item is MISSING for item in items) else items
    if not isinstance(node, (ast.Attribute, ast.Subscript)):
        return eval(compile(ast.Expression(node), "<query>", "eval"), frame.f_globals, dict(frame.f_locals))
    base = walk(node.value, frame)
    if base is MISSING:
        return MISSING
    if isinstance(node, ast.Attribute):
        attr = node.attr
        if attr.startswith("__") and not attr.endswith("__"):
            attr = "_" + type(base).__name__.lstrip("_") + attr
        return getattr(base, attr, MISSING)
    if isinstance(node, ast.Subscript):
        key = walk(node.slice, frame)
        try:
            return base[key]
        except Exception:
            return MISSING
    return eval(compile(ast.Expression(node), "<query>", "eval"), frame.f_globals, dict(frame.f_locals))

def snapshot(frame, names):
    out = {}
    for name in names:
        value = lookup(frame, name)
        if value is not MISSING:
            try:
                text = repr(value)
            except Exception:
                text = "<unrepresentable>"
            out[name] = [type(value).__name__, text]
    return out

def settle(frame, f):
    line, nth = pending.pop(f, (None, None))
    if line in asked:
        states[line][nth] = snapshot(frame, asked[line])

def hook(frame, event, arg):
    if frame.f_code.co_filename != "<reval>":
        return None
    if len(seq) > LIMIT:
        return None
    f = fid(frame)
    if event in ("line", "return"):
        settle(frame, f)
    if event == "line":
        seq.append([frame.f_lineno, f, frame.f_code.co_name])
        if frame.f_lineno in asked:
            runs = states.setdefault(frame.f_lineno, [])
            runs.append(None)
            pending[f] = (frame.f_lineno, len(runs) - 1)
    return hook

namespace = {"__name__": "__main__"}
if job["script"] is None:
    exec(compile(job["code"], "<reval>", "exec"), namespace)
    args = eval(job["args"], namespace)
sys.settrace(hook)
try:
    if job["script"] is None:
        value = namespace[job["entry"]](*args)
    else:
        value = exec(compile(job["script"], "<reval>", "exec"), namespace)
    result = {"status": "ok", "output": repr(value)}
except BaseException as exc:
    result = {"status": "error", "output": type(exc).__name__ + ": " + str(exc)}
finally:
    sys.settrace(None)
result.update(seq=seq, states={str(k): v for k, v in states.items()}, truncated=len(seq) > LIMIT)
print(json.dumps(result))
'''


def reference(item: Item, python: str = sys.executable) -> dict:
    asked: dict[int, list[str]] = {}
    for line, var in item.queries:
        asked.setdefault(line, []).append(var)
    job = json.dumps({"code": item.code, "entry": item.entry, "args": item.args, "asked": asked,
                      "script": item.script})
    try:
        proc = subprocess.run([python, "-c", REFERENCE], input=job, capture_output=True, text=True,
                              timeout=60)
        return json.loads(proc.stdout)
    except (subprocess.TimeoutExpired, json.JSONDecodeError) as exc:
        return {"status": "crash", "output": str(exc)[:200], "seq": [], "states": {}, "truncated": True}


def their_answers(ref: dict, line: int, var: str, item: Item) -> dict:
    seq = ref["seq"]
    at = [i for i, (ln, _, _) in enumerate(seq) if ln == line]
    runs = ref["states"].get(str(line), [])
    resumed = _resumed(seq)
    return {
        "coverage": bool(at),
        "state": [_their_state(run, var) for run in runs],
        "path": [seq[i + 1][0] if i + 1 < len(seq) else None for i in at],
        "frames": sorted({seq[i][2] for i in at}),
        "next_frames": sorted({seq[i + 1][2] for i in at if i + 1 < len(seq)}),
        "next_resumes": any(i + 1 in resumed for i in at),
    }


def _resumed(seq: list) -> set[int]:
    """Indices of line events that repeat their frame's previous line right after another frame ran."""
    last: dict[int, int] = {}
    out: set[int] = set()
    for j, (line, frame, _) in enumerate(seq):
        if j and seq[j - 1][1] != frame and last.get(frame) == line:
            out.add(j)
        last[frame] = line
    return out


def _their_state(run, var: str):
    if run is None or var not in run:
        return None
    return tuple(run[var])


# ---------------------------------------------------------------- our answers

def our_run(item: Item, python: str = sys.executable) -> tuple[Trace, TraceFacts | None]:
    program_input = ProgramInput("call", item.call) if item.script is None else ProgramInput("stdin", "")
    result = trace(item.script or item.code, program_input, program_id=f"{item.task_id}/{item.input_idx}",
                   limits=LIMITS, python=python)
    try:
        return result, TraceFacts(result)
    except Exception:  # noqa: BLE001 - an unparsable program: every question disagrees
        return result, None


def our_answers(facts: TraceFacts | None, line: int, var: str) -> dict:
    runs = facts.executions.get(line, []) if facts else []
    return {
        "coverage": bool(runs),
        "state": [_our_state(read(var, facts.after[run.index])) for run in runs],
        "path": [facts.next_line_after(run)[0] for run in runs],
    }


UNREADABLE = "<not readable from the rendering>"
TRUNCATED = "<rendering truncated>"


class _Unbound(Exception):
    """The expression names something that does not exist at that point."""


class _Unreadable(Exception):
    """TracePile's rendering does not carry the value (opaque object, truncated text)."""


def read(expr: str, state: dict[str, str]) -> str | None:
    """`v`, `self.items` or `self.d[key]['x']` read back from a frame's rendered values (objects
    render as `Cls(attr=value, ...)`); None when unbound, a marker when the text cannot tell."""
    try:
        text = ast.unparse(_read_node(ast.parse(expr, mode="eval").body, state))
        return UNREADABLE if OPAQUE in text else text
    except _Unbound:
        return None
    except _Unreadable as exc:
        return str(exc)
    except Exception:  # noqa: BLE001 - any other shape of query is simply not readable
        return UNREADABLE


def _read_node(node: ast.expr, state: dict[str, str]) -> ast.expr:
    if isinstance(node, ast.Name):
        return _parsed(state.get(node.id))
    if isinstance(node, ast.Constant):
        return node
    if isinstance(node, ast.Tuple):
        return ast.Tuple(elts=[_read_node(e, state) for e in node.elts], ctx=ast.Load())
    if isinstance(node, ast.Attribute):
        return _field(_read_node(node.value, state), node.attr)
    if isinstance(node, ast.Subscript):
        return _item(_read_node(node.value, state), _index(node.slice, state))
    raise _Unreadable(UNREADABLE)


OPAQUE = "__opaque__"


def _parsed(text: str | None) -> ast.expr:
    """A rendered value as an expression tree; opaque parts (`<function f>`) become a marker name."""
    if text is None:
        raise _Unbound()
    if TRUNCATION in text:
        raise _Unreadable(TRUNCATED)
    for candidate in (text, re.sub(r"<[^<>]*>", OPAQUE, text)):
        try:
            node = ast.parse(candidate, mode="eval").body
        except SyntaxError:
            continue
        if isinstance(node, ast.Name) and node.id == OPAQUE:
            break
        return node
    raise _Unreadable(UNREADABLE)


def _index(node: ast.expr, state: dict[str, str]):
    """The value of a subscript's index: a name, a literal, or a pure expression over locals."""
    if isinstance(node, (ast.Name, ast.Constant, ast.Attribute, ast.Subscript, ast.Tuple)):
        return ast.literal_eval(_read_node(node, state))
    names = {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}
    scope = {name: ast.literal_eval(_read_node(ast.Name(name, ast.Load()), state)) for name in names}
    return compile_expr(node)(scope, {"__builtins__": {}})


def _field(node: ast.expr, attr: str) -> ast.expr:
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
        raise _Unreadable(UNREADABLE)
    if attr.startswith("__") and not attr.endswith("__"):
        attr = f"_{node.func.id.lstrip('_')}{attr}"  # name mangling, as the object stores it
    fields = {k.arg: k.value for k in node.keywords}
    if attr not in fields:
        raise _Unbound()
    return fields[attr]


def _item(node: ast.expr, key) -> ast.expr:
    if isinstance(node, ast.Dict):
        for k, v in zip(node.keys, node.values):
            if k is not None and ast.literal_eval(k) == key:
                return v
        raise _Unbound()
    if isinstance(node, (ast.List, ast.Tuple)) and isinstance(key, int):
        if -len(node.elts) <= key < len(node.elts):
            return node.elts[key]
        raise _Unbound()
    raise _Unreadable(UNREADABLE)


def _our_state(value: str | None):
    if value is None:
        return None
    return (type_name(value), value)


def our_output(result: Trace) -> str:
    outcome = result.outcome
    if outcome.exception is not None:
        return outcome.answer("call")
    return outcome.value if outcome.value is not None else f"<{outcome.status}: {outcome.reason}>"


# ---------------------------------------------------------------- comparison and reasons

def same_state(ours, theirs) -> bool:
    if ours is None or theirs is None:
        return ours is theirs
    (our_type, our_value), (their_type, their_value) = ours, theirs
    return (our_type or their_type) == their_type and same_value(our_value, their_value)


def agree(kind: str, ours, theirs) -> bool:
    if kind == "state":
        return len(ours) == len(theirs) and all(same_state(a, b) for a, b in zip(ours, theirs))
    if kind == "output":
        return same_value(ours, theirs) or same_value(ours, _evaluated(theirs))
    return ours == theirs


def _evaluated(text: str) -> str:
    """A dataset output written as an expression (`(3 + 5, 3 * 5)`), evaluated without any names
    by TracePile's side-effect-free evaluator; the text itself when that is refused."""
    try:
        return render(compile_expr(ast.parse(text, mode="eval").body)({}, {"__builtins__": {}}), 100_000)
    except Exception:  # noqa: BLE001 - not a closed pure expression
        return text


def reason(kind: str, ours, theirs, item: Item, line: int, facts: TraceFacts | None,
           result: Trace, extra: dict) -> str:
    """Why the two answers differ, in a few fixed categories."""
    why = _run_reason(result)
    if why or kind == "output":
        return why or "different output"
    starts = facts.info.lines if facts else {}
    why = _line_reason(kind, line, starts, extra) or _count_reason(kind, ours, theirs, line, starts, facts)
    if why:
        return why
    return _state_reason(ours, theirs) if kind == "state" else "other"


def _run_reason(result: Trace) -> str:
    if result.truncated or result.outcome.status not in ("ok", "error"):
        return f"our run did not finish ({result.outcome.status}: {result.outcome.reason})"
    if result.outcome.exception and result.outcome.exception[0] in ("ModuleNotFoundError", "ImportError"):
        return ("TracePile's sandbox runs without site-packages, so a third-party import fails "
                f"({result.outcome.exception[1]})")
    return ""


def _line_reason(kind: str, line: int, starts: dict, extra: dict) -> str:
    """Differences in what counts as one execution of the asked line."""
    if line not in starts:
        return CONTINUATION
    if set(extra["frames"]) <= UNTRACED_FUNCTIONS:
        return COMPREHENSION_ONLY
    if set(extra["frames"]) & UNTRACED_FUNCTIONS:
        return COMPREHENSION_TOO
    if kind == "path" and set(extra["next_frames"]) & UNTRACED_FUNCTIONS:
        return COMPREHENSION_NEXT
    info = starts[line]
    if info.kind in ("for", "while", "if", "elif") and line in info.body:
        return ONE_LINE_BODY
    if kind == "path" and extra["next_resumes"]:
        return RESUMED
    return ""


def _count_reason(kind: str, ours, theirs, line: int, starts: dict, facts: TraceFacts | None) -> str:
    if kind == "path" and any(n is not None and n not in starts for n in theirs):
        return CONTINUATION_NEXT
    if kind in ("state", "path") and len(ours) < len(theirs) and line in _comprehension_lines(facts):
        return INLINED
    if kind in ("state", "path") and len(ours) != len(theirs):
        return "different number of executions of the line"
    return ""


def _comprehension_lines(facts: TraceFacts) -> set[int]:
    """First lines of the statements that contain a comprehension or generator expression."""
    kinds = (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)
    lines = set()
    for node in ast.walk(ast.parse(facts.trace.code)):
        if isinstance(node, kinds):
            lines |= {facts.info.owner.get(n, n) for n in range(node.lineno, node.end_lineno + 1)}
    return lines


def _state_reason(ours, theirs) -> str:
    for a, b in zip(ours, theirs):
        if same_state(a, b):
            continue
        if a is None or b is None:
            return "variable bound on one side only"
        if a[1] == UNREADABLE:
            return "not readable from TracePile's rendering of the object"
        if TRUNCATION in a[1] or a[1] == TRUNCATED:
            return "value longer than TracePile's render limit (shown truncated)"
        if a[0] is None:
            return "TracePile's rendering is not a literal, so its type cannot be read back"
        if a[0] != b[0]:
            return "different type"
        return "different value"
    return "other"


# ---------------------------------------------------------------- one item

@dataclass
class Outcome:
    """Per item: one verdict per question, disagreements, and rationale checks (with --verify)."""

    style: str = "function"
    verdicts: list[tuple[str, bool]] = field(default_factory=list)
    disagreements: list[dict] = field(default_factory=list)
    rationales: Counter = field(default_factory=Counter)


def run_item(item: Item, verify: bool, python: str) -> Outcome:
    """Never raises: a failure of the benchmark itself shows as a disagreement with its reason."""
    try:
        return _run_item(item, verify, python)
    except Exception as exc:  # noqa: BLE001
        out = Outcome(style="function" if item.script is None else "class")
        out.verdicts.append(("coverage", False))
        out.disagreements.append({"type": "coverage", "style": out.style, "task_id": item.task_id,
                                  "input_idx": item.input_idx, "call": item.call[:120], "line": 0,
                                  "var": "", "theirs": "", "ours": "",
                                  "why": f"benchmark error: {type(exc).__name__}: {exc}"})
        return out


def _run_item(item: Item, verify: bool, python: str) -> Outcome:
    out = Outcome(style="function" if item.script is None else "class")
    ref = reference(item, python)
    result, facts = our_run(item, python)
    if item.output is not None:
        _judge(out, "output", our_output(result), item.output, item, 0, "", facts, result, {})
    for line, var in item.queries:
        theirs = their_answers(ref, line, var, item)
        ours = our_answers(facts, line, var)
        for kind in ("coverage", "state", "path"):
            _judge(out, kind, ours[kind], theirs[kind], item, line, var, facts, result, theirs)
        if verify and facts is not None and ours["coverage"]:
            _check_rationales(out, facts, line, var)
    return out


def _judge(out: Outcome, kind: str, ours, theirs, item: Item, line: int, var: str,
           facts: TraceFacts | None, result: Trace, extra: dict) -> None:
    ok = agree(kind, ours, theirs)
    out.verdicts.append((kind, ok))
    if not ok:
        out.disagreements.append({
            "type": kind, "style": "function" if item.script is None else "class",
            "task_id": item.task_id, "input_idx": item.input_idx, "call": item.call[:120],
            "line": line, "var": var, "theirs": _short(theirs), "ours": _short(ours),
            "why": reason(kind, ours, theirs, item, line, facts, result, extra)})


def _check_rationales(out: Outcome, facts: TraceFacts, line: int, var: str) -> None:
    """Our own question for the query's first execution: does its partial CoE verify?"""
    first = facts.executions[line][0]
    questions = [next_line_question(facts, first), state_question(facts, first, var, QuestionConfig())]
    for question in filter(None, questions):
        text, _ = rationale(facts.trace, question, seed=0)
        passed = verify_rationale(text, facts.trace, question).passed
        out.rationales[(question.kind, passed)] += 1


def _short(value, limit: int = 160) -> str:
    text = json.dumps(value) if not isinstance(value, str) else value
    return text if len(text) <= limit else text[:limit] + "…"


# ---------------------------------------------------------------- report

def report(outcomes: list[Outcome], skipped: int, show: int) -> dict:
    """Print the agreement tables, the reasons, examples and rationale checks; return it all."""
    totals, agreed, rationales = Counter(), Counter(), Counter()
    disagreements = []
    for outcome in outcomes:
        for kind, ok in outcome.verdicts:
            totals[(outcome.style, kind)] += 1
            agreed[(outcome.style, kind)] += ok
        disagreements += outcome.disagreements
        rationales.update(outcome.rationales)
    print(f"REval task instances: {len(outcomes)} (class-style skipped: {skipped})")
    table = _print_tables(totals, agreed, disagreements)
    reasons = Counter((d["style"], d["type"], d["why"]) for d in disagreements)
    if reasons:
        print("\nDisagreements by reason:")
        for (style, kind, why), n in sorted(reasons.items(), key=lambda kv: (kv[0][:2], -kv[1])):
            print(f"  {style:<8} {kind:<9} {n:>5}  {why}")
    _show_examples(disagreements, show)
    _print_rationales(rationales)
    return {"instances": len(outcomes), "skipped_class_style": skipped, "agreement": table,
            "reasons": [{"style": s, "type": k, "why": w, "count": n} for (s, k, w), n in reasons.items()],
            "rationales": {f"{k}:{'ok' if p else 'failed'}": n for (k, p), n in rationales.items()},
            "disagreements": disagreements}


def _print_tables(totals: Counter, agreed: Counter, disagreements: list[dict]) -> dict:
    granular = Counter((d["style"], d["type"]) for d in disagreements if d["why"] in GRANULARITY)
    table = {}
    for style in ("function", "class"):
        keys = [(style, kind) for kind in TYPES if totals[(style, kind)]]
        if keys:
            print(f"\n{style}-style programs\n{'question':<10} {'agree':>7} {'total':>7} {'rate':>8}   "
                  f"rate with line-granularity differences set aside")
        for key in keys:
            kept = totals[key] - granular[key]
            adjusted = agreed[key] / kept if kept else 0.0
            print(f"{key[1]:<10} {agreed[key]:>7} {totals[key]:>7} {agreed[key] / totals[key]:>8.2%}   "
                  f"{adjusted:>8.2%} of {kept}")
            table[f"{style}/{key[1]}"] = {"agree": agreed[key], "total": totals[key],
                                          "granularity": granular[key]}
    return table


def _print_rationales(rationales: Counter) -> None:
    if not rationales:
        return
    print("\nOur rationales for the queried lines (first execution), verified / asked:")
    for kind in ("state", "next_line"):
        done = rationales[(kind, True)] + rationales[(kind, False)]
        print(f"  {kind:<10} {rationales[(kind, True)]}/{done}")


def _show_examples(disagreements: list[dict], show: int) -> None:
    if not disagreements or show <= 0:
        return
    print(f"\nExamples (up to {show} per reason):")
    shown: Counter = Counter()
    for d in disagreements:
        key = (d["style"], d["type"], d["why"])
        if shown[key] >= show:
            continue
        shown[key] += 1
        where = f"line {d['line']} `{d['var']}`" if d["type"] != "output" else "output"
        print(f"  [{d['type']}] {d['task_id']}#{d['input_idx']} {where}: theirs {d['theirs']} | "
              f"ours {d['ours']}  ({d['why']})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, epilog=ABOUT,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=0, help="first N task instances only")
    parser.add_argument("--workers", type=int, default=8)
    parser.add_argument("--python", default=sys.executable, help="interpreter for both runs")
    parser.add_argument("--verify", action="store_true", help="also verify our rationales")
    parser.add_argument("--class-style", action="store_true",
                        help="also run the class-style programs (driven by their unittest snippets)")
    parser.add_argument("--json", type=Path, help="write the full report here")
    parser.add_argument("--show", type=int, default=3, help="examples per disagreement reason")
    args = parser.parse_args(argv)
    if not (args.data / "DREval_tasks.jsonl").exists():
        print(f"REval data not found at {args.data}: skipped (set --data or TRACEPILE_SHARED)")
        return 0
    items, skipped = load(args.data, args.class_style)
    items = items[:args.limit] if args.limit else items
    with ThreadPoolExecutor(max_workers=args.workers) as pool:
        outcomes = list(pool.map(lambda item: run_item(item, args.verify, args.python), items))
    full = report(outcomes, skipped, args.show)
    if args.json:
        args.json.write_text(json.dumps(full, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
