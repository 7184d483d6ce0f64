"""LiveCodeBench test-output prediction on a user-supplied JSONL (the data cannot be shipped): the
prompt, the asserted output parsed as a literal (never executed) and compared with Python `==`."""

from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass
from pathlib import Path

PROMPT_VERSION = "lcb-testoutput-v1"
_BLOCK = re.compile(r"```(?:python)?\n(.*?)```", re.S)


@dataclass(frozen=True)
class LcbItem:
    id: str
    question: str
    starter_code: str
    function_name: str
    input: str
    output: str


def load_items(path: str | Path) -> list[LcbItem]:
    """Items of a LiveCodeBench `test_generation` JSONL: fields question_id, question_content,
    starter_code, function_name and `test` (a JSON list whose first case has input and output)."""
    items = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        try:
            tests = json.loads(row["test"]) if isinstance(row["test"], str) else row["test"]
            case = tests[0]
            items.append(LcbItem(str(row.get("question_id", number)), row["question_content"],
                                 row.get("starter_code", ""), row["function_name"], case["input"], case["output"]))
        except (KeyError, IndexError, TypeError, json.JSONDecodeError) as exc:
            raise ValueError(f"{path}:{number}: not a test-output prediction record ({exc!r})") from None
    return items


def prompt(item: LcbItem) -> str:
    """The task as LiveCodeBench words it: the problem, the signature, one assertion to complete."""
    inputs = ", ".join(item.input.splitlines())
    return ("You are a helpful programming assistant and an expert Python programmer. You are helping a "
            "user to write a test case to help to check the correctness of the function. The user has "
            "written an input for the testcase. You will calculate the output of the testcase and write "
            "the whole assertion statement in the markdown code block with the correct output.\n\n"
            f"Problem:\n{item.question}\n\nFunction:\n```\n{item.starter_code}\n```\n\n"
            f"Please complete the following test case:\n\n```\nassert {item.function_name}({inputs}) == # TODO\n```\n")


def predicted_output(generation: str) -> str | None:
    """The right-hand side of the last `assert ... == X` in the generation's code blocks (or text)."""
    blocks = _BLOCK.findall(generation) or [generation]
    for block in reversed(blocks):
        for line in reversed(block.splitlines()):
            line = line.strip()
            if line.startswith("assert") and "==" in line:
                try:
                    test = ast.parse(line).body[0].test
                except (SyntaxError, AttributeError, IndexError):
                    return line.split("==", 1)[1].strip()
                if isinstance(test, ast.Compare) and test.comparators:
                    return ast.get_source_segment(line, test.comparators[-1])
    return None


def is_correct(item: LcbItem, generation: str) -> bool:
    text = predicted_output(generation)
    if text is None:
        return False
    try:
        predicted = ast.literal_eval(text)
        expected = json.loads(item.output)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError, json.JSONDecodeError):
        return False
    return predicted == expected
