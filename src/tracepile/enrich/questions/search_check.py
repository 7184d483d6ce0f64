"""The check of an input-prediction search: each wrong candidate's paragraph is read by its closed form and
checked against that candidate's own run (re-executed) and the wanted run; nothing else is accepted."""

from __future__ import annotations

import re

from tracepile.enrich.questions.check import Rerun, same_result
from tracepile.enrich.questions.search import compare_results, moved_argument
from tracepile.model import CallEvent, LineEvent, OutputEvent, ProgramInput, SentenceCheck, Trace
from tracepile.tracer.analysis import analyze
from tracepile.verification.compare import exact, same_output
from tracepile.verification.reasoning import state_at

SPAN = r"(?:`[^`\n]+`|`` [^\n]+? ``)"
OPENING = re.compile(r"^(?:Try (?P<call>" + SPAN + r") first\.|Next, try (?P<call2>" + SPAN + r")\.|"
                     r"(?:Try this standard input first|Next, try this standard input):\n```\n(?P<stdin>.*?)\n```)",
                     re.S)
DECISIVE = re.compile(r"(?:At check (?P<k>\d+) of line (?P<line>\d+), (?P<test>" + SPAN + r") is "
                      r"(?P<truth>True|False)(?: with (?P<reads>" + SPAN + r"(?:(?:, | and )" + SPAN + r")*))?, so|"
                      r"At run (?P<k3>\d+) of line (?P<line3>\d+), the `for` loop (?P<way>goes on|ends), so|"
                      r"After run (?P<k2>\d+) of line (?P<line2>\d+),) line (?P<next>\d+) runs next instead of "
                      r"line (?P<other>\d+)\.")
WORKED = re.compile(r"In the end, line (?P<line>\d+) works from (?P<reads>" + SPAN + r"(?:(?:, | and )" + SPAN
                    + r")*)\.")
RESULT = re.compile(r"So this (?:call returns (?P<value>" + SPAN + r")|input prints (?P<printed>" + SPAN +
                    r") last), not (?P<wanted>" + SPAN + r")\.")
TOWARDS = re.compile(r"(?P<got>" + SPAN + r") is (?P<order>less|more) than (?P<want>" + SPAN + r")(?:, so the next "
                     r"try sets argument (?P<position>\d+) to (?P<new>" + SPAN + r"), (?P<way>up|down) from (?P<old>"
                     + SPAN + r"))?\.")


def is_tried(paragraph: str) -> bool:
    """Whether a paragraph opens a wrong candidate's section."""
    return OPENING.match(paragraph) is not None


def unspan(span: str) -> str:
    inner = span[3:-3] if span.startswith("`` ") else span[1:-1]
    return inner.replace("\\x60", "`")


def check_search(paragraphs: list[tuple[int, str]], trace: Trace, rerun: Rerun,
                 following: ProgramInput) -> list[SentenceCheck]:
    """One check per candidate paragraph (index, text), in order; `following` is the input tried after the
    last candidate (the one run forward)."""
    inputs = [_input_of(text) for _, text in paragraphs]
    nexts = inputs[1:] + [following]
    checks = []
    for (index, text), tried, nxt in zip(paragraphs, inputs, nexts):
        reason = _check_paragraph(text, tried, trace, rerun, nxt)
        checks.append(SentenceCheck(index, text[:200], "verified" if reason is None else "false", reason or ""))
    return checks


def _input_of(text: str) -> ProgramInput:
    match = OPENING.match(text)
    if match["stdin"] is not None:
        return ProgramInput("stdin", match["stdin"] + "\n")
    return ProgramInput("call", unspan(match["call"] or match["call2"]))


def _check_paragraph(text: str, tried: ProgramInput, wanted: Trace, rerun: Rerun,
                     following: ProgramInput) -> str | None:
    """None when every sentence of the paragraph holds, else why not."""
    if tried.kind != wanted.input.kind:
        return "the candidate is not the same kind of input as the question's"
    rest = text[OPENING.match(text).end():].strip()
    try:
        again = rerun(wanted.code, tried)
    except Exception as exc:  # noqa: BLE001 - a candidate that cannot be run cannot be narrated
        return f"the candidate input could not be run: {type(exc).__name__}: {exc}"
    decisive = DECISIVE.match(rest)
    if decisive:
        reason = _decisive(decisive, again, wanted)
        if reason:
            return reason
        rest = rest[decisive.end():].strip()
    worked = WORKED.match(rest)
    if worked:
        reason = _worked(worked, again)
        if reason:
            return reason
        rest = rest[worked.end():].strip()
    result = RESULT.match(rest)
    if not result:
        return f"unverifiable words where the candidate's result belongs: {rest[:80]}"
    reason = _result(result, again, wanted)
    if reason:
        return reason
    rest = rest[result.end():].strip()
    towards = TOWARDS.match(rest)
    if towards:
        reason = _towards(towards, again, wanted, tried, following)
        if reason:
            return reason
        rest = rest[towards.end():].strip()
    return f"unverifiable words outside any claim: {rest[:80]}" if rest else None


def _kth_run(trace: Trace, line: int, k: int) -> int | None:
    """The event index of the k-th run of `line` (all frames, in order)."""
    runs = [i for i, e in enumerate(trace.events) if isinstance(e, LineEvent) and e.line == line]
    return runs[k - 1] if 1 <= k <= len(runs) else None


def _decisive(match: re.Match, again: Trace, wanted: Trace) -> str | None:
    line = int(match["line"] or match["line2"] or match["line3"])
    k = int(match["k"] or match["k2"] or match["k3"])
    at, their_at = _kth_run(again, line, k), _kth_run(wanted, line, k)
    if at is None or their_at is None:
        return f"line {line} does not run {k} times in both runs"
    mine, theirs = again.events[at], wanted.events[their_at]
    if mine.next_line != int(match["next"]):
        return f"after run {k} of line {line}, the candidate's run goes to line {mine.next_line}"
    if theirs.next_line != int(match["other"]) or theirs.next_line == mine.next_line:
        return f"after run {k} of line {line}, the wanted run goes to line {theirs.next_line}"
    info = analyze(again.code).lines.get(line)
    if match["way"] is not None:
        ends = info is None or mine.next_line not in info.body
        if info is None or info.kind != "for" or ends != (match["way"] == "ends"):
            return f"line {line} is not a `for` loop that {match['way']} at run {k}"
        return None
    if match["test"] is None:
        return None
    if info is None or info.test != unspan(match["test"]):
        return f"line {line} does not test {match['test']}"
    if str(mine.next_line in info.body) != match["truth"]:
        return f"the condition is {mine.next_line in info.body} at check {k} of line {line}"
    return _values_before(again, at, match["reads"] or "")


def _values_before(trace: Trace, index: int, spans: str) -> str | None:
    """None when each `name = value` span holds just before the step at `index`, else why not."""
    event = trace.events[index]
    before = state_at(trace.events, event.frame, index - 1)
    for span in re.findall(SPAN, spans):
        name, _, value = unspan(span).partition(" = ")
        if name not in before or not exact(value, before[name]):
            return f"`{name}` is `{before.get(name)}` before line {event.line} runs"
    return None


def _worked(match: re.Match, again: Trace) -> str | None:
    """The step that gives the candidate's result is at the stated line and reads the stated values."""
    events = again.events
    if again.input.kind == "stdin":
        printed = max((i for i, e in enumerate(events) if isinstance(e, OutputEvent) and e.text.strip()), default=0)
        steps = [i for i, e in enumerate(events[:printed]) if isinstance(e, LineEvent)]
    else:
        top = next((e.frame for e in events if isinstance(e, CallEvent)), None)
        steps = [i for i, e in enumerate(events) if isinstance(e, LineEvent) and e.frame == top]
    if not steps or events[steps[-1]].line != int(match["line"]):
        return f"line {match['line']} does not give the candidate's result"
    return _values_before(again, steps[-1], match["reads"])


def _result(match: re.Match, again: Trace, wanted: Trace) -> str | None:
    if again.outcome.exception is not None or again.outcome.status != "ok":
        return f"the candidate's run ends with {again.outcome.status} {again.outcome.exception or ''}".strip()
    if same_result(again, wanted):
        return "the candidate gives the wanted result"
    if match["value"] is not None:
        if again.outcome.value is None or not exact(unspan(match["value"]), again.outcome.value):
            return f"the candidate's call returns `{again.outcome.value}`"
        if wanted.outcome.value is None or not exact(unspan(match["wanted"]), wanted.outcome.value):
            return f"the wanted result is `{wanted.outcome.value}`"
        return None
    mine, theirs = _last_printed(again), _last_printed(wanted)
    if not same_output(unspan(match["printed"]), mine):
        return f"the candidate's run prints `{mine}` last"
    if not same_output(unspan(match["wanted"]), theirs) or mine == theirs:
        return f"the wanted run prints `{theirs}` last"
    return None


def _last_printed(trace: Trace) -> str:
    lines = [line for line in trace.outcome.stdout.split("\n") if line.strip()]
    return lines[-1] if lines else ""


def _towards(match: re.Match, again: Trace, wanted: Trace, tried: ProgramInput,
             following: ProgramInput) -> str | None:
    order = compare_results(again, wanted)
    said = -1 if match["order"] == "less" else 1
    if order != said or not exact(unspan(match["got"]), _shown_value(again)) \
            or not exact(unspan(match["want"]), _shown_value(wanted)):
        return "the comparison of the candidate's result with the wanted one does not hold"
    if match["position"] is None:
        return None
    moved = moved_argument(tried, following)
    if moved is None:
        return "the next try does not change one number argument"
    position, old, new = moved
    if (position, repr(new), repr(old)) != (int(match["position"]), unspan(match["new"]), unspan(match["old"])) \
            or (new > old) != (match["way"] == "up"):
        return f"the next try sets argument {position} to `{new!r}`, from `{old!r}`"
    return None


def _shown_value(trace: Trace) -> str:
    return _last_printed(trace) if trace.input.kind == "stdin" else str(trace.outcome.value)


__all__ = ["check_search", "is_tried"]
