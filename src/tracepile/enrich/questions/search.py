"""Input prediction by search: a few inputs near the recorded one whose runs give another result, each
narrated up to its decisive step, so that the recorded input is reached by elimination, then run forward."""

from __future__ import annotations

from dataclasses import dataclass, replace
from itertools import zip_longest

from tracepile.enrich.questions.check import Rerun, same_result
from tracepile.enrich.questions.records import Question
from tracepile.enrich.questions.steps import may_skip
from tracepile.model import CallEvent, LineEvent, OutputEvent, ProgramInput, RecordError, Trace, parse_call
from tracepile.narration.prompt import fence
from tracepile.narration.text import code
from tracepile.tracer.analysis import analyze
from tracepile.values import Unparsable, parse_value
from tracepile.verification.reasoning import state_at

BUDGET = 8  # candidate inputs run per question at most
MAX_TRIED = 2  # wrong candidates narrated
MAX_SHOWN = 120  # longest result a section states
MAX_OPERAND = 60  # longest condition or operand value a decisive step states
MAX_NAMES = 5  # most operands a step states; one reading more is stated without any (none cut off)
BRANCHES = ("if", "elif", "while")
NO_DERIVATION = f"input not derivable: no nearby input with another result within {BUDGET} runs"


@dataclass(frozen=True)
class Tried:
    """A candidate input and its run (whose result is not the wanted one)."""

    program_input: ProgramInput
    trace: Trace


def derive(question: Question, trace: Trace, rerun: Rerun) -> Question | None:
    """`question` with the wrong candidates' sections after its backward lead; None when no nearby input
    gives another result within the budget (the kind is then not asked: a guess is no derivation)."""
    tried = search(trace, rerun)
    if not tried:
        return None
    paragraphs = [section(t, trace, k, nxt) for k, (t, nxt) in
                  enumerate(zip(tried, [t.program_input for t in tried[1:]] + [trace.input]))]
    params = {**question.params, "tried": [t.program_input.text for t in tried],
              "accepts": "any input whose run gives the same result"}
    return replace(question, lead="\n\n".join([question.lead, *paragraphs]), params=params)


def search(trace: Trace, rerun: Rerun) -> list[Tried]:
    """Up to MAX_TRIED nearby inputs whose runs end normally with another result, a smaller result first
    and then a larger one when results are numbers (the search narrows towards the wanted one)."""
    if trace.outcome.exception is not None or _shown(trace) is None:
        return []  # a wanted exception or a long result: no section form states them
    found: list[Tried] = []
    for program_input in variants(trace.input)[:BUDGET]:
        try:
            again = rerun(trace.code, program_input)
        except Exception:  # noqa: BLE001 - a candidate that cannot run is simply not tried
            continue
        if _usable(again, trace):
            found.append(Tried(program_input, again))
    lower = [t for t in found if compare_results(t.trace, trace) == -1]
    higher = [t for t in found if compare_results(t.trace, trace) == 1]
    if lower or higher:
        return lower[:1] + higher[:1]
    return found[:MAX_TRIED]


def variants(program_input: ProgramInput) -> list[ProgramInput]:
    """Inputs one small change away from `program_input`: one literal argument varied (a number moved, halved
    or doubled, a list or text one item shorter) or one stdin number moved by one."""
    if program_input.kind == "stdin":
        return [ProgramInput("stdin", text) for text in _stdin_variants(program_input.text)]
    try:
        call = parse_call(program_input.text)
    except RecordError:
        return []
    values = list(call.args) + list(call.kwargs.values())
    if call.callee is not None or not call.func or not values or not all(_literal(v) for v in values):
        return []
    per_value = []
    for position, value in enumerate(values):
        texts = []
        for changed in _nearby(value):
            args = values[:position] + [changed] + values[position + 1:]
            texts.append(_call_text(".".join(call.func), args[:len(call.args)],
                                    dict(zip(call.kwargs, args[len(call.args):]))))
        per_value.append([t for t in texts if "`" not in t and t != program_input.text.strip()])
    return [ProgramInput("call", text) for text in _round_robin(per_value)]


def _literal(value) -> bool:
    return isinstance(value, (bool, int, float, str, list, tuple, dict, set, type(None)))


def _nearby(value) -> list:
    if isinstance(value, bool):
        return [not value]
    if isinstance(value, int):
        return [v for v in dict.fromkeys((value - 1, value + 1, value // 2, value * 2)) if v != value]
    if isinstance(value, float):
        return [value - 1.0, value + 1.0]
    if isinstance(value, str) and value:
        return [value[:-1], value[1:]]
    if isinstance(value, (list, tuple)) and value:
        order = [len(value) - 1, 0, *range(1, len(value) - 1)]
        return [value[:i] + value[i + 1:] for i in dict.fromkeys(order)][:BUDGET]
    return []


def _call_text(name: str, args: list, kwargs: dict) -> str:
    parts = [repr(a) for a in args] + [f"{k}={v!r}" for k, v in kwargs.items()]
    return f"{name}({', '.join(parts)})"


def _stdin_variants(text: str) -> list[str]:
    """`text` with one whole-number token moved by one (never one that a blank line would split)."""
    if "\n\n" in text or "`" in text:
        return []
    lines, per_token = text.split("\n"), []
    for row, line in enumerate(lines):
        tokens = line.split(" ")
        for column, token in enumerate(tokens):
            if token.lstrip("-").isdigit():
                per_token.append(["\n".join(lines[:row] + [" ".join(tokens[:column] + [str(changed)]
                                                                     + tokens[column + 1:])] + lines[row + 1:])
                                  for changed in (int(token) - 1, int(token) + 1)])
    return _round_robin(per_token)


def _round_robin(groups: list[list]) -> list:
    """The first item of each group, then the second of each, ...: the budget reaches every value."""
    return [item for items in zip_longest(*groups) for item in items if item is not None]


def _usable(again: Trace, wanted: Trace) -> bool:
    outcome = again.outcome
    if outcome.status != "ok" or outcome.exception is not None or same_result(again, wanted):
        return False
    return _shown(again) is not None and _shown(again) != _shown(wanted)


def _shown(trace: Trace) -> str | None:
    """The result a section states: the returned value, or the last printed line (short ones only)."""
    if trace.input.kind == "stdin":
        lines = [line for line in trace.outcome.stdout.split("\n") if line.strip()]
        value = lines[-1] if lines else None
    else:
        value = trace.outcome.value
    return value if value is not None and len(value) <= MAX_SHOWN and "`" not in value else None


def _number(text: str | None):
    try:
        value = parse_value(text) if text is not None else None
    except Unparsable:
        return None
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def compare_results(tried: Trace, wanted: Trace) -> int | None:
    """-1, 0 or 1 as the candidate's stated result is below, at or above the wanted one; None unless numbers."""
    a, b = _number(_shown(tried)), _number(_shown(wanted))
    return None if a is None or b is None else (a > b) - (a < b)


def departure(tried: Trace, wanted: Trace) -> tuple[int, int, int] | None:
    """The first step at which the two runs go different ways: (its event index in `tried`, which run of its
    line it is, the line the wanted run goes to from there); None if they part otherwise or not at all."""
    a = [(i, e) for i, e in enumerate(tried.events) if isinstance(e, LineEvent)]
    b = [e for e in wanted.events if isinstance(e, LineEvent)]
    for n, ((index, x), y) in enumerate(zip(a, b)):
        if x.line != y.line:
            return None
        if x.next_line != y.next_line:
            if x.next_line is None or y.next_line is None:
                return None
            return index, sum(1 for _, e in a[:n + 1] if e.line == x.line), y.next_line
    return None


def section(tried: Tried, wanted: Trace, k: int, following: ProgramInput) -> str:
    """One wrong candidate's paragraph: the input, its decisive step, its result against the wanted one,
    and (numbers) which way the next try moves."""
    if tried.program_input.kind == "call":
        opening = f"{'Try' if k == 0 else 'Next, try'} {code(tried.program_input.text)}{' first' if k == 0 else ''}."
        result = "call returns"
    else:
        opening = (f"{'Try' if k == 0 else 'Next, try'} this standard input{' first' if k == 0 else ''}:\n"
                   + fence(tried.program_input.text.rstrip("\n")) + "\n")
        result = "input prints"
    sentences = [decisive(tried.trace, wanted), _worked_from(tried.trace)]
    got, want = _shown(tried.trace), _shown(wanted)
    sentences.append(f"So this {result} {code(got)}{' last' if result == 'input prints' else ''}, not {code(want)}.")
    sentences.append(_towards(tried, wanted, following))
    body = " ".join(s for s in sentences if s)
    return opening + ("" if opening.endswith("\n") else " ") + body


def decisive(tried: Trace, wanted: Trace) -> str:
    """Where the candidate's run leaves the way the wanted run goes, with the condition that sends it."""
    found = departure(tried, wanted)
    if found is None:
        return ""
    index, k, other = found
    event = tried.events[index]
    info = analyze(tried.code).lines.get(event.line)
    if info is not None and info.kind == "for":
        way = "goes on" if event.next_line in info.body else "ends"
        return (f"At run {k} of line {event.line}, the `for` loop {way}, so line {event.next_line} runs next "
                f"instead of line {other}.")
    if info is None or info.kind not in BRANCHES or not info.test or len(info.test) > MAX_OPERAND:
        return f"After run {k} of line {event.line}, line {event.next_line} runs next instead of line {other}."
    truth = event.next_line in info.body
    return (f"At check {k} of line {event.line}, {code(info.test)} is {truth}{_operands(tried, index, info)}, "
            f"so line {event.next_line} runs next instead of line {other}.")


def _worked_from(trace: Trace) -> str:
    """The values the step that gives the candidate's result reads (where Python evaluates its whole line)."""
    index = _last_step(trace)
    if index is None:
        return ""
    event = trace.events[index]
    info = analyze(trace.code).lines.get(event.line)
    if info is None or may_skip(info.source) or (trace.input.kind == "call" and info.kind != "return"):
        return ""
    operands = _operands(trace, index, info)
    return f"In the end, line {event.line} works from {operands[len(' with '):]}." if operands else ""


def _last_step(trace: Trace) -> int | None:
    """The line event that gives the result: the called function's last line, or the line printing last."""
    events = trace.events
    if trace.input.kind == "stdin":
        printed = [i for i, e in enumerate(events) if isinstance(e, OutputEvent) and e.text.strip()]
        lines = [i for i, e in enumerate(events[:printed[-1]]) if isinstance(e, LineEvent)] if printed else []
    else:
        top = next((e.frame for e in events if isinstance(e, CallEvent)), None)
        lines = [i for i, e in enumerate(events) if isinstance(e, LineEvent) and e.frame == top]
    return lines[-1] if lines else None


def _operands(trace: Trace, index: int, info) -> str:
    """` with `a = 1` and `b = 2`` for the names the line at event `index` reads, as they are before it."""
    event = trace.events[index]
    before = state_at(trace.events, event.frame, index - 1)
    names = [n for n in dict.fromkeys(info.reads) if n in before and len(before[n]) <= MAX_OPERAND
             and "`" not in before[n]]
    if len(names) > MAX_NAMES:
        return ""
    spans = [code(f"{n} = {before[n]}") for n in names]
    if not spans:
        return ""
    return " with " + (spans[0] if len(spans) == 1 else ", ".join(spans[:-1]) + " and " + spans[-1])


def _towards(tried: Tried, wanted: Trace, following: ProgramInput) -> str:
    """`9` is less than `16`, so the next try sets argument 1 to `5`, up from `4` (when it does)."""
    order = compare_results(tried.trace, wanted)
    if order is None:
        return ""
    compared = f"{code(_shown(tried.trace))} is {'less' if order < 0 else 'more'} than {code(_shown(wanted))}"
    moved = moved_argument(tried.program_input, following)
    if moved is None:
        return compared + "."
    position, old, new = moved
    if (new > old) != (order < 0):
        return compared + "."
    return (f"{compared}, so the next try sets argument {position} to {code(repr(new))}, "
            f"{'up' if new > old else 'down'} from {code(repr(old))}.")


def moved_argument(first: ProgramInput, second: ProgramInput) -> tuple[int, float, float] | None:
    """(1-based position, old, new) when two calls differ in exactly one positional number argument."""
    if first.kind != "call" or second.kind != "call":
        return None
    try:
        a, b = parse_call(first.text), parse_call(second.text)
    except RecordError:
        return None
    if a.func != b.func or a.kwargs != b.kwargs or len(a.args) != len(b.args):
        return None
    differ = [i for i, (x, y) in enumerate(zip(a.args, b.args)) if x != y or type(x) is not type(y)]
    if len(differ) != 1:
        return None
    old, new = a.args[differ[0]], b.args[differ[0]]
    numbers = all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in (old, new))
    return (differ[0] + 1, old, new) if numbers else None
