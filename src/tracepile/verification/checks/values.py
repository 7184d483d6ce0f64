"""Checks of values and moments: `x = v` at the moment its sentence names, changes and persistence of
a name, relations between values, the operands of a condition, reads from standard input and calls' results."""

from __future__ import annotations

import ast
from dataclasses import replace

from tracepile.model import CallEvent, LineEvent
from tracepile.tracer.analysis import call_arguments
from tracepile.updates import ADDS, DIVIDES, MULTIPLIES, changes_directly, root_name, update_kind
from tracepile.values import Unparsable, parse_value, render
from tracepile.verification.checks import hints
from tracepile.verification.checks.base import (HOLDS, LINE_CONTEXTS, UNREADABLE, Finding, false, literal, number,
                                                parts, split_claim, unverifiable)
from tracepile.verification.checks.code import bound_source, comparisons, statement, states, sub_expressions, written
from tracepile.verification.claims import Claim
from tracepile.verification.compare import evaluate, exact, normal

# forms whose listed values must be parts of the line's code: its operands, the sub-expressions it computes
# (its own reasons), and the names a loop iteration begins with
OWN_CODE_FORMS = frozenset({"operands", "computes", "if", "elif", "while", "assert", "return_stmt", "return_plain",
                            "iteration"})


class ValueChecks:
    """Claims about the values of the narrated step, before or after it runs."""

    def with_call_result(self, expr: str, known: str, stated: str) -> Finding:
        """Back at a line, a value that uses the result of the call it waited for (`n % 10 + digit_sum(n // 10)`):
        the line's own operands as they were before it, the call as the value it returned."""
        event = self.events[self.context.index]
        verdict, actual = evaluate(known, self.context.before or {}, dict(event.values))
        if verdict is None:
            return unverifiable(f"`{expr}` cannot be evaluated at line {event.line}")
        return HOLDS if exact(stated, actual) else \
            false(f"`{expr}` is `{actual}` at line {event.line}, not `{stated}`", actual, stated)

    def claim_values(self, claim: Claim) -> Finding:
        return HOLDS  # the form's own words; each `x = v` it lists is a value claim of its own

    def claim_value(self, claim: Claim) -> Finding:
        finding = self.value_finding(claim)
        if finding.verdict is True:  # what the text has said so far (a loop's sequence grounds its size)
            self.stated_at.setdefault(normal(claim.args["expr"]), []).append(self.context.index)
        return finding

    def value_finding(self, claim: Claim) -> Finding:
        expr, stated, moment = claim.args["expr"], claim.args["value"], claim.moment
        returned = self.returned_here()
        if returned is not None and (known := self.with_returned(expr, returned)) is not None:
            return self.with_call_result(expr, known, stated)
        if moment.startswith("auto"):
            return self.auto_value(claim)
        if claim.form in OWN_CODE_FORMS and self.context.kind in LINE_CONTEXTS:
            line = self.events[self.context.index].line
            source = self.source_of(line)
            if normal(expr) not in sub_expressions(source):
                return false(f"`{expr}` is not part of the code of line {line}, `{source}`", source, expr,
                             self.operand_hint())
        if claim.form == "sets_values" and self.context.kind in LINE_CONTEXTS:
            line = self.events[self.context.index].line
            source, root = self.source_of(line), root_name(expr)
            if source and root and self.callees(self.context.index) and \
                    not changes_directly(source, root, frozenset(self.info.functions if self.info else ())):
                return false(f"line {line}'s own code does not set `{root}` (`{source}`): a function it calls or an "
                             f"alias changed it; say `{root}` is now ..., changed inside the function", source, expr)
        if moment == "entry" and self.context.kind == "call":
            event = self.events[self.context.index]
            arguments = call_arguments(self.trace.code, event)
            names = [name for name, _ in arguments]
            if normal(expr) not in names:
                return false(f"`{expr}` is not an argument of `{event.func}`", ", ".join(names), expr,
                             hints.opening(event, arguments=arguments))
        state, recorded, where = self.state_at(moment)
        if state is None:
            return unverifiable(f"`{expr} = {stated}`: {where}")
        verdict, actual = evaluate(expr, state, recorded)
        if verdict is None and moment == "after" and self.context.kind in LINE_CONTEXTS:
            verdict, actual = self.recorded_and_unchanged(expr)
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
                             f"speaks of the state {where}", actual, stated, hints.value(expr, actual))
        return false(f"`{expr}` is `{actual}` {where}, not `{stated}`", actual, stated, hints.value(expr, actual))

    def recorded_and_unchanged(self, expr: str) -> tuple[bool | None, str]:
        """A sub-expression the line recorded (`math.comb(n, 2)`), read after the line: its recorded value,
        when every name it reads has the same value (or none) before and after the line; else, for a call of
        the line's own code (which only the step could evaluate), the value it had while the line ran."""
        event = self.events[self.context.index]
        try:
            tree = ast.parse(normal(expr), mode="eval")
        except SyntaxError:
            return None, ""
        before, after = self.context.before or {}, self.values.of(event.frame)
        names = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
        if not any(before.get(name) != after.get(name) for name in names):
            found = evaluate(expr, {}, dict(event.values))
            if found[0] is not None:
                return found
        if normal(expr) in sub_expressions(self.source_of(event.line)) and \
                any(isinstance(node, ast.Call) for node in ast.walk(tree)):
            # `so `l * x // gcd(l, x) = 6``: the line's own computation, which only the step could evaluate
            return evaluate(expr, before, dict(event.values))
        return None, ""

    def operand_hint(self) -> str:
        """One operand of the line (a recorded sub-expression, else a name it reads), as operands are listed."""
        event = self.events[self.context.index]
        info = self.info.info(event.line) if self.info else None
        before = self.context.before or {}
        operands = list(event.values) + [(name, before[name]) for name in (info.reads if info else ()) if name in before]
        shown = hints.value(*operands[0]) if operands else ""
        return f"reads {shown}" if shown else ""

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

    def claim_change(self, claim: Claim) -> Finding:
        event = self.line_context(claim)
        if isinstance(event, Finding):
            return event
        name = claim.args["name"]
        before, after = (self.context.before or {}).get(name), self.values.of(event.frame).get(name)
        written = None if name.isidentifier() else self.written_object(event, name)
        if written:  # `dist[3]` goes from `7` to `5`: the one item the line assigns
            before = evaluate(name, self.context.before or {}, dict(event.values))[1] or None
            after = evaluate(name, self.values.of(event.frame), {})[1] or None
        if before is None or after is None:
            return false(f"`{name}` has no value both before and after line {event.line}")
        for slot, actual, when in (("old", before, "before"), ("new", after, "after")):
            stated = claim.args.get(slot)
            if stated is not None and not exact(stated, actual):
                return false(f"`{name}` is `{actual}` {when} line {event.line}", actual, stated)
        direction = claim.args["direction"]
        if direction == "changes":  # `x` goes from `a` to `b`: any change, of any type
            if exact(before, after):
                return false(f"`{name}` does not change at line {event.line}", after, claim.args.get("new", ""))
            way = claim.args.get("way", "").strip()
            if way and not _moves("grows" if way == "up" else "falls", number(before) or 0, number(after) or 0):
                return false(f"`{name}` does not go {way}, from `{before}` to `{after}`", after, way)
            self.unstated.get(self.context.index, set()).discard(written or name)
            return HOLDS
        old, new = number(before), number(after)
        if old is None or new is None:
            return unverifiable(f"`{name}` is not a number at line {event.line}")
        direction = claim.args["direction"]
        wrong = _misnamed(direction, "delta" in claim.args, update_kind(self.source_of(event.line), name))
        if wrong:
            return false(f"line {event.line} {wrong}: \"`{name}` {direction}\" names another operation; say "
                         f"`{name}` goes from `{before}` to `{after}`", wrong, direction)
        if direction == "is multiplied":
            factor = number(claim.args.get("delta", ""))
            if factor is None or new != old * factor:
                return false(f"`{name}` is not multiplied by that factor", after, claim.args.get("delta", ""))
        elif not _moves(direction, old, new):
            return false(f"`{name}` does not {direction}, from `{before}` to `{after}`", after, direction)
        elif "delta" in claim.args and number(claim.args["delta"]) != abs(new - old):
            return false(f"`{name}` changes by {abs(new - old)}", str(abs(new - old)), claim.args["delta"])
        if "new" in claim.args:
            self.unstated.get(self.context.index, set()).discard(written or name)
        return HOLDS

    def claim_appends(self, claim: Claim) -> Finding:
        """`appends `4` to `stack`` (or `appends `(v, w)` to `adj[u]``): the line's own code calls
        `stack.append(...)`, and `stack` after the line is the list before it with that one item (a value, or
        an expression read before the line) added at the end; this states the new value of `stack`. A list
        said with a value (`adj[u] = []`) states it as it was before the line."""
        event = self.line_context(claim)
        if isinstance(event, Finding):
            return event
        (name, stated), item = split_claim(claim.args["name"]), claim.args["item"]
        before_state, recorded = self.context.before or {}, dict(event.values)
        if not any(self.same_item(owner, name) for owner in _append_owners(self.source_of(event.line))):
            return false(f"line {event.line} does not call `{name}.append`", self.source_of(event.line), name)
        old, new = evaluate(name, before_state, recorded)[1], evaluate(name, self.values.of(event.frame), {})[1]
        if stated and not exact(stated, old):
            return false(f"`{name} = {old}` before line {event.line} runs", old, stated)
        try:
            before, after = parse_value(old), parse_value(new)
        except Unparsable:
            return unverifiable(f"`{name}` is not recorded in full at line {event.line}")
        if not isinstance(before, list) or not isinstance(after, list) or render(after[:-1]) != render(before):
            return false(f"`{name}` goes from `{old}` to `{new}` at line {event.line}", new, item)
        if " = " in item:  # `appends `v = 1` to ...`: the item named with its value before the line
            expr, shown = split_claim(item)
            known, actual = evaluate(expr, before_state, recorded)
            if not known:
                return unverifiable(f"`{expr}` cannot be evaluated at line {event.line}")
            if not exact(shown, actual):
                return false(f"`{expr}` is `{actual}` before line {event.line} runs, not `{shown}`", actual, shown)
            item = actual
        elif not _is_value(item):
            known, item = evaluate(item, before_state, recorded)
            if not known:
                return unverifiable(f"`{claim.args['item']}` cannot be evaluated at line {event.line}")
        if not exact(item, render(after[-1])):
            return false(f"line {event.line} appends `{render(after[-1])}` to `{name}`", render(after[-1]), item)
        self.unstated.get(self.context.index, set()).discard(root_name(name))
        return HOLDS

    def same_item(self, written: str, stated: str) -> bool:
        """Whether the code `written` (`adj[u]`) and the text's `stated` (`adj[4]`) name the same object at the
        narrated line: the same code, or one subscript of one name whose keys are equal before the line."""
        if normal(written) == normal(stated):
            return True
        try:
            code, text = ast.parse(written, mode="eval").body, ast.parse(stated.strip(), mode="eval").body
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            return False
        if not (isinstance(code, ast.Subscript) and isinstance(text, ast.Subscript)) or \
                isinstance(code.slice, ast.Slice) or isinstance(text.slice, ast.Slice) or \
                normal(ast.unparse(code.value)) != normal(ast.unparse(text.value)):
            return False
        before, recorded = self.context.before or {}, dict(self.events[self.context.index].values)
        keys = [evaluate(ast.unparse(node.slice), before, recorded) for node in (code, text)]
        return all(known for known, _ in keys) and exact(keys[1][1], keys[0][1])

    def claim_stays(self, claim: Claim) -> Finding:
        """`x` stays at `v` (is still, is unchanged): any name or expression in scope has the same value
        before and after the step (and it is `v`, when stated)."""
        event = self.line_context(claim)
        if isinstance(event, Finding):
            return event
        name, stated = claim.args["name"], claim.args.get("value")
        if not name:  # `it stays at `1`` with no variable, item or attribute before it in the sentence
            return unverifiable(f"{claim.text}: `it` follows no code span that names a value")
        if " = " in name and stated is None:  # `key = 'aac'` stays the same
            name, _, stated = (part.strip() for part in name.partition(" = "))
        before = evaluate(name, self.context.before or {}, {})
        after = evaluate(name, self.values.of(event.frame), {})
        if before[0] is None or after[0] is None:
            return false(f"`{name}` has no value both before and after line {event.line}", after[1], stated or "")
        if not exact(before[1], after[1]):
            return false(f"`{name}` goes from `{before[1]}` to `{after[1]}` at line {event.line}", after[1],
                          stated or before[1])
        if stated is not None and not exact(stated, after[1]):
            return false(f"`{name}` goes from `{before[1]}` to `{after[1]}` at line {event.line}, not `{stated}`",
                          after[1], stated)
        return HOLDS

    def claim_relation(self, claim: Claim) -> Finding:
        event = self.line_context(claim)
        if isinstance(event, Finding):
            return event
        sides = []
        for span in (claim.args["left"], claim.args["right"]):
            expr, value = split_claim(span) if " = " in span else ("", span)
            if expr:
                finding = self.claim_value(Claim("value", {"expr": expr, "value": value}, "before", claim.text,
                                                 claim.form))
                if finding.verdict is not True:
                    made = comparisons(self.source_of(event.line))
                    hint = self.comparison_hint(made, claim.args["left"], claim.args["right"]) or finding.hint
                    return replace(finding, hint=hint)
            sides.append(literal(value))
        relation = claim.args["relation"]
        cannot = unverifiable(f"{claim.text} relates values that `{relation}` cannot compare")
        if any(side is UNREADABLE for side in sides):
            return cannot
        try:
            holds = RELATIONS[relation](*sides)
        except TypeError:
            return cannot
        if not holds:
            return false(f"the relation `{relation}` does not hold", "", relation)
        return self.own_comparison(event, claim)

    def own_comparison(self, event: LineEvent, claim: Claim) -> Finding:
        """A `because` relation must be a comparison the line's code makes, or its negation, side for
        side (sides may be swapped with the relation mirrored): the line's own reason, not another fact."""
        left, right, relation = claim.args["left"], claim.args["right"], claim.args["relation"]
        made = comparisons(self.source_of(event.line))
        for a, op, b in made:
            if self.names_side(left, a) and self.names_side(right, b) and states(relation, op, swapped=False) or \
                    self.names_side(left, b) and self.names_side(right, a) and states(relation, op, swapped=True):
                return HOLDS
        shown = ", ".join(f"`{written(c)}`" for c in made) or "none"
        return false(f"\"`{left}` is {relation} `{right}`\" is not a comparison line {event.line} makes; its "
                     f"comparisons: {shown}", shown, f"{left} is {relation} {right}",
                     self.comparison_hint(made, left, right))

    def comparison_hint(self, made: tuple[tuple[str, type, str], ...], left: str, right: str) -> str:
        """A comparison of the line said as a `because`, with the values its sides have before the line: the
        one whose sides the stated sides name, else the first."""
        if not made:
            return ""
        named = [c for c in made if {normal(split_claim(left)[0]), normal(split_claim(right)[0])} & {c[0], c[2]}]
        state, recorded, _ = self.state_at("before")
        comparison = (named or made)[0]
        left, op, right = comparison
        values = [evaluate(expr, state or {}, recorded) for expr in (left, written(comparison), right)]
        if any(verdict is not True for verdict, _ in values) or values[1][1] not in ("True", "False"):
            return ""
        right_shown = right if literal(right) is not UNREADABLE else values[2][1]
        return hints.relation(left, values[0][1], op, values[1][1] == "True", right, right_shown)

    def names_side(self, span: str, operand: str) -> bool:
        """Whether a relation's side names a comparison's operand: `operand = value`, or its value alone."""
        if " = " in span:
            return normal(split_claim(span)[0]) == operand
        if normal(span) == operand:
            return True
        state, recorded, _ = self.state_at("before")
        verdict, actual = evaluate(operand, state or {}, recorded)
        return verdict is True and exact(span, actual)

    def claim_because_value(self, claim: Claim) -> Finding:
        """`not done` is True because `done = False`: the operand must be part of the line's condition."""
        event = self.line_context(claim)
        if isinstance(event, Finding):
            return event
        expr, value = split_claim(claim.args["operand"])
        info = self.info.info(event.line) if self.info else None
        if info is None or not info.test or normal(expr) not in parts(info.test):
            return false(f"`{expr}` is not part of the condition at line {event.line}", info.test if info else "",
                         expr)
        decider = self.short_circuit(info.test)
        if decider is not None and normal(expr) in decider[1] and normal(expr) != decider[0]:
            return false(f"`{decider[0]}` decides the condition at line {event.line} (Python stops there), not "
                         f"`{expr}`", decider[0], expr)
        return self.claim_value(Claim("value", {"expr": expr, "value": value}, "before", claim.text, claim.form))

    def short_circuit(self, test: str) -> tuple[str, list[str]] | None:
        """For an `and`/`or` condition that Python stopped evaluating early (an `and` at a false operand, an
        `or` at a true one, before the last): that operand and all top-level operands, in canonical spelling."""
        try:
            node = ast.parse(test, mode="eval").body
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            return None
        if not isinstance(node, ast.BoolOp):
            return None
        operands = [normal(ast.unparse(value)) for value in node.values]
        before, recorded = self.context.before or {}, dict(self.events[self.context.index].values)
        for operand in operands[:-1]:
            known, value = evaluate(operand, before, recorded)
            try:
                truthy = known and bool(parse_value(value))
            except Unparsable:
                return None
            if not known:
                return None
            if truthy == isinstance(node.op, ast.Or):
                return operand, operands
        return None

    def claim_deleted(self, claim: Claim) -> Finding:
        event = self.line_context(claim)
        if isinstance(event, Finding):
            return event
        alive = [n for n in claim.args["names"] if n in self.values.of(event.frame)]
        if alive:
            return false(f"`{alive[0]}` still exists after line {event.line}")
        self.unstated.get(self.context.index, set()).difference_update(claim.args["names"])
        return HOLDS

    def claim_stdin_reads(self, claim: Claim) -> Finding:
        """`reads the line(s)/the text ... from standard input`: every read the line made, in order,
        each stated as the string literal of the text it consumed."""
        event = self.line_context(claim)
        if isinstance(event, Finding):
            return event
        actual = [text for _, text in event.reads]
        stated = [_string(span) for span in claim.args["texts"]]
        if len(stated) == len(actual) and all(  # a line may be quoted without its newline (`reads the line '1'`)
                said == text or how == "line" and said is not None and said + "\n" == text
                for said, (how, text) in zip(stated, event.reads)):
            stated = actual
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
        calls = _calls_in(info.source) if info else set()
        if info is None or call not in calls and (call not in {c.partition("(")[0] for c in calls}
                                                  or "value" in claim.args):
            return false(f"line {event.line} does not call `{call}`", info.source if info else "", call)
        if not self.calls_made(call.partition("(")[0]):
            return false(f"line {event.line} does not call `{call}` this time", "no call", call)
        if call not in calls:
            return HOLDS  # `calls `bisect_left`` names the function a call of the line calls
        if "receiver" in claim.args:
            found = self.receiver_holds(call, claim)
            if found.verdict is not True:
                return found
        recorded = next((value for expr, value in event.values if normal(expr) == call), None)
        stated = claim.args.get("value")
        if recorded is None:
            return HOLDS if stated is None else \
                unverifiable(f"the run recorded no result of `{call}` at line {event.line}")
        if stated is not None and not exact(stated, recorded):
            return false(f"`{call}` returns `{recorded}` at line {event.line}", recorded, stated)
        return HOLDS


    def binds_to(self, event: LineEvent, name: str, expr: str) -> bool:
        """`binds `rd` to `sys.stdin.readline``: the line is the plain assignment `name = expr` and it
        changed `name`, whose new value is then stated (whatever Python shows for it)."""
        if normal(expr) != bound_source(self.source_of(event.line), name) or name not in dict(event.changes):
            return False
        self.unstated.get(self.context.index, set()).discard(name)
        return True

    def calls_made(self, func: str) -> bool:
        """Whether the narrated step calls `func`, when `func` is a function of the program (a call of
        it is traced); other callables (builtins, methods) are taken as called when the line holds the call."""
        if not any(isinstance(e, CallEvent) and e.func == func for e in self.events):
            return True
        frame = self.events[self.context.index].frame
        for event in self.events[self.context.index + 1:]:
            if isinstance(event, CallEvent) and event.func == func and event.caller == frame:
                return True
            if getattr(event, "frame", None) == frame and not isinstance(event, CallEvent):
                return False
        return False


def _calls_in(source: str) -> set[str]:
    """Every call expression of a statement's source (a compound statement's header too), in normal spelling."""
    tree = statement(source)
    return {ast.unparse(node) for node in ast.walk(tree) if isinstance(node, ast.Call)} if tree else set()


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
    return {"doubles": old != 0 and new == 2 * old, "halves": old != 0 and 2 * new == old, "steps up": new == old + 1,
            "steps down": new == old - 1}.get(direction, False)


# the update a change word names (updates.py); direction words without an amount name none
OPERATION_WORDS = {"doubles": (MULTIPLIES,), "is multiplied": (MULTIPLIES,), "halves": (DIVIDES, MULTIPLIES),
                   "steps up": (ADDS,), "steps down": (ADDS,)}
UPDATE_WORDS = {ADDS: "adds to it or subtracts from it", MULTIPLIES: "multiplies it", DIVIDES: "divides it",
                "other": "neither adds to it nor multiplies or divides it"}


def _misnamed(direction: str, by_amount: bool, kind: str) -> str:
    """What the line does instead, when the change word names another operation than the line's update
    `kind` (`grows by 9` for `place *= base`, `doubles` for `s += x`), else ""."""
    wanted = OPERATION_WORDS.get(direction, (ADDS,) if by_amount else None)
    return UPDATE_WORDS[kind] if wanted is not None and kind not in wanted else ""


def _append_owners(source: str) -> list[str]:
    """The code of each object the statement `source` calls `.append` on (`stack`, `adj[u]`)."""
    try:
        tree = ast.parse(source.strip())
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return []
    return [ast.unparse(node.func.value) for node in ast.walk(tree) if isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute) and node.func.attr == "append"]


def _is_value(text: str) -> bool:
    try:
        parse_value(text)
    except Unparsable:
        return False
    return True
