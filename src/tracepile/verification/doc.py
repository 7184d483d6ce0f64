"""docs/claims.md, generated from the grammar in grammar.py so the published contract and the code
cannot drift apart (a test compares them). Regenerate: `python -m tracepile.verification.doc > docs/claims.md`."""

from __future__ import annotations

from tracepile.verification.grammar import (CONNECTIVES, EXAMPLE_CALL, EXAMPLE_CODE, EXAMPLE_TEXT, FORMS, GRAMMAR_VERSION,
                                      MOMENTS, PUNCTUATION, REJECTED_EXAMPLES)

INTRO = """\
A Chain-of-Execution text passes the verifier only if **every sentence** is fully accounted for by
the claim forms below plus connective words from a closed vocabulary, and every claim holds in the
recorded run at the moment it speaks of. Any other token — a number, a name, a code span, a truth or
comparison word, a negation — makes its sentence *unverifiable*, and one unverifiable or false
sentence rejects the whole text. The verifier reports `grammar_version` and, for each sentence, its
verdict (`verified`, `false`, `unverifiable`), the reason, and the expected and stated values.

How a text is read:

- Paragraphs are separated by blank lines; a paragraph narrates one step of the run. Sentences end
  with a full stop followed by a space or a line break (full stops inside code spans do not count).
- A paragraph that narrates a line starts with `Line N`; one that comes back to a line after a call
  starts with `Back at line N,`. Claims about the line (values, conditions, where execution goes)
  follow in the same paragraph.
- Facts are Markdown code spans: `` `x = 3` `` states a value, `` `a < b` is True `` a condition.
  Values are Python literals and compare exactly: `8.0` is not `8`, `True` is not `1`. A value the
  run recorded only in part is written with the marker `…(+N)` exactly as recorded.
- A reason is the line's own: the operands a sentence lists (`reads`, `computes with`, `uses`, `with`),
  the sub-expressions it shows (`step by step, ...`), the names a loop iteration begins with and a
  restated condition are parts of that line's code, and the sides of a `because` are the sides of a
  comparison the line makes, related as that comparison or its negation (for `len(cart) > 5` coming
  out False, `` `len(cart) = 0` is at most `5` `` holds; `` at most `4` ``, though true, is rejected).
- Strict mode (the default) requires the whole run: every recorded step (line, call, return, yield,
  exception, output) narrated in order or inside a summary of loop iterations, the new value of every
  variable a narrated line changes, the outcome of every branch, and the final answer. A summary may
  say that iterations *take the same path* only if they run the same lines, branches and calls.
- The last paragraph is `Final answer: ...` (`Final answer (standard output):` and a fenced block for
  scripts).
"""


def render() -> str:
    parts = [f"# The TracePile claim grammar, version {GRAMMAR_VERSION}\n", INTRO, _example(), _moments(),
             _forms(), _vocabulary(), _rejected()]
    return "\n".join(parts)


def _example() -> str:
    numbered = "\n".join(f"{i}  {line}" for i, line in enumerate(EXAMPLE_CODE.splitlines(), 1))
    return (f"## An accepted text\n\nThe program below, called as `{EXAMPLE_CALL}`:\n\n```python\n{numbered}\n```\n\n"
            f"A text the verifier accepts for that run (every sentence verified):\n\n```text\n{EXAMPLE_TEXT}\n```\n")


def _moments() -> str:
    rows = [f"| `{name or '-'}` | {text} |" for name, text in MOMENTS.items()]
    return "## Moments\n\nEach claim speaks of exactly one moment of the step, and is checked there.\n\n" \
           "| moment | the state it names |\n|---|---|\n" + "\n".join(rows) + "\n"


def _forms() -> str:
    rows = []
    for form in FORMS:
        moment = form.moment or "-"
        lists = sorted({slot for slot in ("before", "after", "entry", "stretch") if f"<L:{slot}>" in form.pattern})
        if lists:
            moment = ", ".join(dict.fromkeys([m for m in [form.moment] + lists if m]))
        shape = form.shape().replace("|", "\\|").replace("\n", " ")
        example = form.example.replace("\n", " ").replace("|", "\\|")
        rows.append(f"| `{form.name}` | {form.context} | <code>{_html(shape)}</code> | `{form.kind}` | {moment} "
                    f"| <code>{_html(example)}</code> |")
    return ("## Claim forms\n\nPatterns are regular expressions over a sentence; `` `expr` `` is a code span, "
            "`` `x = v` `` a value claim, a list is joined by `, ` and ` and `, N is a number.\n\n"
            "| form | paragraph | pattern | check | moment | accepted example |\n|---|---|---|---|---|---|\n"
            + "\n".join(rows) + "\n")


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _vocabulary() -> str:
    words = ", ".join(f"`{w}`" for w in sorted(CONNECTIVES))
    marks = " ".join(f"`{p}`" for p in sorted(PUNCTUATION))
    return (f"## Connective vocabulary\n\nOutside claims a sentence may contain only these words (any case): "
            f"{words}; and these marks: {marks}.\n")


def _rejected() -> str:
    rows = [f"| {sentence.replace('|', chr(92) + '|')} | {why} |" for sentence, why in REJECTED_EXAMPLES]
    return "## Rejected sentences\n\n| sentence | why |\n|---|---|\n" + "\n".join(rows) + "\n"


if __name__ == "__main__":
    print(render(), end="")
