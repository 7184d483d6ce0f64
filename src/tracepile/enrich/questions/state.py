"""State questions: the value and type of a variable after a line's k-th execution, and the
largest value a numeric variable takes. Candidates only; the sampler chooses among them."""

from __future__ import annotations

from tracepile.enrich.questions.facts import (DELETED, Execution, TraceFacts, is_number, literal,
                                              type_name)
from tracepile.enrich.questions.records import Question, QuestionConfig
from tracepile.enrich.questions.wording import state_answer, times

STATE_HINT = "`VALUE (TYPE)`, for example `[1, 2] (list)` or `'ab' (str)`."
SKIP_KINDS = ("def", "class", "import", "global")


def state_questions(facts: TraceFacts, config: QuestionConfig) -> list[Question]:
    """One candidate per (execution, variable it changes) worth asking about. Preferred, in
    order: lines that run several times, then loop headers (their target), then lines run once."""
    varying = _varying_names(facts)
    tiers: tuple[list[Question], ...] = ([], [], [])
    for run in facts.ordered:
        if _skip_line(facts, run.line):
            continue
        for name, _ in facts.events[run.index].changes:
            if (facts.func.get(run.frame), name) not in varying:
                continue
            question = state_question(facts, run, name, config)
            if question is not None:
                tiers[_tier(facts, run)].append(question)
    return next((tier for tier in tiers if tier), [])


def _tier(facts: TraceFacts, run: Execution) -> int:
    if facts.count(run.line) == 1:
        return 2
    return 1 if facts.info.lines[run.line].kind == "for" else 0


def _skip_line(facts: TraceFacts, line: int) -> bool:
    info = facts.info.lines.get(line)
    return info is None or info.kind in SKIP_KINDS or facts.constant_line(line)


def _varying_names(facts: TraceFacts) -> set[tuple[str | None, str]]:
    """(function, name) pairs that take at least two different values during the run."""
    seen: dict[tuple[str | None, str], set[str]] = {}
    for run in facts.ordered:
        func = facts.func.get(run.frame)
        for name, value in facts.events[run.index].changes:
            seen.setdefault((func, name), set()).add(value)
    for calls in facts.calls.values():
        for call in calls:
            for name, value in facts.events[call.index].args:
                seen.setdefault((call.func, name), set()).add(value)
    return {key for key, values in seen.items() if len(values - {DELETED}) > 1}


def state_question(facts: TraceFacts, run: Execution, name: str,
                   config: QuestionConfig) -> Question | None:
    """The state question for one execution and name; None when the value cannot be asked for."""
    value = facts.value_after(run, name)
    if literal(value, config.max_value_chars) is None:
        return None
    kind = type_name(value)
    total = facts.count(run.line)
    text = (f"What are the value and the type of `{name}` right after line {run.line} "
            f"executes{times(run.nth, total)}?")
    return Question("state", text, state_answer(value, kind), stop=run.end,
                    params={"line": run.line, "var": name, "k": run.nth},
                    group=f"{run.line}:{name}", full=False, hint=STATE_HINT)


# ---------------------------------------------------------------- extremes

def max_value_questions(facts: TraceFacts, config: QuestionConfig) -> list[Question]:
    """The largest value of a numeric variable over every call of its function."""
    found: list[tuple[bool, Question]] = []
    for func, name in _numeric_candidates(facts):
        item = _max_question(facts, func, name, config)
        if item is not None:
            found.append(item)
    interesting = [q for peak_inside, q in found if peak_inside]
    return interesting or [q for _, q in found]


def _numeric_candidates(facts: TraceFacts) -> list[tuple[str, str]]:
    names: dict[tuple[str, str], None] = {}
    for run in facts.ordered:
        func = facts.func.get(run.frame)
        for name, _ in facts.events[run.index].changes:
            if func is not None:
                names.setdefault((func, name), None)
    return list(names)


def _max_question(facts: TraceFacts, func: str, name: str,
                  config: QuestionConfig) -> tuple[bool, Question] | None:
    values = facts.frame_values(func, name)
    parsed = [literal(v, config.max_value_chars) for _, v in values]
    if not values or any(p is None or not is_number(p[0]) for p in parsed):
        return None
    numbers = [p[0] for p in parsed]
    if len(set(numbers)) < 3:
        return None
    best = max(numbers)
    rendered = values[numbers.index(best)][1]
    last_index = values[-1][0]
    stop = facts.frame_end(facts.events[last_index].frame)
    where = "at the top level of the script" if func == "<module>" else f"in `{func}`"
    if len(facts.calls.get(func, ())) > 1:
        where += " (over all its calls)"
    text = f"What is the largest value that `{name}` takes {where} during this run?"
    question = Question("max_value", text, rendered, stop=stop,
                        params={"func": func, "var": name}, group=f"{func}:{name}", full=False,
                        hint="the value alone, for example `7`.")
    return numbers[-1] != best and numbers[0] != best, question
