"""Verifier-guided repair turns: the follow-up message that lists a rejected text's failing sentences with
the verifier's reasons, and the conversation that asks the model for a corrected whole text."""

from __future__ import annotations

from tracepile.model import Verification
from tracepile.verification.feedback import feedback

REPAIR_ASK = ("Write the whole Chain of Execution again with these points corrected. Keep every other sentence "
              "that was right, and reply with the corrected text only.")


def verifier_feedback(verification: Verification) -> str:
    """A repair turn for a text the verifier rejected: the verifier's own numbered feedback (each failing
    claim with its sentence, reason, the run's value against the stated one, and a sentence that states it)."""
    return f"{feedback(verification) or 'A checker rejected the text.'}\n\n{REPAIR_ASK}"


def truncation_feedback(max_tokens: int) -> str:
    """A repair turn for an answer cut off at the token limit."""
    return (f"Your text was cut off at the limit of {max_tokens} tokens before its final answer. Write the whole "
            "Chain of Execution again, shorter (one short paragraph per step), ending with the final answer. "
            "Reply with the text only.")


EMPTY_FEEDBACK = "Your reply was empty. Write the Chain of Execution for this run, ending with the final answer."


def repair_messages(chat: tuple[dict, ...], answer: str, feedback: str) -> tuple[dict, ...]:
    """The original messages, the rejected answer as the assistant turn, and the feedback as the next user turn."""
    return (*chat, {"role": "assistant", "content": answer}, {"role": "user", "content": feedback})
