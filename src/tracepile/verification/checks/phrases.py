"""Checks of grammar 3.0's phrases about control flow in free wording: repetition (again, this time, for the
first time, no longer), loop ordinals and iterables, starred unpacking, bodies that do not run, condition parts."""

from __future__ import annotations

import ast

from tracepile.model import LineEvent
from tracepile.verification.checks.base import HOLDS, Finding, false, unverifiable
from tracepile.verification.checks.wording import ORDINALS, OUTCOME_KINDS, _parts_of, literal_value, number_of
from tracepile.verification.claims import Claim
from tracepile.verification.compare import evaluate, exact, normal


class PhraseChecks:
    """Claims about how the step relates to earlier runs, the loop it is in, and its condition's parts."""

    def claim_loop_done(self, claim: Claim) -> Finding:
        """`the loop is over`: the narrated loop header finds no further iteration."""
        event = self.line_context(claim)
        if isinstance(event, Finding):
            return event
        info = self.info.info(event.line) if self.info else None
        ended = event.loop is not None and event.loop[2] == 0 if info is not None and info.kind == "for" else \
            info is not None and info.kind == "while" and event.next_line not in info.body
        return self.stated_flow(HOLDS if ended else false(f"the loop at line {event.line} does not end here",
                                                               "it goes on", "it ends"))

    def claim_repeat(self, claim: Claim) -> Finding:
        if claim.args["how"] in ("again", "once again") and self.last_quote is not None and \
                any(c.kind == "quote" for c in getattr(self, "sentence_claims", ())):
            return HOLDS  # `again from "..."`: another quote, after an earlier one
        return self.repeat(claim)

    def repeat(self, claim: Claim) -> Finding:
        """again / once more / as before (ran earlier in this frame with the same outcome), this time (ran
        earlier), for the first time (never before in this frame, or not with this outcome), no longer
        (the previous run had the other outcome); `checks `c` again` (the check repeated) as this time."""
        how, kind = claim.args["how"], self.context.kind
        if kind in ("call", "return"):
            event = self.events[self.context.index]
            func = self.func.get(event.frame, "")
            earlier = any(isinstance(e, type(event)) and e.func == func and not getattr(e, "resumed", False)
                          for e in self.events[:self.context.index])
            wanted = how != "for the first time"
            if how == "no longer" or earlier != wanted:
                return false(f"`{func}` {'was' if earlier else 'was not'} {'called' if kind == 'call' else 'left'} "
                              "earlier in this run", str(earlier), how)
            return HOLDS
        event = self.line_context(claim)
        if isinstance(event, Finding):
            return event
        runs = [i for i in range(self.context.index - 1, -1, -1) if isinstance(self.events[i], LineEvent)
                and self.events[i].frame == event.frame and self.events[i].line == event.line]
        if not runs and how != "for the first time":  # an earlier call of the function (recursion, repeated calls)
            runs = [i for i in range(self.context.index - 1, -1, -1) if isinstance(self.events[i], LineEvent)
                    and self.events[i].line == event.line]
        now = self.outcome(self.context.index)
        if how == "for the first time":
            repeated = [i for i in runs if self.outcome(i) == now]
            return HOLDS if not repeated else false(f"line {event.line} ran earlier in this call with this "
                                                        "outcome", "earlier run", how)
        if not runs and how != "no longer" and self.ran_before(event, claim.args.get("spans", ())):
            return HOLDS
        if not runs:
            return false(f"line {event.line} has not run earlier in this call", "first run", how)
        previous = self.outcome(runs[0])
        if how == "no longer":
            return HOLDS if now is not None and previous != now else \
                false(f"the previous run of line {event.line} had the same outcome", str(previous), how)
        if how == "this time" or claim.args.get("check"):  # `checks `c` again`: the check ran before
            return HOLDS
        if now is None:
            return self.same_effect(claim, runs)
        outcome_stated = any(c.kind in OUTCOME_KINDS for c in getattr(self, "sentence_claims", ()))
        if how != "as before" and not outcome_stated:
            return HOLDS  # `calls `trace(r, c, 0)` again`: the line ran before; no outcome is repeated
        if how == "as before":
            return HOLDS if previous == now else \
                false(f"the previous run of line {event.line} had another outcome", str(previous), how)
        return HOLDS if any(self.outcome(i) == now for i in runs) else \
            false(f"no earlier run of line {event.line} in this call had this outcome", str(previous), how)

    def ran_before(self, event: LineEvent, spans: tuple[str, ...]) -> bool:
        """Whether an expression the sentence shows (a call, say) is part of a line that ran earlier
        in this call: `Line 5 calls `I()` again` after line 4 called it."""
        shown = {normal(span.partition(" = ")[0]) for span in spans} - {""}
        shown = {s for s in shown if "(" in s}
        for i in range(self.context.index - 1, -1, -1):
            other = self.events[i]
            if isinstance(other, LineEvent) and other.frame == event.frame and \
                    shown & _parts_of(self.source_of(other.line)):
                return True
        return False

    def same_effect(self, claim: Claim, runs: list[int]) -> Finding:
        """`again` for a line that decides nothing: an earlier run of the line gave the names the
        sentence states the same new values, and moved them the same way (``g` drops again`)."""
        event = self.events[self.context.index]
        changed = dict(event.changes)
        stated = [tuple(p.strip() for p in span.partition(" = ")[::2]) for span in claim.args.get("spans", ())
                  if " = " in span]
        stated += [(c.args.get("expr") or c.args.get("target"), c.args["value"]) for c in
                   getattr(self, "sentence_claims", ()) if "value" in c.args and (c.args.get("expr") or c.args.get("target"))]
        computed = [(normal(name), value) for name, value in stated if name not in changed]
        stated = [(name, value) for name, value in stated if name in changed]
        moves = [c for c in getattr(self, "sentence_claims", ()) if c.kind == "change" and c.args.get("name") in changed]
        for run in runs:  # `computes `i - 1 = 1` once more`: a sub-expression with the value it had before
            recorded = {normal(expr): value for expr, value in self.events[run].values}
            if computed and all(expr in recorded and exact(value, recorded[expr]) for expr, value in computed):
                return HOLDS
        for run in runs:
            earlier = dict(self.events[run].changes)
            if not all(name in earlier and exact(value, earlier[name]) for name, value in stated):
                continue
            before = self.befores.get(run, {})
            if all(self.moved_alike(c.args["name"], before.get(c.args["name"]), earlier.get(c.args["name"])) for c in moves):
                return HOLDS
        return false(f"no earlier run of line {event.line} had the effect this sentence repeats",
                     "a first effect", claim.args["how"])

    def moved_alike(self, name: str, old: str | None, new: str | None) -> bool:
        """Whether `name` moved from `old` to `new` the way it moves at the current step."""
        event = self.events[self.context.index]
        now_old, now_new = (self.context.before or {}).get(name), self.values.of(event.frame).get(name)
        values = [number_of(v) if v is not None else None for v in (old, new, now_old, now_new)]
        if None in values:
            return False
        a, b, c, d = values
        return (b > a) == (d > c) and (b < a) == (d < c)

    def outcome(self, index: int) -> bool | None:
        """Whether a line's condition holds (the loop goes on), or None for a line that decides nothing."""
        event = self.events[index]
        info = self.info.info(event.line) if self.info else None
        if info is None:
            return None
        if info.kind == "for":
            return bool(event.loop and event.loop[2] > 0)
        if info.kind in ("if", "elif", "while"):
            return event.next_line is not None and event.next_line in info.body
        return None

    def claim_scales(self, claim: Claim) -> Finding:
        """`doubles the distance`: the line's code multiplies by 2 (halves: divides by 2; triples: by 3)."""
        event = self.line_context(claim)
        if isinstance(event, Finding):
            return event
        factor = {"doubles": 2, "halves": 2, "triples": 3}[claim.args["verb"]]
        ops = (ast.Div, ast.FloorDiv) if claim.args["verb"] == "halves" else (ast.Mult,)
        try:
            tree = ast.parse(self.source_of(event.line).strip().rstrip(":") or "0")
        except SyntaxError:
            tree = None
        found = tree is not None and any(
            isinstance(node, ast.BinOp) and isinstance(node.op, ops) and any(
                isinstance(side, ast.Constant) and side.value == factor for side in
                ((node.right,) if ops != (ast.Mult,) else (node.left, node.right)))
            or isinstance(node, ast.AugAssign) and isinstance(node.op, ops) and isinstance(node.value, ast.Constant)
            and node.value.value == factor for node in ast.walk(tree))
        return HOLDS if found else false(f"line {event.line} does not {claim.args['verb'][:-1]} a value",
                                         self.source_of(event.line), claim.text)

    def claim_body_skipped(self, claim: Claim) -> Finding:
        """`the loop body does not run (at all)`: the narrated loop header or condition does not go into
        its body."""
        event = self.line_context(claim)
        if isinstance(event, Finding):
            return event
        if self.outcome(self.context.index) is not False:
            return false(f"the body of line {event.line} runs", "it runs", "it does not run")
        return HOLDS

    def claim_def_body(self, claim: Claim) -> Finding:
        event = self.line_context(claim)
        if isinstance(event, Finding):
            return event
        info = self.info.info(event.line) if self.info else None
        return HOLDS if info is not None and info.kind in ("def", "class") else \
            false(f"line {event.line} defines no function", info.kind if info else "", "def")

    def claim_part(self, claim: Claim) -> Finding:
        """`the first part already settles it`: the line's condition is an `and`/`or`, and its first (or
        second) operand has that truth before the line runs; settling means it decides the whole."""
        event = self.line_context(claim)
        if isinstance(event, Finding):
            return event
        info = self.info.info(event.line) if self.info else None
        try:
            test = ast.parse(info.test, mode="eval").body if info and info.test else None
        except (SyntaxError, ValueError):
            test = None
        if not isinstance(test, ast.BoolOp):
            return false(f"the condition at line {event.line} has no parts", info.test if info else "", claim.text)
        said = claim.args["verdict"].lower().replace(" already", "")  # `is already true`: true before the line
        if claim.args.get("all"):  # `both parts hold`, `neither part holds`: every operand's truth
            truths = [self.truth_of(ast.unparse(v), event) for v in test.values]
            quantifier = claim.args["all"].lower()  # `Both parts hold` opens a sentence
            if quantifier in ("both", "neither") and len(truths) != 2:
                return false(f"the condition `{info.test}` has {len(truths)} parts, not two", str(len(truths)), "2")
            if None in truths:
                return unverifiable(f"the parts of `{info.test}` cannot be evaluated at line {event.line}")
            wanted = (quantifier != "neither") == (said in ("hold", "holds", "are true", "is true"))
            return HOLDS if all(t == wanted for t in truths) else \
                false(f"the parts of `{info.test}` are {truths}", str(truths), claim.text)
        operand = ast.unparse(test.values[0 if claim.args["which"] in ("first", "left") else -1])
        verdict, value = evaluate(operand, self.context.before or {}, dict(event.values))
        if verdict is None:
            return unverifiable(f"`{operand}` cannot be evaluated at line {event.line}")
        truth = value == "True" if value in ("True", "False") else bool(literal_value(value))
        if said in ("settles it", "decides it"):  # `or` is settled by a true first part, `and` by a false one
            ok = claim.args["which"] in ("first", "left") and truth == isinstance(test.op, ast.Or)
        else:
            ok = truth == (said in ("holds", "is true"))
        return HOLDS if ok else false(f"`{operand}` is {truth} at line {event.line}", str(truth), said)

    def truth_of(self, expr: str, event: LineEvent) -> bool | None:
        verdict, value = evaluate(expr, self.context.before or {}, dict(event.values))
        if verdict is None:
            return None
        return value == "True" if value in ("True", "False") else bool(literal_value(value))

    def claim_reads_all(self, claim: Claim) -> Finding:
        """`reads all of standard input`: the line reads, and nothing is read after it."""
        event = self.line_context(claim)
        if isinstance(event, Finding):
            return event
        later = any(isinstance(e, LineEvent) and e.reads for e in self.events[self.context.index + 1:])
        return HOLDS if event.reads and not later else false(f"line {event.line} does not read all of the input")

    def claim_no_longer(self, claim: Claim) -> Finding:
        """`the condition no longer holds`: it is false now and was true at its previous check in this call."""
        outcome = self.claim_counts_as(Claim("counts_as", {"truthy": "false"}, "", claim.text, claim.form))
        if outcome.verdict is not True:
            return outcome
        return self.repeat(Claim("repeat", {"how": "no longer"}, "", claim.text, claim.form))

    def claim_for_back(self, claim: Claim) -> Finding:
        """`goes back to the `for` loop` (returns to its head, comes back to it): see `back_to_loop`."""
        return self.back_to_loop(claim, ("for",))

    def claim_loop_back(self, claim: Claim) -> Finding:
        """`goes back to the top of the loop` (to the loop condition): see `back_to_loop`."""
        return self.back_to_loop(claim, ("for", "while"))

    def back_to_loop(self, claim: Claim, kinds: tuple[str, ...]) -> Finding:
        """The line is a loop header that already ran in this call, in this run of its loop or an earlier one
        (an inner loop reached again by a later iteration of an outer loop); never its first arrival in the
        call (a recursive call's frame is a call of its own)."""
        found = self.claim_statement(Claim("statement", {"kinds": kinds}, "", claim.text, claim.form))
        if found.verdict is not True:
            return found
        event = self.events[self.context.index]
        earlier = any(isinstance(e, LineEvent) and e.frame == event.frame and e.line == event.line
                      for e in self.events[:self.context.index])
        return HOLDS if earlier else false(f"line {event.line} runs here for the first time in this call: "
                                           "execution reaches the loop, it does not go back to it",
                                           "first arrival", "goes back",
                                           "reaches the `for` loop" if kinds == ("for",) else "")

    def claim_line_late(self, claim: Claim) -> Finding:
        """`With `x = 7`, line 8 adds it`: the step a paragraph's opening names after other clauses; later
        in a paragraph, the line the paragraph narrates."""
        if self.context.kind == "none":
            return self.claim_line(claim)
        event = self.line_context(claim)
        if isinstance(event, Finding):
            return event
        line = claim.args["line"]
        return HOLDS if event.line == line else false(f"the step is at line {event.line}", str(event.line), str(line))

    def claim_ordinal(self, claim: Claim) -> Finding:
        """`the second item`, `in iteration 2`, `the last pass`: the iteration of the loop the line heads
        or sits in (in a summary: an iteration of the stretch)."""
        word = claim.args.get("ordinal")
        number = claim.args.get("iteration", ORDINALS.get(word))
        if self.context.kind == "summary":
            first = self.events[self.context.index].loop[2]
            last = self.last_of_stretch(self.context.end)
            ok = number is not None and first <= number <= last
            return HOLDS if ok else false(f"the summary covers iterations {first} to {last}",
                                              f"{first} to {last}", str(number or word))
        event = self.line_context(claim)
        if isinstance(event, Finding):
            return event
        header = self.header_of(self.context.index)
        if header is None:
            return false(f"line {event.line} is not in a running loop", "", claim.text)
        current = self.events[header].loop[2]
        if word in ("last", "final"):
            size = self.iterations_in_all(claim)
            if isinstance(size, Finding):
                return size
            return HOLDS if current == size else false(f"the loop runs {size} iterations", str(size),
                                                           str(current))
        if word == "next":
            ok = current >= 1 and header == self.context.index
            return self.stated_flow(HOLDS) if ok else false(f"line {event.line} does not take another item")
        if current != number:
            return false(f"this is iteration {current}", str(current), str(number))
        return self.stated_flow(HOLDS) if header == self.context.index else HOLDS

    def header_of(self, index: int) -> int | None:
        """The loop header event whose iteration `index` is in: itself, or the latest header run of the
        innermost loop around its line in the same frame (None outside a running loop)."""
        event = self.events[index]
        if event.loop and event.loop[2] >= 1:
            return index
        if not self.info:
            return None
        loops = sorted((info for info in self.info.lines.values() if info.kind in ("for", "while")
                        and event.line in info.body), key=lambda info: -info.line)
        for loop in loops:
            for i in range(index - 1, -1, -1):
                other = self.events[i]
                if isinstance(other, LineEvent) and other.frame == event.frame and other.line == loop.line:
                    return i if other.loop and other.loop[2] >= 1 else None
        return None

    def claim_over(self, claim: Claim) -> Finding:
        """`over `xs`` (or `over `xs = [...]``): the loop the line heads, or sits in, iterates `xs`."""
        event = self.line_context(claim)
        if isinstance(event, Finding):
            return event
        span = claim.args["iterable"]
        expr, _, value = span.partition(" = ")
        iterables = set()
        for line in [event.line] + [i.line for i in self.info.lines.values() if event.line in i.body] \
                if self.info else []:
            iterables |= _iterables(self.info.info(line).source)
        if normal(expr) not in iterables and not value:  # `over `range(0, 3)``: the iterable's value
            before, recorded = self.context.before or {}, dict(event.values)
            if any(exact(expr, evaluate(i, before, recorded)[1] or "") for i in iterables):
                return HOLDS
        if normal(expr) not in iterables:
            return false(f"line {event.line} loops over no `{expr.strip()}`", ", ".join(sorted(iterables)), expr)
        if value:
            return self.claim_value(Claim("value", {"expr": expr.strip(), "value": value.strip()}, "before",
                                          claim.text, claim.form))
        return HOLDS

    def claim_starred(self, claim: Claim) -> Finding:
        """`the starred name collects everything between the first and the last item`: the line unpacks
        into a starred target (that name), at that place among the targets."""
        event = self.line_context(claim)
        if isinstance(event, Finding):
            return event
        info = self.info.info(event.line) if self.info else None
        place = _starred_place(info.source if info else "")
        if place is None:
            return false(f"line {event.line} unpacks into no starred name")
        name, index, size = place
        if claim.args.get("name") not in (None, name):
            return false(f"the starred name at line {event.line} is `{name}`", name, claim.args["name"])
        where = (claim.args.get("where") or "").strip()
        ok = {"": True, "in between": 0 < index < size - 1, "in the middle": 0 < index < size - 1}.get(where)
        if ok is None:
            after_first, before_last = index >= 1, index <= size - 2
            ok = (not where.startswith("between") or after_first and before_last) and \
                (not where.startswith("after") or after_first and index == size - 1) and \
                (not where.startswith("before") or before_last and index == 0)
        return HOLDS if ok else false(f"the starred name is target {index + 1} of {size}", str(index + 1), where)


def _iterables(source: str) -> set[str]:
    """What the loops of a statement iterate: each iterable, and the sequences `enumerate`, `reversed` and
    `zip` wrap in it (a loop over `enumerate(sorted(xs))` goes over `sorted(xs)`)."""
    text = source.strip() + (" pass" if source.strip().endswith(":") else "")
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return set()
    iterables = [node.iter for node in ast.walk(tree) if isinstance(node, (ast.For, ast.comprehension))]
    wrapped = [arg for node in iterables if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
               and node.func.id in WRAPPERS for arg in node.args[:WRAPPERS[node.func.id]]]
    return {ast.unparse(node) for node in iterables + wrapped}


WRAPPERS = {"enumerate": 1, "reversed": 1, "zip": 99}  # calls whose loop goes over the sequences they take


def _starred_place(source: str) -> tuple[str, int, int] | None:
    """(name, index, number of targets) of the starred target a statement unpacks into, if any."""
    text = source.strip() + (" pass" if source.strip().endswith(":") else "")
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    for node in ast.walk(tree):
        if isinstance(node, (ast.Tuple, ast.List)) and isinstance(node.ctx, ast.Store):
            for index, item in enumerate(node.elts):
                if isinstance(item, ast.Starred):
                    return ast.unparse(item.value), index, len(node.elts)
    return None
