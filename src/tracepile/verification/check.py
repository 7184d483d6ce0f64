"""The check of every claim of a CoE text against the trace, at the exact moment each claim speaks of,
with per-sentence verdicts. Strict mode also requires every recorded event to be narrated, in order."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import Callable

from tracepile.authored import (comments_about, comments_before_def, last_question, mentions_number, name_words,
                                quoted_from, shares_word, squeeze, without_full_stop)
from tracepile.model import (CallEvent, ExceptionEvent, FrameValues, LineEvent, OutputEvent, ReturnEvent,
                             SentenceCheck, Trace, Verification)
from tracepile.tracer.analysis import CodeInfo, analyze
from tracepile.tracer.paths import same_path
from tracepile.verification.claims import Claim, Sentence, parse
from tracepile.verification.grammar import GRAMMAR_VERSION
from tracepile.verification.compare import describe, evaluate, exact, normal, normal_statement, same_output, unfence

FinalCheck = Callable[[str], "Finding"]
LINE_CONTEXTS = ("line", "back")
BRANCHING = ("if", "elif", "while", "for", "assert")
DEFINES = {"def", "class", "import"}  # statements that bind the names their claim gives
FLOW = "<where execution goes>"  # what a branching line must state: its outcome


@dataclass(frozen=True)
class Finding:
    """The verdict on one claim: True holds, False contradicted, None cannot be checked."""

    verdict: bool | None
    reason: str = ""
    expected: str = ""
    stated: str = ""


HOLDS = Finding(True)


def false(reason: str, expected: str = "", stated: str = "") -> Finding:
    return Finding(False, reason, expected, stated)


def unverifiable(reason: str) -> Finding:
    return Finding(None, reason)


@dataclass
class Context:
    """The step a paragraph narrates: a line (or the return to it), a call, a return, a stretch."""

    kind: str
    index: int = -1
    end: int = -1
    before: dict | None = None


class Checker:
    """Walks the trace forward while reading the claims of a CoE, sentence by sentence."""

    def __init__(self, trace: Trace, strict: bool = True, final_check: FinalCheck | None = None,
                 problem: str = ""):
        self.trace, self.strict, self.final_check = trace, strict, final_check
        self.problem = problem  # the word problem the program solves, if any (quotes are checked against it)
        self.events = trace.events
        self.info = _analysis(trace.code)
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
        self.unstated: dict[int, set[str]] = {}  # line event index -> changed names no claim states yet
        self.loop_sizes: dict[tuple[int, int, int], int] | None = None
        self.final_seen = False
        self.answered = False  # the text said the answer to the problem's question
        self.skipped: list[Finding] = []  # steps skipped over to reach the last claim's step (strict)
        self.results: list[SentenceCheck] = []
        self.claims = self.verified = 0
        self.failures: list[str] = []
        self.unverifiable: list[str] = []

    # ---------------------------------------------------------------- walking the trace

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
                         f"{describe(self.events[start])}", describe(self.events[start]), what)
        if self.strict and index > start:
            self.skipped.append(false(f"missing step: {describe(self.events[start])} runs before this and is "
                                      f"not narrated", describe(self.events[start]), what))
        event = self.events[index]
        if isinstance(event, LineEvent):
            self.replay_to(index - 1)
            self.befores[index] = dict(self.values.of(event.frame))
        self.replay_to(index)
        self.cursor = index
        return index

    def matches(self, index: int, kind: type, test: Callable) -> bool:
        return isinstance(self.events[index], kind) and test(self.events[index])

    # ---------------------------------------------------------------- sentences

    def sentence(self, sentence: Sentence) -> None:
        findings = []
        if sentence.final is not None:
            findings.append(self.claim_final(sentence.final))
        for claim in sentence.claims:
            findings.append(self.check(claim))
            findings += self.skipped
            self.skipped.clear()
        if sentence.stray:
            words = " ".join(sentence.stray[:6])
            findings.append(unverifiable(f"unverifiable words outside any claim: {words}"))
        self.close(sentence, findings)

    def check(self, claim: Claim) -> Finding:
        try:
            return getattr(self, f"claim_{claim.kind}")(claim)
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
        self.results.append(SentenceCheck(sentence.paragraph, sentence.text, verdict, first.reason,
                                          first.expected, first.stated))
        quoted = sentence.text if len(sentence.text) <= 160 else sentence.text[:157] + "..."
        for finding in bad:
            target = self.failures if finding.verdict is False else self.unverifiable
            target.append(f"{finding.reason} (paragraph {sentence.paragraph + 1}: \"{quoted}\")")

    # ---------------------------------------------------------------- anchors

    def claim_line(self, claim: Claim) -> Finding:
        line = claim.args["line"]
        index = self.take(LineEvent, lambda e: e.line == line, f"the text narrates line {line}")
        if isinstance(index, Finding):
            self.context = Context("lost")
            return index
        self.context = Context("line", index, before=self.befores[index])
        if self.strict:
            event = self.events[index]
            info = self.info.info(event.line) if self.info else None
            branches = info is not None and info.kind in BRANCHING
            self.unstated[index] = {name for name, _ in event.changes} | ({FLOW} if branches else set())
        return HOLDS

    def claim_back(self, claim: Claim) -> Finding:
        line = claim.args["line"]
        frame = self.stack[-1] if self.stack else None
        index = self.last_line.get(frame)
        if index is None or self.events[index].line != line:
            self.context = Context("lost")
            actual = f"line {self.events[index].line}" if index is not None else "no line"
            return false(f"execution is not back at line {line}", actual, f"line {line}")
        self.context = Context("back", index, before=self.befores.get(index))
        return HOLDS

    def claim_call(self, claim: Claim) -> Finding:
        func = claim.args["func"]
        index = self.take(CallEvent, lambda e: e.func == func and not e.resumed, f"`{func}` is called")
        if isinstance(index, Finding):
            self.context = Context("lost")
            return index
        event = self.events[index]
        self.context = Context("call", index)
        if "depth" in claim.args and claim.args["depth"] != event.depth:
            return false(f"`{func}` runs at depth {event.depth}", str(event.depth), str(claim.args["depth"]))
        if claim.args.get("no_args") and event.args:
            return false(f"`{func}` takes arguments", ", ".join(n for n, _ in event.args), "no arguments")
        return HOLDS

    def claim_resume(self, claim: Claim) -> Finding:
        func = claim.args["func"]
        index = self.take(CallEvent, lambda e: e.func == func and e.resumed, f"generator `{func}` resumes")
        self.context = Context("lost" if isinstance(index, Finding) else "call", index)
        return index if isinstance(index, Finding) else HOLDS

    def claim_return(self, claim: Claim, yielded: bool = False) -> Finding:
        func = claim.args["func"]
        verb = "yields" if yielded else "returns"
        index = self.take(ReturnEvent, lambda e: e.func == func and e.yielded == yielded, f"`{func}` {verb}")
        if isinstance(index, Finding):
            self.context = Context("lost")
            return index
        event = self.events[index]
        self.context = Context("return", index)
        if "value" in claim.args and not exact(claim.args["value"], event.value):
            return false(f"`{func}` {verb} `{event.value}`, not `{claim.args['value']}`", event.value,
                         claim.args["value"])
        if "back" in claim.args:
            return self.back_to(event.frame, claim.args["back"], claim.args["depth"])
        return HOLDS

    def claim_yield(self, claim: Claim) -> Finding:
        return self.claim_return(claim, yielded=True)

    def back_to(self, frame: int, line: int, depth: int) -> Finding:
        caller = self.caller.get(frame)
        index = self.last_line.get(caller)
        actual = self.events[index].line if index is not None else None
        if actual != line:
            return false(f"execution goes back to line {actual}, not line {line}", str(actual), str(line))
        if self.depth.get(caller, 0) != depth:
            return false(f"the caller runs at depth {self.depth.get(caller)}", str(self.depth.get(caller)),
                         str(depth))
        return HOLDS

    def claim_unwind(self, claim: Claim) -> Finding:
        func = claim.args["func"]
        index = self.take(ExceptionEvent, lambda e: e.unwound, f"the exception leaves `{func}`")
        if isinstance(index, Finding):
            return index
        self.context = Context("return", index)
        actual = self.func.get(self.events[index].frame, "")
        if func != actual or claim.args["func2"] != actual:
            return false(f"the exception leaves `{actual}`", actual, func)
        return HOLDS

    def claim_summary(self, claim: Claim) -> Finding:
        first, last, loop = claim.args["first"], claim.args["last"], claim.args["loop"]
        start = self.take(LineEvent, lambda e: e.loop is not None and e.loop[0] == loop and e.loop[2] == first,
                          f"iteration {first} of the loop at line {loop} begins")
        if isinstance(start, Finding):
            self.context = Context("lost")
            return start
        key = self.events[start].loop[:2]
        end = next((i for i in range(start, len(self.events)) if isinstance(self.events[i], LineEvent)
                    and self.events[i].loop == key + (last + 1,)), None)
        if end is None or last < first:
            self.context = Context("lost")
            return false(f"the loop at line {loop} has no iteration {last + 1} after the summarised ones")
        self.replay_to(end - 1)
        self.cursor = end - 1
        self.context = Context("summary", start, end)
        if claim.args["same"] and not same_path(self.events, start, end, key):
            return false(f"iterations {first} to {last} of the loop at line {loop} take different paths",
                         "different paths", "the same path")
        return HOLDS

    # ---------------------------------------------------------------- effects

    def claim_raises(self, claim: Claim) -> Finding:
        text = claim.args["text"].strip()
        index = self.take(ExceptionEvent, lambda e: not e.unwound, f"`{text}` is raised")
        if isinstance(index, Finding):
            return index
        event = self.events[index]
        actual = f"{event.type}: {event.message}" if event.message else event.type
        return HOLDS if text == actual else false(f"the exception is `{actual}`", actual, text)

    def claim_prints(self, claim: Claim) -> Finding:
        text = claim.args["text"]
        index = self.take(OutputEvent, lambda e: True, f"`{text}` is printed")
        if isinstance(index, Finding):
            return index
        actual = self.events[index].text
        return HOLDS if same_output(text, actual) else false(f"the output is {actual!r}", repr(actual), text)

    def claim_stretch_prints(self, claim: Claim) -> Finding:
        if self.context.kind != "summary":
            return unverifiable("`Together they print` belongs to a summary of iterations")
        printed = "".join(e.text for e in self.events[self.context.index:self.context.end]
                          if isinstance(e, OutputEvent))
        text = claim.args["text"]
        return HOLDS if same_output(text, printed) else false("the iterations print other text", repr(printed), text)

    def claim_stretch_calls(self, claim: Claim) -> Finding:
        if self.context.kind != "summary":
            return unverifiable("`is called N times` belongs to a summary of iterations")
        func = claim.args["func"]
        count = sum(1 for e in self.events[self.context.index:self.context.end]
                    if isinstance(e, CallEvent) and e.func == func and not e.resumed)
        if count != claim.args["count"]:
            return false(f"`{func}` is called {count} times in these iterations", str(count), str(claim.args["count"]))
        return HOLDS

    def claim_after_iteration(self, claim: Claim) -> Finding:
        if self.context.kind != "summary":
            return unverifiable("`after iteration k` belongs to a summary of iterations")
        last = self.events[self.context.end].loop[2] - 1
        if claim.args["iteration"] != last:
            return false(f"the summary ends after iteration {last}", str(last), str(claim.args["iteration"]))
        if claim.args.get("unchanged"):
            frame = self.events[self.context.index].frame
            changed = [n for e in self.events[self.context.index:self.context.end]
                       if isinstance(e, LineEvent) and e.frame == frame for n, _ in e.changes]
            if changed:
                return false(f"`{changed[0]}` changes in these iterations", changed[0], "nothing changed")
        return HOLDS

    def claim_input(self, claim: Claim) -> Finding:
        program_input = self.trace.input
        if claim.args.get("stdin"):
            stated, actual, kind = claim.args["stdin_text"], program_input.text.rstrip("\n"), "stdin"
        else:
            stated, actual, kind = claim.args["call"].strip(), program_input.text.strip(), "call"
        if program_input.kind != kind or stated.rstrip("\n") != actual:
            return false("the input is not the one the run used", actual, stated)
        return HOLDS

    def claim_shown(self, claim: Claim) -> Finding:
        """How Python prints the returned value (its real repr), or that its repr() failed."""
        outcome = self.trace.outcome
        if self.trace.input.kind != "call" or outcome.exception is not None or outcome.value is None:
            return false("the run returned no value", "", claim.text)
        if claim.args.get("unavailable"):
            if outcome.value_repr is None:
                return HOLDS
            return false("Python can show the returned value", outcome.value_repr[:200], claim.text)
        stated = claim.args["value"]
        if outcome.value_repr in (stated, stated.replace("\\x60", "`")):
            return HOLDS
        return false("Python shows the returned value differently", str(outcome.value_repr)[:200], stated[:200])

    def claim_final(self, text: str) -> Finding:
        self.final_seen = True
        if self.final_check is not None:
            return self.final_check(text)
        outcome = self.trace.outcome
        expected = outcome.answer(self.trace.input.kind)
        if self.trace.input.kind == "stdin" and outcome.exception is None:
            ok = unfence(text).rstrip("\n") == expected.rstrip("\n")
        elif outcome.exception is not None:
            ok = text.strip() == expected.strip()
        else:
            ok = exact(text, expected)
        return HOLDS if ok else false("wrong final answer", expected.strip()[:200], text.strip()[:200])

    # ---------------------------------------------------------------- facts about the line in context

    def line_context(self, claim: Claim) -> LineEvent | Finding:
        if self.context.kind in LINE_CONTEXTS:
            return self.events[self.context.index]
        if self.context.kind == "lost":
            return unverifiable(f"{claim.text} follows a step that could not be placed")
        return unverifiable(f"{claim.text} is not tied to a narrated line")

    def claim_statement(self, claim: Claim) -> Finding:
        event = self.line_context(claim)
        if isinstance(event, Finding):
            return event
        info = self.info.info(event.line) if self.info else None
        if info is None:
            return unverifiable(f"line {event.line} has no statement to describe")
        kinds, args = claim.args.get("kinds"), claim.args
        if kinds and info.kind not in kinds:
            return false(f"line {event.line} is a `{info.kind}` statement", info.kind, "/".join(kinds))
        if "test" in args and normal(args["test"]) != normal(info.test or ""):
            return false(f"line {event.line} tests `{info.test}`", info.test or "", args["test"])
        if "source" in args:
            stated = ("return " if kinds == ("return",) else "") + args["source"]
            if normal_statement(stated) != normal_statement(info.source):
                return false(f"line {event.line} is `{info.source}`", info.source, stated)
        if "name" in args and info.assigns[:1] != (args["name"],):
            return false(f"line {event.line} defines `{info.assigns[:1]}`", str(info.assigns[:1]), args["name"])
        if "names" in args and tuple(args["names"]) != info.assigns:
            return false(f"line {event.line} imports {info.assigns}", ", ".join(info.assigns),
                         ", ".join(args["names"]))
        if kinds and set(kinds) <= DEFINES:  # naming what the statement binds states its new value
            self.unstated.get(self.context.index, set()).difference_update(info.assigns)
        return HOLDS

    def claim_values(self, claim: Claim) -> Finding:
        return HOLDS  # the form's own words; each `x = v` it lists is a value claim of its own

    def claim_value(self, claim: Claim) -> Finding:
        expr, stated, moment = claim.args["expr"], claim.args["value"], claim.moment
        state, recorded, where = self.state_at(moment)
        if state is None:
            return unverifiable(f"`{expr} = {stated}`: {where}")
        verdict, actual = evaluate(expr, state, recorded)
        if verdict is None:
            return unverifiable(f"`{expr}` cannot be evaluated {where}")
        if exact(stated, actual):
            if moment == "after" and self.context.kind in LINE_CONTEXTS:
                self.unstated.get(self.context.index, set()).discard(normal(expr))
            return HOLDS
        other = {"before": "after", "after": "before"}.get(moment)
        if other and self.context.kind in LINE_CONTEXTS:
            other_state, other_recorded, other_where = self.state_at(other)
            if other_state is not None and exact(stated, evaluate(expr, other_state, other_recorded)[1] or ""):
                return false(f"wrong moment: `{expr} = {stated}` holds {other_where}, but the sentence "
                             f"speaks of the state {where}", actual, stated)
        return false(f"`{expr}` is `{actual}` {where}, not `{stated}`", actual, stated)

    def state_at(self, moment: str) -> tuple[dict | None, dict, str]:
        """The state a moment names in the current context, recorded sub-expressions, and its words."""
        context = self.context
        if context.kind in LINE_CONTEXTS:
            event = self.events[context.index]
            if moment in ("before", "during"):
                return context.before, dict(event.values), f"before line {event.line} runs"
            if moment == "after":
                return self.values.of(event.frame), {}, f"after line {event.line} runs"
        elif context.kind == "call" and moment in ("entry", "after"):
            event = self.events[context.index]
            return dict(event.args), {}, f"when `{event.func}` is entered"
        elif context.kind == "summary" and moment in ("stretch", "after"):
            frame = self.events[context.index].frame
            return self.values.of(frame), {}, "after the summarised iterations"
        return None, {}, f"a value {moment or 'claim'} is not tied to a step where it can be read"

    def stated_flow(self, finding: Finding) -> Finding:
        if finding.verdict is True and self.context.kind in LINE_CONTEXTS:
            self.unstated.get(self.context.index, set()).discard(FLOW)
        return finding

    def claim_truth(self, claim: Claim) -> Finding:
        return self.stated_flow(self._truth(claim))

    def _truth(self, claim: Claim) -> Finding:
        event = self.line_context(claim)
        if isinstance(event, Finding):
            return event
        expr, stated = claim.args["expr"], claim.args["truth"]
        verdict, actual = evaluate(expr, self.context.before or {}, dict(event.values))
        if verdict is None:
            return unverifiable(f"`{expr}` cannot be evaluated at line {event.line}")
        return HOLDS if exact(stated, actual) else false(f"`{expr}` is {actual} at line {event.line}", actual, stated)

    def claim_counts_as(self, claim: Claim) -> Finding:
        return self.stated_flow(self._counts_as(claim))

    def _counts_as(self, claim: Claim) -> Finding:
        event = self.line_context(claim)
        if isinstance(event, Finding):
            return event
        if "claim" in claim.args:
            expr, _, value = claim.args["claim"].partition(" = ")
            finding = self.claim_value(Claim("value", {"expr": expr.strip(), "value": value.strip()}, "during",
                                             claim.text, claim.form))
            if finding.verdict is not True:
                return finding
        truthy = self.branch_taken(event)
        if truthy is None:
            return unverifiable(f"line {event.line} has no condition")
        stated = claim.args["truthy"] == "true"
        return HOLDS if truthy == stated else \
            false(f"the condition at line {event.line} counts as {str(truthy).lower()}", str(truthy).lower(),
                  claim.args["truthy"])

    def branch_taken(self, event: LineEvent) -> bool | None:
        info = self.info.info(event.line) if self.info else None
        if info is None or info.kind not in ("if", "elif", "while", "assert"):
            return None
        if info.kind == "assert":
            return not self.assertion_fails(self.context.index)
        return event.next_line is not None and event.next_line in info.body

    def assertion_fails(self, index: int) -> bool:
        frame = self.events[index].frame
        for event in self.events[index + 1:]:
            if isinstance(event, ExceptionEvent) and event.frame == frame:
                return event.type == "AssertionError"
            if isinstance(event, LineEvent) and event.frame == frame:
                return False
        return False

    def claim_assertion(self, claim: Claim) -> Finding:
        return self.stated_flow(self._assertion(claim))

    def _assertion(self, claim: Claim) -> Finding:
        event = self.line_context(claim)
        if isinstance(event, Finding):
            return event
        passes = self.branch_taken(event)
        if passes is None:
            return false(f"line {event.line} is not an assertion")
        stated = claim.args["outcome"] == "passes"
        return HOLDS if passes == stated else false("the assertion " + ("passes" if passes else "fails"),
                                                    "passes" if passes else "fails", claim.args["outcome"])

    def claim_next(self, claim: Claim) -> Finding:
        return self.stated_flow(self._next(claim))

    def _next(self, claim: Claim) -> Finding:
        event = self.line_context(claim)
        if isinstance(event, Finding):
            return event
        line, where = claim.args["line"], claim.args["where"]
        if event.next_line != line:
            return false(f"the text says line {line} runs next, but after line {event.line} line "
                         f"{event.next_line} runs", str(event.next_line), str(line))
        info = self.info.info(event.line) if self.info else None
        body = info.body if info else frozenset()
        if where == "body" and line not in body or where == "skip" and line in body or \
                where == "else" and (info is None or line not in info.orelse):
            return false(f"line {line} is {'inside' if line in body else 'outside'} the body of line {event.line}")
        if where in ("else", "elif") and (where == "elif") != self.is_elif(line):
            return false(f"line {line} is {'an `elif`' if self.is_elif(line) else 'the `else` part'}",
                         "elif" if self.is_elif(line) else "else", where)
        if "iteration" in claim.args:
            return self.iteration_is(event, claim.args["iteration"])
        return HOLDS

    def is_elif(self, line: int) -> bool:
        info = self.info.info(line) if self.info else None
        return info is not None and info.kind == "elif"

    def iteration_is(self, event: LineEvent, number: int) -> Finding:
        actual = event.loop[2] if event.loop else None
        if actual != number:
            return false(f"line {event.line} starts iteration {actual}", str(actual), str(number))
        return HOLDS

    def claim_iteration(self, claim: Claim) -> Finding:
        return self.stated_flow(self._iteration(claim))

    def _iteration(self, claim: Claim) -> Finding:
        event = self.line_context(claim)
        if isinstance(event, Finding):
            return event
        return self.iteration_is(event, claim.args["iteration"])

    def claim_loop_end(self, claim: Claim) -> Finding:
        return self.stated_flow(self._loop_end(claim))

    def _loop_end(self, claim: Claim) -> Finding:
        event = self.line_context(claim)
        if isinstance(event, Finding):
            return event
        if not event.loop or event.loop[2] != 0:
            return false(f"the loop at line {event.line} does not end here")
        if self.loop_sizes is None:
            self.loop_sizes = _loop_sizes(self.events)
        count = self.loop_sizes.get((event.frame,) + event.loop[:2], 0)
        if count != claim.args["count"]:
            return false(f"the loop ends after {count} iterations", str(count), str(claim.args["count"]))
        return HOLDS

    def claim_deleted(self, claim: Claim) -> Finding:
        event = self.line_context(claim)
        if isinstance(event, Finding):
            return event
        alive = [n for n in claim.args["names"] if n in self.values.of(event.frame)]
        if alive:
            return false(f"`{alive[0]}` still exists after line {event.line}")
        self.unstated.get(self.context.index, set()).difference_update(claim.args["names"])
        return HOLDS

    # ---------------------------------------------------------------- the verdict

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
        ending = Sentence(self.results[-1].paragraph if self.results else 0, "(end of text)")
        findings = []
        if not self.final_seen:
            findings.append(false("the text has no final answer", "Final answer: ...", ""))
        if self.strict and not self.answered and self.answerable():
            findings.append(false("missing fact: no sentence answers the problem's question",
                                  last_question(self.problem), ""))
        left = [e for e in self.events[self.cursor + 1:]] if self.strict else []
        if left:
            findings.append(false(f"missing steps: {len(left)} steps of the run are not narrated, from "
                                  f"{describe(left[0])}", describe(left[0]), "end of text"))
        for index, names in self.unstated.items():
            if names and self.finished(index):
                event = self.events[index]
                missing = "where execution goes next" if FLOW in names else f"the new value of `{min(names)}`"
                findings.append(false(f"missing fact: no sentence states {missing} after line {event.line} "
                                      f"(step {index + 1} of the run)", missing, ""))
        if findings:
            self.close(ending, findings)
        return Verification(passed=not self.failures and not self.unverifiable, claims=self.claims,
                            checked=self.verified, failures=tuple(self.failures),
                            unverifiable=tuple(self.unverifiable), grammar_version=GRAMMAR_VERSION,
                            sentences=tuple(self.results))


    # ---------------------------------------------------------------- issue 11, varied language: meanings,
    # comments and context (each against the program record or the trace at the sentence's step)

    def claim_problem_quote(self, claim: Claim) -> Finding:
        event = self.line_context(claim)
        if isinstance(event, Finding):
            return event
        quote, (expr, value) = claim.args["quote"], _split_claim(claim.args["given"])
        if not quoted_from(self.problem, quote):
            return false("the problem text has no such words", "", quote)
        if expr not in self.assigns(event):
            return false(f"line {event.line} does not bind `{expr}`", ", ".join(self.assigns(event)), expr)
        finding = self.claim_value(Claim("value", {"expr": expr, "value": value}, "after", claim.text, claim.form))
        if finding.verdict is True and not mentions_number(quote, value):
            return false(f"the quoted words do not mention `{value}`", value, quote)
        return finding

    def claim_name_meaning(self, claim: Claim) -> Finding:
        event = self.line_context(claim)
        if isinstance(event, Finding):
            return event
        words = tuple(claim.args["words"].split())
        names = [name for name in self.assigns(event) if name_words(name) == words]
        if not names:
            return false(f"no name bound at line {event.line} reads as \"{claim.args['words']}\"",
                         ", ".join(self.assigns(event)), claim.args["words"])
        return self.claim_value(Claim("value", {"expr": names[0], "value": claim.args["value"]}, "after",
                                      claim.text, claim.form))

    def claim_problem_mention(self, claim: Claim) -> Finding:
        event = self.line_context(claim)
        if isinstance(event, Finding):
            return event
        quote = claim.args["quote"]
        if not quoted_from(self.problem, quote):
            return false("the problem text has no such words", "", quote)
        if not any(shares_word(name, quote) for name in self.assigns(event)):
            return false(f"the quote names nothing line {event.line} binds", ", ".join(self.assigns(event)), quote)
        return HOLDS

    def assigns(self, event: LineEvent) -> tuple[str, ...]:
        info = self.info.info(event.line) if self.info else None
        return info.assigns if info else ()

    def claim_problem_answer(self, claim: Claim) -> Finding:
        asked, stated = last_question(self.problem), claim.args["value"]
        self.answered = True
        if self.strict and self.cursor < len(self.events) - 1:
            return false("the problem's question is answered before the run ends", "", stated)
        if not asked or squeeze(asked) != squeeze(claim.args["question"]):
            return false("the problem's last question is another", asked, claim.args["question"])
        outcome = self.trace.outcome
        if self.trace.input.kind != "call" or outcome.exception is not None:
            return false("the run returns no value to answer with", "", stated)
        expected = outcome.answer("call")
        return HOLDS if exact(stated, expected) else false(f"the run returns `{expected}`", expected, stated)

    def answerable(self) -> bool:
        """Whether the run answers the problem's question: the program record has a problem asking one,
        and the call returned a value."""
        return bool(last_question(self.problem)) and self.trace.input.kind == "call" \
            and self.trace.outcome.exception is None and self.trace.outcome.value is not None

    def claim_comment(self, claim: Claim) -> Finding:
        if self.context.kind == "call":  # comments above the `def` of the function entered
            event = self.events[self.context.index]
            found = comments_before_def(self.trace.code, event.line)
        else:
            event = self.line_context(claim)
            if isinstance(event, Finding):
                return event
            info = self.info.info(event.line) if self.info else None
            found = comments_about(self.trace.code, event.line, info.end if info else None)
        about = {c.line: c.text for c in found}
        line, text = claim.args["line"], claim.args["text"]
        if line not in about:
            return false(f"line {line} holds no comment about line {event.line}", "", str(line))
        same = text in (about[line], without_full_stop(about[line]))  # a quote may leave out the full stop
        return HOLDS if same else false(f"the comment at line {line} is other text", about[line], text)

    def claim_change(self, claim: Claim) -> Finding:
        event = self.line_context(claim)
        if isinstance(event, Finding):
            return event
        name = claim.args["name"]
        before, after = (self.context.before or {}).get(name), self.values.of(event.frame).get(name)
        if before is None or after is None:
            return false(f"`{name}` has no value both before and after line {event.line}")
        for stated, actual, when in ((claim.args["old"], before, "before"), (claim.args["new"], after, "after")):
            if not exact(stated, actual):
                return false(f"`{name}` is `{actual}` {when} line {event.line}", actual, stated)
        old, new = _number(before), _number(after)
        if old is None or new is None:
            return unverifiable(f"`{name}` is not a number at line {event.line}")
        direction = claim.args["direction"]
        if direction == "is multiplied":
            factor = _number(claim.args.get("delta", ""))
            if factor is None or new != old * factor:
                return false(f"`{name}` is not multiplied by that factor", after, claim.args.get("delta", ""))
        elif not _moves(direction, old, new):
            return false(f"`{name}` does not {direction}, from `{before}` to `{after}`", after, direction)
        elif "delta" in claim.args and _number(claim.args["delta"]) != abs(new - old):
            return false(f"`{name}` changes by {abs(new - old)}", str(abs(new - old)), claim.args["delta"])
        self.unstated.get(self.context.index, set()).discard(name)
        return HOLDS

    def claim_stays(self, claim: Claim) -> Finding:
        event = self.line_context(claim)
        if isinstance(event, Finding):
            return event
        name, stated = claim.args["name"], claim.args["value"]
        if name not in self.assigns(event):
            return false(f"line {event.line} does not bind `{name}`", ", ".join(self.assigns(event)), name)
        before, after = (self.context.before or {}).get(name), self.values.of(event.frame).get(name)
        if before is None or after is None or not exact(stated, before) or not exact(stated, after):
            return false(f"`{name}` goes from `{before}` to `{after}` at line {event.line}", str(after), stated)
        return HOLDS

    def claim_relation(self, claim: Claim) -> Finding:
        event = self.line_context(claim)
        if isinstance(event, Finding):
            return event
        sides = []
        for span in (claim.args["left"], claim.args["right"]):
            expr, value = _split_claim(span) if " = " in span else ("", span)
            if expr:
                finding = self.claim_value(Claim("value", {"expr": expr, "value": value}, "before", claim.text,
                                                 claim.form))
                if finding.verdict is not True:
                    return finding
            sides.append(_literal(value))
        relation = claim.args["relation"]
        cannot = unverifiable(f"{claim.text} relates values that `{relation}` cannot compare")
        if any(side is UNREADABLE for side in sides):
            return cannot
        try:
            holds = RELATIONS[relation](*sides)
        except TypeError:
            return cannot
        return HOLDS if holds else false(f"the relation `{relation}` does not hold", "", relation)

    def claim_because_value(self, claim: Claim) -> Finding:
        """`not done` is True because `done = False`: the operand must be part of the line's condition."""
        event = self.line_context(claim)
        if isinstance(event, Finding):
            return event
        expr, value = _split_claim(claim.args["operand"])
        info = self.info.info(event.line) if self.info else None
        if info is None or not info.test or normal(expr) not in _parts(info.test):
            return false(f"`{expr}` is not part of the condition at line {event.line}", info.test if info else "",
                         expr)
        return self.claim_value(Claim("value", {"expr": expr, "value": value}, "before", claim.text, claim.form))

    def claim_last_iteration(self, claim: Claim) -> Finding:
        size = self.iterations_in_all(claim)
        if isinstance(size, Finding):
            return size
        event = self.events[self.context.index]
        return HOLDS if event.loop[2] == size else false(f"the loop runs {size} iterations", str(size),
                                                         str(event.loop[2]))

    def claim_loop_total(self, claim: Claim) -> Finding:
        size = self.iterations_in_all(claim)
        if isinstance(size, Finding):
            return size
        return HOLDS if size == claim.args["count"] else false(f"the loop runs {size} iterations", str(size),
                                                               str(claim.args["count"]))

    def iterations_in_all(self, claim: Claim) -> int | Finding:
        """How many iterations the loop the current line iterates runs, when it runs out within the trace."""
        event = self.line_context(claim)
        if isinstance(event, Finding):
            return event
        if not event.loop or event.loop[2] < 1:
            return false(f"line {event.line} does not start a loop iteration")
        key = (event.frame,) + event.loop[:2]
        ended = any(isinstance(e, LineEvent) and e.frame == event.frame and e.loop == key[1:] + (0,)
                    for e in self.events[self.context.index:])
        if not ended:
            return unverifiable(f"the loop at line {event.line} does not run out within the trace")
        if self.loop_sizes is None:
            self.loop_sizes = _loop_sizes(self.events)
        return self.loop_sizes.get(key, 0)

    def claim_flips(self, claim: Claim) -> Finding:
        event = self.line_context(claim)
        if isinstance(event, Finding):
            return event
        if claim.args["line"] != event.line:
            return false(f"the step is at line {event.line}", str(event.line), str(claim.args["line"]))
        previous = next((i for i in range(self.context.index - 1, -1, -1) if isinstance(self.events[i], LineEvent)
                         and self.events[i].frame == event.frame and self.events[i].line == event.line), None)
        info = self.info.info(event.line) if self.info else None
        if previous is None or info is None or info.kind not in ("if", "elif", "while"):
            return false(f"line {event.line} has no earlier check in this call")
        was, now = (self.events[i].next_line in info.body for i in (previous, self.context.index))
        if (claim.args["truthy"] == "true") != was:
            return false(f"the previous check was {str(was).lower()}", str(was).lower(), claim.args["truthy"])
        return HOLDS if was != now else false("the outcome is the same as at the previous check", "same", "flips")


RELATIONS = {"greater than": lambda a, b: a > b, "larger than": lambda a, b: a > b,
             "less than": lambda a, b: a < b, "smaller than": lambda a, b: a < b,
             "at least": lambda a, b: a >= b, "at most": lambda a, b: a <= b,
             "equal to": lambda a, b: a == b, "different from": lambda a, b: a != b,
             "in": lambda a, b: a in b, "not in": lambda a, b: a not in b}
UP, DOWN = {"grows", "goes up", "increases", "rises", "climbs"}, {"shrinks", "goes down", "decreases", "drops", "falls"}


def _moves(direction: str, old: float, new: float) -> bool:
    """Whether a change from `old` to `new` is what `direction` says."""
    if direction in UP:
        return new > old
    if direction in DOWN:
        return new < old
    return {"doubles": old != 0 and new == 2 * old, "steps up": new == old + 1,
            "steps down": new == old - 1}.get(direction, False)


def _parts(test: str) -> set[str]:
    """Every sub-expression of a condition, in canonical spelling."""
    try:
        return {ast.unparse(node) for node in ast.walk(ast.parse(test, mode="eval").body) if isinstance(node, ast.expr)}
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return set()


def _split_claim(span: str) -> tuple[str, str]:
    expr, _, value = span.partition(" = ")
    return expr.strip(), value.strip()


def _number(text: str) -> int | float | None:
    value = _literal(text)
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None


UNREADABLE = object()  # a value that is no Python literal


def _literal(text: str):
    """The Python literal `text` writes, or UNREADABLE (bools too: `True > 0` is no relation shown)."""
    try:
        value = ast.literal_eval(text.strip())
    except (ValueError, SyntaxError, MemoryError, RecursionError, TypeError):
        return UNREADABLE
    return UNREADABLE if isinstance(value, bool) else value


def _analysis(code: str) -> CodeInfo | None:
    try:
        return analyze(code)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


def _loop_sizes(events) -> dict[tuple[int, int, int], int]:
    """(frame, loop line, activation) -> its number of iterations."""
    sizes: dict[tuple[int, int, int], int] = {}
    for event in events:
        if isinstance(event, LineEvent) and event.loop:
            key = (event.frame,) + event.loop[:2]
            sizes[key] = max(sizes.get(key, 0), event.loop[2])
    return sizes


def verify(text: str, trace: Trace, strict: bool = True, *, final_check: FinalCheck | None = None,
           problem: str = "") -> Verification:
    """Check every sentence of a CoE `text` against `trace`. Strict (default): every step of the run
    must be narrated in order. `final_check` replaces the check of the `Final answer:` paragraph;
    `problem` is the word problem of the program record, which quotes of it are checked against."""
    return Checker(trace, strict, final_check, problem).run(parse(text))
