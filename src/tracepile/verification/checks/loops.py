"""Checks of loops and summaries: iteration numbers, loop ends and sizes, and the claims of a summary
of several iterations (their paths, output, calls and the state after them)."""

from __future__ import annotations

import ast

from tracepile.model import CallEvent, ExceptionEvent, LineEvent, OutputEvent, ReturnEvent
from tracepile.tracer.analysis import for_iterable
from tracepile.tracer.paths import iteration_lines, one_line_loops, same_path
from tracepile.values import sequence_size
from tracepile.verification.checks.base import HOLDS, LINE_CONTEXTS, Context, Finding, false, unverifiable
from tracepile.verification.claims import Claim
from tracepile.verification.compare import evaluate, exact, normal, same_output


class LoopChecks:
    """Claims about loop iterations and the stretches of iterations a summary covers."""

    def claim_summary(self, claim: Claim) -> Finding:
        first, last, loop = claim.args["first"], claim.args["last"], claim.args["loop"]
        start = self.take(LineEvent, lambda e: e.loop is not None and e.loop[0] == loop and e.loop[2] == first,
                          f"iteration {first} of the loop at line {loop} begins")
        if isinstance(start, Finding):
            self.context = Context("lost")
            return start
        key = self.events[start].loop[:2]
        end = next((i for i in range(start, len(self.events)) if isinstance(self.events[i], LineEvent)
                    and self.events[i].loop in (key + (last + 1,), key + (0,))), None)
        if end is not None and self.events[end].loop[2] == 0 and self.last_of_stretch(end) != last:
            end = None  # a stretch that reaches the loop's end must end with its last iteration
        if end is None or last < first:
            self.context = Context("lost")
            return false(f"the loop at line {loop} has no iteration {last + 1} after the summarised ones")
        self.replay_to(end - 1)
        self.cursor = end - 1
        self.context = Context("summary", start, end)
        if claim.args["same"] and not same_path(self.events, start, end, key, one_line_loops(self.info)):
            return false(f"iterations {first} to {last} of the loop at line {loop} take different paths",
                         "different paths", "the same path")
        self.grouped = set()
        if "paths" in claim.args:
            paths = len(set(iteration_lines(self.events, start, end, key).values()))
            if paths != claim.args["paths"]:
                return false(f"iterations {first} to {last} of the loop at line {loop} run {paths} different "
                             "sets of lines", str(paths), str(claim.args["paths"]))
        return HOLDS

    def last_of_stretch(self, end: int) -> int:
        """The last iteration of a summarised stretch that ends at event `end`: the iteration before the
        one `end` begins, or, where `end` finds the loop over, the loop's last iteration."""
        event = self.events[end]
        if event.loop[2] > 0:
            return event.loop[2] - 1
        return self.loop_size((event.frame,) + event.loop[:2])

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
        total = self.calls_of(func, self.context.end)
        if "total" in claim.args and total != claim.args["total"]:
            return false(f"`{func}` has been called {total} times by then", str(total), str(claim.args["total"]))
        return HOLDS

    def claim_stretch_keeps(self, claim: Claim) -> Finding:
        """`none of these iterations changes `count``: no line of the summarised stretch in the loop's frame
        binds or changes any of the names."""
        if self.context.kind != "summary":
            return unverifiable("`none of these iterations changes ...` belongs to a summary of iterations")
        frame = self.events[self.context.index].frame
        names = set(claim.args["names"])
        changed = next((n for e in self.events[self.context.index:self.context.end]
                        if isinstance(e, LineEvent) and e.frame == frame for n, _ in e.changes if n in names), None)
        return HOLDS if changed is None else false(f"`{changed}` changes in these iterations", changed, "unchanged")

    def claim_stretch_skips(self, claim: Claim) -> Finding:
        """`none of these iterations runs line 9` / `calls `f``: no run of the line (any frame) or call of the
        function starts inside the summarised stretch."""
        if self.context.kind != "summary":
            return unverifiable("`none of these iterations runs/calls ...` belongs to a summary of iterations")
        start, end = self.context.index, self.context.end
        if "line" in claim.args:
            runs = self.runs_of(claim.args["line"], start, end)
            return HOLDS if not runs else false(f"line {claim.args['line']} runs {runs} times in these iterations",
                                                str(runs), "0")
        calls = self.calls_of(claim.args["func"], end) - self.calls_of(claim.args["func"], start)
        return HOLDS if not calls else false(f"`{claim.args['func']}` is called {calls} times in these iterations",
                                             str(calls), "0")

    def claim_call_tally(self, claim: Claim) -> Finding:
        """`That is call 3 of `fib``: the call just narrated is the third call of `fib` to start."""
        event = self.events[self.context.index] if self.context.kind == "call" else None
        if event is None:
            return unverifiable("`That is call N of `f`` belongs to the paragraph of a call")
        if event.func != claim.args["func"]:
            return false(f"the call narrated is `{event.func}`", event.func, claim.args["func"])
        calls = self.calls_of(event.func, self.context.index + 1)
        return HOLDS if calls == claim.args["count"] else false(f"this is call {calls} of `{event.func}`", str(calls),
                                                                str(claim.args["count"]))

    def calls_of(self, func: str, end: int) -> int:
        return sum(1 for e in self.events[:end] if isinstance(e, CallEvent) and e.func == func and not e.resumed)

    def claim_stretch_tally(self, claim: Claim) -> Finding:
        """`in these iterations, line 9 runs 3 times, 5 times so far`: runs of the line (any frame) inside
        the summarised stretch, and from the start of the run to the stretch's end."""
        if self.context.kind != "summary":
            return unverifiable("`in these iterations, line L runs N times` belongs to a summary of iterations")
        line, start, end = claim.args["line"], self.context.index, self.context.end
        inside = self.runs_of(line, start, end)
        if inside != claim.args["count"]:
            return false(f"line {line} runs {inside} times in these iterations", str(inside), str(claim.args["count"]))
        total = self.runs_of(line, 0, end)
        if total != claim.args["total"]:
            return false(f"line {line} has run {total} times by then", str(total), str(claim.args["total"]))
        return HOLDS

    def claim_line_tally(self, claim: Claim) -> Finding:
        """`That is run 3 of line 9`: the step narrated is line 9, and its third run (any frame) so far."""
        event = self.line_context(claim)
        if isinstance(event, Finding):
            return event
        if event.line != claim.args["line"]:
            return false(f"the step narrated is line {event.line}", str(event.line), str(claim.args["line"]))
        runs = self.runs_of(event.line, 0, self.context.index + 1)
        return HOLDS if runs == claim.args["count"] else false(f"this is run {runs} of line {event.line}", str(runs),
                                                               str(claim.args["count"]))

    def runs_of(self, line: int, start: int, end: int) -> int:
        return sum(1 for e in self.events[start:end] if isinstance(e, LineEvent) and e.line == line)

    def claim_after_iteration(self, claim: Claim) -> Finding:
        if self.context.kind != "summary":
            return unverifiable("`after iteration k` belongs to a summary of iterations")
        last = self.last_of_stretch(self.context.end)
        if claim.args["iteration"] != last:
            return false(f"the summary ends after iteration {last}", str(last), str(claim.args["iteration"]))
        if claim.args.get("unchanged"):
            frame = self.events[self.context.index].frame
            changed = [n for e in self.events[self.context.index:self.context.end]
                       if isinstance(e, LineEvent) and e.frame == frame for n, _ in e.changes]
            if changed:
                return false(f"`{changed[0]}` changes in these iterations", changed[0], "nothing changed")
        return HOLDS

    def iteration_is(self, event: LineEvent, number: int) -> Finding:
        actual = event.loop[2] if event.loop else None
        if actual != number:
            return false(f"line {event.line} starts iteration {actual}", str(actual), str(number))
        return HOLDS

    def claim_iteration(self, claim: Claim) -> Finding:
        return self.stated_flow(self._iteration(claim))

    def claim_iteration_back(self, claim: Claim) -> Finding:
        """`iteration 2 of the loop at line 8 begins with ...`: after a call or a generator's yield it also says
        execution is back at that loop header (as `Back at line 8` would)."""
        line = claim.args["line"]
        if self.context.kind not in LINE_CONTEXTS:
            back = self.claim_back(Claim("back", {"line": line}, "", claim.text, claim.form))
            if back.verdict is not True:
                return back
        event = self.line_context(claim)
        if isinstance(event, Finding):
            return event
        if event.line != line:
            return false(f"the step narrated is line {event.line}, not the loop at line {line}", str(event.line),
                         str(line))
        return self.stated_flow(self.iteration_is(event, claim.args["iteration"]))

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
        count = self.loop_size((event.frame,) + event.loop[:2])
        if count != claim.args["count"]:
            return false(f"the loop ends after {count} iterations", str(count), str(claim.args["count"]))
        return HOLDS

    def loop_size(self, key: tuple[int, int, int]) -> int:
        """Iterations of the loop run `key` (frame, line, run) in the whole trace (0 if it never iterates)."""
        if self.loop_sizes is None:
            self.loop_sizes = _loop_sizes(self.events)
        return self.loop_sizes.get(key, 0)

    def claim_last_iteration(self, claim: Claim) -> Finding:
        size = self.iterations_in_all(claim)
        if isinstance(size, Finding):
            return size
        unknown = self.foreknown(claim)
        if unknown:
            return unknown
        event = self.events[self.context.index]
        return HOLDS if event.loop[2] == size else false(f"the loop runs {size} iterations", str(size),
                                                         str(event.loop[2]))

    def claim_loop_size(self, claim: Claim) -> Finding:
        size = self.iterations_in_all(claim)
        if isinstance(size, Finding):
            return size
        unknown = self.foreknown(claim)
        if unknown:
            return unknown
        return HOLDS if size == claim.args["count"] else false(f"the loop runs {size} iterations", str(size),
                                                               str(claim.args["count"]))

    def foreknown(self, claim: Claim) -> Finding | None:
        """A loop's size or last iteration said before the text derived it (no loop_ground for this run
        of the loop): the count is stated at the loop's end instead."""
        event = self.events[self.context.index]
        key = (event.frame,) + event.loop[:2]
        if key in self.grounded or self.iterable_stated(event, key):
            return None
        source = for_iterable(self.source_of(event.line))
        how = (f"derive it from the sequence the loop iterates (`{source}` holds N items, so the loop will run N "
               "times) or say it when the loop ends" if source else "a `while` loop's count is known only when it "
               "ends: say it there")
        return false(f"at iteration {event.loop[2]} the number of iterations of the loop at line {event.line} does "
                     f"not follow from anything said yet: {how}", "", claim.text)

    def iterable_stated(self, event: LineEvent, key: tuple[int, int, int]) -> bool:
        """The size of the sequence a `for` loop iterates can be read off a value the text already stated:
        the sequence itself (`range(9, 15, 3)`, `xs = [4, 5]`) or the sequence a size-keeping wrapper takes
        (`enumerate(sorted(freqs))` once `freqs` was said), unchanged since and in the loop. A size that
        needs arithmetic (`range(len(a))`) still needs its ground sentence."""
        source = for_iterable(self.source_of(event.line))
        first = self.first_iteration(key)
        if source is None or first is None or any(self.changed_in_loop(first, key, n) for n in free_names(source)):
            return False
        sequences = same_size(source)
        values = (evaluate(expr, self.befores.get(first, {}), dict(self.events[first].values)) for expr in sequences)
        sizes = [size for known, actual in values if known and (size := sequence_size(actual)) is not None]
        if not sizes or sizes[0] != self.loop_size(key):  # a loop left early: not its sequence's size
            return False
        return any(self.known_at(expr, first, key[0]) for expr in sequences)

    def known_at(self, expr: str, first: int, frame: int) -> bool:
        """A true value of `expr` was stated during this run of the loop, or before it and unchanged since."""
        for at in self.stated_at.get(expr, ()):
            if first <= at <= self.context.index:
                return True
            if at < first and expr.isidentifier() and not any(
                    isinstance(e, LineEvent) and e.frame == frame and expr in dict(e.changes)
                    for e in self.events[at + 1:first]):
                return True
        return False

    def first_iteration(self, key: tuple[int, int, int]) -> int | None:
        """The index of the first-iteration event of the current run of the loop `key`."""
        return next((i for i in range(self.context.index, -1, -1) if isinstance(self.events[i], LineEvent)
                     and self.events[i].frame == key[0] and self.events[i].loop == key[1:] + (1,)), None)

    def claim_loop_ground(self, claim: Claim) -> Finding:
        """`range(0, 10)` holds 10 numbers, so the loop will run 10 times: at an iteration of a `for` loop,
        the sequence it iterates (its code, its value, or both) has that size, the loop does not change it,
        and the loop runs that many times."""
        size = self.iterations_in_all(claim)
        if isinstance(size, Finding):
            return size
        event = self.events[self.context.index]
        key = (event.frame,) + event.loop[:2]
        source = for_iterable(self.source_of(event.line))
        if source is None:
            return false(f"line {event.line} is no `for` loop: its size does not follow from a sequence")
        first = self.first_iteration(key)
        if first is None:
            return unverifiable(f"the first iteration of the loop at line {event.line} is not in the trace")
        known, actual = evaluate(source, self.befores.get(first, {}), dict(self.events[first].values))
        if not known:
            return unverifiable(f"the value of `{source}` at the loop's start is not known")
        expr, _, value = claim.args["sequence"].partition(" = ")
        if normal(expr) != normal(source) and (value or not exact(expr, actual)):
            return false(f"the loop at line {event.line} iterates `{source} = {actual}`", source, expr)
        if value and not exact(value, actual):
            return false(f"`{source} = {actual}`", actual, value)
        length = sequence_size(actual)
        if length is None:
            return unverifiable(f"the size of `{actual}` cannot be read")
        if length != claim.args["size"]:
            return false(f"`{actual}` holds {length} items", str(length), str(claim.args["size"]))
        if source.isidentifier() and self.changed_in_loop(first, key, source):
            return false(f"the loop changes `{source}`, so its size does not fix the number of iterations")
        if size != claim.args["count"] or size != length:
            return false(f"the loop runs {size} iterations", str(size), str(claim.args["count"]))
        self.grounded.add(key)
        return HOLDS

    def claim_last_of(self, claim: Claim) -> Finding:
        """`the last of the 4 items in `order``: a ground of the loop's size (as `holds 4 items, so the loop will
        run 4 times`) said at its last iteration."""
        ground = self.claim_loop_ground(Claim("loop_ground", dict(claim.args, count=claim.args["size"]), "",
                                              claim.text, claim.form))
        if ground.verdict is not True:
            return ground
        event = self.events[self.context.index]
        return HOLDS if event.loop[2] == claim.args["size"] else \
            false(f"this is iteration {event.loop[2]} of {claim.args['size']}, not the last", str(event.loop[2]),
                  str(claim.args["size"]))

    def changed_in_loop(self, first: int, key: tuple[int, int, int], name: str) -> bool:
        """Whether `name` changes in the loop's frame during the run of the loop that starts at `first`."""
        for event in self.events[first + 1:]:
            if isinstance(event, ReturnEvent) and event.frame == key[0]:
                return False
            if isinstance(event, LineEvent) and event.frame == key[0]:
                if event.loop == key[1:] + (0,):
                    return False
                if name in dict(event.changes):
                    return True
        return False

    def iterations_in_all(self, claim: Claim) -> int | Finding:
        """How many iterations the loop the current line iterates runs, when it runs out within the trace."""
        event = self.line_context(claim)
        if isinstance(event, Finding):
            return event
        if not event.loop or event.loop[2] < 1:
            return false(f"line {event.line} does not start a loop iteration")
        key = (event.frame,) + event.loop[:2]
        if not self.loop_left(self.context.index):
            return unverifiable(f"the loop at line {event.line} does not run out within the trace")
        return self.loop_size(key)

    def loop_left(self, index: int) -> bool:
        """Whether the loop whose header event is at `index` is left within the trace: its exiting check,
        a line outside it (a `break`), or its frame returning or unwinding."""
        header = self.events[index]
        info = self.info.info(header.line) if self.info else None
        body = info.body if info else frozenset()
        for event in self.events[index + 1:]:
            if getattr(event, "frame", None) != header.frame:
                continue
            if isinstance(event, ReturnEvent) and not event.yielded or isinstance(event, ExceptionEvent) and event.unwound:
                return True
            if isinstance(event, LineEvent) and (event.loop == header.loop[:2] + (0,) or
                                                 event.line != header.line and event.line not in body):
                return True
        return False


SIZE_KEEPING = frozenset({"sorted", "reversed", "enumerate", "list", "tuple"})


def same_size(expr: str) -> list[str]:
    """`expr` and the sequences inside it that have its size: `enumerate(sorted(d))` -> it, `sorted(d)`, `d`;
    `d.items()` -> it, `d`."""
    out = [normal(expr)]
    try:
        node = ast.parse(expr, mode="eval").body
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return out
    while isinstance(node, ast.Call) and len(node.args) <= 1:
        func = node.func
        if isinstance(func, ast.Name) and func.id in SIZE_KEEPING and len(node.args) == 1 and \
                all(k.arg == "key" or k.arg == "reverse" for k in node.keywords):
            node = node.args[0]
        elif isinstance(func, ast.Attribute) and func.attr in ("items", "keys", "values") and not node.args:
            node = func.value
        else:
            break
        out.append(normal(ast.unparse(node)))
    return out


def free_names(expr: str) -> set[str]:
    """The names an expression reads from its scope (not those its lambdas and comprehensions bind)."""
    try:
        tree = ast.parse(expr, mode="eval")
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return set()
    bound = {arg.arg for node in ast.walk(tree) if isinstance(node, ast.Lambda) for arg in node.args.args}
    bound |= {name.id for node in ast.walk(tree) if isinstance(node, ast.comprehension)
              for name in ast.walk(node.target) if isinstance(name, ast.Name)}
    return {node.id for node in ast.walk(tree) if isinstance(node, ast.Name) and node.id not in bound}


def _loop_sizes(events) -> dict[tuple[int, int, int], int]:
    """(frame, loop line, activation) -> its number of iterations."""
    sizes: dict[tuple[int, int, int], int] = {}
    for event in events:
        if isinstance(event, LineEvent) and event.loop:
            key = (event.frame,) + event.loop[:2]
            sizes[key] = max(sizes.get(key, 0), event.loop[2])
    return sizes

