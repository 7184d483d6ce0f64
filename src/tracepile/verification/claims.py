"""Reading a Chain-of-Execution text, whoever wrote it: paragraphs, sentences, the claims of each
sentence (forms of grammar.py, and the code spans and repetition words outside them) and its stray fact words."""

from __future__ import annotations

import ast
import builtins
import keyword
import re
from bisect import bisect_left
from dataclasses import dataclass, field

from tracepile.verification.grammar import (FACT_WORD_SET, FINAL, KEYWORD_SPANS, MOVED_BACK, RELATION_WORDS,
                                           REPEAT_PHRASES, SLOT, SPAN, SPAN_MARK, VALUE_MARK)
from tracepile.verification.matcher import BY_PREFIX, find_forms

SPAN_RE = re.compile(SPAN)
WORD = re.compile(r"[A-Za-z_][A-Za-z_']*|\d[\d.]*|[=<>+*/%^|&~\[\]{}#$@\\]")  # words, numbers, code symbols
REPEAT = re.compile(r",? ?(?<![\w`])(" + "|".join(REPEAT_PHRASES) + r")(?![\w`]),?", re.I)
NOT_NAMES = frozenset(w.lower() for w in keyword.kwlist + dir(builtins))  # keywords and builtins name nothing
SEQUENCE = re.compile(r",|\s*`")  # `first, ...` or `first `a = 1`, then ...`: an order of steps, no ordinal
QUOTE = re.compile(r'"([^"`\n]+)"')  # a quotation in free wording: of the problem, a comment or the output
REPEAT_WORDS = ("again", "once more", "one more time", "this time", "as before", "first time")
# The word before a value span that says which moment it speaks of (skipping `and` and commas of a list).
CUES = {"now": "after", "afterwards": "after", "afterward": "after", "after": "after", "leaving": "after",
        "making": "after", "with": "before", "before": "before", "was": "before", "previously": "before",
        "initially": "before", "from": "before"}
SENTENCE_END = re.compile(r"(?<!\bi\.e)(?<!\be\.g)\.(?=\s|$)")  # `i.e.` and `e.g.` end no sentence
ABBREVIATED = {"previous": ("prev",)}  # fact words a part of a shown name abbreviates (`prev_row`)
SAME_AS = re.compile(r"\bthe same (?:value )?$", re.I)
# `checks the condition `c` again`: the phrase qualifies the check (it is repeated), not its outcome
RECHECK = re.compile(r"\bchecks (?:the (?:loop |`elif` )?condition )?`[^`]+`$")
# per form prefix: its slots as (regex group, slot name, slot kind), read only when the form matched
SLOTS = {prefix: tuple((prefix + name, name, kind) for kind, name in re.findall(SLOT, form.pattern))
         + tuple((prefix + name, name, "") for name in re.findall(r"\(\?P<\{p\}(\w+)>", form.pattern))
         for prefix, form in BY_PREFIX.items()}


@dataclass(frozen=True)
class Claim:
    """One checkable statement: its kind (the check), arguments, moment, and its words."""

    kind: str
    args: dict
    moment: str
    text: str
    form: str


@dataclass
class Sentence:
    """A sentence, its claims in reading order, and the tokens no claim accounts for."""

    paragraph: int
    text: str
    claims: list[Claim] = field(default_factory=list)
    stray: list[str] = field(default_factory=list)
    final: str | None = None  # the answer text, for the `Final answer:` paragraph


def paragraphs(text: str) -> list[str]:
    """Split on blank lines, keeping fenced blocks (the final stdout) inside their paragraph."""
    out, current, fenced = [], [], False
    for line in text.splitlines():
        if line.startswith("```"):
            fenced = not fenced
        if not line.strip() and not fenced:
            if current:
                out.append("\n".join(current))
                current = []
            continue
        current.append(line)
    if current:
        out.append("\n".join(current))
    return out


def sentences(paragraph: str) -> list[str]:
    """Split at a full stop followed by space, outside code spans and fenced blocks."""
    protected = _protected(paragraph)
    out, start = [], 0
    for match in SENTENCE_END.finditer(paragraph):
        if not any(a <= match.start() < b for a, b in protected):
            out.append(paragraph[start:match.end()].strip())
            start = match.end()
    if paragraph[start:].strip():
        out.append(paragraph[start:].strip())
    return out


def _protected(paragraph: str) -> list[tuple[int, int]]:
    regions = [(m.start(), m.end()) for m in re.finditer(r"^(`{3,})[^\n]*\n[\s\S]*?^\1\s*$", paragraph, re.M)]
    regions += [(m.start(), m.end()) for m in SPAN_RE.finditer(paragraph)]
    if '"' in paragraph:
        regions += [(m.start(), m.end()) for m in QUOTE.finditer(paragraph)
                    if not any(a <= m.start() < b for a, b in regions)]
    return regions


def parse(text: str, names: frozenset[str] = frozenset()) -> list[Sentence]:
    """Every sentence of `text` with its claims; the final answer paragraph is one sentence. `names`:
    the program's and the problem's names, which are fact words outside a claim (lower case)."""
    out = []
    for number, paragraph in enumerate(p.strip() for p in paragraphs(text) if p.strip()):
        final = FINAL.match(paragraph)
        if final:
            out.append(Sentence(number, paragraph, final=final.group(1)))
            continue
        read = [read_sentence(number, s, names) for s in sentences(paragraph)]
        for previous, sentence in zip(read, read[1:]):  # `This is the ...`: a description of the last span before it
            for claim in sentence.claims:
                if claim.kind == "apposition" and not claim.args["span"]:
                    spans = SPAN_RE.findall(previous.text)
                    claim.args["span"] = unspan(spans[-1]) if spans else ""
        out += read
    return out


def read_sentence(paragraph: int, text: str, names: frozenset[str] = frozenset()) -> Sentence:
    """The claims of one sentence in reading order: its forms, then per stretch of free wording the
    repetition phrases and code spans it holds; the fact words left over are its stray tokens."""
    sentence = Sentence(paragraph, text)
    text, repeats = _repeats(text)
    bones = Skeleton(text)
    last, free = 0, []  # free: the stretches of free wording, as (start, end) in `text`
    for match in _forms_of(bones.bones):
        prefix = match.lastgroup
        free.append((bones.original(last), bones.original(match.start())))
        _free(text[free[-1][0]:free[-1][1]], sentence, names)
        made = _claims(BY_PREFIX[prefix], match, prefix, bones)
        sentence.claims += made
        if "free" in made[0].args:  # the free words a form lets in are read like any free wording
            _stray(made[0].args["free"] or "", sentence, names)
        last = match.end()
    free.append((bones.original(last), len(text)))
    _free(text[free[-1][0]:], sentence, names)
    from tracepile.verification import descriptors  # (descriptors.py imports this module)
    descriptors.appositions(text, sentence, free)
    if sentence.stray:  # a word that is the name a code span of the sentence shows (`odd` values, `odd = 4`), or
        # that a part of such a name abbreviates (`the previous row`, `prev = [1]`)
        shown = {w.lower() for span in bones.spans for w in re.findall(r"[A-Za-z_]\w*", span)} - NOT_NAMES
        parts = {part for name in shown for part in name.split("_")}
        sentence.stray = [w for w in sentence.stray if w.lower() not in shown
                          and not parts & set(ABBREVIATED.get(w.lower(), ()))]
    if sentence.stray:  # descriptive numbers, ordinals and `differ`
        descriptors.read(text, sentence, bones.spans)
    if sentence.stray:  # properties, extremes and `yields` a code span of the sentence corroborates
        from tracepile.verification import corroboration
        corroboration.read(text, sentence)
    sentence.claims += repeats
    for claim in sentence.claims:  # claims about the sentence as a whole see all its code spans
        if claim.kind in ("same_source", "repeat", "quote"):
            claim.args["spans"] = tuple(bones.spans)
        if claim.kind == "same_source":
            claim.args["quotes"] = tuple(QUOTE.findall(text))
    return sentence


def _forms_of(bones: str) -> list[re.Match]:
    """The form matches of a skeleton; a sentence that opens with a capital the grammar writes in lower
    case (`Execution continues at line 7`) is read as it would be in mid-sentence."""
    matches = list(find_forms(bones))
    if (not matches or matches[0].start() != 0) and bones[:1].isupper():
        lowered = list(find_forms(bones[0].lower() + bones[1:]))
        if lowered and lowered[0].start() == 0:
            return lowered
    return matches


def _repeats(text: str) -> tuple[str, list[Claim]]:
    """The sentence without its repetition phrases (outside code spans), and one claim per phrase."""
    lower = text.lower()
    if not any(word in lower for word in REPEAT_WORDS):
        return text, []
    spans = [(m.start(), m.end()) for m in SPAN_RE.finditer(text)]  # code spans and quotations keep their words
    spans += [(m.start(), m.end()) for m in QUOTE.finditer(text)]
    claims, kept, last = [], [], 0
    for match in REPEAT.finditer(text):
        if any(a <= match.start(1) < b for a, b in spans) or SAME_AS.search(text, 0, match.start(1)):
            continue  # `the same value as before` is a persistence claim (grammar's `same_as_before`)
        how = match.group(1).lower().replace("one more time", "once more")
        shown = tuple(unspan(m.group(0)) for m in SPAN_RE.finditer(text))
        checked = how in ("again", "once again", "once more") and RECHECK.search(text, 0, match.start()) is not None
        claims.append(Claim("repeat", {"how": how, "spans": shown, "check": checked}, "", how, "repeat"))
        head, tail = text[last:match.start()].rstrip(" "), text[match.end():]
        kept.append(head + ("" if not head or not tail or tail[:1] in ",;.:" else " "))
        last = match.end() + len(tail) - len(tail.lstrip(" "))
    if not claims:
        return text, []
    kept.append(text[last:])
    stripped = "".join(kept).strip()
    return (stripped[:1].upper() + stripped[1:] if text[:1].isupper() else stripped), claims


def _free(words: str, sentence: Sentence, names: frozenset[str]) -> None:
    """Read a stretch of free wording: repetition phrases and code spans become claims; fact words
    (grammar.FACT_WORDS, numbers, code symbols, the program's names) are kept as stray."""
    if not words.strip():
        return
    if '"' in words:
        words = _quotes(words, sentence)
    last = 0
    for match in SPAN_RE.finditer(words):
        _stray(words[last:match.start()] + " `", sentence, names)
        content = unspan(match.group(0))
        last = match.end()
        if content in KEYWORD_SPANS:
            continue
        if " = " in content:
            expr, _, stated = content.partition(" = ")
            moment = _cue(words[:match.start()])
            sentence.claims.append(Claim("value", {"expr": expr.strip(), "value": stated.strip()}, moment,
                                         match.group(0), "free_value"))
        else:
            sentence.claims.append(Claim("mention", {"expr": content}, "", match.group(0), "mention"))
    _stray(words[last:], sentence, names)


def _quotes(words: str, sentence: Sentence) -> str:
    """Quotations outside code spans become quote claims; the words without them."""
    spans = [(m.start(), m.end()) for m in SPAN_RE.finditer(words)]
    kept, last = [], 0
    for match in QUOTE.finditer(words):
        if any(a <= match.start() < b for a, b in spans):
            continue
        sentence.claims.append(Claim("quote", {"text": match.group(1)}, "", match.group(0), "quote"))
        kept += [words[last:match.start()], " "]
        last = match.end()
    return "".join(kept) + words[last:]


def _stray(words: str, sentence: Sentence, names: frozenset[str]) -> None:
    sentence.stray += [m.group(0) for m in WORD.finditer(words) if _fact(m.group(0), names)
                       and not (m.group(0).lower() == "first" and SEQUENCE.match(words, m.end()))]
    # (a stretch before a code span ends in a backtick, so `first `k` items` reads as an order of steps)
    sentence.stray += [m.group(0) for m in MOVED_BACK.finditer(words)]  # `goes back to the header`: a fact


def _fact(word: str, names: frozenset[str]) -> bool:
    lower = word.lower()
    return not word[0].isalpha() and word[0] != "_" or lower in FACT_WORD_SET or lower in names \
        or lower.endswith("n't")


def _cue(before: str) -> str:
    """`auto`, or `auto:after` / `auto:before` when the word before a value span names its moment."""
    for word in reversed(re.findall(r"[A-Za-z]+", before)[-4:]):
        if word.lower() in CUES:
            return "auto:" + CUES[word.lower()]
        if word.lower() != "and":
            break
    return "auto"


class Skeleton:
    """A sentence with each code span replaced by one mark (a value span or any other span), which
    is what forms are matched on, and the way back to the sentence's own text."""

    def __init__(self, text: str):
        self.text = text
        parts, last = [], 0
        self.marks: list[int] = []  # mark positions in the skeleton
        self.spans: list[str] = []  # their contents
        self.shifts = [0]  # shifts[k]: characters the first k spans add to the text
        for match in SPAN_RE.finditer(text):
            content = unspan(match.group(0))
            if content in KEYWORD_SPANS:
                continue
            parts += [text[last:match.start()], VALUE_MARK if " = " in content else SPAN_MARK]
            self.marks.append(match.start() - self.shifts[-1])
            self.spans.append(content)
            self.shifts.append(self.shifts[-1] + match.end() - match.start() - 1)
            last = match.end()
        parts.append(text[last:])
        self.bones = "".join(parts)

    def original(self, position: int) -> int:
        """A skeleton position in the sentence's own text."""
        return position + self.shifts[bisect_left(self.marks, position)]

    def spans_in(self, start: int, end: int) -> list[str]:
        return self.spans[bisect_left(self.marks, start):bisect_left(self.marks, end)]


def _claims(form, match: re.Match, prefix: str, bones: Skeleton) -> list[Claim]:
    """The claims one form match makes: its own, plus one value claim per `x = v` of its lists."""
    args, values = dict(form.fixed), []
    for group, name, kind in SLOTS[prefix]:
        start, end = match.span(group)
        if start < 0:
            continue
        if kind == "L":
            values += [(name, item) for item in bones.spans_in(start, end)]
        elif kind == "NL":
            args[name] = tuple(bones.spans_in(start, end))
        elif kind in ("S", "V"):
            args[name] = bones.spans_in(start, end)[0]
        elif kind == "N":
            args[name] = int(match.group(group))
        elif kind == "NS":
            args[name] = tuple(int(number) for number in re.findall(r"\d+", match.group(group)))
        else:
            args[name] = bones.text[bones.original(start):bones.original(end)]
    if "relation" in args:
        args["relation"] = RELATION_WORDS.get(args["relation"], args["relation"])
    if args.get("pronoun"):
        args["name"] = antecedent(bones.spans_in(0, match.start()))
    claims = [Claim(form.kind, args, form.moment,
                    bones.text[bones.original(match.start()):bones.original(match.end())], form.name)]
    for slot, item in values:
        expr, _, stated = item.partition(" = ")
        claims.append(Claim("value", {"expr": expr.strip(), "value": stated.strip()}, slot, f"`{item}`",
                            form.name))
    return claims


def antecedent(spans: list[str]) -> str:
    """What `it` names in `... `c` was already `1`, so it stays at `1``: the nearest code span before it that
    names a variable, an item or an attribute (of `x = v`, the `x`), else ""."""
    for span in reversed(spans):
        expr = span.partition(" = ")[0].strip()
        try:
            node = ast.parse(expr, mode="eval").body
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            continue
        if isinstance(node, (ast.Name, ast.Attribute, ast.Subscript)):
            return expr
    return ""


def unspan(span: str) -> str:
    if span.startswith("`` ") and span.endswith(" ``"):
        return span[3:-3]
    return span[1:-1]
