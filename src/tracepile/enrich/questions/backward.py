"""Input prediction: given the code and what a run produced, give an input that produces it.
The actual input is the answer; any input that re-executes to the same result is accepted."""

from __future__ import annotations

from tracepile.enrich.questions.facts import TraceFacts
from tracepile.enrich.questions.records import Question, QuestionConfig
from tracepile.model import RecordError, parse_call
from tracepile.narration.prompt import fence

MAX_SHOWN = 300


def input_questions(facts: TraceFacts, config: QuestionConfig) -> list[Question]:
    trace = facts.trace
    text = _call_question(trace) if trace.input.kind == "call" else _stdin_question(trace)
    if text is None:
        return []
    hint = ("the call expression, for example `f(1, [2, 3])`." if trace.input.kind == "call"
            else "the whole standard input in a fenced block.")
    return [Question("input", text, trace.input.text, stop=len(facts.events) - 1, params={},
                     group="input", full=False, hint=hint)]


def _call_question(trace) -> str | None:
    try:
        call = parse_call(trace.input.text)
    except RecordError:
        return None
    if not call.args and not call.kwargs:
        return None  # `solution()`: there is no input to find
    name = ".".join(call.func)
    outcome = trace.outcome
    if outcome.exception is not None:
        kind, message = outcome.exception
        result = f"raises `{kind}: {message}`" if message else f"raises `{kind}`"
    else:
        result = f"returns `{outcome.value}`"
    if len(result) > MAX_SHOWN or "`" in result[len("returns `"):-1]:
        return None
    return f"Find an input for which the call `{name}(...)` {result}. Which call gives that?"


def _stdin_question(trace) -> str | None:
    outcome = trace.outcome
    if outcome.exception is not None or not outcome.stdout.strip() or len(outcome.stdout) > MAX_SHOWN:
        return None
    return ("Find a standard input for which this script prints exactly:\n\n"
            + fence(outcome.stdout.rstrip("\n")))
