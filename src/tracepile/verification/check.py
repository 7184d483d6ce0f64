"""The check of every claim of a CoE text against the trace, at the exact moment each claim speaks of,
with per-sentence verdicts. Strict mode also requires every recorded event to be narrated, in order."""

from __future__ import annotations

from typing import Callable

from tracepile.authored import last_question
from tracepile.model import (CallEvent, ClaimIssue, ExceptionEvent, FrameValues, LineEvent, ReturnEvent,
                             SentenceCheck, Trace, Verification)
from tracepile.tracer.analysis import CodeInfo, analyze, call_arguments
from tracepile.verification.checks import hints
from tracepile.verification.checks.base import (FLOW, HOLDS, LINE_CONTEXTS, Context, Finding, false,
                                                unverifiable)
from tracepile.verification.checks.calls import CallChecks
from tracepile.verification.checks.corroboration import CorroborationChecks
from tracepile.verification.checks.descriptors import DescriptorChecks
from tracepile.verification.checks.flow import FlowChecks
from tracepile.verification.checks.language import LanguageChecks
from tracepile.verification.checks.loops import LoopChecks
from tracepile.verification.checks.persistence import PersistenceChecks
from tracepile.verification.checks.quantifiers import QuantifierChecks
from tracepile.verification.checks.questions import QuestionChecks
from tracepile.verification.checks.phrases import PhraseChecks
from tracepile.verification.checks.transitions import TransitionChecks
from tracepile.verification.checks.values import ValueChecks
from tracepile.verification.checks.wording import WordingChecks, program_names
from tracepile.verification.claims import Claim, Sentence, parse
from tracepile.verification.compare import describe
from tracepile.verification.grammar import GRAMMAR_VERSION

__all__ = ["END_OF_TEXT", "Checker", "Finding", "FinalCheck", "false", "unverifiable", "verify"]

FinalCheck = Callable[[str], Finding]
END_OF_TEXT = "(end of text)"  # the sentence the text-wide findings (missing steps and facts) belong to


ANCHORS = {"line", "line_late", "back", "call", "resume", "return", "repeat_call", "quiet_calls", "yield", "unwind",
           "summary"}  # claims that place a step


class Checker(FlowChecks, ValueChecks, LoopChecks, CallChecks, QuestionChecks, LanguageChecks, WordingChecks,
              PhraseChecks, PersistenceChecks, DescriptorChecks, QuantifierChecks, TransitionChecks,
              CorroborationChecks):
    """Walks the trace forward while reading the claims of a CoE, sentence by sentence; each claim kind
    is checked by the method `claim_<kind>` of its family's mixin (checks/)."""

    def __init__(self, trace: Trace, strict: bool = True, final_check: FinalCheck | None = None,
                 problem: str = ""):
        self.trace, self.strict, self.final_check = trace, strict, final_check
        self.problem = problem  # the word problem the program solves, if any (quotes are checked against it)
        self.events = trace.events
        self.info = _analysis(trace.code)
        self.program_names = program_names(trace.code, problem)
        self.cursor = -1  # index of the last event narrated
        self.replayed = -1  # events up to this index are applied to `values`
        self.values = FrameValues()
        self.stack: list[int] = []  # running frames, innermost last
        self.caller: dict[int, int | None] = {}
        self.depth: dict[int, int] = {}
        self.func: dict[int, str] = {}
        self.last_line: dict[int, int] = {}  # frame -> index of its latest line event
        self.context = Context("none")
        self.paragraph = -1
        self.befores: dict[int, dict] = {}  # line event index -> its frame's values before it ran
        self.grouped: set[int] = set()  # iterations of the current summary its group sentences described
        self.unstated: dict[int, set[str]] = {}  # line event index -> changed names no claim states yet
        self.loop_sizes: dict[tuple[int, int, int], int] | None = None
        self.grounded: set[tuple[int, int, int]] = set()  # loop runs whose size the text derived (loop_ground)
        self.stated_at: dict[str, list[int]] = {}  # expression -> the steps at which a true value of it was stated
        self.final_seen = False
        self.answered = False  # the text said the answer to the problem's question
        self.skipped: list[Finding] = []  # steps skipped over to reach the last claim's step (strict)
        self.results: list[SentenceCheck] = []
        self.claims = self.verified = 0
        self.failures: list[str] = []
        self.unverifiable: list[str] = []
        self.last_quote: str | None = None  # the latest words quoted from the problem or the program

    def replay_to(self, index: int) -> None:
        """Apply every event up to and including `index` to frame values and the frame stack."""
        while self.replayed < index:
            self.replayed += 1
            event = self.events[self.replayed]
            self.values.apply(event)
            if isinstance(event, CallEvent):
                self.stack.append(event.frame)
                self.caller[event.frame], self.depth[event.frame] = event.caller, event.depth
                self.func[event.frame] = event.func
            elif isinstance(event, LineEvent):
                self.last_line[event.frame] = self.replayed
            elif isinstance(event, ReturnEvent) or isinstance(event, ExceptionEvent) and event.unwound:
                if event.frame in self.stack:
                    self.stack.remove(event.frame)

    def take(self, kind: type, test: Callable, what: str) -> int | Finding:
        """The next event, which must be a `kind` passing `test`. Strict mode reports the steps skipped to
        reach it as missing (once, then reads on from there); non-strict mode skips them silently."""
        start = self.cursor + 1
        index = next((i for i in range(start, len(self.events)) if self.matches(i, kind, test)), None)
        if index is None:
            if start >= len(self.events):
                return false(f"{what}, but the run has no step left to narrate")
            return false(f"{what}, but no such step follows; the next step of the run is "
                         f"{describe(self.events[start])}", describe(self.events[start]), what,
                         self.opening(start))
        if self.strict and index > start:
            self.skipped.append(false(f"missing step: {describe(self.events[start])} runs before this and is "
                                      f"not narrated", describe(self.events[start]), what, self.opening(start)))
        event = self.events[index]
        if isinstance(event, LineEvent):
            self.replay_to(index - 1)
            self.befores[index] = dict(self.values.of(event.frame))
        self.replay_to(index)
        self.cursor = index
        return index

    def matches(self, index: int, kind: type, test: Callable) -> bool:
        return isinstance(self.events[index], kind) and test(self.events[index])

    def sentence(self, sentence: Sentence) -> None:
        findings = []
        if sentence.final is not None:
            findings.append(self.claim_final(sentence.final))
        self.sentence_claims = sentence.claims
        for claim in self.in_order(sentence):
            findings.append(self.check(claim))
            findings += self.skipped
            self.skipped.clear()
        if sentence.stray:
            words = " ".join(sentence.stray[:6])
            findings.append(unverifiable(f"unverifiable words outside any claim: {words}"))
        self.close(sentence, findings)

    def in_order(self, sentence: Sentence) -> list[Claim]:
        """The claims in reading order, except that a paragraph's opening sentence may name its step
        after other clauses (`With `x = 3`, line 5 runs`): the step is placed first."""
        claims = sentence.claims
        if self.context.kind != "none":
            return claims
        first = next((i for i, c in enumerate(claims) if c.kind in ANCHORS), 0)
        return [claims[first]] + claims[:first] + claims[first + 1:] if first else claims

    def check(self, claim: Claim) -> Finding:
        try:
            finding = getattr(self, f"claim_{claim.kind}")(claim)
            quote = claim.args.get("quote") or claim.kind == "quote" and claim.args.get("text")
            if quote and finding.verdict is True:
                self.last_quote = quote  # what `the same sentence` and `again from "..."` refer to
            return finding
        except (RecursionError, MemoryError):
            return unverifiable(f"{claim.text} is too deep to check")

    def close(self, sentence: Sentence, findings: list[Finding]) -> None:
        for finding in findings:
            self.claims += 1
            self.verified += finding.verdict is True
        falses = [f for f in findings if f.verdict is False]
        bad = falses + [f for f in findings if f.verdict is None]
        verdict = "verified" if not bad else "false" if falses else "unverifiable"
        first = bad[0] if bad else HOLDS
        issues = tuple(ClaimIssue("false" if f.verdict is False else "unverifiable", f.reason, f.expected, f.stated,
                                  f.hint) for f in bad)
        self.results.append(SentenceCheck(sentence.paragraph, sentence.text, verdict, first.reason,
                                          first.expected, first.stated, first.hint, issues))
        quoted = sentence.text if len(sentence.text) <= 160 else sentence.text[:157] + "..."
        for finding in bad:
            target = self.failures if finding.verdict is False else self.unverifiable
            target.append(f"{finding.reason} (paragraph {sentence.paragraph + 1}: \"{quoted}\")")

    def opening(self, index: int) -> str:
        """The sentence that opens the paragraph of the step at `index`, as a hint."""
        event = self.events[index]
        arguments = call_arguments(self.trace.code, event) if isinstance(event, CallEvent) else None
        return hints.opening(event, self.func.get(getattr(event, "frame", None), ""), arguments)

    def line_context(self, claim: Claim) -> LineEvent | Finding:
        if self.context.kind in LINE_CONTEXTS:
            return self.events[self.context.index]
        if self.context.kind == "lost":
            return unverifiable(f"{claim.text} follows a step that could not be placed")
        return unverifiable(f"{claim.text} is not tied to a narrated line")

    def source_of(self, line: int) -> str:
        """The source of the statement at `line` (a compound statement's header), or ""."""
        info = self.info.info(line) if self.info else None
        return info.source if info else ""

    def run(self, sentences: list[Sentence]) -> Verification:
        for sentence in sentences:
            if sentence.paragraph != self.paragraph:
                self.paragraph = sentence.paragraph
                self.context = Context("none")
            self.sentence(sentence)
        return self.result()

    def finished(self, index: int) -> bool:
        """Whether the line at `index` finished within the trace (its frame has a later event); a
        trace cut at a question's stop can end while a line waits for a call."""
        frame = self.events[index].frame
        return any(getattr(e, "frame", None) == frame for e in self.events[index + 1:])

    def result(self) -> Verification:
        ending = Sentence(self.results[-1].paragraph if self.results else 0, END_OF_TEXT)
        findings = []
        if not self.final_seen:
            findings.append(false("the text has no final answer", "Final answer: ...", "",
                                  self.final_hint()))
        if self.strict and not self.answered and self.answerable():
            question = last_question(self.problem)
            findings.append(false("missing fact: no sentence answers the problem's question", question, "",
                                  hints.answer(question, self.trace.outcome.answer("call"))))
        left = [e for e in self.events[self.cursor + 1:]] if self.strict else []
        if left:
            findings.append(false(f"missing steps: {len(left)} steps of the run are not narrated, from "
                                  f"{describe(left[0])}", describe(left[0]), "end of text",
                                  self.opening(self.cursor + 1)))
        for index, names in self.unstated.items():
            names = {name for name in names if not self.stated_in_callee(index, name)}
            if names and self.finished(index):
                findings.append(self.unstated_fact(index, names))
        if findings:
            self.close(ending, findings)
        return Verification(passed=not self.failures and not self.unverifiable, claims=self.claims,
                            checked=self.verified, failures=tuple(self.failures),
                            unverifiable=tuple(self.unverifiable), grammar_version=GRAMMAR_VERSION,
                            sentences=tuple(self.results))

    def stated_in_callee(self, index: int, name: str) -> bool:
        """Whether the new value of `name` after the line at `index` was stated inside a call the line
        made: the last change of `name` in a nested frame (a closure's variable) is that value, and the
        narrated line that made it stated it."""
        event = self.events[index]
        value = dict(event.changes).get(name)
        last = None
        for later in range(index + 1, len(self.events)):
            step = self.events[later]
            if getattr(step, "frame", None) == event.frame:
                break
            if isinstance(step, LineEvent) and name in dict(step.changes):
                last = later
        return value is not None and last is not None and dict(self.events[last].changes)[name] == value \
            and last in self.unstated and name not in self.unstated[last]

    def unstated_fact(self, index: int, names: set[str]) -> Finding:
        """The missing fact of a narrated line: where execution goes, else the new value of each name no
        sentence states (with the values the run has, as a hint)."""
        event = self.events[index]
        where = f"after line {event.line} (step {index + 1} of the run)"
        if FLOW in names:
            return false(f"missing fact: no sentence states where execution goes next {where}",
                         "where execution goes next", "", hints.flow(event.line, event.next_line))
        changed = dict(event.changes)
        missing = sorted(names)
        said = ", ".join(f"`{name}`" for name in missing)
        values = ", ".join(f"{name} = {changed[name]}" for name in missing if name in changed)
        return false(f"missing fact: no sentence states the new value{'s' if len(missing) > 1 else ''} of {said} "
                     f"{where}", values, "", hints.new_values(event.line, [(n, changed[n]) for n in missing
                                                                            if n in changed]))


def _analysis(code: str) -> CodeInfo | None:
    try:
        return analyze(code)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


def verify(text: str, trace: Trace, strict: bool = True, *, final_check: FinalCheck | None = None,
           problem: str = "") -> Verification:
    """Check every sentence of a CoE `text` against `trace`. Strict (default): every step of the run
    must be narrated in order. `final_check` replaces the check of the `Final answer:` paragraph;
    `problem` is the word problem of the program record, which quotes of it are checked against."""
    checker = Checker(trace, strict, final_check, problem)
    return checker.run(parse(text, checker.program_names))
