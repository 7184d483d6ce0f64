"""Checks of language and problem terms: quotes of the word problem, names read as words, comments of
the code, and the answer to the problem's question, each against the program record and the step."""

from __future__ import annotations

import re

from tracepile.authored import (comments, comments_about, comments_before_def, last_question, mentions_number,
                                quoted_from, quotes_clause, shares_word, squeeze, states_other, stating_clause,
                                without_full_stop)
from tracepile.model import LineEvent
from tracepile.verification.checks.base import HOLDS, Finding, false, split_claim
from tracepile.verification.claims import Claim
from tracepile.verification.compare import exact


class LanguageChecks:
    """Claims that tie the narrated step to the problem text, the names and the comments."""

    def claim_problem_quote(self, claim: Claim) -> Finding:
        event = self.line_context(claim)
        if isinstance(event, Finding):
            return event
        quote, (expr, value) = claim.args["quote"], split_claim(claim.args["given"])
        if not quoted_from(self.problem, quote):
            return false("the problem text has no such words", "", quote)
        if expr not in self.assigns(event):
            return false(f"line {event.line} does not bind `{expr}`", ", ".join(self.assigns(event)), expr)
        finding = self.claim_value(Claim("value", {"expr": expr, "value": value}, "after", claim.text, claim.form))
        if finding.verdict is True and not mentions_number(quote, value):
            return false(f"the quoted words do not mention `{value}`", value, quote)
        clause = stating_clause(self.problem, expr, value)  # None: the words cannot tell which clause it is
        other = "" if clause else states_other(self.problem, self.trace.code, quote, expr)
        if finding.verdict is True and (clause and not quotes_clause(quote, clause) or other):
            return false(f"the quoted words are not the clause that states `{expr}`", clause or other, quote)
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
        names = [name for name in self.assigns(event) if shares_word(name, quote)]
        if not names:
            return false(f"the quote names nothing line {event.line} binds", ", ".join(self.assigns(event)), quote)
        others = [states_other(self.problem, self.trace.code, quote, name) for name in names]
        if all(others):
            return false(f"the quoted words state `{others[0]}`, not `{names[0]}`", others[0], quote)
        return HOLDS

    def assigns(self, event: LineEvent) -> tuple[str, ...]:
        info = self.info.info(event.line) if self.info else None
        return info.assigns if info else ()

    def claim_problem_answer(self, claim: Claim) -> Finding:
        asked, stated = last_question(self.problem), claim.args["value"]
        self.answered = True
        if self.strict and self.cursor < len(self.events) - 1:
            return false("the problem's question is answered before the run ends", "", stated)
        if not asked or squeeze(claim.args["question"]) not in asked_forms(asked):
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
        if self.context.kind == "none" or self.context.kind == "call" and \
                self.events[self.context.index].func == "<module>":  # before a step: any comment of the program
            found = list(comments(self.trace.code).values())
        elif self.context.kind == "call":  # comments above the `def` of the function entered
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


ASKING = re.compile(r",\s+((?:what|how|which|who|whom|whose|when|where|why|is|are|does|do|can)\b[^,]*\?)$", re.I)


def asked_forms(question: str) -> set[str]:
    """The ways a text may quote the problem's last question: whole, or its asking clause after a lead-in
    (`what is the value of x + y?` of `If 6x + 3y = 27 and 2x + 5y = 37, what is the value of x + y?`)."""
    clause = ASKING.search(question)
    return {squeeze(question)} | ({squeeze(clause.group(1))} if clause else set())
