"""The author's own words around a program: its comments by line, the words of its names, and the
question its problem text asks. The narrator quotes them and the verifier checks each quote here."""

from __future__ import annotations

import ast
import io
import re
import tokenize
from dataclasses import dataclass
from functools import lru_cache

QUOTE_BANNED = re.compile(r'["`]|\.\s|^\W*$|^(?:type:|noqa|pragma|fmt:|pylint|TODO|FIXME|-\*-)', re.I)
IMPORT = re.compile(r"(?:import|from)\s+[\w.]+")
NAME_PART = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")
# a sentence ends at . ? or ! unless a digit, another stop, or a lower-case word follows (`$2.50`, `1 * ... * 12`)
SENTENCE = re.compile(r"(?:[^.?!]|[.?!](?=[\d.]|\s+[a-z0-9*(]))+(?:[.?!]+|$)")
CLAUSE_END = re.compile(r"[;?!]|[,:.](?!\d)|\s(?:and|but|while|so)\s")  # not "3:2:7", "1,200", "2.5"


@dataclass(frozen=True)
class Comment:
    """A `#` comment: its line, its text (without `#`), and whether it stands alone on its line."""

    line: int
    text: str
    alone: bool


@lru_cache(maxsize=256)
def comments(code: str) -> dict[int, Comment]:
    """Every comment of `code` by line (tokenize: a `#` inside a string is no comment)."""
    found: dict[int, Comment] = {}
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(code).readline))
    except (tokenize.TokenError, SyntaxError, IndentationError):
        return found
    code_lines = {t.start[0] for t in tokens if t.type not in _NON_CODE}
    for token in tokens:
        if token.type == tokenize.COMMENT:
            line = token.start[0]
            found[line] = Comment(line, token.string.lstrip("#").strip(), line not in code_lines)
    return found


_NON_CODE = {tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT,
             tokenize.ENDMARKER, tokenize.ENCODING}


def comments_about(code: str, line: int, last: int | None = None) -> list[Comment]:
    """The comments that speak about the statement on lines `line`..`last`: the block of comment-only
    lines directly above it, then those on its own lines."""
    found = comments(code)
    above, number = [], line - 1
    while number in found and found[number].alone:
        above.append(found[number])
        number -= 1
    own = [found[n] for n in range(line, (last or line) + 1) if n in found and not found[n].alone]
    return above[::-1] + own


def comments_before_def(code: str, line: int) -> list[Comment]:
    """The block of comment-only lines above a `def` at `line`, blank lines and imports between them and
    it allowed: what the author says the function does."""
    lines = code.splitlines()
    number = line - 1
    while 0 < number <= len(lines) and (not lines[number - 1].strip() or IMPORT.match(lines[number - 1])):
        number -= 1
    return comments_about(code, number + 1) if number < line - 1 else comments_about(code, line)


def quotable(text: str) -> bool:
    """A comment worth quoting in prose: two or more words, one sentence, no quote marks or backticks,
    not a tool directive."""
    return len(re.findall(r"[A-Za-z]{2,}", text)) >= 2 and not QUOTE_BANNED.search(text) and len(text) <= 220


def without_full_stop(text: str) -> str:
    """A comment as quoted inside a sentence: one closing full stop dropped (an ellipsis kept)."""
    return text[:-1] if text.endswith(".") and not text.endswith("..") else text


def name_words(name: str) -> tuple[str, ...]:
    """The lower-cased words of an identifier (`eggs_per_day`, `totalCost`), digits left out."""
    return tuple(part.lower() for piece in name.split("_") for part in NAME_PART.findall(piece))


def stems(text: str) -> set[str]:
    """The words of `text` of three letters or more, lower-cased, a plural `s` dropped."""
    return {w.rstrip("s") for w in re.findall(r"[a-z]{3,}", text.lower())}


def shares_word(name: str, text: str) -> bool:
    """Whether `text` uses one of the words of the identifier `name` (`eggs_left` and "eggs")."""
    return bool(stems(" ".join(name_words(name))) & stems(text))


def squeeze(text: str) -> str:
    """Text with runs of whitespace made one space, lower-cased (how quotes are compared)."""
    return " ".join(text.split()).lower()


def sentences(problem: str) -> list[str]:
    """The sentences of a problem text, stripped (a full stop between digits does not end one)."""
    return [s.strip() for s in SENTENCE.findall(" ".join(problem.split())) if s.strip()]


def last_question(problem: str) -> str:
    """The problem's last sentence ending in `?`, or "" when it asks none (or none that can be quoted:
    one holding a quote mark or a backtick)."""
    questions = [s for s in sentences(problem) if s.endswith("?")]
    return questions[-1] if questions and not re.search(r'["`]', questions[-1]) else ""


def quoted_from(problem: str, quote: str) -> bool:
    """Whether `quote` is a verbatim piece of the problem text (case and spacing aside)."""
    return bool(quote.strip()) and squeeze(quote) in squeeze(problem)


def mentions_number(text: str, value: str) -> bool:
    """Whether `value` (a number as Python writes it) occurs in `text` as a whole number token."""
    return re.search(rf"(?<![\d.]){re.escape(value)}(?![\d]|\.\d)", text) is not None


def clauses(problem: str) -> list[str]:
    """The clauses of a problem text (pieces between commas, full stops, `and`, ...), space-normalised."""
    out = []
    for sentence in sentences(" ".join(problem.split())):
        start = 0
        for match in CLAUSE_END.finditer(sentence):
            out.append(sentence[start:match.start()].strip())
            start = match.end()
        out.append(sentence[start:].strip())
    return [c for c in out if c]


def stating_clause(problem: str, name: str, value: str) -> str | None:
    """The clause of the problem that states `value` for `name`: the only clause mentioning the number, or
    of several, the one sharing most words with the name (`price_b` and "Store B sells ..."); None when
    none does or the choice is ambiguous."""
    found = [c for c in clauses(problem) if mentions_number(c, value)]
    if len(found) > 1:
        wanted = {w.rstrip("s") for w in name_words(name)}
        scores = [len(wanted & {w.rstrip("s") for w in re.findall(r"[a-z]+", c.lower())}) for c in found]
        best = max(scores)
        found = [c for c, score in zip(found, scores) if score == best] if best else []
    return found[0] if len(found) == 1 else None


def quotes_clause(quote: str, clause: str) -> bool:
    """Whether `quote` lies within `clause` or holds the whole of it (case and spacing aside)."""
    return squeeze(quote) in squeeze(clause) or squeeze(clause) in squeeze(quote)


@lru_cache(maxsize=256)
def givens(code: str) -> tuple[tuple[str, str], ...]:
    """The program's given numbers: each name bound once, to a number literal (`rate_a = 12`), with the
    number as Python writes it."""
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return ()
    found: dict[str, list[str]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            try:
                value = ast.literal_eval(node.value)
            except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
                value = None
            number = isinstance(value, (int, float)) and not isinstance(value, bool)
            found.setdefault(node.targets[0].id, []).append(repr(value) if number else "")
    return tuple((name, values[0]) for name, values in found.items() if len(values) == 1 and values[0])


def states_other(problem: str, code: str, quote: str, name: str) -> str:
    """The given quantity (other than `name`, and not one `name` is named after: `pack_b` for
    `packs_from_b`) whose stating clause `quote` quotes, or "" (also when the quote asks for `name`)."""
    own = {w.rstrip("s") for w in name_words(name)}
    asked = re.search(r"\bhow (?:many|much) (\w+(?: \w+)?)", quote.lower())
    if asked and stems(asked.group(1)) & own:
        return ""  # the question asks for it: "how many hours will they take to make 120 widgets"
    for other, value in givens(code):
        if other == name or {w.rstrip("s") for w in name_words(other)} <= own:
            continue
        clause = stating_clause(problem, other, value)
        if clause and quotes_clause(quote, clause):
            return other
    return ""
