"""The question part of a sample: the code with line numbers, the input, and what is asked."""

from __future__ import annotations

import random

from tracepile.model import ProgramInput

CALL_QUESTIONS = (
    "What does `{call}` return? Trace the execution step by step.",
    "Work out, step by step, what the call `{call}` evaluates to.",
    "Execute `{call}` by hand, line by line, and give its result.",
    "Follow the execution of `{call}` and state what it returns.",
)
STDIN_QUESTIONS = (
    "The program reads the standard input below. What does it print? Trace it step by step.",
    "Run the program by hand on the input below and give its exact output.",
    "Follow the program line by line on this input and state what it writes to standard output.",
)
INTROS = ("Consider this Python program:", "Here is a Python program:", "Read the following Python code:")


def numbered(code: str) -> str:
    """The code with right-aligned line numbers, as shown in every prompt."""
    lines = code.rstrip("\n").splitlines()
    width = len(str(len(lines)))
    return "\n".join(f"{i:>{width}}  {line}".rstrip() for i, line in enumerate(lines, 1))


def fence(text: str, lang: str = "") -> str:
    ticks = "```"
    while ticks in text:
        ticks += "`"
    return f"{ticks}{lang}\n{text}\n{ticks}"


def problem_in(prompt: str) -> str:
    """The word problem a prompt made by `question` states ("" when it states none)."""
    head = prompt.split("\n\n", 1)[0]
    return head[len("Problem: "):] if head.startswith("Problem: ") else ""


def question(code: str, program_input: ProgramInput, rng: random.Random, problem: str = "") -> str:
    parts = []
    if problem:
        parts.append(f"Problem: {problem.strip()}")
    parts += [rng.choice(INTROS), fence(numbered(code), "python")]
    if program_input.kind == "call":
        parts.append(rng.choice(CALL_QUESTIONS).format(call=program_input.text))
    else:
        parts.append(rng.choice(STDIN_QUESTIONS))
        parts.append(fence(program_input.text.rstrip("\n") or "(empty input)"))
    return "\n\n".join(parts)
