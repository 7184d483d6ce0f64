"""CRUXEval-O and -I: the items, the official prompts, the answer extraction and the check script
whose `assert` the sandbox runs (the official semantics: `assert <output> == <prediction>`)."""

from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass
from pathlib import Path

from tracepile.evaluate.cruxeval_prompts import TEMPLATES

MODES = ("output", "input")
_FINAL = re.compile(r"Final answer[^:\n]*:")


@dataclass(frozen=True)
class CruxItem:
    id: str
    code: str
    input: str
    output: str


def load_items(path: str | Path) -> list[CruxItem]:
    """The items of a cruxeval.jsonl file (a folder holding one is fine too), in file order."""
    path = Path(path)
    if path.is_dir():
        path = path / "cruxeval.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [CruxItem(r["id"], r["code"], r["input"], r["output"]) for r in rows]


def prompt(item: CruxItem, mode: str, cot: bool) -> str:
    """The official prompt for `item` (output or input prediction, direct or chain of thought)."""
    return TEMPLATES[(mode, cot)].format(code=item.code, input=item.input, output=item.output)


def corpus_prompt(item: CruxItem, seed: int = 0) -> str:
    """Output prediction worded as a TracePile corpus prompt (numbered code, the call, the question):
    the form a model trained on a corpus knows; its `Final answer:` is read by `extract`."""
    import random

    from tracepile.model import ProgramInput
    from tracepile.narration.prompt import question

    return question(item.code, ProgramInput("call", f"f({item.input})"), random.Random(seed))


def answer_block(generation: str) -> str:
    """The text inside the last [ANSWER] ... [/ANSWER] (the prompt opens the tag, so a bare
    continuation counts as inside it); a [THOUGHT] before it is dropped. A corpus-style answer
    (`Final answer: value`, fenced or not) gives its value."""
    text = generation
    if "[ANSWER]" not in text and _FINAL.search(text):
        return _FINAL.split(text)[-1].strip().strip("`").strip()
    if "[ANSWER]" in text:
        text = text.rsplit("[ANSWER]", 1)[1]
    elif "[/THOUGHT]" in text:
        text = text.split("[/THOUGHT]", 1)[1]
    return text.split("[/ANSWER]", 1)[0].strip()


def extract(generation: str, mode: str) -> str:
    """The prediction in a generation: the literal right of `==` (output mode) or the call `f(...)`
    left of it (input mode). The assertion is parsed as Python when it can be, so an `==` inside a
    string literal does not cut the answer."""
    text = answer_block(generation)
    lines = [line for line in text.splitlines() if line.strip()]
    assertion = next((line.strip() for line in lines if line.strip().startswith("assert")), text.strip())
    body = assertion.removeprefix("assert").strip() if assertion.startswith("assert") else assertion
    parsed = _parse_comparison(body)
    if parsed is not None:
        left, right = parsed
        return right if mode == "output" else left
    if "==" in body and not (mode == "output" and _is_expression(body)):
        left, right = body.split("==", 1)
        return right.strip() if mode == "output" else left.strip()
    return body


def _is_expression(text: str) -> bool:
    try:
        ast.parse(text, mode="eval")
    except (SyntaxError, ValueError):
        return False
    return True


def _parse_comparison(text: str) -> tuple[str, str] | None:
    """(left, right) source of `left == right` when the text parses as exactly that."""
    try:
        test = ast.parse(text, mode="eval").body
    except (SyntaxError, ValueError):
        return None
    if not isinstance(test, ast.Compare) or len(test.ops) != 1 or not isinstance(test.ops[0], ast.Eq):
        return None
    return ast.get_source_segment(text, test.left), ast.get_source_segment(text, test.comparators[0])


def check_script(item: CruxItem, prediction: str, mode: str) -> str | None:
    """The program whose clean exit means the prediction is right, or None when the official rules
    reject it outright (output mode: the answer may not call f on the input; input mode: it must)."""
    if mode == "output" and f"f({item.input})" in prediction:
        return None
    if mode == "input" and "f(" not in prediction:
        return None
    return f"{item.code}\nassert {item.output} == {prediction}\n"
