"""The author's own words around a program: its comments by line, the words of its names, and the
question its problem text asks. The narrator quotes them and the verifier checks each quote here."""

from __future__ import annotations

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
