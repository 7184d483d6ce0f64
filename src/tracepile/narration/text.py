"""The template narrator: walks a trace in execution order and writes one paragraph per step.
Every checkable fact is written as a claim in backticks (`x = 3`, `a > b` is True) for the verifier."""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from tracepile import updates
from tracepile.authored import Comment, comments_about, comments_before_def, quotable, without_full_stop
from tracepile.model import (DELETED, CallEvent, ExceptionEvent, FrameValues, LineEvent, OutputEvent,
                             ReturnEvent, Trace)
from tracepile.narration import phrasing
from tracepile.narration.elements import call_text, element_change, written_rows
from tracepile.narration.focus import Focus
from tracepile.narration.plan import Compression, Summary, plan
from tracepile.tracer.analysis import CodeInfo, LineInfo, call_arguments, for_iterable
from tracepile.tracer.paths import QuietCalls, call_end, call_signature, one_line_loops
from tracepile.values import Unparsable, parse_value, sequence_size

MAX_OPERAND_CHARS = 60
MAX_SCALAR_CHARS = 24
MAX_OPERANDS = 4
MAX_COMPUTATIONS = 6
DEFINES = ("def", "class", "import")  # statements whose opening already names what they bind
NOISE = ("<function ", "<class ", "<module ", "<built-in ", "<bound method ", "<_io.")


def is_noise(value: str) -> bool:
    """A function, class, module or stream object, or an opaque view (`<dict_keys object>`): its rendering
    teaches nothing about the run."""
    return value.startswith(NOISE) or value.startswith("<") and value.endswith(" object>")


def tautology(expr: str, value: str) -> bool:
    """`X = X`: an expression that is its own value (`-1 = -1`, `'a' = 'a'`, `[] = []`) says nothing."""
    return " ".join(expr.split()) == " ".join(value.split())


def code(text: str) -> str:
    """A Markdown code span that survives backticks inside `text`."""
    if "`" not in text:
        return f"`{text}`"
    if "``" not in text:
        return f"`` {text} ``"
    # backticks only occur inside string literals in Python text, where \x60 means the same
    return f"`{text.replace('`', chr(92) + 'x60')}`"


def claim(expr: str, value: str) -> str:
    return code(f"{expr} = {value}")


def join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def output_claim(text: str) -> str:
    body = text[:-1] if text.endswith("\n") else text
    if "`" in body or "\n" in body or body != body.strip() or not body:
        return code(repr(text))
    return code(body)


MAX_READS_SHOWN = 6
MAX_READ_CHARS = 120


def stdin_reads(event: LineEvent) -> str:
    """What the line read from standard input: each text it consumed, or their length in all."""
    if not event.reads:
        return ""
    texts = [text for _, text in event.reads]
    if len(texts) > MAX_READS_SHOWN or sum(len(repr(t)) for t in texts) > MAX_READ_CHARS:
        total = sum(len(t) for t in texts)
        return f"reads {total} {'character' if total == 1 else 'characters'} from standard input"
    lines = all(how == "line" for how, _ in event.reads)
    noun = "the text" if not lines else "the line" if len(texts) == 1 else "the lines"
    return f"reads {noun} {join([code(repr(t)) for t in texts])} from standard input"


def mutating_call(event: LineEvent, info: LineInfo | None) -> str:
    """The line's mutating call as an action, with what it returned (recorded just before it ran)."""
    if info is None or not info.mutating or "`" in info.mutating:
        return ""
    value = dict(event.values).get(info.mutating)
    if value is None:
        return ""
    if value == "None" or len(value) > MAX_OPERAND_CHARS or is_noise(value):
        return f"calls {code(info.mutating)}"
    return f"calls {code(info.mutating)}, which returns {code(value)}"


class Narrator:
    """Writes the CoE for one trace; `paragraphs` accumulates the text."""

    def __init__(self, trace: Trace, info: CodeInfo, compression: Compression,
                 stop_at: int | None = None, problem: str = "", tally: int | None = None,
                 tally_calls: str | None = None, focus: Focus = Focus()):
        self.trace, self.info = trace, info
        self.focus = focus  # steps never summarised, and what the answer depends on (focus.py)
        self.tally = tally  # a line whose runs the text counts as they happen (count questions)
        self.tally_runs = [i for i, e in enumerate(trace.events) if isinstance(e, LineEvent) and e.line == tally]
        self.tally_calls = tally_calls  # a function whose calls the text counts as they start
        self.tally_starts = [i for i, e in enumerate(trace.events)
                             if isinstance(e, CallEvent) and e.func == tally_calls and not e.resumed]
        self.events = trace.events
        self.stop_at = stop_at  # narrate events up to and including this index (None: all)
        self.compression = compression
        self.paragraphs: list[str] = []
        self.values = FrameValues()
        self.func: dict[int, str] = {}
        self.deferred: dict[int, tuple[LineEvent, LineInfo | None]] = {}
        self.line_callees: dict[int, list[str]] = {}  # frame -> the functions its latest line called
        self.iterations: dict[tuple[int, int], int] = {}  # (loop line, activation) -> last iteration
        self.has_callee = self._lines_with_callees()
        self.summaries = 0
        self.caller: dict[int, int | None] = {}
        self.last_line: dict[int, int] = {}
        self.failed_asserts = self._failed_asserts()
        self.problem = problem  # the word problem the program solves ("" when it has none)
        self.said_comments: set[int] = set()
        self.said_meanings: set[str] = set()  # names whose meaning in the problem is said (once each)
        self.said_totals: set[int] = set()  # loop lines whose number of iterations is said
        self.grounded: set[tuple[int, int, int]] = set()  # loop runs whose size the text derived
        self.line_before: dict[int, dict[str, str]] = {}  # frame -> its values before its latest line
        self.line_index: dict[int, int] = {}  # frame -> event index of its latest line
        self.previous_check, self.last_iterations, self.loop_totals = self._line_history()
        self.skip_to = -1  # events up to this index were said in one sentence (a repeated call)
        self.full_calls: dict[tuple, int] = {}  # what a call narrated in full did -> its call number
        self.signatures: dict[int, tuple | None] = {}  # call event index -> paths.call_signature
        self.call_starts: dict[str, list[int]] = {}  # function -> event indices of its calls, in order
        for i, e in enumerate(trace.events):
            if isinstance(e, CallEvent) and not e.resumed:
                self.call_starts.setdefault(e.func, []).append(i)
        self.by_item: dict[int, dict[str, str]] = {}  # frame -> containers said item by item since last restated

    # ---------------------------------------------------------------- walk

    def run(self) -> list[str]:
        events = self.events if self.stop_at is None else self.events[:self.stop_at + 1]
        for item in plan(events, self.compression, one_line_loops(self.info), self.focus.events, self.trace.code,
                         self.info):
            if (item if isinstance(item, int) else item.begin) <= self.skip_to:
                continue
            if isinstance(item, Summary):
                self.flush(item.frame)
                self.summary(item)
                continue
            if isinstance(item, QuietCalls):
                self.quiet_calls(item)
                continue
            event = self.events[item]
            if isinstance(event, LineEvent):
                self.flush(event.frame)
                self.line(item, event)
            elif isinstance(event, CallEvent):
                if not self.repeated_call(item, event):
                    self.call(item, event)
            elif isinstance(event, ReturnEvent):
                self.flush(event.frame)
                self.ret(event)
            elif isinstance(event, ExceptionEvent):
                self.flush(event.frame)
                self.exception(event)
            elif isinstance(event, OutputEvent):
                self.flush(event.frame)
                self.output(event)
        if self.stop_at is not None:
            self.close_at_stop()
        return self.paragraphs

    def close_at_stop(self) -> None:
        """Close the pending line whose calls have all returned by the stop (its frame runs next)."""
        following = self.stop_at + 1
        if following >= len(self.events):
            for frame in list(self.deferred):
                self.flush(frame)
            return
        event = self.events[following]
        if not isinstance(event, CallEvent):
            self.flush(event.frame)

    def add(self, text: str) -> None:
        self.paragraphs.append(text)

    def extend(self, text: str) -> None:
        if self.paragraphs:
            self.paragraphs[-1] += " " + text
        else:
            self.add(text)

    def replay(self, begin: int, end: int) -> None:
        """Bring every frame's known values past a summarised stretch (generators live on after it)."""
        for event in self.events[begin:end]:
            self.values.apply(event)
            if isinstance(event, CallEvent):
                self.func[event.frame] = event.func
                self.caller[event.frame] = event.caller
            elif isinstance(event, LineEvent):
                self.last_line[event.frame] = event.line

    def _failed_asserts(self) -> set[int]:
        """Ids of the line events whose next event in their frame is an AssertionError."""
        failed, last = set(), {}
        for event in self.events:
            if isinstance(event, LineEvent):
                last[event.frame] = event
            elif isinstance(event, ExceptionEvent) and not event.unwound and event.type == "AssertionError" \
                    and event.frame in last and last[event.frame].line == event.line:
                failed.add(id(last[event.frame]))
        return failed

    def _lines_with_callees(self) -> set[int]:
        marked: set[int] = set()
        last_line: dict[int, int] = {}
        for index, event in enumerate(self.events):
            if isinstance(event, LineEvent):
                last_line[event.frame] = index
            elif isinstance(event, CallEvent) and event.caller in last_line and not event.resumed:
                marked.add(last_line[event.caller])
            elif isinstance(event, CallEvent) and event.resumed and event.caller in last_line:
                marked.add(last_line[event.caller])
        return marked

    # ---------------------------------------------------------------- lines

    def line(self, index: int, event: LineEvent) -> None:
        info = self.info.info(event.line)
        self.line_callees[event.frame] = []
        self.last_line[event.frame] = event.line
        before = dict(self.values.of(event.frame))
        self.values.apply(event)
        self.line_before[event.frame], self.line_index[event.frame] = before, index
        opening = self.opening(event, info, before)
        heard = stdin_reads(event)
        if heard:
            opening = heard if opening in ("runs", "executes") else f"{opening}; it {heard}"
        acted = mutating_call(event, info)
        if acted and (opening in ("runs", "executes") or opening == f"runs {code(info.mutating)}"):
            opening, acted = acted, ""
        steps = self.computations(event, info)
        if steps:
            opening += f"; step by step, {steps}"
        if acted:
            opening += f"; it {acted}"
        remark = self.comment_remark(event, info) + self.tallied(index, event)
        if index in self.has_callee:
            self.add(f"Line {event.line} {opening}." + remark)
            self.deferred[event.frame] = (event, info)
        else:
            closing = self.closing(event, info)
            self.add(f"Line {event.line} {opening}" + (f"; {closing}." if closing else ".") + remark
                     + self.meanings(event, info))

    def tallied(self, index: int, event: LineEvent) -> str:
        """` That is run 3 of line 9.` at each run of the tallied line."""
        if event.line != self.tally:
            return ""
        return f" That is run {bisect_right(self.tally_runs, index)} of line {event.line}."

    def flush(self, frame: int) -> None:
        pending = self.deferred.pop(frame, None)
        if pending is None:
            return
        event, info = pending
        closing = self.closing(event, info)
        if closing:
            self.add(f"Back at line {event.line}, {closing}." + self.meanings(event, info))

    def operands(self, event: LineEvent, info: LineInfo | None, before: dict[str, str],
                 skip: str | None = None) -> list[str]:
        computed = info.computed if info is not None else frozenset()
        mutating = info.mutating if info is not None else ""
        rows = written_rows(info.source) if info is not None else frozenset()
        found = [claim(expr, value) for expr, value in event.values
                 if expr != skip and expr not in computed and expr != mutating and len(value) <= MAX_OPERAND_CHARS
                 and not is_noise(value) and not tautology(expr, value) and expr not in rows]
        if info is not None:
            for name in info.reads:
                value = before.get(name)
                if value is not None and len(value) <= MAX_SCALAR_CHARS and not is_noise(value) and value != name:
                    found.append(claim(name, value))  # (a sympy symbol `x = x` says nothing)
        return found[:MAX_OPERANDS]

    def computations(self, event: LineEvent, info: LineInfo | None) -> str:
        """The recorded arithmetic and pure-call values of the line, in evaluation order."""
        if info is None or not info.computed:
            return ""
        if info.kind == "for" and (not event.loop or event.loop[2] != 1):
            return ""  # Python evaluates the iterable once, before the first iteration
        shown = [claim(expr, value) for expr, value in event.values
                 if expr in info.computed and expr != info.test and len(value) <= MAX_OPERAND_CHARS
                 and not is_noise(value) and not tautology(expr, value)]
        return join(shown[:MAX_COMPUTATIONS])

    def iterated(self, event: LineEvent) -> bool:
        """Whether the run of the loop that `event` ends had an iteration."""
        return any(isinstance(e, LineEvent) and e.frame == event.frame and e.loop and e.loop[:2] == event.loop[:2]
                   and e.loop[2] > 0 for e in self.events)

    def opening(self, event: LineEvent, info: LineInfo | None, before: dict[str, str]) -> str:
        kind = info.kind if info else "other"
        if kind in ("if", "elif", "while", "assert"):
            explained = self.comparison(event, info, before) or self.negation(event, info, before)
            ops = [] if explained else self.operands(event, info, before, skip=info.test)
            decider = phrasing.deciding(info.test, event.values)  # said with the verdict, not among the operands
            ops = [op for op in ops if not decider or op != claim(*decider)]
            what = {"if": "checks the condition", "elif": "checks the `elif` condition",
                    "while": "checks the loop condition", "assert": "asserts"}[kind]
            text = f"{what} {code(info.test)}"
            return text + (f" with {join(ops)}" if ops else "")
        if kind == "for" and event.loop and event.loop[2] == 0 and not self.iterated(event):
            return "reaches the `for` loop"  # a loop with nothing to iterate over is reached, not gone back to
        if kind == "for" and event.loop and event.loop[2] == 0:
            return "goes back to the `for` loop"
        if kind == "for":
            return "advances the `for` loop"
        if kind == "inline_loop":
            source = info.source if " = " not in info.source and "`" not in info.source else ""
            return f"runs the one-line loop {code(source)}" if source else "runs a loop written on one line"
        if kind == "def":
            return f"defines the function `{info.assigns[0]}`"
        if kind == "class":
            return f"defines the class `{info.assigns[0]}`"
        if kind == "import":
            return f"imports {join([f'`{n}`' for n in info.assigns])}"
        if kind == "return":
            ops = self.operands(event, info, before)
            expr = info.source[len("return"):].strip() if info.source.startswith("return") else ""
            head = f"returns {code(expr)}" if expr and " = " not in expr and "\n" not in expr \
                else "reaches the `return` statement"
            return head + (f", with {join(ops)}" if ops else "")
        if kind in ("break", "continue", "pass", "try", "except", "raise", "global"):
            return {"break": "breaks out of the loop", "continue": "jumps to the next iteration",
                    "pass": "does nothing (`pass`)", "try": "enters the `try` block",
                    "except": "is the `except` clause that catches the exception",
                    "raise": "raises an exception", "global": "declares names as global"}[kind]
        ops = self.operands(event, info, before)
        source = info.source if info else ""
        if ops:
            return f"uses {join(ops)}"
        if source and " = " not in source and "\n" not in source and len(source) <= 80 and "`" not in source:
            return f"runs {code(source)}"
        return "runs"

    def closing(self, event: LineEvent, info: LineInfo | None) -> str:
        kind = info.kind if info else "other"
        if kind in ("if", "elif", "while", "assert"):
            return self.with_effects(self.condition(event, info), event)
        if kind == "for":
            stated = info.assigns if event.loop and event.loop[2] >= 1 else ()
            return self.with_effects(self.loop_step(event, info), event, stated)
        effects = self.effects(event, info.assigns if kind in DEFINES else ())
        if kind in ("break", "continue") and event.next_line:
            return f"execution continues at line {event.next_line}" + (f"; {effects}" if effects else "")
        return effects

    def with_effects(self, text: str, event: LineEvent, stated: tuple[str, ...] = ()) -> str:
        """A closing plus the values the line changed that it does not state already."""
        effects = self.effects(event, stated)
        return f"{text}; {effects}" if effects else text

    def effects(self, event: LineEvent, stated: tuple[str, ...] = ()) -> str:
        changes = [c for c in event.changes if c[1] != DELETED and c[0] not in stated]
        deleted = [n for n, v in event.changes if v == DELETED]
        moves = self.moves(event, changes)
        changes = [c for c in changes if c[0] not in moves]
        info = self.info.info(event.line)
        source = info.source if info else ""
        # a change the line's own code does not make: a function it called made it (or an alias did)
        defined = frozenset(self.info.functions)
        indirect = [c for c in changes if source and not updates.changes_directly(source, c[0], defined)]
        changes = [c for c in changes if c not in indirect]
        items, changes = self.items_changed(event, source, changes)
        symbols = [(n, v) for n, v in changes if n == v]  # a sympy symbol: `x` holds the symbol `x`, not `x = x`
        changes = [c for c in changes if c not in symbols]
        parts = []
        if changes:
            claims = join([claim(n, v) for n, v in changes])
            parts.append(f"now {claims}")
        parts += [f"{code(n)} now holds the symbol {code(v)}" for n, v in symbols]
        callees = sorted(set(self.line_callees.get(event.frame, ())))
        before = self.line_before.get(event.frame, {})
        restored = [c for c in indirect if _same_value(before.get(c[0]), c[1])]  # changed in a call, put back
        changed = [c for c in indirect if c not in restored]
        if changed and len(callees) == 1:
            parts += [f"{code(n)} is now {code(v)}, changed inside `{callees[0]}`" for n, v in changed]
            changed = []
        if changed or restored:
            parts.append("now " + join([claim(n, v) for n, v in changed + restored]))
        parts += items + list(moves.values()) + self.unchanged(event, stated)
        if deleted:
            parts.append(f"{join([f'`{n}`' for n in deleted])} no longer exists")
        return ", and ".join(parts)

    def items_changed(self, event: LineEvent, source: str, changes: list[tuple[str, str]]):
        """The changes said as the one item they change in a container that is not small (elements.py), and
        the changes left to state whole; containers said item by item are restated when their loop ends."""
        before, said = self.line_before.get(event.frame, {}), self.by_item.setdefault(event.frame, {})
        items, whole = [], []
        for name, value in changes:
            text = element_change(source, name, before.get(name), value)
            if text:
                items.append(text)
                said[name] = value
            else:
                whole.append((name, value))
                said.pop(name, None)
        return items, whole

    def restated(self, event: LineEvent) -> str:
        """At the end of a loop that no other loop holds: each container of the frame said item by item
        since it was last stated whole, with its value now (`; the loop leaves `seen = [...]``)."""
        said = self.by_item.get(event.frame)
        if not said or any(info.kind in ("for", "while") and event.line in info.body
                           for info in self.info.lines.values()):
            return ""
        now = self.values.of(event.frame)
        shown = [claim(name, now[name]) for name in said if name in now]
        said.clear()
        return f"; the loop leaves {join(shown)}" if shown else ""

    def condition(self, event: LineEvent, info: LineInfo) -> str:
        value = dict(event.values).get(info.test)
        taken = event.next_line is not None and event.next_line in info.body
        if info.kind == "assert":
            taken = id(event) not in self.failed_asserts
        if value in ("True", "False"):
            verdict = f"{code(info.test)} is {value}" + (self.because(event, info) or self.decided_by(event, info))
        elif value is not None:
            verdict = f"{claim(info.test, value)}, which counts as {'true' if taken else 'false'}"
        else:
            verdict = f"the condition is {'true' if taken else 'false'}"
        if info.kind == "assert":
            return verdict + (", so the assertion passes" if taken else ", so the assertion fails")
        if event.next_line is None:
            return verdict
        if info.kind == "while":
            if taken:
                it = event.loop[2] if event.loop else 0
                return verdict + f", so iteration {it} of the loop runs, starting at line {event.next_line}" \
                    + self.last_pass(event)
            return verdict + f", so the loop ends and execution continues at line {event.next_line}" \
                + self.restated(event)
        return self.branch(event, info, verdict, taken) + self.flip(event, info, taken)

    def branch(self, event: LineEvent, info: LineInfo, verdict: str, taken: bool) -> str:
        if taken:
            return verdict + f", so line {event.next_line} runs next"
        if event.next_line in info.orelse and self.kind_of(event.next_line) == "elif":
            return verdict + f", so it moves on to the `elif` at line {event.next_line}"
        if event.next_line in info.orelse:
            return verdict + f", so it skips to the `else` part at line {event.next_line}"
        return verdict + f", so it skips ahead to line {event.next_line}"

    def kind_of(self, line: int) -> str:
        info = self.info.info(line)
        return info.kind if info else "other"

    def loop_step(self, event: LineEvent, info: LineInfo) -> str:
        if not event.loop:
            return self.effects(event)
        line, activation, iteration = event.loop
        if iteration >= 1:
            self.iterations[(line, activation)] = iteration
            names = list(info.assigns)
            state = self.values.of(event.frame)
            values = [claim(n, state[n]) for n in names if n in state]
            return f"iteration {iteration} begins with {join(values) or 'the next item'}" + self.last_pass(event)
        count = self.iterations.pop((line, activation), 0)
        plural = "iteration" if count == 1 else "iterations"
        ended = (f"there are no more items, so the loop ends after {count} {plural}" if count
                 else "there is nothing to iterate over, so the loop body does not run at all")
        if event.next_line is None:
            return ended + self.restated(event)
        return f"{ended} and execution continues at line {event.next_line}" + self.restated(event)

    # ---------------------------------------------------------------- calls, returns, exceptions

    def call(self, index: int, event: CallEvent) -> None:
        self.func[event.frame] = event.func
        self.caller[event.frame] = event.caller
        if event.resumed:
            self.add(f"The generator `{event.func}` resumes where it left off.")
            return
        self.values.apply(event)
        if event.caller is not None:
            self.line_callees.setdefault(event.caller, []).append(event.func)
        args = join([claim(n, v) for n, v in call_arguments(self.trace.code, event)])  # closures' names aside
        where = f" (depth {event.depth})" if event.depth > 1 else ""
        if event.func == "<module>":
            self.add("The script starts running from the top.")
        elif args:
            self.add(f"We enter `{event.func}`{where} with {args}.")
        else:
            self.add(f"We enter `{event.func}`{where}, which takes no arguments.")
        if event.func != "<module>":
            self.extend_quote(self.def_comments(event))
        if event.func == self.tally_calls:
            self.paragraphs[-1] += f" That is call {bisect_right(self.tally_starts, index)} of `{event.func}`."
        signature = self.signature(index) if event.caller is not None else None
        if signature is not None:
            self.full_calls.setdefault(signature, bisect_right(self.call_starts[event.func], index))

    def signature(self, index: int) -> tuple | None:
        """paths.call_signature of the call at `index`, computed once."""
        if index not in self.signatures:
            self.signatures[index] = call_signature(self.events, index)
        return self.signatures[index]

    def repeated_call(self, index: int, event: CallEvent) -> bool:
        """A call that does exactly what an earlier call narrated in full did (same arguments, lines, values
        and result: paths.call_signature), said in one sentence: "`cmp('0', '0')` again returns `0`, as in call
        2". Not for the tallied function, nor for a call the walk stops inside."""
        if event.resumed or event.caller is None or event.func == self.tally_calls:
            return False
        end = call_end(self.events, index)
        if end is None or self.stop_at is not None and end > self.stop_at:
            return False
        earlier = self.full_calls.get(self.signature(index))
        shown = call_text(self.trace.code, event.func, event.line, call_arguments(self.trace.code, event))
        if earlier is None or shown is None:
            return False
        self.replay(index, end + 1)
        self.line_callees.setdefault(event.caller, []).append(event.func)
        self.skip_to = end
        self.add(f"{code(shown)} again returns {code(self.events[end].value)}, as in call {earlier}.")
        return True

    def quiet_calls(self, item: QuietCalls) -> None:
        """The calls a line starts said in one sentence, their steps unnarrated (Compression.calls)."""
        frame = self.events[item.line].frame
        self.replay(item.begin, item.end)
        self.line_callees.setdefault(frame, []).extend(
            e.func for e in self.events[item.begin:item.end] if isinstance(e, CallEvent) and e.caller == frame)
        self.extend(f"Its calls are summarised: line {self.events[item.line].line} starts {item.calls} "
                    f"call{'s' if item.calls != 1 else ''} (of {join([f'`{f}`' for f in item.funcs])}), which "
                    f"print nothing and change nothing outside themselves.")

    def ret(self, event: ReturnEvent) -> None:
        if event.func == "<module>":
            self.add("The script reaches its end.")
            return
        caller = self.caller.get(event.frame)
        back = ""
        if caller is not None and caller in self.last_line:
            back = f", and execution goes back to line {self.last_line[caller]} (depth {event.depth - 1})"
        if event.yielded:
            self.add(f"`{event.func}` yields {code(event.value)}, handing control back to its caller{back}.")
            return
        self.add(f"So `{event.func}` returns {code(event.value)}{back}.")

    def exception(self, event: ExceptionEvent) -> None:
        if event.unwound:
            name = self.func.get(event.frame, "the code")
            self.add(f"The exception is not caught inside `{name}`, so it leaves `{name}`.")
            return
        text = f"{event.type}: {event.message}" if event.message else event.type
        self.extend(f"This raises {code(text)}.")

    def output(self, event: OutputEvent) -> None:
        if event.frame == 0 and event.line:  # the module's top-level code, run once before the call
            self.add(f"Before the call, the module's top-level code runs once; line {event.line} prints "
                     f"{output_claim(event.text)}.")
            return
        self.extend(f"It prints {output_claim(event.text)}.")

    @staticmethod
    def groups(groups) -> list[str]:
        """One clause per path of a mixed stretch: which iterations take it and the lines they run."""
        def numbers(values, noun: str) -> str:
            return f"{noun}{'s' if len(values) > 1 else ''} {join([str(v) for v in values])}"
        *listed, (rest, lines) = groups
        clauses = [f"in {numbers(iterations, 'iteration')}, it runs {numbers(runs, 'line')}"
                   for iterations, runs in listed]
        plural = "iteration" if len(rest) == 1 else "iterations"
        return clauses + [f"in the other {len(rest)} {plural}, it runs {numbers(lines, 'line')}"]

    def summary(self, item: Summary) -> None:
        self.summaries += 1
        self.replay(item.begin, item.end)
        for name, _ in item.state:  # the summary states them whole
            self.by_item.get(item.frame, {}).pop(name, None)
        self.iterations[(item.loop_line, item.activation)] = item.last
        state = join([claim(n, v) for n, v in item.state]) or "nothing in this frame changed"
        calls = "".join(f"; in these iterations, `{func}` is called {count} {'time' if count == 1 else 'times'}"
                        + self.calls_so_far(func, item.end) for func, count in item.calls)
        head = f"Iterations {item.first} to {item.last} of the loop at line {item.loop_line}"
        if item.same_path:
            head += " take the same path"
        elif not item.groups:
            head += " are summarised"
        elif len(item.groups) == 1:  # one set of lines, run differently (a piece of a mixed stretch)
            iterations, lines = item.groups[0]
            head += f" are summarised; in iterations {join([str(i) for i in iterations])}, it runs lines " \
                    f"{join([str(line) for line in lines])}"
        else:
            head += f" take {len(item.groups)} different paths: " + "; ".join(self.groups(item.groups))
        text = f"{head}; after iteration {item.last}, {state}{calls}{self.stretch_tally(item)}{self.bearing(item)}."
        if item.output:
            text += f" Together they print {output_claim(item.output)}."
        self.add(text)

    def bearing(self, item: Summary) -> str:
        """Why the stretch may be summarised: it changes none of the names the answer depends on that the
        loop's body assigns, runs no counted line and calls no counted function (all checked)."""
        changed = {name for name, _ in item.state}
        loop = self.info.info(item.loop_line)
        body = loop.body if loop else frozenset()
        assigned = {n for line in body if (info := self.info.info(line)) for n in info.assigns}
        names = [n for n in self.focus.names_in(item.frame)
                 if n in assigned and n not in changed and n in self.values.of(item.frame)]
        parts = [f"changes {join([code(n) for n in names[:3]])}"] if names else []
        parts += [f"runs line {line}" for line in self.focus.lines]
        parts += [f"calls {code(func)}" for func in self.focus.funcs]
        return "".join(f"; none of these iterations {part}" for part in parts)

    def calls_so_far(self, func: str, end: int) -> str:
        """`, 6 times so far` for the tallied function, counting its calls started before event `end`."""
        if func != self.tally_calls:
            return ""
        total = bisect_left(self.tally_starts, end)
        return f", {total} {'time' if total == 1 else 'times'} so far"

    def stretch_tally(self, item: Summary) -> str:
        """How often the tallied line runs inside a summarised stretch, and in all by its end."""
        inside = bisect_left(self.tally_runs, item.end) - bisect_left(self.tally_runs, item.begin)
        if not inside:
            return ""
        total = bisect_left(self.tally_runs, item.end)
        return f"; in these iterations, line {self.tally} runs {inside} {'time' if inside == 1 else 'times'}, " \
            f"{total} {'time' if total == 1 else 'times'} so far"

    # ---------------------------------------------------------------- saying more: meanings, comments, context

    def _line_history(self) -> tuple[dict[int, int], set[int], dict[int, int]]:
        """Per line event: the index of the same line's previous run in its frame; the events that
        start the last iteration of a loop which runs out (by the stop, when the walk stops early); and
        the events that start the first iteration of such a loop, with its number of iterations."""
        previous, latest, sizes, starts, firsts, ended = {}, {}, {}, {}, {}, set()
        end = len(self.events) if self.stop_at is None else self.stop_at + 1
        for index, event in enumerate(self.events[:end]):
            if not isinstance(event, LineEvent):
                continue
            key = (event.frame, event.line)
            if key in latest:
                previous[index] = latest[key]
            latest[key] = index
            if event.loop:
                loop = (event.frame,) + event.loop[:2]
                if event.loop[2] == 0:
                    ended.add(loop)
                elif event.loop[2] > sizes.get(loop, 0):
                    sizes[loop], starts[loop] = event.loop[2], index
                    firsts.setdefault(loop, index)
        ran_out = [loop for loop in ended if loop in starts]
        return previous, {starts[loop] for loop in ran_out}, {firsts[loop]: sizes[loop] for loop in ran_out}

    def comment_remark(self, event: LineEvent, info: LineInfo | None) -> str:
        """The author's comments about the line, quoted once each."""
        return self.quotes(comments_about(self.trace.code, event.line, info.end if info else None))

    def quotes(self, found: list[Comment]) -> str:
        fresh = [c for c in found if c.line not in self.said_comments and quotable(c.text)]
        self.said_comments.update(c.line for c in found)
        return "".join(f' The comment at line {c.line} says: "{without_full_stop(c.text)}".'
                       for c in fresh)

    def extend_quote(self, found: list[Comment]) -> None:
        quoted = self.quotes(found)
        if quoted:
            self.paragraphs[-1] += quoted

    def meanings(self, event: LineEvent, info: LineInfo | None) -> str:
        """For a program with a word problem: where each given quantity of the line comes from in the
        problem text, or what a computed one means, in the words of its name."""
        if not self.problem or info is None or info.kind not in ("assign", "augassign"):
            return ""
        out = []
        for name, value in event.changes:
            if name not in info.assigns or name in self.said_meanings or phrasing.number(value) is None:
                continue
            self.said_meanings.add(name)
            if info.kind == "assign" and not info.reads and not info.computed:  # a given: `eggs = 16`
                out.append(self.given(name, value))
            else:
                out.append(self.computed(name, value))
        return "".join(out)

    def given(self, name: str, value: str) -> str:
        """Where a given number comes from: the one clause of the problem that states it."""
        quote = phrasing.problem_quote(self.problem, name, value)
        if not quote:
            return ""
        return f' The problem says "{quote}", which is where {claim(name, value)} comes from.'

    def computed(self, name: str, value: str) -> str:
        """A computed quantity in its name's words, and where the problem speaks of it."""
        words, found = phrasing.meaningful(name), phrasing.mention(self.problem, name, self.trace.code)
        text = " " + phrasing.meaning(words, code(value)) if words else ""
        if found:
            text += f' The problem mentions it in "{found}".'
        return text

    def comparison(self, event: LineEvent, info: LineInfo, before: dict[str, str]):
        """The two sides of the line's one-operator comparison with their values, if all are known."""
        if info.test is None:
            return None
        return phrasing.relation(info.test, dict(event.values).get(info.test), self.known(event, before))

    def negation(self, event: LineEvent, info: LineInfo, before: dict[str, str]) -> str | None:
        """The operand that decides a `not x` condition, as `x = value`."""
        if info.test is None:
            return None
        return phrasing.negated(info.test, dict(event.values).get(info.test), self.known(event, before))

    def known(self, event: LineEvent, before: dict[str, str]) -> dict[str, str]:
        """Values a condition's reason may quote: short names before the line, and its recorded values."""
        known = {name: value for name, value in before.items() if len(value) <= MAX_SCALAR_CHARS}
        known.update(event.values)
        return known

    def decided_by(self, event: LineEvent, info: LineInfo) -> str:
        """` because `t > 0 = False`` for an `and`/`or` condition: its deciding part (phrasing.deciding)."""
        found = phrasing.deciding(info.test, event.values)
        return f" because {claim(*found)}" if found else ""

    def because(self, event: LineEvent, info: LineInfo) -> str:
        found = self.comparison(event, info, self.line_before.get(event.frame, {}))
        if found is None:
            operand = self.negation(event, info, self.line_before.get(event.frame, {}))
            return f" because {operand}" if operand else ""
        left, words, right = found
        return f" because {left} is {words[0]} {right}"

    def flip(self, event: LineEvent, info: LineInfo, taken: bool) -> str:
        """When an `if` comes out the other way than at its previous check in this call and that is why
        the loop it sits in, or the call, ends (ends_here): the flip explains the exit. A flip that changes
        nothing beyond the branch goes unsaid (the verdict already gives the outcome)."""
        previous = self.previous_check.get(self.line_index.get(event.frame, -1))
        if info.kind not in ("if", "elif") or previous is None:
            return ""
        was = self.events[previous].next_line in info.body
        if was == taken or not self.ends_here(event):
            return ""
        return f"; this flips the outcome of the previous check at line {event.line}, which was " \
            f"{'true' if was else 'false'}"

    def ends_here(self, event: LineEvent) -> bool:
        """Whether the branch the check at `event` chose leaves the loop the check sits in, or the call: a
        `break`, `return` or `raise` of its frame runs (or the frame ends) before that loop comes round."""
        for later in self.events[self.line_index[event.frame] + 1:]:
            if getattr(later, "frame", None) != event.frame:
                continue
            if isinstance(later, ReturnEvent) or isinstance(later, ExceptionEvent) and later.unwound:
                return True
            if isinstance(later, LineEvent):
                if self.kind_of(later.line) in ("break", "return", "raise"):
                    return True
                outer = self.info.info(later.line)
                if outer is not None and outer.kind in ("for", "while") and event.line in outer.body:
                    return False
        return False

    def def_comments(self, event: CallEvent) -> list[Comment]:
        """What the author says the entered function does: the comment block directly above its `def`; a
        comment further up, past blank lines or imports (the file's header), only for the function the run
        calls first (depth 1), never on entry to a helper."""
        found = comments_about(self.trace.code, event.line)
        return found if found or event.depth > 1 else comments_before_def(self.trace.code, event.line)

    def last_pass(self, event: LineEvent) -> str:
        """At a `for` loop's first iteration, how many it runs, with the ground that fixes it (loop_ground);
        at its last, that it is the last, once the count was derived. A count that nothing said so far fixes
        (a `while` loop's, a list the body changes) is said when the loop ends."""
        key = (event.frame,) + event.loop[:2]
        index = self.line_index.get(event.frame)
        total = self.loop_totals.get(index)
        if total is not None and total > 1 and event.line not in self.said_totals:
            ground = self.ground(event, total)
            if ground:
                self.said_totals.add(event.line)  # once per loop: nested loops would repeat it every time
                self.grounded.add(key)
                return "; " + ground
        return "; it is the last iteration of the loop" if index in self.last_iterations and key in self.grounded else ""

    def ground(self, event: LineEvent, total: int) -> str:
        """`range(0, 10)` holds 10 numbers, so the loop will run 10 times: said when the `for` loop iterates
        a range, list, tuple or string of `total` items that the loop leaves alone."""
        info = self.info.info(event.line)
        source = for_iterable(info.source) if info is not None and info.kind == "for" else None
        if source is None:
            return ""
        value = dict(event.values).get(source, self.line_before.get(event.frame, {}).get(source))
        if value is None or sequence_size(value) != total or source.isidentifier() and self.changed_in_loop(event, source):
            return ""
        shown = code(value) if not source.isidentifier() and len(value) <= MAX_OPERAND_CHARS else code(source)
        noun = "numbers" if value.startswith("range(") else "characters" if isinstance(parse_value(value), str) else "items"
        return f"{shown} holds {total} {noun}, so the loop will run {total} times"

    def changed_in_loop(self, event: LineEvent, name: str) -> bool:
        """Whether `name` changes in the frame while this run of the loop lasts."""
        start = self.line_index[event.frame]
        for later in self.events[start + 1:]:
            if isinstance(later, ReturnEvent) and later.frame == event.frame:
                return False
            if isinstance(later, LineEvent) and later.frame == event.frame:
                if later.loop == event.loop[:2] + (0,):
                    return False
                if name in dict(later.changes):
                    return True
        return False

    def moves(self, event: LineEvent, changes: list[tuple[str, str]]) -> dict[str, str]:
        """Updates of a number said as a move in words that match the operation: `total` grows by `4`, from `3`
        to `7` for `total += x`, `n` doubles for `n = n * 2`, `best` goes from `3` to `7` for `best = max(...)`."""
        info = self.info.info(event.line)
        if info is None or info.kind not in ("assign", "augassign"):
            return {}
        before = self.line_before.get(event.frame, {})
        found = {}
        for name, value in changes:
            if name in before and (info.kind == "augassign" or name in info.reads):
                text = phrasing.change(name, before[name], value, updates.update_kind(info.source, name))
                if text:
                    found[name] = text
        return found

    def unchanged(self, event: LineEvent, stated: tuple[str, ...]) -> list[str]:
        """Names the line assigns that keep their value (`best = max(best, x)` when `x` is smaller)."""
        info = self.info.info(event.line)
        if info is None or info.kind not in ("assign", "augassign"):
            return []
        before, now = self.line_before.get(event.frame, {}), self.values.of(event.frame)
        changed = {name for name, _ in event.changes}
        return [f"{code(name)} stays at {code(now[name])}" for name in info.assigns
                if name not in changed and name not in stated and name in before and name in now
                and before[name] == now[name] and len(now[name]) <= MAX_SCALAR_CHARS and not is_noise(now[name])]


def _same_value(before: str | None, after: str) -> bool:
    """Whether two renderings denote equal values of one type (a set may render in another order)."""
    if before is None or before == after:
        return before == after
    try:
        old, new = parse_value(before), parse_value(after)
    except Unparsable:
        return False
    return type(old) is type(new) and old == new
