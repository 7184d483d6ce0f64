"""The verifier's report in a form a person or an LLM narrator can act on: the failing sentences,
false ones first, each with its reason and the value the run has against the value stated."""

from __future__ import annotations

from tracepile.model import SentenceCheck, Verification

ORDER = {"false": 0, "unverifiable": 1}


def failing_sentences(verification: Verification, limit: int | None = None) -> list[SentenceCheck]:
    """Sentences that reject the text: false claims first, then unverifiable ones, in text order."""
    failing = [s for s in verification.sentences if s.verdict in ORDER]
    failing.sort(key=lambda s: ORDER[s.verdict])
    return failing[:limit] if limit is not None else failing


def format_report(verification: Verification, limit: int = 5) -> str:
    """A short plain-text report: the verdict, then one line per failing sentence."""
    if verification.passed:
        return f"verified: {verification.checked} claims hold (grammar {verification.grammar_version})"
    lines = [f"rejected under grammar {verification.grammar_version}:"]
    for check in failing_sentences(verification, limit):
        values = f" [run: {check.expected!r}, text: {check.stated!r}]" if check.expected or check.stated else ""
        lines.append(f"- paragraph {check.paragraph + 1}, {check.verdict}: {check.reason}{values}\n"
                     f"  \"{check.sentence[:200]}\"")
    hidden = len(failing_sentences(verification)) - limit
    if hidden > 0:
        lines.append(f"- ... and {hidden} more")
    return "\n".join(lines)
