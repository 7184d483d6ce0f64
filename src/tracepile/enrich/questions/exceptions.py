"""Exception questions: does the run raise (caught or not), and if so which exception, where.
Asked when something is raised, or when the code could plausibly raise (raise, assert, try)."""

from __future__ import annotations

import re

from tracepile.enrich.questions.facts import TraceFacts
from tracepile.enrich.questions.records import Question, QuestionConfig
from tracepile.enrich.questions.wording import NO_EXCEPTION, exception_answer
from tracepile.model import ExceptionEvent

RISKY = re.compile(r"\b(raise|assert|try|except)\b")
TEXT = ("Is an exception raised at any point during this run (whether or not it is caught)? "
        "If so, which is the first one, and at which line is it raised?")


def exception_questions(facts: TraceFacts, config: QuestionConfig) -> list[Question]:
    first = next(((i, e) for i, e in enumerate(facts.events)
                  if isinstance(e, ExceptionEvent) and not e.unwound), None)
    hint = "`Type: message (line N)`, or `no` when nothing is raised."
    if first is not None:
        index, event = first
        answer = exception_answer(event.type, event.message, event.line)
        return [Question("exception", TEXT, answer, stop=index, params={}, group="raised",
                         full=False, hint=hint)]
    if not RISKY.search(facts.trace.code):
        return []  # nothing could raise on purpose: the question would be trivial
    return [Question("exception", TEXT, NO_EXCEPTION, stop=len(facts.events) - 1, params={},
                     group="none", full=False, hint=hint)]
