"""Descriptive words in free wording: numbers, ordinals and `differ` ("crosses out index 4", "the first tail",
"adds one", "the characters differ") and descriptions after a code span (", the product of the roots")."""

from __future__ import annotations

import re

from tracepile.verification.claims import QUOTE, SPAN_RE, Claim, Sentence, unspan

NUMBER_WORDS = {word: k for k, word in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())} | {"single": 1}
ORDINAL_WORDS = {word: k for k, word in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth".split(), 1)}
POSITIONS = {"first": 0, "second": 1, "third": 2, "last": -1, "final": -1}
# Nouns whose number is a position (`index 4`, `bucket 0`, `vertex 2`), not a value (`the sum 7`, `digit 4`).
POSITION_NOUNS = "index|position|bucket|vertex|node|slot|entry|cell|item|element|row|column"
ITEM_NOUNS = POSITION_NOUNS + "|tail|token|character|letter|pair|piece|digit"
ITEM_NUMBER = re.compile(rf"\b(?:{POSITION_NOUNS})\s+(\d+)\b", re.I)
ORDINAL_ITEM = re.compile(rf"\b(first|second|third|last|final)\s+(?:({ITEM_NOUNS})s?\b)", re.I)  # `the first tail`
RUN_COUNT = re.compile(r"\b(\w+)\s+(?:iterations?|times?|rounds?|pass|passes|calls?|runs?)\b", re.I)  # not item words
# A number is a descriptor only as an operand (`multiplies by 5`, `adds one`) or a count of a noun (`the two
# counts`): after `is`, `to`, `equals` ... it would state a value, which only a code span may do.
BY_NUMERAL = re.compile(r"\b(?:by|adds?|adding|subtracts?|subtracting|plus|minus)\s+(\d+)\b", re.I)
_WORDS = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
COUNT_WORD = re.compile(rf"\b(?:(?:adds?|adding|subtracts?|subtracting|plus|minus|by)\s+(?P<operand>{_WORDS})\b|"
                        rf"(?P<count>{_WORDS})[\s-]+(?P<noun>[a-z]+)\b)", re.I)
NOT_NOUNS = frozenset("is are was were and or of so then than but to from in on at as it its by with for per".split())
DIFFER = re.compile(r"\b(differs?)\b", re.I)
IDENTIFIER = re.compile(r"[A-Za-z_]\w*")
STRING = re.compile(r"'[^']*'|\"[^\"]*\"")

# A description right after a code span (an apposition): `root_product = 90`, the product of the roots; ...,
# which is the product of the roots; ... (the product of the roots); ... - the product. Further ones may follow it.
_SEPARATOR = r"(?:,\s*|\s+\(|\s*[\u2014\u2013]\s*|\s+--?\s+|:\s+)"
_CONNECTOR = (r"(?:(?:which|that)\s+(?:is|are|was|were|represents|means|denotes|stands\s+for|is\s+called|is\s+known\s+as)"
              r"(?:\s+also)?\s+|i\.e\.,?\s+|that\s+is,?\s+|namely\s+)?")
_NOUN_PHRASE = (r"(?P<det>the|a|an|its|their|his|her|our)\s+(?P<words>[A-Za-z][A-Za-z'\-]*(?:\s+[A-Za-z][A-Za-z'\-]*)*?)"
                r"(?=\s*(?:[.,;:)\"\u2014\u2013]|$))")
APPOSITION = re.compile(r"\)?" + _SEPARATOR + _CONNECTOR + _NOUN_PHRASE, re.I)
# A sentence that only describes what the sentence before it showed: `This is the product of the roots.`
DESCRIBING = re.compile(r"^(?:It|This|That|Which)(?:\s+(?:value|number|result))?\s+(?:is|was|represents|means|denotes|"
                        r"stands\s+for)(?:\s+also)?\s+" + _NOUN_PHRASE + r"\.?$")
FURTHER = re.compile(r",\s*" + _CONNECTOR + _NOUN_PHRASE, re.I)  # `..., the constant term, which is the product`

RULES = """\
## Descriptive numbers, ordinals and `differ`

In a line paragraph these words outside a form are claims about the narrated step, checked against the run:

| words | checked against |
|---|---|
| a count or ordinal word that is part of a name a code span of the sentence shows (*the second score, `score2 = 96`*; *the first raise, `first_raise = 5`*; *power of five, `power_of_five = 5`*) | the name: an ordinal names its number (`score2`, `second_raise`), a number word itself (`power_of_five`) |
| a position noun and a number: *index 4*, *position 0*, *bucket 5*, *vertex 2*, *node 0*, *entry 3* (not *the sum 7* or *digit 4*: values) | the step changes item 4 of a container (a list, tuple or dictionary of its frame), or a subscript of its code evaluates to 4 before it runs |
| *the first / second / third / last / final* *tail*, *vertex*, *node*, *bucket*, *position*, *token*, ... (*the first item*, *element*, *entry*, *character* are the loop's iterations: form `ordinal`) | as above, for index 0, 1, 2 or the last index of that container |
| *the last digit*, *the final digit* | the step's code takes `... % 10`, or drops it: `... // 10` |
| a number after *by*, *adds*, *subtracts*, *plus*, *minus* (*multiplies by 5*, *dividing by 100*, *subtracts 2*) | a number written in the step's code |
| a number word as an operand (*adds one*, *subtracts one*, *by five*) | a number written in the step's code |
| a number word that counts a noun (*the two counts*, *three tails*, *a single element*) | the number of names the step reads, or binds (two or more: nearly every line reads one), or the length of a container a value the sentence states (`` `tails = [5, 6, 7]` ``, `` `q` stays `[1]` ``) |
| a description right after a code span, in free wording: *`` `root_product = 90` ``, the product of the roots*; *..., which is (also) the product of the roots*; *... (the product of the roots)*; *... - the product*; *, i.e. the ...*; further ones chained with a comma (*..., the product, which is ...*); and a sentence that only describes the last code span of the sentence before it (*This is the product of the roots.*, *It represents ...*) | every word of three letters or more of the description (other than *the*, *of*, *and* ...; a plural *s* dropped) is a word of the name the span shows (of `` `x = v` ``, `x`; of an expression, its names): *`` `root_sum = 19` ``, the sum of the roots* holds; *, the product of the roots* or *, the coefficient of x* is unverifiable, and so is any description of a bare value (*`` `24` ``, the value it removed*) |
| *differ*, *differs* | the sentence states a checked comparison that says so: `` `a != b = True` ``, `` `a == b` is False ``, or two value spans with different values right before the word (`` `s[0] = 'b'` and `s[1] = 'a'` differ ``) |

Anywhere else these words stay fact words outside any claim, and their sentence is unverifiable: outside a
line paragraph, a number that would state a value (*`x` is 7*, *sets it to two*: only a code span states a
value), counts of runs (*two times*, *three iterations*: the loop forms check those), and the quantifiers
*each*, *every*, *all*, *both*, *only* outside their forms: *both (neither, all) conditions (parts) hold / are
true* (the operands of the line's `and`/`or`, two for *both* and *neither*), *every (each, all the) item (value,
element, ...) of `` `xs` `` is positive (even, odd, nonzero, zero, non-negative, empty, non-empty, truthy, falsy,
greater than / at least / ... `` `v` ``)* (each item, at every moment of the step `xs` can be read at; an empty
`xs` has none), and *only `` `b` `` (and `` `c` ``) changes* (exactly the variables of the frame that have another
value after the step).
"""


def read(text: str, sentence: Sentence, spans: list[str]) -> None:
    """Turn the descriptive words among a sentence's stray tokens into claims (or, for a word a shown name
    spells, drop it): each claim takes its key word out of `sentence.stray`."""
    if not sentence.stray:
        return
    free = _masked(text)
    counted = {m.group(1).lower() for m in RUN_COUNT.finditer(free)}
    placed = counted | {m.group(1).lower() for m in ORDINAL_ITEM.finditer(free)}  # `the second vertex`: an item
    sentence.stray = [w for w in sentence.stray if w.lower() in placed or not _spelled_by_name(w, spans)]
    for match in ITEM_NUMBER.finditer(free):
        _take(sentence, match.group(1), Claim("descriptor", {"how": "item", "index": int(match.group(1))}, "",
                                               match.group(0), "descriptor"))
    for match in ORDINAL_ITEM.finditer(free):
        word, noun = match.group(1).lower(), match.group(2).lower()
        how = "digit" if noun == "digit" else "item"
        if how == "digit" and word not in ("last", "final"):
            continue
        _take(sentence, match.group(1), Claim("descriptor", {"how": how, "index": POSITIONS[word], "ordinal": word},
                                              "", match.group(0), "descriptor"))
    for match in DIFFER.finditer(free):
        around = {"before": text[:match.start()], "after": text[match.end():], "sentence": text}
        _take(sentence, match.group(1), Claim("descriptor", {"how": "differ"} | around, "", match.group(0),
                                              "descriptor"))
    for match in BY_NUMERAL.finditer(free):
        _take(sentence, match.group(1), Claim("descriptor", {"how": "literal", "number": int(match.group(1))}, "",
                                              match.group(0), "descriptor"))
    for match in COUNT_WORD.finditer(free):
        word = match.group("operand") or match.group("count")
        if word.lower() in counted or match.group("noun") and match.group("noun").lower() in NOT_NOUNS:
            continue
        how = "literal" if match.group("operand") else "count"  # an operand is written in the code; a count counts
        _take(sentence, word, Claim("descriptor", {"how": how, "number": NUMBER_WORDS[word.lower()]}, "",
                                    match.group(0), "descriptor"))


def _take(sentence: Sentence, word: str, claim: Claim) -> None:
    """Add `claim` if `word` is still a stray token (a word a form accounts for makes no second claim)."""
    token = next((t for t in sentence.stray if t.rstrip(".") == word), None)  # a number may end the sentence: `2.`
    if token is not None:
        sentence.stray.remove(token)
        sentence.claims.append(claim)


def _masked(text: str) -> str:
    """The sentence with code spans and quotations masked (same length), so only free wording matches."""
    for pattern in (SPAN_RE, QUOTE):  # `~`, not spaces: a phrase never reaches across a span (`adds `x = 1` one`)
        text = pattern.sub(lambda m: "~" * len(m.group(0)), text)
    return text


def _spelled_by_name(word: str, spans: list[str]) -> bool:
    """Whether a count or ordinal word is part of a name a code span shows: `second` of `score2` or
    `second_raise`, `five` of `power_of_five`."""
    lower = word.lower()
    if lower not in ORDINAL_WORDS and lower not in NUMBER_WORDS:
        return False
    for span in spans:
        for name in IDENTIFIER.findall(STRING.sub("", span)):
            parts = [p for piece in name.lower().split("_") for p in re.findall(r"[a-z]+|\d+", piece)]
            if lower in parts or lower in ORDINAL_WORDS and str(ORDINAL_WORDS[lower]) in parts:
                return True
    return False



def appositions(text: str, sentence: Sentence, free: list[tuple[int, int]]) -> None:
    """A claim for each description right after a code span that lies in free wording (`free`: the
    stretches of `text` no form reads): it says what the span's value is, in words of its name."""
    describing = DESCRIBING.match(text.strip())
    if describing and not SPAN_RE.search(text):  # (its span: the last one of the sentence before, claims.parse)
        sentence.claims.append(Claim("apposition", {"span": "", "words": describing.group("words")}, "",
                                     text, "apposition"))
    for span in SPAN_RE.finditer(text):
        match, content = APPOSITION.match(text, span.end()), unspan(span.group(0))
        while match and any(a <= match.start("det") < b for a, b in free):
            words = match.group("words")
            sentence.claims.append(Claim("apposition", {"span": content, "words": words}, "",
                                         f"{span.group(0)}, {match.group('det')} {words}", "apposition"))
            match = FURTHER.match(text, match.end())
