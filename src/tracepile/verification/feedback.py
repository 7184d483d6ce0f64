"""The verifier's verdict as feedback a model can act on: each rejecting claim numbered, with its
sentence, what is wrong (the run's value against the stated one) and a sentence that states it."""

from __future__ import annotations

from tracepile.model import Verification
from tracepile.verification.check import END_OF_TEXT

MAX_QUOTE = 160
MAX_VALUE = 80


def feedback(verification: Verification, limit: int = 12) -> str:
    """A compact numbered list of what to correct, false claims first; "" for a text that passed."""
    if verification.passed:
        return ""
    issues = [(check, issue) for check in verification.sentences for issue in check.issues]
    issues.sort(key=lambda pair: pair[1].verdict != "false")
    lines = ["A checker compared the text with the recorded run and rejected it. Correct each point below and keep "
             "every other sentence as it is:"]
    for number, (check, issue) in enumerate(issues[:limit], 1):
        where = "End of the text" if check.sentence == END_OF_TEXT else \
            f"Paragraph {check.paragraph + 1}, \"{_cut(check.sentence, MAX_QUOTE)}\""
        line = f"{number}. {where}: {issue.verdict}: {issue.reason}"
        if issue.expected and issue.stated and issue.expected not in issue.reason:
            line += f" (the run has {_cut(issue.expected, MAX_VALUE)!r}, the text says {_cut(issue.stated, MAX_VALUE)!r})"
        if issue.hint:
            line += f". State it as: '{issue.hint}'"
        elif issue.verdict == "unverifiable":
            line += ". Say it with a form of the claim grammar, or leave it out"
        lines.append(line + ("" if line.endswith(".") else "."))
    if len(issues) > limit:
        lines.append(f"... and {len(issues) - limit} more.")
    return "\n".join(lines)


def _cut(text: str, size: int) -> str:
    return text if len(text) <= size else text[:size - 3] + "..."
