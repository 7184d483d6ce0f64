"""Versioned prompts for LLM narration: the claim grammar as instructions, a compact rendering of the trace
(the facts the text must state), seeded few-shot examples from verified template CoEs, two modes."""

from __future__ import annotations

import random
from dataclasses import dataclass
from importlib import resources

from tracepile.model import CallEvent, ExceptionEvent, LineEvent, OutputEvent, ReturnEvent, Trace
from tracepile.narration.text import code
from tracepile.tracer.analysis import call_arguments

PROMPT_VERSION = "llm-coe-7"  # 7: grammar 3.3 (corroborated descriptive words, `it is True`); 6: a calling line's
# changes listed once its calls are back; the final answer of a call that raises; 5: grammar 3.2, closure variables apart from arguments in the facts; 4: grammar 3.1 (loop sizes with their ground, persistence), one wording per meaning
MODES = ("narrate", "rewrite")

SYSTEM = "You explain, step by step, how a Python program runs on one input."
NARRATE_ASK = ("Facts recorded while this input ran, in execution order (state the values each step shows):\n\n"
               "{facts}\n\nWrite the Chain of Execution for this run.")
REWRITE_ASK = ("Here is a correct Chain of Execution for this run:\n\n{template}\n\nRewrite it in natural, varied "
               "English. Keep its meaning: one paragraph per step, each naming its step (`Line N`, `Back at line N`, "
               "`Iterations a to b ...`, the function a call enters), every code span exactly as written, and the "
               "final answer paragraph; reword and reorder the rest freely, without adding facts.")


@dataclass(frozen=True)
class Example:
    """A few-shot example: a verified template CoE with the question and facts it answers."""

    program_id: str
    domain: str
    kind: str
    question: str
    facts: str
    response: str


def claim_grammar() -> str:
    """The published claim grammar as prompt instructions: the writing rules (claim_grammar.md) and one
    example sentence per form of the verifier's grammar, so the prompt follows the code's version."""
    from tracepile.verification.grammar import FORMS, GRAMMAR_VERSION

    rules = resources.files("tracepile.llm").joinpath("claim_grammar.md").read_text(encoding="utf-8").strip()
    examples = "\n".join(f"- {form.example}" for form in FORMS if form.example)
    return (f"{rules}\n\nThe sentence shapes the checker reads (claim grammar {GRAMMAR_VERSION}), one example "
            f"each; a fact word outside them is rejected, any other wording is free:\n{examples}")


CLAIM_GBNF = r"""
root    ::= para ("\n\n" para)* "\n\n" final
para    ::= opener [^\n]*
opener  ::= ("Line " num | "Back at line " num | "Iterations " num " to " num " of the loop at line " num
          | "Calling `" name "`" | "`" name "` returns `" [^`\n]+ "`")
final   ::= "Final answer: " [^\n]+ | "Final answer (standard output):\n```\n" ([^`\n]* "\n")* "```"
num     ::= [0-9]+
name    ::= [A-Za-z_.<>0-9]+
"""
GRAMMAR_FORMATS = ("llama.cpp", "vllm")


def grammar_request_fields(server: str) -> dict:
    """Request fields that constrain decoding to the claim grammar's paragraph shape (GBNF):
    llama.cpp's `grammar`, or vLLM's `structured_outputs`."""
    if server == "llama.cpp":
        return {"grammar": CLAIM_GBNF.strip()}
    if server == "vllm":
        return {"structured_outputs": {"grammar": CLAIM_GBNF.strip()}}
    raise ValueError(f"unknown grammar format {server!r} (use one of {', '.join(GRAMMAR_FORMATS)})")


def system_message() -> dict:
    return {"role": "system", "content": f"{SYSTEM}\n\n{claim_grammar()}"}


def fact_lines(trace: Trace) -> list[str]:
    """One line per trace event, in the order they happen: calls, lines with the values they read and
    change, returns, output. A line that calls traced code has its changes and next line listed once the
    calls are back (`back at line 8; then ...`), where they happen."""
    iterations: dict[tuple[int, int], int] = {}  # (loop line, activation) -> last iteration seen
    lines: list[str] = []
    waiting: dict[int, tuple[int, LineEvent]] = {}  # frame -> (its depth, its line that called traced code)
    events = trace.events
    for index, event in enumerate(events):
        depth = getattr(event, "depth", None)
        for frame, (frame_depth, line) in list(waiting.items()):
            if depth is not None and depth <= frame_depth or isinstance(event, OutputEvent) and event.frame == frame:
                del waiting[frame]
                if tail := _line_tail(line):
                    lines.append(f"back at line {line.line}; {tail}")
        if isinstance(event, LineEvent):
            calls = index + 1 < len(events) and isinstance(events[index + 1], CallEvent) and \
                events[index + 1].caller == event.frame
            lines.append(_line_fact(event, iterations, tail=not calls))
            if calls:
                waiting[event.frame] = (event.depth, event)
        elif line := _fact(event, trace.code):
            lines.append(line)
    return lines


def _fact(event, source: str) -> str:
    if isinstance(event, CallEvent):
        if event.resumed:
            return f"generator `{event.func}` resumes"
        arguments = call_arguments(source, event)
        args = ", ".join(code(f"{name} = {value}") for name, value in arguments)
        seen = ", ".join(code(f"{name} = {value}") for name, value in event.args if (name, value) not in arguments)
        return f"Calling `{event.func}`" + (f" with {args}" if args else "") + \
            (f"; from the enclosing function it sees {seen}" if seen else "")
    if isinstance(event, ReturnEvent):
        return f"`{event.func}` {'yields' if event.yielded else 'returns'} {code(event.value)}"
    if isinstance(event, ExceptionEvent):
        text = f"{event.type}: {event.message}" if event.message else event.type
        return f"line {event.line} raises {code(text)}" + (" (it leaves the function)" if event.unwound else "")
    if isinstance(event, OutputEvent):
        return f"line {event.line} prints {code(repr(event.text))}"
    return ""


def _line_fact(event: LineEvent, iterations: dict[tuple[int, int], int], tail: bool = True) -> str:
    head = f"Line {event.line}"
    if event.loop is not None:
        line, activation, iteration = event.loop
        if iteration:
            iterations[(line, activation)] = iteration
            head += f" (iteration {iteration} of the loop at line {line})"
        else:
            head += f" (the loop at line {line} ends after {iterations.get((line, activation), 0)} iterations)"
    parts = []
    if event.values:
        parts.append("reads " + ", ".join(code(f"{e} = {v}") for e, v in event.values))
    if tail and (rest := _line_tail(event)):
        parts.append(rest)
    return "; ".join([head] + parts)


def _line_tail(event: LineEvent) -> str:
    """What a line changes and where execution goes after it."""
    parts = []
    if event.changes:
        parts.append("then " + ", ".join(code(f"{n} = {v}") for n, v in event.changes))
    if event.next_line is not None:
        parts.append(f"next: line {event.next_line}")
    return "; ".join(parts)


def facts(trace: Trace) -> str:
    return "\n".join(fact_lines(trace))


def pick_examples(pool: list[Example], count: int, rng: random.Random, exclude_program: str) -> list[Example]:
    """`count` examples from other programs, seeded, covering as many domains and input kinds as possible."""
    candidates = [e for e in pool if e.program_id != exclude_program]
    rng.shuffle(candidates)
    chosen: list[Example] = []
    seen: set[tuple[str, str]] = set()
    for strict in (True, False):
        for example in candidates:
            if len(chosen) == count:
                return chosen
            if example not in chosen and (not strict or (example.domain, example.kind) not in seen):
                chosen.append(example)
                seen.add((example.domain, example.kind))
    return chosen


def messages(mode: str, question: str, trace_facts: str, template: str,
             examples: list[Example]) -> tuple[dict, ...]:
    """The chat messages for one input: system (role and grammar), few-shot pairs (narrate mode), the ask."""
    if mode not in MODES:
        raise ValueError(f"unknown narration mode {mode!r} (use one of {', '.join(MODES)})")
    out = [system_message()]
    if mode == "narrate":
        for example in examples:
            out.append({"role": "user", "content": _narrate_ask(example.question, example.facts)})
            out.append({"role": "assistant", "content": example.response})
        out.append({"role": "user", "content": _narrate_ask(question, trace_facts)})
    else:
        out.append({"role": "user", "content": f"{question}\n\n" + REWRITE_ASK.format(template=template)})
    return tuple(out)


def _narrate_ask(question: str, trace_facts: str) -> str:
    return f"{question}\n\n" + NARRATE_ASK.format(facts=trace_facts)
