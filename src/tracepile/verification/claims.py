"""Extraction of checkable claims from a Chain-of-Execution text, whoever wrote it.
The grammar: one step per paragraph; facts in backticks (`x = 3`, `a < b` is True); see README."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

def span(name: str) -> str:
    """A Markdown code span: `text`, or `` text `` when the text holds single backticks."""
    return (f"(?:(?<!`)`(?P<{name}>[^`]+)`(?!`)"
            f"|(?<!`)`` (?P<{name}_b>(?:[^`]|(?<!`)`(?!`))+?) ``(?!`))")


def unspan(match: re.Match, name: str) -> str:
    text = match.group(name)
    return text if text is not None else match.group(f"{name}_b")


NAME = r"`(?P<func>[\w.<>]+)`"
ANCHOR_LINE = re.compile(r"^(?:[-*]\s+)?(?:Step \d+[:.]\s*)?Line (\d+)\b")
ANCHOR_BACK = re.compile(r"^(?:[-*]\s+)?Back at line (\d+)\b")
ANCHOR_SUMMARY = re.compile(r"^(?:[-*]\s+)?Iterations (\d+) to (\d+) of the loop at line (\d+)\b")
ANCHOR_CALL = re.compile(r"(?:\b[Ee]nter|\b[Cc]alling|\b[Cc]all enters) " + NAME)
ANCHOR_RESUME = re.compile(r"generator " + NAME + " resumes")
ANCHOR_RETURN = re.compile(NAME + r"(?: is done and)? returns " + span("value") + r"(?=[.;,]?(?:\s|$))")
ANCHOR_YIELD = re.compile(NAME + r" yields " + span("value") + r"(?=[.;,]?(?:\s|$))")
ANCHOR_UNWIND = re.compile(r"not caught inside " + NAME)
ANCHOR_SHOWN = re.compile(r"^Python (?:shows the returned value as " + span("value") + r"|cannot show the returned value)")
FINAL = re.compile(r"^Final answer(?: \(standard output\))?:[ \t]*(.*)\Z", re.S)

SPAN = re.compile(span("s"))
ASSIGNMENT = re.compile(r"^(.+?) = (.+)$", re.S)
CONDITION = re.compile(span("s") + r" is (?P<truth>True|False)\b")
NEXT_LINE = re.compile(r"(?:\bat|\bto) line (\d+)\b|\bline (\d+) runs next\b")
ITERATION = re.compile(r"\biteration (\d+) (?:begins|starts|of the loop runs)|\bthis is iteration (\d+)\b")
LOOP_END = re.compile(r"loop ends after (\d+) iterations?|loop body does not run at all")
RAISES = re.compile(r"\braises " + span("s"))
OUTPUT = re.compile(r"\b(?:prints|output is|they print) " + span("s"))


@dataclass
class Step:
    """One paragraph: what it anchors to and the claims it makes."""

    anchor: str  # line, back, summary, call, resume, return, yield, unwind, shown, final, none
    args: tuple = ()
    values: list[tuple[str, str]] = field(default_factory=list)
    conditions: list[tuple[str, str]] = field(default_factory=list)
    next_lines: list[int] = field(default_factory=list)
    iterations: list[int] = field(default_factory=list)
    loop_ends: list[int] = field(default_factory=list)
    raises: list[str] = field(default_factory=list)
    outputs: list[str] = field(default_factory=list)
    text: str = ""

    def count(self) -> int:
        return (len(self.values) + len(self.conditions) + len(self.next_lines) + len(self.iterations)
                + len(self.loop_ends) + len(self.raises) + len(self.outputs)
                + (1 if self.anchor in ("line", "back", "summary", "return", "yield", "shown", "final") else 0))


def paragraphs(text: str) -> list[str]:
    """Split on blank lines, keeping fenced blocks (the final stdout) inside their paragraph."""
    out, current, fenced = [], [], False
    for line in text.splitlines():
        if line.startswith("```"):
            fenced = not fenced
        if not line.strip() and not fenced:
            if current:
                out.append("\n".join(current))
                current = []
            continue
        current.append(line)
    if current:
        out.append("\n".join(current))
    return out


def parse(text: str) -> list[Step]:
    return [_step(p.strip()) for p in paragraphs(text) if p.strip()]


def _step(text: str) -> Step:
    final = FINAL.match(text)
    if final:
        return Step("final", (final.group(1),), text=text)
    shown = ANCHOR_SHOWN.match(text)
    if shown:
        return Step("shown", (unspan(shown, "value") if shown.group("value") or shown.group("value_b") else None,),
                    text=text)
    body = text
    step = Step("none", text=text)
    for kind, pattern in (("line", ANCHOR_LINE), ("back", ANCHOR_BACK), ("summary", ANCHOR_SUMMARY)):
        match = pattern.match(text)
        if match:
            step.anchor, step.args = kind, tuple(int(g) for g in match.groups())
            body = text[match.end():]
            break
    else:
        for kind, pattern in (("resume", ANCHOR_RESUME), ("call", ANCHOR_CALL), ("return", ANCHOR_RETURN),
                              ("yield", ANCHOR_YIELD), ("unwind", ANCHOR_UNWIND)):
            match = pattern.search(text)
            if match:
                step.anchor = kind
                step.args = (match.group("func"),) + ((unspan(match, "value"),) if "value" in match.groupdict() else ())
                body = text[:match.start()] + text[match.end():]
                break
    step.raises = [unspan(m, "s") for m in RAISES.finditer(body)]
    step.outputs = [unspan(m, "s") for m in OUTPUT.finditer(body)]
    body = OUTPUT.sub("", RAISES.sub("", body))
    step.conditions = [(unspan(m, "s"), m.group("truth")) for m in CONDITION.finditer(body)]
    body = CONDITION.sub("", body)
    for match in SPAN.finditer(body):
        assignment = ASSIGNMENT.match(unspan(match, "s"))
        if assignment:
            step.values.append((assignment.group(1).strip(), assignment.group(2).strip()))
    if step.anchor in ("line", "back"):
        step.next_lines = [int(a or b) for a, b in NEXT_LINE.findall(body)]
        step.iterations = [int(a or b) for a, b in ITERATION.findall(body)]
        step.loop_ends = [int(m.group(1) or 0) for m in LOOP_END.finditer(body)]
    return step
