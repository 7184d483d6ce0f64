"""Helpers for verifier tests that swap one paragraph of a verified template text: the run and its
paragraphs, and whether the edited text is accepted or rejected for a given reason."""

from tracepile.engine import trace
from tracepile.narration import narrate
from tracepile.verification import verify


def template(code: str, call: str):
    result = trace(code, call)
    text = narrate(result).response
    assert verify(text, result).passed
    return result, text.split("\n\n")


def report(run, index: int, paragraph: str):
    result, paragraphs = run
    return verify("\n\n".join(paragraphs[:index] + [paragraph] + paragraphs[index + 1:]), result)


def accepted(run, index, paragraph):
    checked = report(run, index, paragraph)
    assert checked.passed, [(s.sentence, s.reason) for s in checked.sentences if s.verdict != "verified"]


def rejected(run, index, paragraph, reason: str):
    checked = report(run, index, paragraph)
    reasons = [s.reason for s in checked.sentences if s.verdict != "verified"]
    assert not checked.passed and any(reason in r for r in reasons), reasons
