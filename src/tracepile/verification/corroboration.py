"""Fact words used descriptively in free wording, read as claims a code span of the same sentence (or the run)
must corroborate: a property of a stated value ("an empty list; now `xs = []`"), an extreme ("the maximum", with
`max(...) = v`), "yields" said of a value ("`range(3) = range(0, 3)` yields three slots"), "the first call"."""

from __future__ import annotations

import re

from tracepile.verification.claims import QUOTE, SPAN_RE, Claim, Sentence, unspan
from tracepile.verification.descriptors import NUMBER_WORDS, _masked, _take

# Property words and what they say of a value (the value's items, before a plural noun: `ten empty buckets`).
PROPERTIES = ("empty", "even", "odd", "positive", "negative", "sorted", "zero")
PROPERTY = re.compile(r"\b(" + "|".join(PROPERTIES) + r")\b(?:\s+([a-z]+))?", re.I)
# `even now`, `even if`: the adverb, not the property (stays a stray fact word).
ADVERB_EVEN = frozenset("now though if when after before so then more less with at in as the a an".split())
# A reason clause before a property word (`because `x = 40` is even`): a cause the span cannot bear out.
REASON = re.compile(r"\b(?:because|since|as|for)\b[^,;:.]*$", re.I)
# Words right before a property word that would negate or qualify it: such a use stays a stray fact word.
QUALIFIED = re.compile(r"(?:\b(?:not|no|non|never|longer|yet|nearly|almost)|-)\s*$", re.I)
EXTREMES = {"maximum": "max", "largest": "max", "greatest": "max", "biggest": "max", "highest": "max",
            "minimum": "min", "smallest": "min", "lowest": "min"}
EXTREME = re.compile(r"\b(" + "|".join(EXTREMES) + r")\b", re.I)
# `yields` after a value span or a gerund (`splitting it yields`) says what that value gives, like `gives`.
YIELDS = re.compile(r"(?:`[^`\n]+ = [^`\n]+`|\b[a-z]+ing(?: (?:it|them|that|this|the \w+))?)\s+(yields)\b")

# Arithmetic said with a fact word: `raises the base to the exponent` (`**`), `drops the last digit` (`// 10`).
OPERATION = re.compile(r"\b(raises)\b(?=(?:\s+[\w`]+){0,4}?\s+to\s+the\s+(?:power|exponent|\w+\s+power)\b)|"
                       r"\b(drops|dropping|drop)\s+(?:that|the|its)\s+(?:last\s+|ones\s+)?digit\b", re.I)
# An ordinal of a call the narrated line makes: `makes the first call`, `the second recursive call`.
CALL_ORDINAL = re.compile(r"\b(first|second|third|last)\s+(?:recursive\s+|outer\s+|top-level\s+)?call\b", re.I)
ORDINALS = {"first": 1, "second": 2, "third": 3, "last": -1}
# An ordinal of a problem sentence a quotation of the same sentence comes from: `The first sentence, "...", ...`.
SENTENCE_ORDINAL = re.compile(r"\b(first|second|third|last)\s+sentence\b", re.I)

RULES = """\
## Corroborated descriptive words (grammar 3.3)

These fact words may describe a value in free wording when a code span of the same sentence corroborates them;
the span is itself a checked claim, so the word inherits its check. Anywhere else they stay stray fact words.

| words | corroborated by |
|---|---|
| a property word: *empty*, *even*, *odd*, *positive*, *negative*, *sorted*, *zero* (*starts an empty list; now `` `digits = []` ``*, *starts the sum at zero; now `` `s = 0` ``*) | the stated value of the value span the word describes has that property: the one right before it (at most four words away, no `;` or `:` between: *`` `xs = []` `` is empty*, *`` `xs = []` ``, an empty list*), else the nearest one after it (*an empty list; now `` `xs = []` ``*); before a plural noun (*ten empty buckets*) every item of that value has it. A word right after *not*, *no*, *non-*, *no longer*, *never*, *yet*, *almost* stays stray (a negated or hedged property is not read), and so does one in a reason clause (*because `` `x = 40` `` is even*: the span shows the property, not that it is the cause) or whose value is no Python literal |
| an extreme: *maximum*, *largest*, *greatest*, *biggest*, *highest*; *minimum*, *smallest*, *lowest* (*picks the maximum of ...; `` `max(a, b, c) = 161` ``*) | a value span of the sentence computes `max(...)` (for the first group) or `min(...)` (for the second), and, unless the word is followed by *of* (*the maximum of `` `a = 1` `` and `` `b = 9` ``*), the value span the word describes (as for a property) is that span or states its value (*`` `best = 4` `` is the maximum* needs a `max(...)` span with value `4`); a running or new maximum without such a span (*records the new maximum*) stays unverifiable |
| *yields* after a value span or a gerund (*`` `range(base) = range(0, 10)` `` yields ten buckets*, *splitting it yields `` `s.split() = ['a']` ``*) | it means *gives*: a value span follows it in the sentence, and the line is no `yield` statement (there *yields* is the generator's step, which its own forms state) |
| an ordinal of a call: *the first (second, third, last) call* (*Line 22 makes the first call, passing along `` `target = 2` ``*) | the narrated line calls a function of the program, and that call is the first (second, third) call of the function in the run, or (*last*) no later call of it follows |
| *the first (second, third, last) sentence* with a quotation (*The first sentence, "Maya is 2 times as old as her brother", is where ...*) | the sentence quotes the problem, and every quotation of it lies in that sentence of the problem |
| *raises ... to the power (exponent)*; *drops that (the, its last) digit* | the narrated line's code computes a power (`**`, `pow(...)`); an integer division by 10 (`// 10`, `//= 10`) |
| *previous* (*takes `` `curr = [1, 1]` `` as the new previous row, so now `` `prev = [1, 1]` ``*) | a name a code span of the sentence shows has the part `prev` (as a word that is a shown name is that name's) |
| *it is True*, *it is False* (*Line 6 checks the condition `` `n > 0` ``. It is True because ...*) | the form `it_truth`: the condition of the narrated line has that outcome |
| *that same sentence (phrase, words)*, *the same words* before a quotation | the form `same_source`: the quotation lies in the problem sentence the previous quotation came from |
| *So the answer to the question "what is the value of x + y?" is ...* | the form `problem_answer`: the quotation is the problem's last question, whole or its asking clause after a lead-in (*If 6x + 3y = 27 and 2x + 5y = 37, what is the value of x + y?*) |
"""


def _described(free: str, values: list[tuple[int, str]], at: int) -> str:
    """The value span a property word at `at` describes: one right before it (at most four words away, no `;`
    or `:` between: `` `xs = []` is empty ``, `` `xs = []`, an empty list ``), else the nearest one after it."""
    before = [(start, span) for start, span in values if start < at]
    if before:
        start, span = before[-1]
        between = free[start + len(span) + 2:at]
        if not re.search(r"[;:]", between) and len(re.findall(r"\w+", between)) <= 4:
            return span
    after = [span for start, span in values if start > at]
    return after[0] if after else before[-1][1]


def read(text: str, sentence: Sentence) -> None:
    """Turn the corroborable fact words among a sentence's stray tokens into `corroborated` claims."""
    free = _masked(text)
    spans = [(m.start(), unspan(m.group(0))) for m in SPAN_RE.finditer(text)]
    values = [(at, span) for at, span in spans if " = " in span]
    for match in PROPERTY.finditer(free):
        if QUALIFIED.search(free, 0, match.start()) or REASON.search(free, 0, match.start()) or not values:
            continue
        word, noun = match.group(1).lower(), (match.group(2) or "").lower()
        if word == "even" and noun in ADVERB_EVEN:
            continue
        span = _described(free, values, match.start())
        each = noun.endswith("s") and not noun.endswith("ss") and noun not in NUMBER_WORDS
        _take(sentence, match.group(1), Claim("corroborated", {"how": "property", "property": word, "span": span,
                                                               "each": each}, "", match.group(0), "corroborated"))
    for match in EXTREME.finditer(free):
        of = re.match(r"\s+of\b", free[match.end():]) is not None  # `the maximum of a, b and c`: their extreme
        described = "" if of or not values else _described(free, values, match.start())
        _take(sentence, match.group(1), Claim("corroborated", {"how": "extreme", "call": EXTREMES[match.group(1).lower()],
                                                               "spans": tuple(span for _, span in values),
                                                               "described": described}, "", match.group(0),
                                              "corroborated"))
    for match in CALL_ORDINAL.finditer(free):
        _take(sentence, match.group(1), Claim("corroborated", {"how": "call", "ordinal": ORDINALS[match.group(1).lower()]},
                                              "", match.group(0), "corroborated"))
    for match in OPERATION.finditer(free):
        word = match.group(1) or match.group(2)
        _take(sentence, word, Claim("corroborated", {"how": "operation", "op": "power" if match.group(1) else "digit"},
                                    "", match.group(0), "corroborated"))
    quotes = tuple(QUOTE.findall(text))
    for match in SENTENCE_ORDINAL.finditer(free):
        _take(sentence, match.group(1), Claim("corroborated", {"how": "sentence", "quotes": quotes,
                                                               "ordinal": ORDINALS[match.group(1).lower()]},
                                              "", match.group(0), "corroborated"))
    for match in YIELDS.finditer(text):
        if any(at <= match.start(1) < at + len(span) + 2 for at, span in spans):
            continue
        later = tuple(span for at, span in values if at > match.start(1))
        _take(sentence, match.group(1), Claim("corroborated", {"how": "gives", "spans": later}, "", match.group(0),
                                              "corroborated"))
