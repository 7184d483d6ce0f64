"""Checks of descriptive words (verification/descriptors.py reads them): items the step changes or indexes,
numbers its code writes, counts of its names and of stated values, stated comparisons, descriptions of names."""

from __future__ import annotations

import ast
import re
from fractions import Fraction

from tracepile.authored import name_words, stems
from tracepile.model import LineEvent
from tracepile.values import Unparsable, parse_value
from tracepile.verification.checks.base import HOLDS, Finding, false, unverifiable
from tracepile.verification.claims import SPAN_RE, Claim, unspan
from tracepile.verification.compare import evaluate, exact
from tracepile.verification.checks.wording import STOP, literal_value

SPAN_VERDICT = re.compile(r"`([^`]+)`\s+is\s+(True|False)\b")
TWO_VALUES = re.compile(r"`([^`=]+ = [^`]+)`\s+and\s+`([^`=]+ = [^`]+)`,?\s+(?:which\s+)?$")  # `a = 1` and `b = 2` differ
LEFT_VALUE = re.compile(r"`([^`=]+ = [^`]+)`,?\s+(?:which\s+)?$")  # `a = 1`, which differs from `b = 2`
RIGHT_VALUE = re.compile(r"\s+from\s+`([^`=]+ = [^`]+)`")


class DescriptorChecks:
    """`index 4`, `the first tail`, `the last digit`, `by 5`, `adds one`, `the two counts`, `differ`."""

    def claim_descriptor(self, claim: Claim) -> Finding:
        event = self.line_context(claim)
        if isinstance(event, Finding):
            return event
        how = claim.args["how"]
        if how == "differ":
            return _differ(claim)
        tree = _tree(self.source_of(event.line))
        if how == "digit":
            takes = any(isinstance(n, ast.BinOp) and isinstance(n.op, (ast.Mod, ast.FloorDiv)) and _constant(n.right)
                        == 10 or isinstance(n, ast.AugAssign) and isinstance(n.op, (ast.Mod, ast.FloorDiv))
                        and _constant(n.value) == 10 for n in ast.walk(tree))  # takes it, or drops it
            return HOLDS if takes else false(f"line {event.line} neither takes nor drops a last digit (`% 10`, `// 10`)", "",
                                             claim.text)
        if how == "item":
            positions = self.item_positions(event, tree)
            index = claim.args["index"]
            hit = any(i == index or index == -1 and i == size - 1 for i, size in positions)
            if hit:
                return HOLDS
            shown = ", ".join(str(i) for i in sorted({i for i, _ in positions}))
            what = f"the {claim.args['ordinal']} item" if "ordinal" in claim.args else f"item {index}"
            return false(f"line {event.line} neither changes nor indexes {what} (its items: {shown or 'none'})",
                         shown, claim.text)
        number = claim.args["number"]
        if how == "literal":
            if number in {_constant(n) for n in ast.walk(tree)}:
                return HOLDS
            return unverifiable(f"the number {number} is not written in the code of line {event.line}, and a "
                                f"bare number outside a claim is not checked")
        counts = self.counts(event, with_names=number >= 2)  # nearly every line reads one name: no count of one
        if number in counts.values():
            return HOLDS
        listed = "; ".join(f"{what}: {n}" for what, n in counts.items())
        return unverifiable(f"\"{claim.text}\" ({number}) is no count of line {event.line} ({listed or 'none'})")

    def claim_apposition(self, claim: Claim) -> Finding:
        """A description after a code span (`x = v`, the ...) must be said in the words of the name it shows."""
        if not claim.args["span"]:
            return unverifiable(f"\"{claim.text}\" describes no code span of the sentence before it")
        expr = claim.args["span"].partition(" = ")[0].strip()
        own = stems(" ".join(w for name in _names(expr) for w in name_words(name)))
        own |= value_words(claim.args["span"].partition(" = ")[2])
        words = {w.rstrip("s") for w in re.findall(r"[a-z]+", claim.args["words"].lower())
                 if len(w) >= 3 and w not in STOP}
        if words <= own and (own or not words):
            return HOLDS
        unknown = ", ".join(sorted(words - own))
        return unverifiable(f"the description \"{claim.args['words']}\" after `{claim.args['span']}` is not "
                            f"checked: its words ({unknown}) are not words of the name the span shows; describe a "
                            f"value only in its name's words, or leave the description out")

    def item_positions(self, event: LineEvent, tree: ast.AST) -> set[tuple[int, int]]:
        """(index, container length) of every item the step changes in a container of its frame, and of
        every subscript its code evaluates before it runs."""
        before, after = self.context.before or {}, self.values.of(event.frame)
        out = set()
        for name, value in after.items():
            if before.get(name) == value:
                continue
            new, old = literal_value(value), literal_value(before.get(name, "None"))
            if isinstance(new, (list, tuple)):
                same = isinstance(old, (list, tuple))
                out |= {(i, len(new)) for i, item in enumerate(new)
                        if not same or i >= len(old) or not exact(repr(old[i]), repr(item))}
            elif isinstance(new, dict):
                olds = old if isinstance(old, dict) else {}
                out |= {(k, len(new)) for k, item in new.items() if isinstance(k, int)
                        and (k not in olds or not exact(repr(olds[k]), repr(item)))}
        for node in ast.walk(tree):
            if isinstance(node, ast.Subscript) and not isinstance(node.slice, ast.Slice):
                found, index = evaluate(ast.unparse(node.slice), before, dict(event.values))
                container = evaluate(ast.unparse(node.value), before, dict(event.values))
                value = literal_value(index) if found else None
                items = literal_value(container[1]) if container[0] else None
                if isinstance(value, int) and not isinstance(value, bool):
                    size = len(items) if isinstance(items, (list, tuple, str, dict)) else -1
                    out.add((value + size if value < 0 and size >= 0 else value, size))
        return out

    def counts(self, event: LineEvent, with_names: bool) -> dict[str, int]:
        """The counts a number word may state: names the step reads and binds (`with_names`), items of
        stated values."""
        info = self.info.info(event.line) if self.info else None
        out = {"names read": len(set(info.reads)), "names bound": len(set(info.assigns))} if info and with_names else {}
        for claim in self.sentence_claims:  # a value any claim of the sentence states (each is checked)
            named = claim.args.get("expr") or claim.args.get("name")
            if isinstance(claim.args.get("value"), str) and isinstance(named, str):
                items = literal_value(claim.args["value"])
                if isinstance(items, (list, tuple, dict, set)):
                    out[f"items of `{named}`"] = len(items)
        return out


def _differ(claim: Claim) -> Finding:
    """`differ` restates a comparison the sentence states (each span is a checked claim of its own)."""
    sentence = claim.args["sentence"]
    stated = [(unspan(m.group(0)).partition(" = ")[0], unspan(m.group(0)).partition(" = ")[2])
              for m in SPAN_RE.finditer(sentence) if " = " in m.group(0)]
    stated += [(m.group(1), m.group(2)) for m in SPAN_VERDICT.finditer(sentence)]
    for expr, verdict in stated:
        node = _tree(expr.strip())
        test = node.body[0].value if node.body and isinstance(node.body[0], ast.Expr) else None
        if isinstance(test, ast.Compare) and len(test.ops) == 1 and \
                (isinstance(test.ops[0], ast.Eq) and verdict.strip() == "False" or
                 isinstance(test.ops[0], ast.NotEq) and verdict.strip() == "True"):
            return HOLDS
    pair = TWO_VALUES.search(claim.args["before"])
    left_right = LEFT_VALUE.search(claim.args["before"]), RIGHT_VALUE.match(claim.args["after"])
    if pair or all(left_right):
        shown = (pair.group(1), pair.group(2)) if pair else (left_right[0].group(1), left_right[1].group(1))
        left, right = (span.partition(" = ")[2].strip() for span in shown)
        if not exact(left, right):
            return HOLDS
        return false(f"`{left}` and `{right}` are the same value", "", claim.text)
    return false("no comparison the sentence states says the two differ (`a != b = True`, `a == b` is False, or "
                 "two different values right before the word)", "", claim.text)


def _tree(source: str) -> ast.AST:
    text = source.strip()
    try:
        return ast.parse(text + " pass" if text.endswith(":") else text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return ast.Module(body=[], type_ignores=[])


def _constant(node: ast.AST) -> int | float | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
        return node.value
    return None


def _names(expr: str) -> list[str]:
    """The name a span shows when it is a variable or an attribute (`total`, `self.total`); none for a bare
    value or any other expression (`-root_sum` is not the root sum, `heap[0]` not the heap)."""
    body = _tree(expr).body
    node = body[0].value if len(body) == 1 and isinstance(body[0], ast.Expr) else None
    return [node.id] if isinstance(node, ast.Name) else [node.attr] if isinstance(node, ast.Attribute) else []


def value_words(shown: str) -> set[str]:
    """Words that are true of a shown value: its type (`an empty dictionary` for `{}`) and its plain properties."""
    try:
        value = parse_value(shown) if shown.strip() else None
    except Unparsable:
        return set()
    if value is None or isinstance(value, bool):
        return set()
    kinds = {dict: {"dictionary", "dict", "map", "mapping"}, list: {"list"}, set: {"set"}, str: {"string", "text"},
             tuple: {"tuple"}, int: {"integer", "number"}, float: {"number"}, Fraction: {"fraction", "number"}}
    words = set(next((w for t, w in kinds.items() if isinstance(value, t)), set()))
    if isinstance(value, (dict, list, set, str, tuple)):
        words |= {"empty"} if not value else set()
        words |= {"pair"} if isinstance(value, tuple) and len(value) == 2 else set()
    if isinstance(value, (int, float, Fraction)):
        words |= {"positive"} if value > 0 else {"negative"} if value < 0 else {"zero"}
        if isinstance(value, int):
            words |= {"even"} if value % 2 == 0 else {"odd"}
    return words
