"""Questions derived from one trace (state, path, loops, branches, calls, extremes, exceptions,
input prediction), each with an exact answer, a checker and a verified partial CoE."""

from tracepile.enrich.questions.build import candidates, questions_for_trace, select
from tracepile.enrich.questions.check import check_answer
from tracepile.enrich.questions.facts import TraceFacts
from tracepile.enrich.questions.rationale import rationale, verify_rationale
from tracepile.enrich.questions.records import DEFAULT_COUNTS, KINDS, Question, QuestionConfig

__all__ = [
    "DEFAULT_COUNTS", "KINDS", "Question", "QuestionConfig", "TraceFacts", "candidates",
    "check_answer", "questions_for_trace", "rationale", "select", "verify_rationale",
]
