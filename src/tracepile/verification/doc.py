"""docs/claims.md, generated from the grammar in grammar.py so the published contract and the code
cannot drift apart (a test compares them). Regenerate: `python -m tracepile.verification.doc > docs/claims.md`."""

from __future__ import annotations

from tracepile.verification import corroboration, descriptors
from tracepile.verification.grammar import (EXAMPLE_CALL, EXAMPLE_CODE, EXAMPLE_TEXT, FACT_WORDS, FORMS, FREE_EXAMPLES,
                                           GRAMMAR_VERSION, MOMENTS, REJECTED_EXAMPLES, REPEAT_PHRASES)

INTRO = """\
Facts are closed, wording is open. A Chain-of-Execution text passes the verifier only if **every
token that can state a fact** belongs to a claim that holds in the recorded run at the moment it
speaks of: code spans, numbers, code symbols, the fact words listed below (truth and comparison,
negation, quantifiers, counts and ordinals, repetition and persistence, change, control flow) and the
names of the program and of its problem. Every other word is free wording ("afterwards", "converts",
"splitting it gives", "builds", "collects") and is not checked. A fact token outside any claim makes
its sentence *unverifiable*, and one unverifiable or false sentence rejects the whole text. The
verifier reports `grammar_version` and, for each sentence, its verdict (`verified`, `false`,
`unverifiable`), the reason, and the expected and stated values.

How a text is read:

- Paragraphs are separated by blank lines; a paragraph narrates one step of the run. Sentences end
  with a full stop followed by a space or a line break (full stops inside code spans do not count).
- A paragraph that narrates a line names it in its first sentence (`Line N`, `Now line N runs`,
  `On line N, ...`); one that comes back to a line after a call starts with `Back at line N,`. A call
  paragraph names the function (`The call enters `f` with ...`, `Now `f` is called with ...`). The
  step may be named after other clauses of the opening sentence; claims about the step follow in
  the same paragraph, in any order.
- Facts are Markdown code spans: `` `x = 3` `` states a value, `` `a < b` is True `` a condition.
  Values are Python literals and compare exactly: `8.0` is not `8`, `True` is not `1`. A value the
  run recorded only in part is written with the marker `…(+N)` exactly as recorded.
- A code span outside the forms is a claim too: `` `x = v` `` is a value claim (see *Moments without
  set phrases*); a span without ` = ` must be a name in scope, a part of the step's code or a name of
  the program, and a condition that is not part of the step must hold; a bare value (`` `3` ``) says
  nothing checkable and is rejected.
- A reason is the line's own: the operands a sentence lists (`reads`, `computes with`, `uses`, `with`),
  the sub-expressions it shows (`step by step, ...`), the names a loop iteration begins with and a
  restated condition are parts of that line's code, and the sides of a `because` are the sides of a
  comparison the line makes, related as that comparison or its negation (for `len(cart) > 5` coming
  out False, `` `len(cart) = 0` is at most `5` `` holds; `` at most `4` ``, though true, is rejected).
  For an `and`/`or` condition that Python stopped early, `` because `t > 0 = False` `` must name the
  operand it stopped at (the first false part of an `and`, the first true part of an `or`).
- Strict mode (the default) requires the whole run: every recorded step (line, call, return, yield,
  exception, output) narrated in order or inside a summary of loop iterations, the new value of every
  variable a narrated line changes, the outcome of every branch, and the final answer. A summary may
  say that iterations *take the same path* only if they run the same lines, branches and calls, and
  their one-line loops (`while a[i] - a[j] > k: j += 1`) change the same values from the same values
  (`j` from `3` to `5` is two runs of the body, from `4` to `5` one). A summary may also say why it
  leaves the stretch out: *none of these iterations changes* `count` (no line of the stretch, in the
  loop's frame, changes the name), *none of these iterations runs line 9*, *... calls* `f`.
- No foreknowledge: a loop's number of iterations (`the loop runs N iterations in all`) and its last
  iteration (`it is the last iteration of the loop`) may be said before the loop ends only once the text
  derived them from the sequence a `for` loop iterates, which the loop does not change: `` `range(0, 10)`
  holds 10 numbers, so the loop will run 10 times `` (the sequence as code, value or both). Any other
  count (a `while` loop, a loop left by `break` or `return`, a list the body changes) is said when the
  loop ends (`the loop ends after N iterations`).
- Change words name the operation the line makes on the name (read from its code): an amount (`grows
  by`, `goes down by`, `falls by`, ...) and `steps up`/`steps down` only for an addition or subtraction
  (`x += e`, `x = x - e`); `doubles` and `is multiplied by` only for a multiplication; `halves` only for a
  multiplication or division. Any other update (`x = x * x % m`, a swap, `k = pi[k - 1]`, `//`, `%`) is
  said as a move: `` `x` goes from `a` to `b` `` (`grows`, `drops` without an amount give only the direction).
- A `for` header *goes back to* / *returns to (the head of)* / *comes back to* its loop (a `for` or `while`
  header *goes back to the top of the loop*, *to the loop header*, *to the loop condition*) only when the line
  already ran in this call (in this run of the loop, or in an earlier run, as an inner loop reached again by
  a later iteration of an outer loop); on its first arrival in the call it *reaches* (or *enters*) the `for`
  loop. A recursive call's frame is a call of its own: its first arrival at the loop is no return. A loop
  *over* `` `xs` `` names the iterable of the loop the line heads or sits in, or a sequence that `enumerate`,
  `reversed` or `zip` wraps there (`for i, s in enumerate(sorted(freqs))` goes over `sorted(freqs)`).
- The last paragraph is `Final answer: ...` (`Final answer (standard output):` and a fenced block for
  scripts).
"""

MOMENT_RULES = """\
## Moments without set phrases

A value span in free wording (`` `t = 2` `` after "so afterwards", or "the result is `a = 0.3`") is
read as follows, in a line paragraph:

1. **Cue.** When the word before it (skipping `and` and commas of a list) is a cue, the span speaks
   of that moment: `now`, `afterwards`, `after`, `leaving`, `making` name the state after the step;
   `with`, `before`, `was`, `previously`, `initially`, `from` the state before it (sub-expressions the
   step evaluates count as before). A span false at its cue's moment is false (*wrong moment* when
   it holds at the other).
2. **No cue.** A span true at exactly one of the two moments is read as that moment; true at both,
   it is true. A span true at neither is false.
3. **New values.** A span true after the step states the new value of the name it names (strict
   mode requires one per name the step changes) unless its cue is a before-cue. An item or
   attribute (`` `arr[2]` becomes `9` ``, `` `dist[3]` goes from `7` to `5` ``) states its object's new
   value when it is exactly the one item or attribute the line assigns; `` appends `4` to `stack` ``
   states it when the line calls `stack.append(...)` and `stack` is the old list with that item added.

In a call paragraph a span speaks of the arguments on entry; in a summary, of the state after the
summarised iterations; elsewhere it cannot be read and is unverifiable.

A repeated call is narrated in one sentence, `` `cmp('0', '0')` again returns `0`, as in call 2 ``
(form `repeat_call`): the next step is a call of `cmp` with exactly those arguments (literals, in the
order of its parameters), call 2 of `cmp` (counting calls as they start) came before it and did exactly
the same (the same lines, values read and changed, nested calls and result), and the call returns that
value. The sentence narrates the whole call, up to its return.

A run too long for the token budget even with every loop compressed may say the calls a line starts
in one sentence, `` Its calls are summarised: line 34 starts 5351 calls (of `goldbach` and `_is_prime`),
which print nothing and change nothing outside themselves `` (form `quiet_calls`, in the line's own
paragraph, before anything after the line is narrated): the calls the line starts, nested ones included,
are exactly that many, of exactly those functions, and they only rebind their own frames' local names
(nothing printed, read, raised or changed in place, no `global` or `nonlocal` name, no generator that
runs on after them). The sentence narrates every step of those calls; what they give back is stated by
the line's own result after them.

## Repetition and persistence

| words | checked against |
|---|---|
| again, once again, once more | the step's line ran earlier (in this call, else in an earlier call of the function; for a call or return paragraph: the function was called or left earlier; for a line that runs for the first time, a call it shows ran earlier in this call; with a quotation, an earlier quotation): a condition or loop header had the same outcome at an earlier run (unless the sentence also says *this time*), and any other line gave the names the sentence states the same new values and moved them the same way at an earlier run |
| checks the condition `c` again (once more) | the check is repeated: as *this time*, whatever its outcome (*`c` is False again* repeats the outcome) |
| as before | as *again*, with the same outcome at the line's previous run |
| this time | the line ran earlier in this call |
| for the first time | the line did not run earlier in this call (for a condition: not with this outcome) |
| the condition no longer holds | the condition is false now and was true at its previous check in this call |
| stays (at), remains, is still, is unchanged, keeps its value, does not change | any name or expression in scope has the same value before and after the step (and the value stated) |
| `x` and `y` stay (at `v`), do not change | each name, as for *stays* |
| `x` was already `v`, `x` already held `v` | as *stays at `v`*: the value before the step is `v`, and the step leaves it |
| it stays at `v`, it was already `v` | *it* is the nearest code span before it in the sentence that names a variable, item or attribute (of `` `x = v` ``, the `x`); with none, the sentence is unverifiable |
| `x = v`, the same value as before; is still `x = v` | as `x` stays at `v` |
| writes `v` over `w` | the line assigns exactly one item, as above, which is `w` before the step and `v` after it |
| that slot / the value there / index N was already `v` | the line assigns exactly one item (`a[k] = ...`, `a[k] += ...`), its key is the same before and after (and is N when stated), and that item is `v` before and after |
| the result / value / order / contents does not change (is unchanged, stays the same, is the same as before); nothing is added (appended, changes); changes nothing | no variable of the step's frame has another value after the step (a container compared whole, its items included) |
| no swap happens (happened, is made, takes place) | the line is an `if`/`elif`/`while` whose body swaps two values (`a, b = b, a`, or a call named for a swap) and the body does not run now; or its condition reads a swap flag (a name with `swap` in it) that is `False` before it runs |
| checks the same condition, evaluates the same expression | the line ran earlier in this call, or its condition (its value) is, as code, the latest condition (value) of an earlier line of this call |
| does the same | as above, except that the code need only make the same operations on other names (`c1 * b2 - c2 * b1` after `a1 * b2 - a2 * b1`) |
| binds `y` to the same ... | the line is `y = x`: a second name for the object of another name, not a copy |
| the first part is already true | the operand is true before the line runs (as *the first part holds*) |
| `x = v`, which is not `w` | a relation (`different from`), checked as every relation: the line's own comparison |
"""


def render() -> str:
    parts = [f"# The TracePile claim grammar, version {GRAMMAR_VERSION}\n", INTRO, _example(), _moments(),
             MOMENT_RULES, descriptors.RULES, corroboration.RULES, _forms(), _vocabulary(), _rejected()]
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
    rows = [f"| {category} | {', '.join(f'`{w}`' for w in sorted(words))} |" for category, words in FACT_WORDS.items()]
    phrases = ", ".join(f"`{p.split('(')[0]}`" for p in REPEAT_PHRASES)
    free = "\n".join(f"| {sentence} | {why} |" for sentence, why in FREE_EXAMPLES)
    return ("## Fact words\n\nOutside a claim these words (any case), numbers, code symbols (`= < > + * / % ^ | & ~ "
            "[ ] { } # $ @`) and the names of the program (its variables, parameters, functions, classes and "
            "attributes, two letters or more) and of its problem (its proper names) make a sentence "
            f"unverifiable. The repetition phrases {phrases} are claims of their own, checked as above, and a motion "
            "verb with *back* (`goes back`, `comes back`, `heads back`, `is back`, ...) is a fact phrase: only the "
            "forms that check it (a return to a loop header, *Back at line N*, a return's *execution goes back to "
            "line N*) may use it.\n\n"
            "| kind | words |\n|---|---|\n" + "\n".join(rows) + "\n\n## Free wording\n\nEvery other word is free. "
            "These sentences are accepted where their claims hold:\n\n| sentence | claims read |\n|---|---|\n"
            + free + "\n")


def _rejected() -> str:
    rows = [f"| {sentence.replace('|', chr(92) + '|')} | {why} |" for sentence, why in REJECTED_EXAMPLES]
    return "## Rejected sentences\n\n| sentence | why |\n|---|---|\n" + "\n".join(rows) + "\n"


if __name__ == "__main__":
    print(render(), end="")
