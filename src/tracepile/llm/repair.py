"""Verifier-guided repair turns: the follow-up message that lists a rejected text's failing sentences with
the verifier's reasons, and the conversation that asks the model for a corrected whole text."""

from __future__ import annotations

from tracepile.model import Verification
from tracepile.verification.report import failing_sentences

MAX_LISTED = 8  # failing sentences listed in one repair turn (the rest are counted)
MAX_QUOTE = 300  # characters of a sentence quoted back

REPAIR_ASK = ("Write the whole Chain of Execution again with these sentences corrected. Keep every other sentence "
              "that was right, follow the sentence shapes from the instructions, and reply with the corrected text "
              "only.")


def verifier_feedback(verification: Verification) -> str:
    """A repair turn for a text the verifier rejected: each failing sentence, numbered, false ones first, with
    its reason and, for a false claim, what the run has against what the text says when the reason omits it."""
    failing = failing_sentences(verification)
    items = []
    for number, check in enumerate(failing[:MAX_LISTED], 1):
        quote = check.sentence if len(check.sentence) <= MAX_QUOTE else check.sentence[:MAX_QUOTE - 3] + "..."
        where = "The text as a whole" if check.sentence == "(end of text)" else f'"{quote}"'
        values = ""
        if check.verdict == "false" and check.expected and check.expected not in check.reason:
            values = f" (expected: {check.expected}" + (f"; stated: {check.stated})" if check.stated else ")")
        items.append(f"{number}. {where}\n   {check.verdict}: {check.reason}{values}")
    if len(failing) > MAX_LISTED:
        items.append(f"... and {len(failing) - MAX_LISTED} more sentences like these.")
    if not items:
        items.append("1. The text as a whole\n   " + "; ".join(verification.failures + verification.unverifiable
                                                             or ("the checker rejected it",)))
    return ("A checker compared your text with the recorded run and rejected it. These sentences failed:\n\n"
            + "\n".join(items) + f"\n\n{REPAIR_ASK}")


def truncation_feedback(max_tokens: int) -> str:
    """A repair turn for an answer cut off at the token limit."""
    return (f"Your text was cut off at the limit of {max_tokens} tokens before its final answer. Write the whole "
            "Chain of Execution again, shorter (one short paragraph per step), ending with the final answer. "
            "Reply with the text only.")


EMPTY_FEEDBACK = "Your reply was empty. Write the Chain of Execution for this run, ending with the final answer."


def repair_messages(chat: tuple[dict, ...], answer: str, feedback: str) -> tuple[dict, ...]:
    """The original messages, the rejected answer as the assistant turn, and the feedback as the next user turn."""
    return (*chat, {"role": "assistant", "content": answer}, {"role": "user", "content": feedback})
