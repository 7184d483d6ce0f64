"""Loop questions: how many iterations a loop activation runs, and the first iteration after
which a condition on a numeric variable holds (a new maximum or minimum is reached)."""

from __future__ import annotations

from tracepile.enrich.questions.facts import LoopRun, TraceFacts, is_number, literal
from tracepile.enrich.questions.records import Question, QuestionConfig
from tracepile.enrich.questions.wording import ordinal


def loop_iterations_questions(facts: TraceFacts, config: QuestionConfig) -> list[Question]:
    """Every loop activation that entered its body at least once."""
    activations = _activations_per_line(facts)
    out: list[Question] = []
    for (line, activation), run in sorted(facts.loops.items()):
        if not run.starts:
            continue
        text = (f"How many iterations does the loop at line {line} run"
                f"{_which(activation, activations[line])}?")
        out.append(Question("loop_iterations", text, str(len(run.starts)), stop=run.end,
                            params={"line": line, "activation": activation}, group=str(line),
                            full=False, hint="a whole number, for example `4`."))
    return out


def _activations_per_line(facts: TraceFacts) -> dict[int, int]:
    counts: dict[int, int] = {}
    for line, activation in facts.loops:
        counts[line] = max(counts.get(line, 0), activation)
    return counts


def _which(activation: int, total: int) -> str:
    return f" the {ordinal(activation)} time it is started" if total > 1 else ""


# ---------------------------------------------------------------- firsts

def first_iteration_questions(facts: TraceFacts, config: QuestionConfig) -> list[Question]:
    """For loops of 3+ iterations: the first iteration that pushes a variable past its earlier range."""
    activations = _activations_per_line(facts)
    out: list[Question] = []
    for run in facts.loops.values():
        if len(run.starts) < 3:
            continue
        ends = _iteration_ends(run)
        for name in _names_changed_in(facts, run):
            out += _first_questions(facts, run, name, ends, activations[run.line], config)
    return out


def _iteration_ends(run: LoopRun) -> list[int]:
    """Index of the last event of each iteration that is followed by another header check."""
    nexts = run.starts[1:] + ([run.exit] if run.exit is not None else [])
    return [index - 1 for index in nexts]


def _names_changed_in(facts: TraceFacts, run: LoopRun) -> list[str]:
    """Names the loop body changes, the loop's own target excluded (its values are the items)."""
    target = set(facts.info.lines[run.line].assigns)
    names: dict[str, None] = {}
    for index in range(run.starts[0], run.end + 1):
        event = facts.events[index]
        if getattr(event, "frame", None) == run.frame and hasattr(event, "changes"):
            for name, _ in event.changes:
                names.setdefault(name, None)
    return [name for name in names if name not in target]


def _first_questions(facts: TraceFacts, run: LoopRun, name: str, ends: list[int], total: int,
                     config: QuestionConfig) -> list[Question]:
    rendered = [facts.state_at(run.frame, end).get(name) for end in ends]
    parsed = [literal(text, config.max_value_chars) for text in rendered]
    if any(p is None or not is_number(p[0]) for p in parsed):
        return []
    values = [p[0] for p in parsed]
    out = []
    for m in range(2, len(values) + 1):
        before = values[:m - 1]
        for op, beats, bound in ((">", values[m - 1] > max(before), max(before)),
                                 ("<", values[m - 1] < min(before), min(before))):
            if beats:
                threshold = rendered[values.index(bound)]
                out.append(_first_question(run, name, op, threshold, m, ends[m - 1], total))
    return out


def _first_question(run: LoopRun, name: str, op: str, threshold: str, m: int, stop: int,
                    total: int) -> Question:
    condition = f"{name} {op} {threshold}"
    text = (f"Look at `{name}` at the end of each iteration of the loop at line {run.line}"
            f"{_which(run.activation, total)}. After which iteration is `{condition}` true for the "
            f"first time? Count iterations from 1.")
    return Question("first_iteration", text, str(m), stop=stop,
                    params={"line": run.line, "activation": run.activation, "var": name, "op": op,
                            "threshold": threshold},
                    group=f"{run.line}:{run.activation}:{name}", full=False,
                    hint="the iteration number, for example `3`.")
