"""Narration: turns a Trace into the question (prompt), the Chain of Execution and the final answer.
The template narrator is the default; any narrator's text goes through the same verifier."""

from __future__ import annotations

import random
from dataclasses import dataclass

from tracepile.model import Trace
from tracepile.narrate.plan import Compression
from tracepile.narrate.prompt import fence, question
from tracepile.narrate.text import Narrator
from tracepile.tracer.analysis import analyze

__all__ = ["Compression", "Narration", "narrate", "final_answer_text"]


@dataclass(frozen=True)
class Narration:
    prompt: str
    response: str
    answer: str
    compressed_loops: int = 0


def narrate(trace: Trace, seed: int = 0, compression: Compression | None = None,
            problem: str = "") -> Narration:
    """Render `trace` as a question, a step-by-step CoE and the final answer (seeded wording)."""
    rng = random.Random(f"{seed}\x00{trace.program_id}\x00{trace.input.text}")
    prompt = question(trace.code, trace.input, rng, problem)
    narrator = Narrator(trace, analyze(trace.code), rng, compression or Compression())
    paragraphs = narrator.run()
    answer = trace.outcome.answer(trace.input.kind)
    paragraphs.append(final_answer_text(answer, trace.input.kind, trace.outcome.exception is not None))
    return Narration(prompt=prompt, response="\n\n".join(paragraphs), answer=answer,
                     compressed_loops=narrator.summaries)


def final_answer_text(answer: str, kind: str, raised: bool) -> str:
    """The fixed, parseable last paragraph: `Final answer: ...` (stdout in a fenced block)."""
    if kind == "stdin" and not raised:
        return "Final answer (standard output):\n" + fence(answer.rstrip("\n"))
    return f"Final answer: {answer}"
