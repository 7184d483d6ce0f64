"""Rationales: the template CoE narrated up to a question's stop event and ending in its answer,
and their verification: the verifier's own walk over the trace up to the stop, then the checker."""

from __future__ import annotations

from dataclasses import replace

from tracepile.enrich.questions.check import Rerun, check_answer
from tracepile.enrich.questions.focus import question_focus
from tracepile.enrich.questions.records import Question
from tracepile.enrich.questions.wording import final_paragraph, unfence
from tracepile.model import Trace, Verification
from tracepile.narration import Compression, narrate
from tracepile.narration.prompt import fence
from tracepile.narration.text import code
from tracepile.verification.check import Finding, false, verify

FULL = Compression(head=10**9, tail=1)  # never summarise: every step stays in view
# the rest: every middle iteration that does not bear on the question (its focus) is summarised
FOCUSED = Compression(head=1, tail=1, whole=True)
FINAL = "Final answer: "
TALLIED = ("line_count", "next_line")  # kinds about the runs of one line: the text counts them as they happen


def rationale(trace: Trace, question: Question, seed: int) -> tuple[str, int]:
    """The CoE text for `question` and how many loops it compresses."""
    compression = FULL if question.full else FOCUSED
    narration = narrate(trace, seed=seed, compression=compression, stop_at=question.stop, final=question.answer,
                        tally=question.params.get("line") if question.kind in TALLIED else None,
                        tally_calls=question.params.get("func") if question.kind == "call_count" else None,
                        focus=question_focus(trace, question.kind, question.params, question.stop))
    body = narration.response[:narration.response.rindex(FINAL)].rstrip()
    parts = [question.lead] if question.lead else []
    parts += [_input_intro(trace)] if question.kind == "input" else []
    parts += [body] if body else []
    parts += [question.step] if question.step else []
    parts.append(final_paragraph(question.answer))
    return "\n\n".join(parts), narration.compressed_loops


def _input_intro(trace: Trace) -> str:
    if trace.input.kind == "call":
        return f"Try the call {code(trace.input.text)} and follow it step by step to see what it gives."
    return "Try this standard input and run the script on it:\n" + fence(trace.input.text.rstrip("\n"))


def verify_rationale(text: str, trace: Trace, question: Question,
                     rerun: Rerun | None = None) -> Verification:
    """Check every sentence of a rationale against the trace up to `question.stop`; the final
    paragraph must state an answer that the checker accepts for the whole trace."""
    prefix = replace(trace, events=trace.events[:question.stop + 1])

    def final_check(text: str) -> Finding:
        claimed = unfence(text)
        if question.kind == "input" and trace.input.kind == "stdin" and not claimed.endswith("\n"):
            claimed += "\n"
        if check_answer(replace(question, answer=claimed), trace, rerun):
            return Finding(True)
        return false(f"wrong final answer to the {question.kind} question", question.answer, claimed.strip()[:200])

    return verify(text, prefix, strict=True, final_check=final_check)
