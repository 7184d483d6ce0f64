"""Checks of question steps (answers reached by reasoning over the run): each recomputes its fact from
the events narrated so far, up to the cursor."""

from __future__ import annotations

from tracepile.model import CallEvent, ExceptionEvent, LineEvent, OutputEvent, ReturnEvent
from tracepile.values import Unparsable, parse_value
from tracepile.verification import reasoning
from tracepile.verification.checks.base import HOLDS, Finding, false, unverifiable
from tracepile.verification.claims import Claim
from tracepile.verification.compare import evaluate, exact, same_output


class QuestionChecks:
    """Claims of the answer steps of question rationales."""

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
        """`this run of the loop`: the run of it that ended last (a recursive function's frames each run it,
        and an inner frame's run can start after the one that just ended)."""
        loop, seen = claim.args["loop"], self.seen()
        ended = [(end, headers) for headers in reasoning.activations(seen, loop)
                 if (end := self.loop_end(seen, headers[-1], loop)) is not None]
        if not ended:
            return false(f"no run of the loop at line {loop} is over at this point")
        headers = max(ended)[1]
        return self.count_is(seen[headers[-1]].loop[2], claim, f"the loop at line {loop} iterated")

    def loop_end(self, seen, last_header: int, loop: int) -> int | None:
        """The step after the loop's last iteration that shows the loop finished (same frame), or None."""
        frame, info = seen[last_header].frame, self.info.info(loop) if self.info else None
        body = info.body if info else frozenset()
        for index in range(last_header + 1, len(seen)):
            event = seen[index]
            if getattr(event, "frame", None) != frame:
                continue
            if isinstance(event, LineEvent):
                if event.line == loop and event.loop and event.loop[2] == 0 or \
                        event.line != loop and event.line not in body:
                    return index
            elif isinstance(event, ReturnEvent) or isinstance(event, ExceptionEvent) and event.unwound:
                return index
        return None

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
