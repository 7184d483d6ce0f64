"""Canonical forms for quality checks: code without comments, docstrings or layout, its tokens, plain
words of prose, and the code and prose of a sample recovered from its prompt."""

from __future__ import annotations

import ast
import re
import warnings

from tracepile.model import Sample

# One lexer for all code, parsable or not, so both sides of a comparison tokenise alike.
_TOKEN = re.compile(
    r"""(?P<str>(?:[rRbBuUfF]{1,2})?(?:'''[\s\S]*?'''|\"\"\"[\s\S]*?\"\"\"|'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"))
      |(?P<comment>\#[^\n]*)
      |(?P<num>(?:\d|\.\d)[\w.]*)
      |(?P<name>\w+)
      |(?P<op>\*\*=?|//=?|>>=?|<<=?|->|:=|[-+*/%&|^@<>=!]=|\S)""",
    re.VERBOSE,
)
_WORD = re.compile(r"[a-z0-9]+")
_FENCE_OPEN = re.compile(r"^(`{3,})python[ \t]*$", re.MULTILINE)
_NUMBERED = re.compile(r"^\s*\d+(?:  |$)")


def parse(code: str) -> ast.Module:
    """`ast.parse` without the SyntaxWarnings that eval-set code (invalid escapes) would print."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return ast.parse(code)


def strip_docstrings(tree: ast.AST) -> ast.AST:
    """Remove the docstring of the module and of every class and function (in place)."""
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
                    and isinstance(body[0].value.value, str):
                node.body = body[1:] or [ast.Pass()]
    return tree


def normalize_code(code: str) -> str:
    """The code as `ast.unparse` writes it, without comments and docstrings; code that does not parse
    is returned as it is (the lexer still drops its comments and layout)."""
    try:
        return ast.unparse(strip_docstrings(parse(code)))
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return code


def code_tokens(code: str, *, normalize: bool = True, abstract_literals: bool = False) -> list[str]:
    """Lexical tokens of (normalised) code, comments dropped; literals become STR / NUM if asked."""
    text = normalize_code(code) if normalize else code
    tokens = []
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        if kind == "comment":
            continue
        if abstract_literals and kind in ("str", "num"):
            tokens.append("STR" if kind == "str" else "NUM")
        else:
            tokens.append(match.group())
    return tokens


def canonical_code(code: str) -> str:
    """One string per program up to comments, docstrings, layout and quoting."""
    return " ".join(code_tokens(code))


def canonical_input(kind: str, text: str) -> str:
    """A call expression as `ast.unparse` writes it; a stdin text with trailing blanks removed."""
    if kind == "call":
        try:
            return ast.unparse(ast.parse(text.strip(), mode="eval"))
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            return " ".join(text.split())
    return "\n".join(line.rstrip() for line in text.strip("\n").splitlines())


def words(text: str) -> list[str]:
    """Lower-case alphanumeric words; punctuation, markup and layout are ignored."""
    return _WORD.findall(text.lower())


def code_prose(code: str) -> str:
    """The docstrings and comments of the code (where eval sets keep their problem statements)."""
    parts = [m.group()[1:].strip() for m in _TOKEN.finditer(code) if m.lastgroup == "comment"]
    try:
        tree = parse(code)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return "\n".join(parts)
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            doc = ast.get_docstring(node, clean=True)
            if doc:
                parts.append(doc)
    return "\n".join(parts)


def split_prompt(prompt: str) -> tuple[str, str]:
    """(code, prose) of a sample prompt: the numbered program block without its line numbers, and
    everything outside that block (problem statement, question, stdin)."""
    opening = _FENCE_OPEN.search(prompt)
    if opening is None:
        return "", prompt
    ticks = opening.group(1)
    body_start = opening.end() + 1
    closing = re.compile(rf"^{ticks}[ \t]*$", re.MULTILINE).search(prompt, body_start)
    body_end = closing.start() if closing else len(prompt)
    lines = prompt[body_start:body_end].rstrip("\n").split("\n")
    code = "\n".join(_NUMBERED.sub("", line, count=1) for line in lines) + "\n"
    prose = prompt[:opening.start()] + prompt[(closing.end() if closing else len(prompt)):]
    return code, prose


def sample_code(sample: Sample) -> str:
    """The program source shown in the sample's prompt."""
    return split_prompt(sample.prompt)[0]


def sample_prose(sample: Sample) -> str:
    """The sample's natural-language question text plus the docstrings and comments of its code."""
    code, prose = split_prompt(sample.prompt)
    extra = code_prose(code)
    return f"{prose}\n{extra}" if extra else prose
