"""Rationales: the template CoE narrated up to a question's stop event and ending in its answer,
and their verification: the verifier's own walk over the trace up to the stop, then the checker."""

from __future__ import annotations

import re
from dataclasses import replace

from tracepile.engine import trace as run_trace
from tracepile.enrich.questions.check import Rerun, check_answer
from tracepile.enrich.questions.focus import question_focus
from tracepile.enrich.questions.records import Question
from tracepile.enrich.questions.search import NO_DERIVATION, derive
from tracepile.enrich.questions.search_check import check_search, is_tried
from tracepile.enrich.questions.wording import final_paragraph, unfence
from tracepile.model import SentenceCheck, Trace, Verification
from tracepile.narration import Compression, narrate
from tracepile.narration.prompt import fence
from tracepile.narration.text import code
from tracepile.verification.check import Finding, false, verify
from tracepile.verification.claims import parse

FULL = Compression(head=10**9, tail=1)  # never summarise: every step stays in view
# the rest: every middle iteration that does not bear on the question (its focus) is summarised
FOCUSED = Compression(head=1, tail=1, whole=True)
FINAL = "Final answer: "
INPUT_INTRO = re.compile(r"^Try (?:the call `|this standard input and run the script on it:)")
TALLIED = ("line_count", "next_line")  # kinds about the runs of one line: the text counts them as they happen
# The answer step's claim and the argument naming what it counts, per kind whose question names a line or a
# function: a true tally of another line, loop or function answers nothing (`line 12 ran 2 times` for line 11).
SUBJECTS = {"line_count": ("count_runs", "line", "line"), "loop_iterations": ("loop_total", "loop", "line"),
            "call_count": ("count_calls", "func", "func")}


def rationale(trace: Trace, question: Question, seed: int, rerun: Rerun | None = None) -> tuple[str, int]:
    """The CoE text for `question` and how many loops it compresses. An input question not yet searched is
    searched first (`rerun` runs its candidates); ValueError when no candidate derives its input."""
    if question.kind == "input" and "tried" not in question.params:
        question = derive(question, trace, rerun or run_trace)
        if question is None:
            raise ValueError(NO_DERIVATION)
    compression = FULL if question.full else FOCUSED
    narration = narrate(trace, seed=seed, compression=compression, stop_at=question.stop, final=question.answer,
                        tally=question.params.get("line") if question.kind in TALLIED else None,
                        tally_calls=question.params.get("func") if question.kind == "call_count" else None,
                        focus=question_focus(trace, question.kind, question.params, question.stop))
    body = narration.response[:narration.response.rindex(FINAL)].rstrip()
    parts = [question.lead] if question.lead else []
    parts += [_input_intro(trace)] if question.kind == "input" else []
    parts += [body] if body else []
    parts += [question.step] if question.step else []
    parts.append(final_paragraph(question.answer))
    return "\n\n".join(parts), narration.compressed_loops


def _input_intro(trace: Trace) -> str:
    if trace.input.kind == "call":
        return f"Try the call {code(trace.input.text)} and follow it step by step to see what it gives."
    return "Try this standard input and run the script on it:\n" + fence(trace.input.text.rstrip("\n"))


def verify_rationale(text: str, trace: Trace, question: Question,
                     rerun: Rerun | None = None) -> Verification:
    """Check every sentence of a rationale against the trace up to `question.stop`; the final
    paragraph must state an answer that the checker accepts for the whole trace."""
    prefix = replace(trace, events=trace.events[:question.stop + 1])

    def final_check(text: str) -> Finding:
        claimed = unfence(text)
        if question.kind == "input" and trace.input.kind == "stdin" and not claimed.endswith("\n"):
            claimed += "\n"
        if check_answer(replace(question, answer=claimed), trace, rerun):
            return Finding(True)
        return false(f"wrong final answer to the {question.kind} question", question.answer, claimed.strip()[:200])

    if question.kind == "input":
        return _with_search(text, trace, rerun, lambda rest: verify(rest, prefix, strict=True,
                                                                   final_check=final_check))
    report = verify(text, prefix, strict=True, final_check=final_check)
    return _about_the_question(report, text, question)


def _with_search(text: str, trace: Trace, rerun: Rerun | None, check_rest) -> Verification:
    """An input rationale: its wrong candidates' paragraphs checked against their own runs (search_check),
    the rest by `check_rest` against the wanted run; candidates must all come before that run is tried."""
    paragraphs = text.split("\n\n")
    tried = [(i, p) for i, p in enumerate(paragraphs) if is_tried(p)]
    if not tried:
        report = check_rest(text)
        reason = "no candidate input is worked through before the answer is tried: the input is not derived"
        return replace(report, passed=False, failures=report.failures + (reason,), sentences=report.sentences + (
            SentenceCheck(len(paragraphs) - 1, "(end of text)", "false", reason),))
    kept = [i for i, p in enumerate(paragraphs) if not is_tried(p)]
    report = check_rest("\n\n".join(paragraphs[i] for i in kept))
    sentences = tuple(replace(s, paragraph=kept[s.paragraph]) if s.paragraph < len(kept) else s
                      for s in report.sentences)
    checks = check_search(tried, trace, rerun or run_trace, trace.input)
    intro = next((i for i, p in enumerate(paragraphs) if INPUT_INTRO.match(p)), -1)
    if intro < tried[-1][0]:
        checks.append(SentenceCheck(tried[-1][0], tried[-1][1][:200], "false",
                                    "a candidate is tried after the input run forward"))
    failures = tuple(f"{c.reason} (paragraph {c.paragraph + 1}: \"{c.sentence[:160]}\")"
                     for c in checks if c.verdict != "verified")
    return replace(report, passed=report.passed and not failures, failures=report.failures + failures,
                   claims=report.claims + len(checks), checked=report.checked + len(checks) - len(failures),
                   sentences=sentences + tuple(checks))


def _about_the_question(report: Verification, text: str, question: Question) -> Verification:
    """`report`, failed at each answer step claim that counts something other than what the question asks
    about (and at the end when the text has none)."""
    if question.kind not in SUBJECTS or not question.step:
        return report
    kind, argument, param = SUBJECTS[question.kind]
    asked = question.params[param]
    steps = [(sentence, claim.args.get(argument)) for sentence in parse(text) for claim in sentence.claims
             if claim.kind == kind]
    what = _subject(param, asked)
    checks = tuple(SentenceCheck(sentence.paragraph, sentence.text, "false", f"the answer step counts "
                                 f"{_subject(param, said)}, but the question asks about {what}", what,
                                 _subject(param, said)) for sentence, said in steps if said != asked)
    if steps and not checks:
        return report
    checks = checks or (SentenceCheck(len(text.split("\n\n")) - 1, "(end of text)", "false",
                                      f"no answer step counts what the question asks about ({what})", what),)
    return replace(report, passed=False, failures=report.failures + tuple(
        f"{c.reason} (paragraph {c.paragraph + 1}: \"{c.sentence[:160]}\")" for c in checks),
        sentences=report.sentences + checks)


def _subject(param: str, value) -> str:
    return f"line {value}" if param == "line" else f"`{value}`"
