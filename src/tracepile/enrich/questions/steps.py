"""Question steps: the sentence that works a question's answer out from the narrated run (lists the
occurrences and counts them, compares the candidates, names the k-th event), one writer per kind."""

from __future__ import annotations

import ast
from typing import Callable

from tracepile.enrich.questions.facts import Execution, TraceFacts, type_name
from tracepile.enrich.questions.records import Question
from tracepile.enrich.questions.wording import parse_branch, parse_line
from tracepile.model import CallEvent, ExceptionEvent, OutputEvent
from tracepile.narration.text import code

MAX_LISTED = 30  # most occurrences or values a step lists; a question needing more is not asked
MAX_SHOWN = 60  # longest value a step lists


def answer_step(facts: TraceFacts, question: Question) -> str | None:
    """The step sentence for `question`, or None when its answer cannot be worked out in a short list."""
    write = WRITERS.get(question.kind)
    return write(facts, question) if write else None


def listed(items: list[str]) -> str:
    """`a`, `a and b`, `a, b and c`."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def times(count: int) -> str:
    return f"{count} time" if count == 1 else f"{count} times"


# ---------------------------------------------------------------- counting

def line_count_step(facts: TraceFacts, q: Question) -> str | None:
    line = q.params["line"]
    runs = facts.executions.get(line, [])
    if not runs or len(runs) > MAX_LISTED:
        return None
    loop = innermost_loop(facts, line)
    if loop is not None:
        places = [iteration_of(facts, run, loop) for run in runs]
        if None not in places and len({p[:2] for p in places}) == 1:
            numbers = listed([str(p[2]) for p in places])
            return (f"Counting them, line {line} ran in iterations {numbers} of the loop at line {loop}, "
                    f"so it ran {times(len(runs))}.")
        return None
    func = facts.func.get(runs[0].frame)
    calls = [c.frame for c in facts.calls.get(func, [])]
    if func is None or func == "<module>" or any(run.frame not in calls for run in runs) or \
            len({run.frame for run in runs}) < len(runs):
        return None
    numbers = listed([str(calls.index(run.frame) + 1) for run in runs])
    return f"Counting them, line {line} ran in calls {numbers} of {code(func)}, so it ran {times(len(runs))}."


def innermost_loop(facts: TraceFacts, line: int) -> int | None:
    """The header line of the innermost `for`/`while` whose body holds `line` (same function)."""
    loops = [info for info in facts.info.lines.values()
             if info.kind in ("for", "while") and line in info.body
             and facts.owner_def.get(info.line, 0) == facts.owner_def.get(line, 0)]
    return min(loops, key=lambda info: len(info.body)).line if loops else None


def iteration_of(facts: TraceFacts, run: Execution, loop: int) -> tuple[int, int, int] | None:
    """(frame, activation, iteration) of the loop at `loop` in which this execution happens."""
    best = None
    for (line, activation), loop_run in facts.loops.items():
        if line != loop or loop_run.frame != run.frame:
            continue
        for iteration, start in enumerate(loop_run.starts, 1):
            if start < run.index <= loop_run.end and (best is None or start > best[0]):
                best = (start, activation, iteration)
    return (run.frame, best[1], best[2]) if best else None


def call_count_step(facts: TraceFacts, q: Question) -> str | None:
    func = q.params["func"]
    calls = [dict(facts.events[c.index].args) for c in facts.calls.get(func, [])]
    name = telling_argument(calls)
    if name is None or len(calls) > MAX_LISTED:
        return None
    entries = listed([code(f"{name} = {args[name]}") for args in calls])
    return f"Counting them, {code(func)} was entered with {entries}, so it was called {times(len(calls))}."


def telling_argument(calls: list[dict[str, str]]) -> str | None:
    """The argument that tells the calls apart best (most distinct short values; `self` last)."""
    names = [n for n in (calls[0] if calls else {}) if all(n in c and len(c[n]) <= MAX_SHOWN for c in calls)]
    if not names:
        return None
    return max(names, key=lambda n: (n != "self", len({c[n] for c in calls}), -names.index(n)))


def loop_iterations_step(facts: TraceFacts, q: Question) -> str | None:
    return f"So this run of the loop at line {q.params['line']} had {q.answer} iteration{'s' * (q.answer != '1')}."


def max_depth_step(facts: TraceFacts, q: Question) -> str | None:
    depth = int(q.answer)
    func = next(c.func for calls in facts.calls.values() for c in calls if c.depth == depth)
    return f"The deepest call of this run is {code(func)} at depth {depth}."


# ---------------------------------------------------------------- extremes

def max_value_step(facts: TraceFacts, q: Question) -> str | None:
    func, name = q.params["func"], q.params["var"]
    values = list(dict.fromkeys(v for _, v in facts.frame_values(func, name)))
    if len(values) > MAX_LISTED:
        return None
    where = "at the top level of the script" if func == "<module>" else f"in {code(func)}"
    return (f"Over the run, {code(name)} took the values {listed([code(v) for v in values])} {where}, "
            f"and the largest of them is {code(q.answer)}.")


def first_iteration_step(facts: TraceFacts, q: Question) -> str | None:
    run = facts.loops[(q.params["line"], q.params["activation"])]
    m, name = int(q.answer), q.params["var"]
    if m > MAX_LISTED:
        return None
    ends = [start - 1 for start in run.starts[1:m]] + [q.stop]
    values = [facts.state_at(run.frame, end).get(name) for end in ends]
    condition = f"{name} {q.params['op']} {q.params['threshold']}"
    return (f"At the end of iterations 1 to {m} of the loop at line {run.line}, {code(name)} was "
            f"{listed([code(v) for v in values])}, so iteration {m} is the first after which "
            f"{code(condition)} holds.")


# ---------------------------------------------------------------- one event

def exception_step(facts: TraceFacts, q: Question) -> str | None:
    first = next((e for e in facts.events if isinstance(e, ExceptionEvent) and not e.unwound), None)
    if first is None:
        return "The run is over, and no exception was raised during it."
    text = f"{first.type}: {first.message}" if first.message else first.type
    return f"So the first exception of this run is {code(text)}, raised at line {first.line}."


def call_return_step(facts: TraceFacts, q: Question) -> str | None:
    return (f"This was call {q.params['k']} of {code(q.params['func'])}, counting calls in the order they "
            f"start, and it returned {code(q.answer)}.")


def state_step(facts: TraceFacts, q: Question) -> str | None:
    value = facts.value_after(facts.executions[q.params["line"]][q.params["k"] - 1], q.params["var"])
    return (f"That was run {q.params['k']} of line {q.params['line']}, and after it {code(q.params['var'])} "
            f"holds {code(value)}, of type {code(type_name(value))}.")


def next_line_step(facts: TraceFacts, q: Question) -> str | None:
    k, line, nxt = q.params["k"], q.params["line"], parse_line(q.answer)
    if nxt is None:
        return f"So after run {k} of line {line}, no other line runs."
    return f"So right after run {k} of line {line}, line {nxt} is the next line to run."


def line_executed_step(facts: TraceFacts, q: Question) -> str | None:
    line = q.params["line"]
    if q.answer == "no":
        return f"The run is over, and line {line} never ran."
    return f"So line {line} does run, and this is its first run."


def branch_step(facts: TraceFacts, q: Question) -> str | None:
    taken, nxt = parse_branch(q.answer)
    then = "the call ends" if nxt is None else f"line {nxt} runs next"
    return f"That was check {q.params['k']} of line {q.params['line']}: the condition is {taken}, so {then}."


# ---------------------------------------------------------------- input prediction, backwards

def backward_lead(facts: TraceFacts) -> str | None:
    """What the run has to reach and the step at its end that gives it, with the values that step reads."""
    trace, events = facts.trace, facts.events
    if trace.outcome.exception is not None:
        raised = [e for e in events if isinstance(e, ExceptionEvent) and not e.unwound]
        if trace.input.kind != "call" or not raised:
            return None
        last = raised[-1]
        text = f"{last.type}: {last.message}" if last.message else last.type
        return f"Working backwards, the call has to raise {code(text)}, which line {last.line} raises."
    if trace.input.kind == "call":
        frame = next((e.frame for e in events if isinstance(e, CallEvent)), None)
        top = [run for run in facts.ordered if run.frame == frame]
        if not top or facts.info.lines[top[-1].line].kind != "return" or trace.outcome.value is None:
            return None
        run = top[-1]
        lead = (f"Working backwards, the result to reach is {code(trace.outcome.value)}, and the `return` at "
                f"line {run.line} produces it.")
    else:
        printed = [i for i, e in enumerate(events) if isinstance(e, OutputEvent) and e.text.strip()]
        text = events[printed[-1]].text.rstrip("\n") if printed else ""
        if not text or "\n" in text or len(text) > MAX_SHOWN:
            return None
        run = next(r for r in reversed(facts.ordered) if r.index < printed[-1])
        lead = f"Working backwards, the output to reach ends with {code(text)}, which line {run.line} prints."
    needs = reads_before(facts, run)
    return lead + (f" That step of line {run.line} works from {listed(needs)}." if needs else "")


def reads_before(facts: TraceFacts, run: Execution) -> list[str]:
    """`name = value` for the names the step reads, as they are just before it runs (short values only);
    none where Python may skip part of the line (`and`/`or`, `x if c else y`, comprehensions, lambdas)."""
    info = facts.info.lines[run.line]
    if may_skip(info.source):
        return []
    before = facts.state_at(run.frame, run.index - 1)
    names = [n for n in info.reads if n in before and len(before[n]) <= MAX_SHOWN]
    return [code(f"{n} = {before[n]}") for n in dict.fromkeys(names)]


def may_skip(source: str) -> bool:
    try:
        tree = ast.parse(source.strip())
    except SyntaxError:
        return True
    return any(isinstance(node, SKIPPING) for node in ast.walk(tree))


SKIPPING = (ast.BoolOp, ast.IfExp, ast.comprehension, ast.Lambda)


def input_step(facts: TraceFacts) -> str:
    """The forward run's end compared with the result to reach."""
    outcome = facts.trace.outcome
    if facts.trace.input.kind == "stdin":
        last = outcome.stdout.rstrip("\n").rsplit("\n", 1)[-1]
        return f"The run ends with {code(last)}, the result to reach, so this input works."
    return f"The run gives {code(outcome.answer('call'))}, the result to reach, so this input works."


WRITERS: dict[str, Callable[[TraceFacts, Question], str | None]] = {
    "line_count": line_count_step, "call_count": call_count_step, "loop_iterations": loop_iterations_step,
    "max_depth": max_depth_step, "max_value": max_value_step, "first_iteration": first_iteration_step,
    "exception": exception_step, "call_return": call_return_step, "state": state_step,
    "next_line": next_line_step, "line_executed": line_executed_step, "branch": branch_step,
}
