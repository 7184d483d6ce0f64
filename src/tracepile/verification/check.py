"""The check of every claim of a CoE text against the trace, at the exact moment each claim speaks of,
with per-sentence verdicts. Strict mode also requires every recorded event to be narrated, in order."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import Callable

from tracepile.authored import (comments_about, comments_before_def, last_question, mentions_number,
                                quoted_from, shares_word, squeeze, without_full_stop)
from tracepile.model import (CallEvent, ExceptionEvent, FrameValues, LineEvent, OutputEvent, ReturnEvent,
                             SentenceCheck, Trace, Verification)
from tracepile.tracer.analysis import CodeInfo, analyze
from tracepile.tracer.paths import iteration_lines, same_path
from tracepile.verification.claims import Claim, Sentence, parse
from tracepile.verification.grammar import GRAMMAR_VERSION
from tracepile.verification.compare import describe, evaluate, exact, normal, normal_statement, same_output, unfence
from tracepile.verification import reasoning
from tracepile.verification.wording import WordingChecks, program_names
from tracepile.values import Unparsable, parse_value

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


ANCHORS = {"line", "back", "call", "resume", "return", "yield", "unwind", "summary"}  # claims that place a step


class Checker(WordingChecks):
    """Walks the trace forward while reading the claims of a CoE, sentence by sentence."""

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
        self.grouped = set()
        if "paths" in claim.args:
            paths = len(set(iteration_lines(self.events, start, end, key).values()))
            if paths != claim.args["paths"]:
                return false(f"iterations {first} to {last} of the loop at line {loop} run {paths} different "
                             "sets of lines", str(paths), str(claim.args["paths"]))
        return HOLDS

    def claim_iteration_group(self, claim: Claim) -> Finding:
        """`in iterations 4 and 7, it runs lines 3 and 4` (or `in the other N iterations`): exactly the lines
        each of those iterations of the summarised stretch runs in the loop's frame."""
        if self.context.kind != "summary":
            return unverifiable("`in iterations ..., it runs lines ...` belongs to a summary of iterations")
        start, end = self.context.index, self.context.end
        runs = iteration_lines(self.events, start, end, self.events[start].loop[:2])
        if claim.args.get("rest"):
            iterations = tuple(sorted(set(runs) - self.grouped))
            if len(iterations) != claim.args["count"]:
                return false(f"{len(iterations)} iterations of the stretch are not described yet",
                             str(len(iterations)), str(claim.args["count"]))
        else:
            iterations = claim.args["iterations"]
        lines = claim.args["lines"]
        for iteration in iterations:
            if iteration not in runs:
                return false(f"iteration {iteration} is not in the summarised stretch", "", str(iteration))
            if runs[iteration] != tuple(sorted(lines)):
                return false(f"iteration {iteration} runs lines {', '.join(map(str, runs[iteration]))}",
                             ", ".join(map(str, runs[iteration])), ", ".join(map(str, lines)))
        self.grouped |= set(iterations)
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
        if moment.startswith("auto"):
            return self.auto_value(claim)
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

    # ---------------------------------------------------------------- question steps (issue 11: questions
    # answered by reasoning). Each recomputes its fact from the events narrated so far (up to the cursor).

    def seen(self) -> tuple:
        return self.events[:self.cursor + 1]

    def at_end(self) -> bool:
        return self.cursor == len(self.events) - 1

    def claim_count_runs(self, claim: Claim) -> Finding:
        line, seen = claim.args["line"], self.seen()
        runs = reasoning.runs_of(seen, line)
        if "loop" in claim.args:
            loop = claim.args["loop"]
            info = self.info.info(loop) if self.info else None
            if info is None or line not in info.body:
                return false(f"line {line} is not in the body of the loop at line {loop}")
            keys = [reasoning.iteration_of(seen, i, loop) for i in runs]
            if None in keys or len({k[:2] for k in keys}) > 1:
                return false(f"the runs of line {line} are not all in one run of the loop at line {loop}")
            actual, stated = tuple(k[2] for k in keys), claim.args["iterations"]
        else:
            func = claim.args["func"]
            actual = tuple(reasoning.call_number(seen, seen[i].frame, func) for i in runs)
            stated = claim.args["calls"]
        if actual != stated:
            return false(f"line {line} ran in {_numbers(actual)}", _numbers(actual), _numbers(stated))
        return self.count_is(len(runs), claim, f"line {line} ran")

    def count_is(self, actual: int, claim: Claim, what: str) -> Finding:
        stated = claim.args.get("count", 1)
        return HOLDS if stated == actual else false(f"{what} {actual} times so far", str(actual), str(stated))

    def claim_count_calls(self, claim: Claim) -> Finding:
        func, seen = claim.args["func"], self.seen()
        starts = reasoning.call_starts(seen, func)
        entries = claim.args["entries"]
        if len(entries) != len(starts):
            return false(f"`{func}` was entered {len(starts)} times so far", str(len(starts)), str(len(entries)))
        for k, (index, entry) in enumerate(zip(starts, entries), 1):
            name, _, value = entry.partition(" = ")
            actual = dict(seen[index].args).get(name.strip())
            if actual is None or not exact(value, actual):
                return false(f"call {k} of `{func}` starts with `{name.strip()} = {actual}`", str(actual), entry)
        return self.count_is(len(starts), claim, f"`{func}` was called")

    def claim_loop_total(self, claim: Claim) -> Finding:
        loop, seen = claim.args["loop"], self.seen()
        headers = reasoning.latest_activation(seen, loop)
        if not headers or not self.loop_over(seen, headers[-1], loop):
            return false(f"no run of the loop at line {loop} is over at this point")
        return self.count_is(seen[headers[-1]].loop[2], claim, f"the loop at line {loop} iterated")

    def loop_over(self, seen, last_header: int, loop: int) -> bool:
        """Whether a step after the loop's last iteration shows the loop finished (same frame)."""
        frame, info = seen[last_header].frame, self.info.info(loop) if self.info else None
        body = info.body if info else frozenset()
        for event in seen[last_header + 1:]:
            if getattr(event, "frame", None) != frame:
                continue
            if isinstance(event, LineEvent):
                if event.line == loop and event.loop and event.loop[2] == 0 or \
                        event.line != loop and event.line not in body:
                    return True
            elif isinstance(event, ReturnEvent) or isinstance(event, ExceptionEvent) and event.unwound:
                return True
        return False

    def claim_extreme(self, claim: Claim) -> Finding:
        name, func = claim.args["name"], claim.args.get("func", "<module>")
        actual = reasoning.distinct(reasoning.values_taken(self.seen(), func, name))
        stated = claim.args["values"]
        if len(stated) != len(actual) or not all(exact(s, a) for s, a in zip(stated, actual)):
            return false(f"`{name}` took the values {', '.join(actual)[:200]}", ", ".join(actual)[:200],
                         ", ".join(stated)[:200])
        try:
            parsed = [parse_value(a) for a in actual]
            pick = max if claim.args["which"] == "largest" else min
            best = actual[parsed.index(pick(parsed))]
        except (Unparsable, TypeError, ValueError):
            return unverifiable(f"the values of `{name}` cannot be compared")
        if not exact(claim.args["best"], best):
            return false(f"the {claim.args['which']} value of `{name}` is `{best}`", best, claim.args["best"])
        return HOLDS

    def claim_first_past(self, claim: Claim) -> Finding:
        loop, last, name, seen = claim.args["loop"], claim.args["last"], claim.args["name"], self.seen()
        headers = reasoning.latest_activation(seen, loop)
        if claim.args["answer"] != last or len(headers) != last:
            return false(f"iteration {last} is not the latest iteration of the loop at line {loop} so far",
                         str(len(headers)), str(last))
        frame = seen[headers[0]].frame
        ends = [h - 1 for h in headers[1:]] + [self.cursor]
        values = [reasoning.state_at(seen, frame, end).get(name) for end in ends]
        stated = claim.args["values"]
        if len(stated) != len(values) or not all(v is not None and exact(s, v) for s, v in zip(stated, values)):
            shown = ", ".join(str(v) for v in values)[:200]
            return false(f"`{name}` was {shown} at the end of those iterations", shown, ", ".join(stated)[:200])
        holds = [_compare(claim.args["condition"], name, v) for v in values]
        if None in holds:
            return unverifiable(f"`{claim.args['condition']}` cannot be checked")
        if not holds[-1] or any(holds[:-1]):
            first = holds.index(True) + 1 if True in holds else None
            return false(f"`{claim.args['condition']}` first holds after iteration {first}", str(first), str(last))
        return HOLDS

    def claim_first_exception(self, claim: Claim) -> Finding:
        if claim.args.get("none"):
            raised = reasoning.first_exception(self.events)
            if not self.at_end() or raised is not None:
                return false("the run is not over without an exception", raised.type if raised else "more steps",
                             "no exception")
            return HOLDS
        event = reasoning.first_exception(self.seen())
        if event is None:
            return false("no exception has been raised so far")
        actual = f"{event.type}: {event.message}" if event.message else event.type
        if claim.args["text"].strip() != actual or claim.args["line"] != event.line:
            return false(f"the first exception is `{actual}` at line {event.line}", f"{actual} (line {event.line})",
                         f"{claim.args['text']} (line {claim.args['line']})")
        return HOLDS

    def claim_kth_return(self, claim: Claim) -> Finding:
        func, event = claim.args["func"], self.events[self.cursor] if self.cursor >= 0 else None
        if not isinstance(event, ReturnEvent) or event.func != func or event.yielded:
            return false(f"the last narrated step is not a return from `{func}`")
        k = reasoning.call_number(self.seen(), event.frame, func)
        if k != claim.args["k"]:
            return false(f"this is call {k} of `{func}`", str(k), str(claim.args["k"]))
        if not exact(claim.args["value"], event.value):
            return false(f"`{func}` returned `{event.value}`", event.value, claim.args["value"])
        return HOLDS

    def kth_run(self, claim: Claim) -> int | Finding:
        runs = reasoning.runs_of(self.seen(), claim.args["line"])
        k = claim.args["k"]
        if not 1 <= k <= len(runs):
            return false(f"line {claim.args['line']} ran {len(runs)} times so far", str(len(runs)), str(k))
        return runs[k - 1]

    def latest_in_frame(self, claim: Claim) -> int | Finding:
        """The k-th run of the claim's line, which must be its frame's latest narrated step."""
        index = self.kth_run(claim)
        if isinstance(index, Finding):
            return index
        frame = self.events[index].frame
        latest = max(i for i, e in enumerate(self.seen()) if isinstance(e, LineEvent) and e.frame == frame)
        if latest != index:
            return false(f"run {claim.args['k']} of line {claim.args['line']} is not the latest step of its frame")
        return index

    def claim_kth_state(self, claim: Claim) -> Finding:
        index = self.latest_in_frame(claim)
        if isinstance(index, Finding):
            return index
        seen, frame = self.seen(), self.events[index].frame
        value = reasoning.state_at(seen, frame, self.cursor).get(claim.args["name"])
        if value is None or not exact(claim.args["value"], value):
            return false(f"`{claim.args['name']}` holds `{value}`", str(value), claim.args["value"])
        try:
            kind = type(parse_value(value)).__name__
        except Unparsable:
            return unverifiable(f"the type of `{value}` cannot be read")
        return HOLDS if kind == claim.args["type"] else false(f"`{value}` is of type `{kind}`", kind, claim.args["type"])

    def claim_kth_next(self, claim: Claim) -> Finding:
        index = self.kth_run(claim)
        if isinstance(index, Finding):
            return index
        seen = self.seen()
        after = next((i for i in range(index + 1, len(seen)) if isinstance(seen[i], LineEvent)), None)
        if any(isinstance(e, LineEvent) for e in seen[(after if after is not None else index) + 1:]):
            return false(f"run {claim.args['k']} of line {claim.args['line']} is not the step just narrated")
        nxt = seen[after].line if after is not None else None
        if claim.args.get("none"):
            return HOLDS if nxt is None and self.at_end() else false("another line runs after it", str(nxt), "none")
        return HOLDS if nxt == claim.args["next"] else false(f"line {nxt} runs next", str(nxt), str(claim.args["next"]))

    def claim_line_ran(self, claim: Claim) -> Finding:
        line, seen = claim.args["line"], self.seen()
        runs = reasoning.runs_of(seen, line)
        if claim.args.get("never"):
            return HOLDS if not runs and self.at_end() else false(f"line {line} runs, or the run is not over")
        last = max((i for i, e in enumerate(seen) if isinstance(e, LineEvent)), default=None)
        if len(runs) != 1 or runs[0] != last:
            return false(f"the latest step is not the first run of line {line}")
        return HOLDS

    def claim_deepest(self, claim: Claim) -> Finding:
        calls = [e for e in self.seen() if isinstance(e, CallEvent) and not e.resumed]
        if not calls or not self.at_end():
            return false("the run is not over at this point")
        depth = max(e.depth for e in calls)
        if depth != claim.args["depth"] or claim.args["func"] not in {e.func for e in calls if e.depth == depth}:
            return false(f"the deepest call is at depth {depth}", str(depth), str(claim.args["depth"]))
        return HOLDS

    def claim_kth_branch(self, claim: Claim) -> Finding:
        index = self.latest_in_frame(claim)
        if isinstance(index, Finding):
            return index
        event, info = self.events[index], self.info.info(claim.args["line"]) if self.info else None
        if info is None or info.kind not in ("if", "elif"):
            return false(f"line {claim.args['line']} is not an `if` or `elif`")
        taken = event.next_line is not None and event.next_line in info.body
        if str(taken) != claim.args["truth"]:
            return false(f"the condition is {taken}", str(taken), claim.args["truth"])
        if claim.args.get("next") != event.next_line:
            return false(f"after the check, line {event.next_line} runs", str(event.next_line), str(claim.args.get("next")))
        return HOLDS

    def claim_backward_target(self, claim: Claim) -> Finding:
        """The result an input-prediction run must reach, and the step at the end of the run that gives it."""
        outcome, line = self.trace.outcome, claim.args["line"]
        if claim.args.get("raised") or claim.args.get("printed"):
            kind = ExceptionEvent if claim.args.get("raised") else OutputEvent
            last = max((i for i, e in enumerate(self.events) if isinstance(e, kind)
                        and not getattr(e, "unwound", False) and getattr(e, "text", "x").strip()), default=None)
            if last is None:
                return false("the run raises nothing" if kind is ExceptionEvent else "the run prints nothing")
            event = self.events[last]
            actual = event.text if kind is OutputEvent else \
                f"{event.type}: {event.message}" if event.message else event.type
            ok = same_output(claim.args["text"], actual) if kind is OutputEvent else claim.args["text"] == actual
            at = event.line if kind is ExceptionEvent else self.line_before(last)
            if not ok or at != line:
                return false(f"the run ends with `{actual}` from line {at}", f"{actual} (line {at})",
                             f"{claim.args['text']} (line {line})")
            return HOLDS
        top = next((e.frame for e in self.events if isinstance(e, CallEvent)), None)
        last = max((i for i, e in enumerate(self.events) if isinstance(e, LineEvent) and e.frame == top), default=None)
        info = self.info.info(line) if self.info else None
        if outcome.value is None or not exact(claim.args["value"], outcome.value):
            return false(f"the call returns `{outcome.value}`", str(outcome.value), claim.args["value"])
        if last is None or self.events[last].line != line or info is None or info.kind != "return":
            return false(f"the call's last step is not the `return` at line {line}")
        return HOLDS

    def line_before(self, index: int) -> int | None:
        return next((e.line for e in reversed(self.events[:index]) if isinstance(e, LineEvent)), None)

    def producing_step(self) -> int | None:
        """The line event that gives the run's result: the called function's last line, or for a script
        the line that prints the last output."""
        if self.trace.input.kind == "stdin":
            printed = max((i for i, e in enumerate(self.events) if isinstance(e, OutputEvent) and e.text.strip()),
                          default=None)
            return None if printed is None else \
                max((i for i, e in enumerate(self.events[:printed]) if isinstance(e, LineEvent)), default=None)
        top = next((e.frame for e in self.events if isinstance(e, CallEvent)), None)
        return max((i for i, e in enumerate(self.events) if isinstance(e, LineEvent) and e.frame == top), default=None)

    def claim_backward_needs(self, claim: Claim) -> Finding:
        index = self.producing_step()
        if index is None or self.events[index].line != claim.args["line"]:
            return false(f"line {claim.args['line']} does not give the run's result")
        event = self.events[index]
        before = reasoning.state_at(self.events, event.frame, index - 1)
        for need in claim.args["needs"]:
            expr, _, stated = need.partition(" = ")
            verdict, actual = evaluate(expr.strip(), before, dict(event.values))
            if verdict is None:
                return unverifiable(f"`{expr}` cannot be evaluated at line {event.line}")
            if not exact(stated, actual):
                return false(f"`{expr}` is `{actual}` when line {event.line} gives the result", actual, stated)
        return HOLDS

    def claim_backward_match(self, claim: Claim) -> Finding:
        outcome = self.trace.outcome
        if not self.at_end():
            return false("the run is not over at this point")
        actual = outcome.answer(self.trace.input.kind)
        if self.trace.input.kind == "stdin":
            return HOLDS if same_output(claim.args["value"], outcome.stdout.rstrip("\n").rsplit("\n", 1)[-1]) else \
                false("the run ends with other output", outcome.stdout[-200:], claim.args["value"])
        return HOLDS if exact(claim.args["value"], actual) or claim.args["value"] == actual else \
            false(f"the run gives `{actual}`", actual, claim.args["value"])
    # ---------------------------------------------------------------- issue 11, values: stdin reads, mutating calls

    def claim_stdin_reads(self, claim: Claim) -> Finding:
        """`reads the line(s)/the text ... from standard input`: every read the line made, in order,
        each stated as the string literal of the text it consumed."""
        event = self.line_context(claim)
        if isinstance(event, Finding):
            return event
        actual = [text for _, text in event.reads]
        stated = [_string(span) for span in claim.args["texts"]]
        if stated != actual:
            return false(f"line {event.line} reads {actual!r} from standard input", repr(actual)[:200],
                         repr(stated)[:200])
        lines = all(how == "line" for how, _ in event.reads)
        if claim.args["noun"] != "the text" and not lines:
            return false(f"a read at line {event.line} is not a whole line", "the text", claim.args["noun"])
        return HOLDS

    def claim_stdin_count(self, claim: Claim) -> Finding:
        """`reads N characters from standard input`: the length of all the line's reads together."""
        event = self.line_context(claim)
        if isinstance(event, Finding):
            return event
        count = sum(len(text) for _, text in event.reads)
        if not event.reads or count != claim.args["count"]:
            return false(f"line {event.line} reads {count} characters from standard input", str(count),
                         str(claim.args["count"]))
        return HOLDS

    def claim_mutating_call(self, claim: Claim) -> Finding:
        """`calls `q.popleft()`, which returns `3``: the call is part of the line's statement, the
        tracer recorded its result when the line began (computed on a copy, see safe_eval), and the
        stated value is that result."""
        event = self.line_context(claim)
        if isinstance(event, Finding):
            return event
        call = normal(claim.args["call"])
        info = self.info.info(event.line) if self.info else None
        if info is None or call not in _calls_in(info.source):
            return false(f"line {event.line} does not call `{call}`", info.source if info else "", call)
        recorded = next((value for expr, value in event.values if normal(expr) == call), None)
        if recorded is None:
            return unverifiable(f"the run recorded no result of `{call}` at line {event.line}")
        stated = claim.args.get("value")
        if stated is not None and not exact(stated, recorded):
            return false(f"`{call}` returns `{recorded}` at line {event.line}", recorded, stated)
        return HOLDS


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
        names = self.meaning_names(event, words)
        if not names:
            return false(f"no name bound at line {event.line} reads as \"{claim.args['words']}\"",
                         ", ".join(self.assigns(event)), claim.args["words"])
        findings = [self.claim_value(Claim("value", {"expr": name, "value": claim.args["value"]}, "after",
                                           claim.text, claim.form)) for name in names]
        return next((f for f in findings if f.verdict is True), findings[0])

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
        for slot, actual, when in (("old", before, "before"), ("new", after, "after")):
            stated = claim.args.get(slot)
            if stated is not None and not exact(stated, actual):
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
        if "new" in claim.args:
            self.unstated.get(self.context.index, set()).discard(name)
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

    def claim_loop_size(self, claim: Claim) -> Finding:
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


def _calls_in(source: str) -> set[str]:
    """Every call expression of a statement's source, in normal spelling."""
    try:
        tree = ast.parse(source.strip())
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return set()
    return {ast.unparse(node) for node in ast.walk(tree) if isinstance(node, ast.Call)}


def _string(span: str) -> str | None:
    """The str a span states as a Python string literal, else None."""
    try:
        value = ast.literal_eval(span)
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return None
    return value if isinstance(value, str) else None


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


def _numbers(values) -> str:
    return ", ".join(str(v) for v in values)


def _compare(condition: str, name: str, value: str) -> bool | None:
    """`name > threshold` or `name < threshold` with `name` bound to `value`; None for other shapes."""
    left, _, rest = condition.partition(" ")
    op, _, threshold = rest.partition(" ")
    if left != name or op not in ("<", ">"):
        return None
    try:
        a, b = parse_value(value), parse_value(threshold)
        return a > b if op == ">" else a < b
    except (Unparsable, TypeError):
        return None


def verify(text: str, trace: Trace, strict: bool = True, *, final_check: FinalCheck | None = None,
           problem: str = "") -> Verification:
    """Check every sentence of a CoE `text` against `trace`. Strict (default): every step of the run
    must be narrated in order. `final_check` replaces the check of the `Final answer:` paragraph;
    `problem` is the word problem of the program record, which quotes of it are checked against."""
    checker = Checker(trace, strict, final_check, problem)
    return checker.run(parse(text, checker.program_names))
