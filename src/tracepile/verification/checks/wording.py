"""Checks of grammar 3.0's values in free wording: value spans without set phrases (their moment from a cue or
from the run), names and values mentioned, items and outputs, quotations and problem terms."""

from __future__ import annotations

import ast
import re
from functools import lru_cache

from tracepile.authored import comments, mentions_number, name_words, quoted_from, squeeze, stems
from tracepile.authored import sentences as problem_sentences
from tracepile.model import LineEvent, ReturnEvent
from tracepile.verification.checks.base import HOLDS, LINE_CONTEXTS, Finding, false, unverifiable
from tracepile.verification.claims import Claim
from tracepile.verification.compare import evaluate, exact, normal, normal_statement

ORDINALS = {word: k for k, word in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth".split(), 1)}
OUTCOME_KINDS = {"counts_as", "truth", "next", "iteration", "loop_end", "loop_done", "body_skipped", "no_longer",
                 "assertion", "ordinal"}  # claims that state where a condition or loop header sends execution
SYMBOL = re.compile(r"(?!(?:True|False|None)$)[A-Za-z_]\w*")
CHANGING = {"becomes", "now becomes", "changes to", "turns into", "is updated to", "is changed to", "is reassigned to"}
STOP = frozenset("the a an of in on at to for by and or is are was were that this it its with from as per each "
                 "does do how much many what which who when".split())


# Words any quantity of a problem may be called by (`the total number of balls`, `their ages today`); a
# problem-term name must still share one of its words with the name it reads as.
GENERIC = frozenset("number amount count quantity value total result today now current currently overall "
                    "altogether".split())

# Function words that programs also use as names (`it`, `so`): wording, not the program's names.
ENGLISH = frozenset("an and as at be by do he if in is it its me my of on or so to up us we the this that then "
                    "there these those which what when where who why how with from into over but for are was were "
                    "has had have can may our out you your they them their".split())


class WordingChecks:
    """Claims grammar 3.0 reads in free wording: bare value spans and mentions, items and attributes that
    change, empty and sorted values, outputs, quotations and problem terms."""

    # ---------------------------------------------------------------- values without set phrases

    def auto_value(self, claim: Claim) -> Finding:
        """A value span with no form: true at the moment its cue names, else at the one it is true at; a
        true after-value of a name the step changed states its new value; true at neither is false."""
        expr, stated = claim.args["expr"], claim.args["value"]
        cue = claim.moment.partition(":")[2]
        kind = self.context.kind
        if kind == "call":
            return self.claim_value(Claim("value", claim.args, "entry", claim.text, claim.form))
        if kind == "summary":
            return self.claim_value(Claim("value", claim.args, "stretch", claim.text, claim.form))
        if kind not in LINE_CONTEXTS:
            return unverifiable(f"`{expr} = {stated}` is not tied to a step where it can be read")
        event = self.events[self.context.index]
        returned = self.returned_here()
        if returned is not None and (known := self.with_returned(expr, returned)) is not None:
            return self.with_call_result(expr, known, stated)
        if returned is not None and normal(expr).partition("(")[0] == returned.func and "(" in expr:
            return HOLDS if exact(stated, returned.value) else \
                false(f"`{expr}` returned `{returned.value}`", returned.value, stated)
        before = evaluate(expr, self.context.before or {}, dict(event.values))
        after = evaluate(expr, self.values.of(event.frame), {})
        at = {"before": before[0] and exact(stated, before[1]), "after": after[0] and exact(stated, after[1])}
        if before[0] is None and after[0] is None:
            return unverifiable(f"`{expr}` cannot be evaluated at line {event.line}")
        readable = {"before": before[0] is not None, "after": after[0] is not None}
        if cue and readable[cue] and not at[cue]:
            other = "after" if cue == "before" else "before"
            actual = (before if cue == "before" else after)[1]
            if at[other]:
                return false(f"wrong moment: `{expr} = {stated}` holds {other} line {event.line} runs, but the "
                              f"sentence speaks of the state {cue} it", actual, stated)
            return false(f"`{expr}` is `{actual}` {cue} line {event.line} runs, not `{stated}`", actual, stated)
        if not (at["before"] or at["after"]):
            actual = after[1] if after[0] else before[1]
            return false(f"`{expr}` is `{actual}` at line {event.line} (before: `{before[1]}`, after: "
                          f"`{after[1]}`), not `{stated}`", actual, stated)
        if at["after"] and not (cue == "before" and readable["before"]):
            self.unstated.get(self.context.index, set()).discard(normal(expr))
        return HOLDS

    def claim_natural_value(self, claim: Claim) -> Finding:
        """`expr` is / gives / equals `v`: a value claim whose moment is read as for a bare span."""
        moment = "auto:before" if claim.args["verb"] == "was" else "auto"
        if " = " in claim.args["expr"] and claim.args["verb"] in ("is", "equals"):  # `a = 1` equals `b = 1`
            return self.claim_relation(Claim("relation", {"left": claim.args["expr"], "right": claim.args["value"],
                                                          "relation": "equal to"}, "before", claim.text, claim.form))
        args = {"expr": claim.args["expr"], "value": claim.args["value"]}
        return self.auto_value(Claim("value", args, moment, claim.text, claim.form))

    def claim_becomes(self, claim: Claim) -> Finding:
        """`x` becomes `v` (or is set to, is now, ...): the value after the step; a change verb also needs
        another value before it. An item or attribute the line assigns states the new value of its object."""
        event = self.line_context(claim)
        if isinstance(event, Finding):
            return event
        target, stated = claim.args["target"], claim.args["value"]
        converted = False
        if claim.args.get("symbol") and not SYMBOL.fullmatch(stated):  # a sympy symbol shows as its bare name
            return false(f"`{stated}` is not shown as a symbol is (a bare name)", "", stated)
        if claim.args.get("symbol"):
            pass  # the value is the symbol as shown, not an expression to evaluate
        elif " = " in target:  # `the difference `a - b = 39` becomes `c = 39``: a value, then where it goes
            expr, _, shown = target.partition(" = ")
            first = self.auto_value(Claim("value", {"expr": expr.strip(), "value": shown.strip()}, "auto",
                                          claim.text, claim.form))
            if first.verdict is not True or " = " not in stated:
                return first if first.verdict is not True else \
                    unverifiable(f"`{stated}` is stated without saying what has it")
            target, _, stated = stated.partition(" = ")
            target, stated = target.strip(), stated.strip()
            converted = normal(expr) != normal(target)  # one value made into another (`input() = '2'` becomes
            # `int(input()) = 2`): no change of one name to check
        elif " = " in stated:  # `stores `a + b = 5` in `x``: the value shown with what gives it
            expr, _, stated = stated.partition(" = ")
            shown = self.auto_value(Claim("value", {"expr": expr.strip(), "value": stated.strip()}, "auto",
                                          claim.text, claim.form))
            if shown.verdict is not True:
                return shown
            stated = stated.strip()
        elif literal_value(stated) is None and \
                normal_statement(f"{target} = {stated}") == normal_statement(self.source_of(event.line)):
            self.unstated.get(self.context.index, set()).discard(normal(target))
            return HOLDS  # `rebinds `input` to `sys.stdin.readline``: the line's own assignment, said in words
        elif literal_value(stated) is None:  # `sets `c` to `capacity``: the expression's value before the step
            if self.binds_to(event, target, stated):
                return HOLDS
            verdict, value = evaluate(stated, self.context.before or {}, dict(event.values))
            if verdict is None:
                return unverifiable(f"`{stated}` cannot be evaluated at line {event.line}")
            stated = value
        finding = self.claim_value(Claim("value", {"expr": target, "value": stated}, "after", claim.text, claim.form))
        if finding.verdict is not True:
            return finding
        if claim.args["verb"] in CHANGING and not converted:
            verdict, old = evaluate(target, self.context.before or {}, dict(event.values))
            if verdict is not None and exact(stated, old):
                return false(f"`{target}` does not change at line {event.line}", old, stated)
        written = self.written_object(event, target)
        if written:
            self.unstated.get(self.context.index, set()).discard(written)
        return finding

    def written_object(self, event: LineEvent, target: str) -> str | None:
        """The name whose object the line changes by assigning exactly `target` (`arr[2]` for `arr[i] = v`
        with `i = 2`, `self.x`), when that single item or attribute is all the statement writes."""
        info = self.info.info(event.line) if self.info else None
        if info is None or info.kind not in ("assign", "augassign"):
            return None
        try:
            statement = ast.parse(info.source.strip()).body[0]
            stated = ast.parse(target, mode="eval").body
        except (SyntaxError, ValueError, IndexError, RecursionError, MemoryError):
            return None
        targets = statement.targets if isinstance(statement, ast.Assign) else [getattr(statement, "target", None)]
        if len(targets) != 1 or type(targets[0]) is not type(stated) or \
                not isinstance(stated, (ast.Subscript, ast.Attribute)):
            return None
        written = targets[0]
        if isinstance(stated, ast.Attribute):
            return stated.value.id if isinstance(stated.value, ast.Name) and written.attr == stated.attr \
                and ast.unparse(written.value) == stated.value.id else None
        event_values = dict(event.values)
        while isinstance(written, ast.Subscript) and isinstance(stated, ast.Subscript):  # `grid[r][c]`, `grid[1][2]`
            if isinstance(written.slice, ast.Slice) or isinstance(stated.slice, ast.Slice):
                return None
            code_key = evaluate(ast.unparse(written.slice), self.context.before or {}, event_values)
            text_key = evaluate(ast.unparse(stated.slice), self.context.before or {}, event_values)
            if not (code_key[0] and text_key[0] and exact(code_key[1], text_key[1])):
                return None
            written, stated = written.value, stated.value
        if isinstance(written, ast.Name) and isinstance(stated, ast.Name) and written.id == stated.id:
            return stated.id
        return None

    def claim_mention(self, claim: Claim) -> Finding:
        """A code span in free wording that states no value: a name in scope, a part of the step's code, a
        name of the program; a condition that is not part of the step must hold; a bare value is no claim."""
        expr = normal(claim.args["expr"])
        parts, scope = self.step_parts(), self.scope()
        try:
            node = ast.parse(expr, mode="eval").body
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            node = None
        if expr in parts or self.context.kind in LINE_CONTEXTS and \
                normal_statement(expr) == normal_statement(self.source_of(self.events[self.context.index].line)):
            return HOLDS
        if self.is_header(claim.args["expr"]):  # `the `while True` loop`: the line's own header
            return HOLDS
        if isinstance(node, ast.Name) and (expr in scope or expr in self.program_names):
            return HOLDS
        if isinstance(node, (ast.Compare, ast.BoolOp)) or isinstance(node, ast.UnaryOp) and \
                isinstance(node.op, ast.Not):
            if self.context.kind in LINE_CONTEXTS:
                event = self.events[self.context.index]
                held = [evaluate(expr, self.context.before or {}, dict(event.values)),
                        evaluate(expr, self.values.of(event.frame), {})]
                if any(v[0] and v[1] == "True" for v in held):
                    return HOLDS
                return false(f"`{expr}` does not hold at line {event.line}", "False", "True")
        if node is not None and _literal(node):
            if self.context.kind in LINE_CONTEXTS and self.shown_by_step(claim.args["expr"]):
                return HOLDS
            return unverifiable(f"the value `{expr}` is stated without saying what has it (write `name = value`)")
        if self.context.kind in ("line", "back", "call"):
            return false(f"`{expr}` is not a name in scope nor part of this step's code", "", expr)
        return unverifiable(f"`{expr}` names nothing of the program")

    def with_returned(self, expr: str, returned: ReturnEvent) -> str | None:
        """`expr` with the call the line was waiting for replaced by the value it returned, when that call is
        the only call of its function both in `expr` and in the line's code; else None."""
        try:
            tree = ast.parse(normal(expr), mode="eval")
            value = ast.parse(returned.value, mode="eval").body
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            return None
        source = self.source_of(self.events[self.context.index].line)

        def calls(node: ast.AST) -> list[ast.Call]:
            return [n for n in ast.walk(node) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
                    and n.func.id == returned.func]

        try:
            in_code = calls(ast.parse(source.strip()))
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            return None
        found = calls(tree)
        if len(found) != 1 or len(in_code) != 1 or ast.unparse(found[0]) != ast.unparse(in_code[0]) or \
                found[0] is tree.body:
            return None

        class Put(ast.NodeTransformer):
            def visit_Call(self, node: ast.Call) -> ast.AST:
                return value if node is found[0] else self.generic_visit(node)

        return ast.unparse(Put().visit(tree))

    def returned_here(self) -> ReturnEvent | None:
        """In a `Back at line N` paragraph, the return of the call the line was waiting for."""
        if self.context.kind != "back":
            return None
        event = self.events[self.context.index]
        for other in reversed(self.events[self.context.index + 1:self.cursor + 1]):
            if isinstance(other, ReturnEvent) and self.caller.get(other.frame) == event.frame:
                return other
        return None

    def claim_is_empty(self, claim: Claim) -> Finding:
        """`the list is not empty`: the named value, or the one the line's condition tests, is (not) empty."""
        event = self.line_context(claim)
        if isinstance(event, Finding):
            return event
        name = claim.args.get("name") or claim.args.get("name2")
        if name is None:
            info = self.info.info(event.line) if self.info else None
            try:
                test = ast.parse(info.test or "", mode="eval").body if info else None
            except (SyntaxError, ValueError):
                test = None
            if isinstance(test, ast.BoolOp):  # `nums and nums[0] < 0`: the one operand that is a bare name
                named = [v for v in test.values if isinstance(v, ast.Name)]
                test = named[0] if len(named) == 1 else test
            while isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not) or \
                    isinstance(test, ast.Call) and ast.unparse(test.func) == "len" and len(test.args) == 1:
                test = test.operand if isinstance(test, ast.UnaryOp) else test.args[0]
            if not isinstance(test, ast.Name):
                return unverifiable(f"the value line {event.line} tests is not named")
            name = test.id
        negated = (claim.args.get("negated") or "").strip() in ("not", "no longer")
        verdict, value = evaluate(name, self.context.before or {}, dict(event.values))
        if verdict is None:
            verdict, value = evaluate(name, self.values.of(event.frame), {})
        if verdict is None:
            return unverifiable(f"`{name}` has no value at line {event.line}")
        items = literal_value(value)
        try:
            empty = len(items) == 0 if items is not None else value.endswith(("([])", "()", "({})"))
        except TypeError:
            return unverifiable(f"`{name} = {value}` has no length")
        return HOLDS if empty != negated else false(f"`{name} = {value}` is {'' if empty else 'not '}empty",
                                                    value, claim.text)

    def shown_by_step(self, value: str) -> bool:
        """Whether a bare value is one the narrated line produces: the new value of a name it binds, a
        sub-expression it evaluates, or text it reads from standard input."""
        event = self.events[self.context.index]
        after = self.values.of(event.frame)
        produced = [after[name] for name in self.assigns(event) if name in after]
        produced += [v for _, v in event.values] + [repr(text) for _, text in event.reads]
        returned = self.returned_here()
        produced += [returned.value] if returned is not None else []
        info = self.info.info(event.line) if self.info else None
        produced += [self.context.before[name] for name in (info.reads if info else ())
                     if name in (self.context.before or {})]
        return any(exact(value, v) for v in produced)

    def claim_sorted(self, claim: Claim) -> Finding:
        """`once sorted, `a = [1, 2, 5]``: the value claim holds and the value is in ascending order."""
        expr, _, value = claim.args["claim"].partition(" = ")
        shown = self.auto_value(Claim("value", {"expr": expr.strip(), "value": value.strip()}, "auto",
                                      claim.text, claim.form))
        if shown.verdict is not True:
            return shown
        items = literal_value(value)
        try:
            ordered = isinstance(items, (list, tuple, str)) and list(items) == sorted(items)
        except TypeError:
            ordered = False
        return HOLDS if ordered else false(f"`{value.strip()}` is not in sorted order", value, "sorted")

    def claim_comment_line(self, claim: Claim) -> Finding:
        """`the comment at line 7`: line 7 of the program holds a comment."""
        line = claim.args["line"]
        return HOLDS if line in comments(self.trace.code) else false(f"line {line} holds no comment", "", str(line))

    def step_parts(self) -> frozenset[str]:
        """Every expression of the narrated step's code (a line's statement, or a call's function and
        parameters), or of the whole program outside a step, in canonical spelling."""
        kind = self.context.kind
        if kind in ("line", "back"):
            info = self.info.info(self.events[self.context.index].line) if self.info else None
            return _parts_of(info.source if info else "")
        if kind == "call":
            event = self.events[self.context.index]
            return frozenset({event.func} | {name for name, _ in event.args})
        if kind == "return":
            return frozenset({self.func.get(self.events[self.context.index].frame, "")})
        return _parts_of(self.trace.code)

    def scope(self) -> set[str]:
        if self.context.kind in ("line", "back", "return", "call"):
            event = self.events[self.context.index]
            return set(self.values.of(event.frame)) | set(self.context.before or {})
        return set()

    # ---------------------------------------------------------------- loops

    # ---------------------------------------------------------------- repetition: the step's earlier runs

    def claim_empty(self, claim: Claim) -> Finding:
        """`an empty dictionary, `groups = {}``: the value claim holds and its value is empty."""
        expr, _, value = claim.args["claim"].partition(" = ")
        shown = self.auto_value(Claim("value", {"expr": expr.strip(), "value": value.strip()}, "auto",
                                      claim.text, claim.form))
        if shown.verdict is not True:
            return shown
        try:  # an empty container, or one of empty ones (`ten empty buckets, so `b = [[], []]``)
            items = ast.literal_eval(value.strip())
            empty = len(items) == 0 or not isinstance(items, (str, bytes)) and all(
                isinstance(item, (list, tuple, dict, set, str)) and len(item) == 0 for item in items)
        except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
            empty = value.strip() in ("set()", "dict()", "list()", "tuple()", "deque([])", "Counter()")
        return HOLDS if empty else false(f"`{expr.strip()} = {value.strip()}` is not empty", value, "empty")

    def claim_quote(self, claim: Claim) -> Finding:
        """A quotation in free wording: verbatim words of the problem, of a comment of the program, or of
        what the run prints."""
        text = claim.args["text"]
        said = text.strip(" .,;:")
        if quoted_from(self.problem, said):
            return self.credited_constants(said, claim.args.get("spans", ()))
        if squeeze(said) in squeeze(self.trace.outcome.stdout or ""):
            return HOLDS
        if any(squeeze(said) in squeeze(c.text) for c in comments(self.trace.code).values()):
            return HOLDS
        return false("no problem text, comment or output has these words", "", text)

    def credited_constants(self, said: str, spans: tuple[str, ...]) -> Finding:
        """A problem quote beside `x = 6`, where the line writes the constant `6` and the problem states it:
        the quoted sentence must be one that mentions `6` (the clause the value comes from)."""
        if self.context.kind not in LINE_CONTEXTS:
            return HOLDS
        line = self.events[self.context.index].line
        code = self.source_of(line)
        source = next((s for s in problem_sentences(self.problem) if squeeze(said) in squeeze(s)), said)
        for span in spans:
            value = span.partition(" = ")[2].strip()
            if number_of(value) is not None and mentions_number(code, value) and \
                    mentions_number(self.problem, value) and not mentions_number(source, value):
                return false(f"line {line} takes `{value}` from the problem, and the quoted words do not mention it",
                             source, said)
        return HOLDS

    # ---------------------------------------------------------------- loops: ordinals, iterables, unpacking

    def claim_prints_value(self, claim: Claim) -> Finding:
        """`prints the count held in `n = 3``: the value holds before the line, and the line prints it
        (a string as its text, any other value as Python writes it)."""
        expr, _, value = claim.args["claim"].partition(" = ")
        shown = self.claim_value(Claim("value", {"expr": expr.strip(), "value": value.strip()}, "before",
                                       claim.text, claim.form))
        if shown.verdict is not True:
            return shown
        text = literal_value(value)
        printed = text if isinstance(text, str) else value.strip()
        found = self.claim_prints(Claim("prints", {"text": printed + "\n"}, "", claim.text, claim.form))
        if found.verdict is True:
            self.shown_output = (self.paragraph, self.cursor)
        return found

    def claim_same_source(self, claim: Claim) -> Finding:
        """`from the same sentence`: words were quoted before, from a problem sentence that mentions every
        number the sentence's values state."""
        if self.last_quote is None:
            return false("nothing was quoted before this sentence", "", claim.text)
        source = next((s for s in problem_sentences(self.problem) if squeeze(self.last_quote) in squeeze(s)),
                      self.last_quote)
        elsewhere = [q for q in claim.args.get("quotes", ()) if squeeze(q) not in squeeze(source)]
        if elsewhere:  # `That same sentence, "...", ...`: the quotation is of the sentence quoted before
            return false(f"\"{elsewhere[0]}\" is not in the sentence quoted before", source, elsewhere[0])
        stated = [span.partition(" = ")[2].strip() for span in claim.args.get("spans", ()) if " = " in span]
        missing = [v for v in stated if number_of(v) is not None and not mentions_number(source, v)]
        return false(f"the quoted words do not mention `{missing[0]}`", source, missing[0]) if missing else HOLDS

    # ---------------------------------------------------------------- problem terms

    def meaning_names(self, event: LineEvent, words: tuple[str, ...]) -> list[str]:
        """Names bound at the line that the problem-term words name: the name's own words, or words that
        share one with the name and otherwise come from the problem or the program's names."""
        names = self.assigns(event)
        exact_names = [name for name in names if name_words(name) == words]
        if exact_names:
            return exact_names
        known = stems(self.problem) | stems(" ".join(w for n in self.program_names for w in name_words(n))) | GENERIC
        content = {w.rstrip("s") for w in words if len(w) >= 3 and w not in STOP}
        if not content <= known:
            return []
        return [name for name in names if stems(" ".join(name_words(name))) & content]


def number_of(text: str) -> int | float | None:
    value = literal_value(text)
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def literal_value(text: str):
    """The Python literal `text` writes, or None."""
    try:
        return ast.literal_eval(text.strip())
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return None


@lru_cache(maxsize=4096)
def _parts_of(source: str) -> frozenset[str]:
    """Every expression and target of a statement (or program), in canonical spelling."""
    text = source.strip()
    if text.endswith(":"):
        text += " pass"
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return frozenset()
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.expr):
            out.add(ast.unparse(node))
        elif isinstance(node, (ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef)):
            out.add(node.name)
        elif isinstance(node, ast.arg):
            out.add(node.arg)
        elif isinstance(node, ast.alias):
            out.add(node.asname or node.name)
        elif isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module)
    if len(tree.body) == 1 and not isinstance(tree.body[0], (ast.For, ast.While, ast.If, ast.FunctionDef)):
        out.add(ast.unparse(tree.body[0]))
    return frozenset(out)


@lru_cache(maxsize=256)
def program_names(code: str, problem: str = "") -> frozenset[str]:
    """The program's own names that read as code (with an underscore, a digit or a capital: `each_share`,
    `c3`, `maxLen`) and the problem's proper names, lower-cased: fact words outside a claim. A name that
    is a plain English word (`total`, `rate`) is wording unless the problem uses it as a proper name."""
    names = set()
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        tree = None
    for node in ast.walk(tree) if tree else ():
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, ast.arg):
            names.add(node.arg)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
            names.add(node.attr)
    proper = set()
    for sentence in problem.replace("?", ".").replace("!", ".").split("."):
        words = sentence.split()
        proper |= {w.strip(",;:'\"()").removesuffix("'s") for w in words[1:] if w[:1].isupper()}
    names |= proper
    return frozenset(n.lower() for n in names if len(n) >= 2 and n.replace("_", "").isalnum()
                     and n.lower() not in ENGLISH and (not n.isalpha() or not n.islower() or n in proper))


def _literal(node: ast.expr) -> bool:
    try:
        ast.literal_eval(node)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return False
    return True
