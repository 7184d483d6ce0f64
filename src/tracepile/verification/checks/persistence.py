"""Checks of persistence and sameness in free wording (grammar 3.1): names and items that already had their
value (or were written over), several names that stay, a step that changes nothing, no swap, the same code."""

from __future__ import annotations

import ast

from tracepile.model import LineEvent
from tracepile.verification.checks.base import HOLDS, Finding, false, unverifiable
from tracepile.verification.claims import Claim
from tracepile.verification.compare import evaluate, exact, normal


class PersistenceChecks:
    """Claims that a value did not change at the narrated step, or that the step repeats earlier code."""

    def claim_stays_many(self, claim: Claim) -> Finding:
        """`l` and `r` stay at `6` (do not change): each name keeps its value (the one stated)."""
        for name in claim.args["names"]:
            args = {"name": name, **({"value": claim.args["value"]} if "value" in claim.args else {})}
            finding = self.claim_stays(Claim("stays", args, claim.moment, claim.text, claim.form))
            if finding.verdict is not True:
                return finding
        return HOLDS

    def claim_item_already(self, claim: Claim) -> Finding:
        """`that slot already held `0`` (index 12 was already `False`): the line assigns one item (at the index
        stated), and that item had the stated value before the line and still has it after."""
        item = self.written_item(claim)
        if isinstance(item, Finding):
            return item
        return self.claim_stays(Claim("stays", {"name": item, "value": claim.args["value"]}, claim.moment,
                                      claim.text, claim.form))

    def claim_item_over(self, claim: Claim) -> Finding:
        """`writes `3` over `3``: the line assigns one item, which holds the first value after the line and
        held the second before it."""
        item = self.written_item(claim)
        if isinstance(item, Finding):
            return item
        event = self.events[self.context.index]
        for stated, state, when in ((claim.args["old"], self.context.before or {}, "before"),
                                    (claim.args["new"], self.values.of(event.frame), "after")):
            verdict, actual = evaluate(item, state, {})
            if verdict is None:
                return unverifiable(f"`{item}` cannot be read {when} line {event.line} runs")
            if not exact(stated, actual):
                return false(f"`{item}` is `{actual}` {when} line {event.line} runs, not `{stated}`", actual, stated)
        return HOLDS

    def written_item(self, claim: Claim) -> str | Finding:
        """The one item the narrated line assigns (`tails[pos]`), when its key is the same before and after
        the line (and is the index the claim states, if any)."""
        event = self.line_context(claim)
        if isinstance(event, Finding):
            return event
        target = _item_target(self.source_of(event.line))
        if target is None:
            return false(f"line {event.line} does not assign one item", self.source_of(event.line), claim.text)
        key = ast.unparse(target.slice)
        keys = evaluate(key, self.context.before or {}, dict(event.values)), \
            evaluate(key, self.values.of(event.frame), {})
        if keys[0][0] is None or keys[1][0] is None or not exact(keys[0][1], keys[1][1]):
            return unverifiable(f"the key `{key}` of the item line {event.line} assigns cannot be read before and "
                                "after it")
        if "index" in claim.args and not exact(str(claim.args["index"]), keys[0][1]):
            return false(f"line {event.line} assigns the item at `{key} = {keys[0][1]}`", keys[0][1],
                         str(claim.args["index"]))
        return ast.unparse(target)

    def claim_nothing_changes(self, claim: Claim) -> Finding:
        """`the order does not change`, `nothing is added`, `changes nothing`: no variable of the step's frame
        has another value after the step (containers compared whole, items included)."""
        event = self.line_context(claim)
        if isinstance(event, Finding):
            return event
        changed = [name for name, _ in event.changes]
        if changed:
            return false(f"line {event.line} changes `{changed[0]}`", dict(event.changes)[changed[0]], claim.text)
        return HOLDS

    def claim_no_swap(self, claim: Claim) -> Finding:
        """`no swap happens`: the line is a condition whose body swaps two values, and its body does not run
        now; or its condition reads a swap flag (a name with `swap` in it) that is False before it runs."""
        event = self.line_context(claim)
        if isinstance(event, Finding):
            return event
        info = self.info.info(event.line) if self.info else None
        if info is None or info.kind not in ("if", "elif", "while"):
            return false(f"line {event.line} decides no swap", info.kind if info else "", claim.text)
        if any(_swaps(self.source_of(line)) for line in info.body):
            return HOLDS if not self.branch_taken(event) else \
                false(f"the body of line {event.line} runs, and it swaps", "a swap", claim.text)
        flags = [name for name in info.reads if "swap" in name.lower()]
        if not flags:
            return false(f"line {event.line} neither guards a swap nor reads a swap flag", info.source, claim.text)
        verdict, value = evaluate(flags[0], self.context.before or {}, dict(event.values))
        return HOLDS if verdict and value == "False" else \
            false(f"`{flags[0]}` is `{value}` before line {event.line} runs", value, "False")

    def claim_same_code(self, claim: Claim) -> Finding:
        """`checks the same condition` (evaluates the same expression): the line ran earlier in this call, or
        its condition (its value) is, as code, the latest condition (value) an earlier line of this call had;
        `does the same`: that code makes the same operations, on other names."""
        event = self.line_context(claim)
        if isinstance(event, Finding):
            return event
        earlier = [self.events[i].line for i in range(self.context.index - 1, -1, -1)
                   if isinstance(self.events[i], LineEvent) and self.events[i].frame == event.frame]
        if event.line in earlier:
            return HOLDS
        condition = any(word in claim.text for word in ("condition", "test", "check"))
        mine = self.code_of(event.line, condition)
        previous = next((code for code in (self.code_of(line, condition) for line in earlier) if code), None)
        alike = _shape if claim.text.startswith("does") else normal  # `does the same`: the same operations
        if mine is not None and previous is not None and alike(mine) == alike(previous):
            return HOLDS
        return false(f"line {event.line} runs for the first time in this call, and no earlier line of it has its "
                     f"code `{mine}`", previous or "", mine or "")

    def claim_same_object(self, claim: Claim) -> Finding:
        """`binds `s2` to the same string`: the line is `s2 = s`, which binds the name to the object another
        name holds (no copy)."""
        event = self.line_context(claim)
        if isinstance(event, Finding):
            return event
        node = _statement(self.source_of(event.line))
        target = claim.args["target"]
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and ast.unparse(node.targets[0]) == normal(target) \
                and isinstance(node.value, ast.Name):
            return HOLDS
        return false(f"line {event.line} does not bind `{target}` to the object of another name",
                     self.source_of(event.line), claim.text)

    def code_of(self, line: int, condition: bool) -> str | None:
        """The condition of the statement at `line`, or the value it evaluates (not a condition), canonically."""
        info = self.info.info(line) if self.info else None
        if info is None:
            return None
        if condition:
            return normal(info.test) if info.test and info.kind != "for" else None
        return None if info.test else _expression(info.source)


def _shape(expr: str) -> str:
    """An expression's operations with its names left out: `a1 * b2 - a2 * b1` and `c1 * b2 - c2 * b1` agree."""
    try:
        tree = ast.parse(expr, mode="eval")
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return expr
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            node.id = "_"
    return ast.dump(tree)


def _statement(source: str) -> ast.stmt | None:
    text = source.strip() + (" pass" if source.strip().endswith(":") else "")
    try:
        body = ast.parse(text).body
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    return body[0] if len(body) == 1 else None


def _item_target(source: str) -> ast.Subscript | None:
    """The one item a statement assigns (`best[i][c] = ...`, `count[x] += 1`), else None."""
    node = _statement(source)
    targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AugAssign) \
        else []
    if len(targets) == 1 and isinstance(targets[0], ast.Subscript) and not isinstance(targets[0].slice, ast.Slice):
        return targets[0]
    return None


def _swaps(source: str) -> bool:
    """Whether a statement swaps values (`a[i], a[j] = a[j], a[i]`) or calls a function named for a swap."""
    node = _statement(source)
    if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Tuple) \
            and isinstance(node.value, ast.Tuple) and len(node.value.elts) >= 2:
        written = sorted(ast.unparse(e) for e in node.targets[0].elts)
        read = [ast.unparse(e) for e in node.value.elts]
        return written == sorted(read) and read != [ast.unparse(e) for e in node.targets[0].elts]
    return node is not None and any(isinstance(n, ast.Call) and "swap" in ast.unparse(n.func).lower()
                                    for n in ast.walk(node))


def _expression(source: str) -> str | None:
    """The value a simple statement evaluates (assigned, returned, or an expression statement), canonically."""
    node = _statement(source)
    if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Return, ast.Expr)) and node.value is not None:
        return normal(ast.unparse(node.value))
    return None
