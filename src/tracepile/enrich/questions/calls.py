"""Call questions: how many times a function is called, what its k-th call returns, and the
deepest nesting of calls the run reaches."""

from __future__ import annotations

from tracepile.enrich.questions.facts import TraceFacts
from tracepile.enrich.questions.records import Question, QuestionConfig
from tracepile.enrich.questions.wording import ordinal

TOP = "<module>"


def call_count_questions(facts: TraceFacts, config: QuestionConfig) -> list[Question]:
    """Functions called at least twice; the whole run is narrated."""
    stop = len(facts.events) - 1
    out: list[Question] = []
    for func, calls in sorted(facts.calls.items()):
        if func == TOP or len(calls) < 2:
            continue
        text = f"How many times is the function `{func}` called during this run, every call included?"
        out.append(Question("call_count", text, str(len(calls)), stop=stop, params={"func": func},
                            group=func, full=False, hint="a whole number, for example `5`."))
    return out


def call_return_questions(facts: TraceFacts, config: QuestionConfig) -> list[Question]:
    """The k-th call (in the order calls start) of a function called at least twice."""
    out: list[Question] = []
    for func, calls in sorted(facts.calls.items()):
        if func == TOP or len(calls) < 2:
            continue
        for k, call in enumerate(calls, 1):
            if call.returned is None or call.generator or len(call.value or "") > config.max_value_chars:
                continue
            text = (f"`{func}` is called {len(calls)} times. What does its {ordinal(k)} call "
                    f"(counting calls in the order they start) return?")
            out.append(Question("call_return", text, call.value, stop=call.returned,
                                params={"func": func, "k": k}, group=func, full=False,
                                hint="the returned value, for example `[1, 2]`."))
    return out


def max_depth_questions(facts: TraceFacts, config: QuestionConfig) -> list[Question]:
    """Recursive runs that nest at least three calls deep."""
    deepest = max((c.depth for calls in facts.calls.values() for c in calls), default=0)
    if deepest < 3 or not _recursive(facts):
        return []
    if facts.trace.input.kind == "call":
        base = f"The call `{facts.trace.input.text}` itself is depth 1"
    else:
        base = "The top-level script is depth 1"
    text = (f"This run is recursive. What is the maximum call depth it reaches? {base}, a call "
            f"made from it is depth 2, and so on.")
    return [Question("max_depth", text, str(deepest), stop=len(facts.events) - 1, params={},
                     group="depth", full=False, hint="a whole number, for example `4`.")]


def _recursive(facts: TraceFacts) -> bool:
    """Some call is made from a frame of the same function."""
    return any(facts.events[c.index].caller is not None
               and facts.func.get(facts.events[c.index].caller) == func
               for func, calls in facts.calls.items() for c in calls)
