"""Verification: reads every sentence of any CoE text under the published claim grammar (grammar.py,
docs/claims.md) and checks each claim against the trace; words outside the grammar reject the text."""

from tracepile.verification.check import verify
from tracepile.verification.feedback import feedback
from tracepile.verification.grammar import GRAMMAR_VERSION
from tracepile.verification.report import failing_sentences, format_report

__all__ = ["GRAMMAR_VERSION", "failing_sentences", "feedback", "format_report", "verify"]
