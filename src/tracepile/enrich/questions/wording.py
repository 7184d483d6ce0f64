"""The words of a question sample: ordinals, the prompt around a question, the answer formats.
Answer texts are built and parsed here only, so generator and checker agree on their form."""

from __future__ import annotations

import re

from tracepile.model import ProgramInput
from tracepile.narration.prompt import fence, numbered

INTRO = "Consider this Python program:"
NO_NEXT = "none"
NO_EXCEPTION = "no"


def ordinal(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th') }"


def times(k: int, total: int) -> str:
    """` for the 3rd time` when the line runs more than once, else nothing."""
    return f" for the {ordinal(k)} time" if total > 1 else ""


def run_description(program_input: ProgramInput) -> str:
    if program_input.kind == "call":
        return f"The program is run with the call `{program_input.text}`."
    text = program_input.text.rstrip("\n") or "(empty input)"
    return "The program is run as a script with this standard input:\n\n" + fence(text)


def prompt(code: str, program_input: ProgramInput | None, question: str, hint: str, problem: str = "") -> str:
    """The problem the program solves (if any), code with line numbers, the input (None: hidden, for
    input prediction), the question."""
    parts = ([f"Problem: {problem.strip()}"] if problem else []) + [INTRO, fence(numbered(code), "python")]
    if program_input is not None:
        parts.append(run_description(program_input))
    parts.append(question + (" Reason step by step through the execution." if hint else ""))
    if hint:
        parts.append(f"Answer format: {hint}")
    return "\n\n".join(parts)


def final_paragraph(answer: str) -> str:
    """The last paragraph of a rationale; a multi-line answer goes in a fenced block."""
    if "\n" in answer or answer != answer.strip() or not answer:
        return "Final answer:\n" + fence(answer.rstrip("\n"))
    return f"Final answer: {answer}"


def unfence(text: str) -> str:
    """The answer text inside a final paragraph (fenced or not)."""
    lines = text.strip("\n").splitlines()
    if len(lines) >= 2 and lines[0].startswith("```") and lines[-1].startswith("```"):
        return "\n".join(lines[1:-1])
    return text.strip()


# ---------------------------------------------------------------- answer formats

def state_answer(value: str, type_name: str) -> str:
    return f"{value} ({type_name})"


STATE = re.compile(r"^(?P<value>.*) \((?P<type>[\w.]+)\)$", re.S)


def parse_state(text: str) -> tuple[str, str] | None:
    match = STATE.match(text.strip())
    return (match.group("value"), match.group("type")) if match else None


def line_answer(line: int | None) -> str:
    return NO_NEXT if line is None else f"line {line}"


def parse_line(text: str) -> int | None | str:
    """The line number, None for `none`, or "" when the text is neither."""
    text = text.strip().lower().rstrip(".")
    if text == NO_NEXT:
        return None
    match = re.fullmatch(r"(?:line )?(\d+)", text)
    return int(match.group(1)) if match else ""


def branch_answer(taken: bool, next_line: int | None) -> str:
    then = f"line {next_line}" if next_line is not None else "the call ends"
    return f"{taken} (then {then})"


BRANCH = re.compile(r"^(True|False) \(then (?:line (\d+)|the call ends)\)$")


def parse_branch(text: str) -> tuple[bool, int | None] | None:
    match = BRANCH.match(text.strip())
    if not match:
        return None
    return match.group(1) == "True", int(match.group(2)) if match.group(2) else None


def exception_answer(kind: str, message: str, line: int) -> str:
    text = f"{kind}: {message}" if message else kind
    return f"{text} (line {line})"


def parse_int(text: str) -> int | None:
    text = text.strip().rstrip(".")
    return int(text) if re.fullmatch(r"-?\d+", text) else None
