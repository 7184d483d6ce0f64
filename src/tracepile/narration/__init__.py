"""Narration: turns a Trace into the question (prompt), the Chain of Execution and the final answer.
The template narrator is the default; any narrator's text goes through the same verifier."""

from __future__ import annotations

import random
from dataclasses import dataclass

from tracepile.authored import last_question
from tracepile.model import Trace
from tracepile.narration.focus import Focus, answer_focus
from tracepile.narration.plan import Compression
from tracepile.narration.prompt import fence, question
from tracepile.narration.text import Narrator, code
from tracepile.tracer.analysis import analyze

__all__ = ["Compression", "Focus", "Narration", "narrate", "final_answer_text"]


@dataclass(frozen=True)
class Narration:
    prompt: str
    response: str
    answer: str
    compressed_loops: int = 0


def narrate(trace: Trace, seed: int = 0, compression: Compression | None = None,
            problem: str = "", stop_at: int | None = None, final: str | None = None,
            tally: int | None = None, tally_calls: str | None = None, focus: Focus | None = None) -> Narration:
    """Render `trace` as a question, a step-by-step CoE and the final answer (the seed picks the question's
    wording).

    `stop_at` ends the walk after that event index (a question about one step needs no more);
    `final` replaces the program's answer in the last paragraph (`Final answer: {final}`); `tally` is a
    line whose runs are counted as they happen (`That is run 3 of line 9.`), `tally_calls` a function whose
    calls are (`That is call 2 of `fib`.`); `focus` the steps never summarised (default: the program's
    answer and what it depends on, focus.answer_focus)."""
    rng = random.Random(f"{seed}\x00{trace.program_id}\x00{trace.input.text}")
    prompt = question(trace.code, trace.input, rng, problem)
    info = analyze(trace.code)
    if focus is None:
        focus = answer_focus(trace.events, info, stop_at)
    narrator = Narrator(trace, info, compression or Compression(), stop_at=stop_at,
                        problem=problem, tally=tally, tally_calls=tally_calls, focus=focus)
    paragraphs = narrator.run()
    if final is None:
        answer = trace.outcome.answer(trace.input.kind)
        paragraphs.extend(shown_as_python(trace))
        paragraphs.extend(problem_answer(trace, problem))
        paragraphs.append(final_answer_text(answer, trace.input.kind, trace.outcome.exception is not None))
    else:
        answer = final
        paragraphs.append(f"Final answer: {final}")
    return Narration(prompt=prompt, response="\n\n".join(paragraphs), answer=answer,
                     compressed_loops=narrator.summaries)


def shown_as_python(trace: Trace) -> list[str]:
    """A paragraph when Python's repr of the returned value differs from the step-by-step rendering
    (user classes with their own `__repr__`, dataclass fields with repr=False, ...), or cannot be had."""
    outcome = trace.outcome
    if trace.input.kind != "call" or outcome.exception is not None or outcome.value is None:
        return []
    if outcome.value_repr is None:
        return ["Python cannot show the returned value, so the final answer gives its class and attributes "
                "instead."]  # why: the sample's provenance.answer_note
    if outcome.value_repr == outcome.value:
        return []
    return [f"Python shows the returned value as {code(outcome.value_repr)}, which is the final answer."]


def problem_answer(trace: Trace, problem: str) -> list[str]:
    """The returned value said as the answer to the problem's question, when there is one."""
    question = last_question(problem)
    if not question or trace.input.kind != "call" or trace.outcome.exception is not None \
            or trace.outcome.value is None:
        return []
    return [f'So the answer to the question "{question}" is {code(trace.outcome.answer("call"))}.']


def final_answer_text(answer: str, kind: str, raised: bool) -> str:
    """The fixed, parseable last paragraph: `Final answer: ...` (stdout in a fenced block)."""
    if kind == "stdin" and not raised:
        return "Final answer (standard output):\n" + fence(answer.rstrip("\n"))
    return f"Final answer: {answer}"
