"""Reading a Chain-of-Execution text, whoever wrote it: paragraphs, sentences, the claims of each
sentence (forms of grammar.py) and every token a sentence carries outside a claim."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tracepile.verify.grammar import CONNECTIVES, FINAL, FORMS, PUNCTUATION, SPAN, compiled

ALTERNATION, BY_PREFIX = compiled()
SPAN_RE = re.compile(SPAN)
TOKEN = re.compile(rf"{SPAN}|[A-Za-z_][A-Za-z_']*|\d[\d.]*|\S")
SENTENCE_END = re.compile(r"\.(?=\s|$)")
_LIST_KINDS = {"L", "NL"}
_SLOT_KINDS = {name: kind for form in FORMS for kind, name in re.findall(r"<(NL|FENCE|S|V|L|N):(\w+)>",
                                                                            form.pattern)}


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
    return regions


def parse(text: str) -> list[Sentence]:
    """Every sentence of `text` with its claims; the final answer paragraph is one sentence."""
    out = []
    for number, paragraph in enumerate(p.strip() for p in paragraphs(text) if p.strip()):
        final = FINAL.match(paragraph)
        if final:
            out.append(Sentence(number, paragraph, final=final.group(1)))
            continue
        out += [read_sentence(number, s) for s in sentences(paragraph)]
    return out


def read_sentence(paragraph: int, text: str) -> Sentence:
    sentence = Sentence(paragraph, text)
    rest, last = [], 0
    for match in ALTERNATION.finditer(text):
        prefix = match.lastgroup
        form = BY_PREFIX[prefix]
        sentence.claims += _claims(form, match, prefix)
        rest.append(text[last:match.start()])
        last = match.end()
    rest.append(text[last:])
    sentence.stray = [t for t in TOKEN.findall(" ".join(rest)) if not _connective(t)]
    return sentence


def _connective(token: str) -> bool:
    return token.lower() in CONNECTIVES or token in PUNCTUATION


def _claims(form, match: re.Match, prefix: str) -> list[Claim]:
    """The claims one form match makes: its own, plus one value claim per `x = v` of its lists."""
    args, values = dict(form.fixed), []
    for key, value in match.groupdict().items():
        if value is None or not key.startswith(prefix) or key == prefix or key.endswith("_f"):
            continue
        name = key[len(prefix):]
        kind = _SLOT_KINDS.get(name)
        if kind == "L":
            values += [(name, item) for item in spans(value)]
        elif kind == "NL":
            args[name] = tuple(spans(value))
        elif kind in ("S", "V"):
            args[name] = unspan(value)
        elif kind == "N":
            args[name] = int(value)
        else:
            args[name] = value
    text = match.group(0)
    claims = [Claim(form.kind, args, form.moment, text, form.name)]
    for slot, item in values:
        expr, _, stated = item.partition(" = ")
        claims.append(Claim("value", {"expr": expr.strip(), "value": stated.strip()}, slot, f"`{item}`",
                            form.name))
    return claims


def spans(text: str) -> list[str]:
    return [unspan(m.group(0)) for m in SPAN_RE.finditer(text)]


def unspan(span: str) -> str:
    if span.startswith("`` ") and span.endswith(" ``"):
        return span[3:-3]
    return span[1:-1]
