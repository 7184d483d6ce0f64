"""Corpus rows as training records: CPT documents, TRL prompt-completion and `messages` records,
and the controls for honest comparisons (io-only: the same prompt answered without the CoE;
no-trace: the same programs and questions as CPT text, with no execution or answer at all)."""

from __future__ import annotations

import re
from dataclasses import dataclass

COE_KINDS = ("coe", "coe_rewrite")
CONTROLS = ("full", "io-only", "no-questions", "no-rewrites", "no-trace")
_FINAL = re.compile(r"(?:^|\n)(Final answer\b)")


class ExportError(ValueError):
    """A corpus row or option that cannot be exported; the message names the row or field."""


@dataclass(frozen=True)
class Pair:
    """One exported sample: the user's prompt and the assistant's completion."""

    id: str
    program_id: str
    kind: str
    prompt: str
    completion: str
    answer: str


def final_paragraph(response: str) -> str:
    """The `Final answer ...` paragraph that closes every CoE and rationale (to the end of the text)."""
    matches = list(_FINAL.finditer(response))
    if not matches:
        raise ExportError("the response has no 'Final answer' paragraph")
    return response[matches[-1].start(1):]


def is_question(kind: str) -> bool:
    return kind not in COE_KINDS


def keeps(control: str, kind: str) -> bool:
    """Whether a sample of `kind` belongs in the export under `control`."""
    if control == "no-questions":
        return not is_question(kind)
    if control == "no-rewrites":
        return kind != "coe_rewrite"
    return True


def to_pair(row: dict, control: str) -> Pair:
    """The (prompt, completion) of one corpus row under `control`; ExportError says why it cannot be."""
    for name in ("id", "program_id", "kind", "prompt", "response", "answer"):
        if not isinstance(row.get(name), str) or (name in ("prompt", "response") and not row[name].strip()):
            raise ExportError(f"missing or empty field {name!r}")
    if row.get("verified") is False:
        raise ExportError("the sample is not verified")
    if control == "io-only":
        completion = final_paragraph(row["response"])
    else:
        completion = "" if control == "no-trace" else row["response"]
    return Pair(row["id"], row["program_id"], row["kind"], row["prompt"], completion, row["answer"])


def cpt_record(pair: Pair) -> dict:
    """A plain document for continued pretraining: prompt, CoE and answer in one text."""
    return {"text": f"{pair.prompt}\n\n{pair.completion}" if pair.completion else pair.prompt}


def prompt_completion_record(pair: Pair) -> dict:
    """TRL's conversational prompt-completion form (the loss falls on the completion only)."""
    return {"prompt": [{"role": "user", "content": pair.prompt}],
            "completion": [{"role": "assistant", "content": pair.completion}]}


def messages_record(pair: Pair) -> dict:
    """The `messages` form read by LLaMA-Factory (sharegpt/OpenAI style) and axolotl's chat_template."""
    return {"messages": [{"role": "user", "content": pair.prompt},
                         {"role": "assistant", "content": pair.completion}]}


def qa_record(pair: Pair) -> dict:
    """A held-out test item: the question, its kind and the exact answer the corpus verified."""
    return {"id": pair.id, "program_id": pair.program_id, "kind": pair.kind, "prompt": pair.prompt,
            "answer": pair.answer}
