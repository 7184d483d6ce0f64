"""Mutation benchmark of the verifier: narrate CRUXEval functions and bundled programs, plant one
error per mutant, set aside mutants an oracle over the trace finds still true, report kills per kind.
Then, per question kind, plant a false number in the rationale's answer step (and input prediction's
backward lead): a line, count, iteration, call number, depth, or a number inside a listed value.

The oracle never calls the verifier: it aligns the template text's paragraphs with the trace events
itself and reads the recorded values. Also reports the pass rate of unmodified texts and the time to
verify a text of about 2,000 tokens (median and p90, one core).

    python benchmarks/verifier_mutations.py                  # 200 CRUXEval + 30 bundled programs x 3 inputs
    python benchmarks/verifier_mutations.py --cruxeval 50 --bundled 10 --per-trace 1
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import random
import re
import statistics
import sys
import time
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from tracepile.authored import comments_about, quoted_from  # noqa: E402
from tracepile.engine import narratable, trace  # noqa: E402
from tracepile.model import CallEvent, FrameValues, LineEvent, OutputEvent, ProgramInput, ReturnEvent  # noqa: E402
from tracepile.narration import Compression, narrate  # noqa: E402
from tracepile.sources.bundled import bundled_programs  # noqa: E402
from tracepile.values import Unparsable, parse_value  # noqa: E402
from tracepile.verification import verify  # noqa: E402

CRUXEVAL = Path(os.environ.get("TRACEPILE_SHARED", ROOT.parent / "shared")) / "datasets" / "cruxeval" / "cruxeval.jsonl"
VALUE = re.compile(r"(?<!`)`([^`\n]+?) = ([^`\n]+)`(?!`)")
NUMBER = re.compile(r"(?<![\w.])-?\d+")
PROBLEMS: dict[str, str] = {}  # program id -> its word problem (bundled math programs)


# ---------------------------------------------------------------- corpus

# Small programs for the steps CRUXEval and the bundled set rarely reach: exceptions, generators, output.
EXTRA = (
    ("extra/parse", "def parse(items):\n    out = []\n    for s in items:\n        try:\n            out.append(int(s))\n"
     "        except ValueError:\n            out.append(-1)\n    return out\n", "parse(['3', 'x', '7', 'y1'])"),
    ("extra/check", "def check(xs):\n    total = 0\n    for x in xs:\n        if x < 0:\n"
     "            raise ValueError(f'negative: {x}')\n        total += x\n    return total\n", "check([4, 2, -3, 5])"),
    ("extra/lookup", "def get(d, keys):\n    found = []\n    for k in keys:\n        found.append(d[k])\n    return found\n",
     "get({'a': 1, 'b': 2}, ['a', 'b', 'c'])"),
    ("extra/deep", "def inner(n):\n    if n == 0:\n        return 1 // n\n    return inner(n - 1)\n\n\ndef outer(n):\n"
     "    try:\n        return inner(n)\n    except ZeroDivisionError as e:\n        return str(e)\n", "outer(2)"),
    ("extra/gen", "def evens(n):\n    for i in range(n):\n        if i % 2 == 0:\n            yield i\n\n\n"
     "def total(n):\n    s = 0\n    for v in evens(n):\n        s += v\n    return s\n", "total(7)"),
    ("extra/assert", "def mean(xs):\n    assert len(xs) > 0, 'empty'\n    return sum(xs) / len(xs)\n", "mean([])"),
    ("extra/index", "def pick(xs, ks):\n    out = []\n    for k in ks:\n        try:\n            out.append(xs[k])\n"
     "        except IndexError:\n            out.append(None)\n    return out\n", "pick([5, 6], [1, 3, 0, -4])"),
    ("extra/ratio", "def ratios(pairs):\n    res = []\n    for a, b in pairs:\n        try:\n            res.append(a // b)\n"
     "        except ZeroDivisionError:\n            res.append(0)\n    return res\n", "ratios([(6, 3), (1, 0), (9, 0)])"),
    ("extra/types", "def add_all(xs):\n    total = 0\n    for x in xs:\n        total = total + x\n    return total\n",
     "add_all([1, 2, 'three'])"),
)
EXTRA_SCRIPTS = (
    ("extra/script", "n = int(input())\nfor i in range(n):\n    if i % 3 == 0:\n        print('fizz', i)\n"
     "    else:\n        print(i * i)\n", "7\n"),
    ("extra/script_error", "nums = list(map(int, input().split()))\nfor k in nums:\n    print(10 // k)\n", "5 2 0 4\n"),
)

def jobs(cruxeval: int, bundled: int, inputs: int, seed: int) -> list[tuple[str, str, ProgramInput]]:
    out = []
    if CRUXEVAL.exists():
        items = [json.loads(line) for line in CRUXEVAL.read_text().splitlines() if line.strip()][:cruxeval]
        out += [(i["id"], i["code"], ProgramInput("call", f"f({i['input']})")) for i in items]
    else:
        print(f"CRUXEval not found at {CRUXEVAL}: bundled programs only", file=sys.stderr)
    out += [(name, code, ProgramInput("call", call)) for name, code, call in EXTRA]
    out += [(name, code, ProgramInput("stdin", text)) for name, code, text in EXTRA_SCRIPTS]
    families: dict[str, list] = defaultdict(list)
    for program in bundled_programs(40 * bundled * inputs, seed=seed):
        family = program.id.rsplit("/", 1)[0] if program.domain == "math" else program.id
        families[family] += [(program.id, program.code, i) for i in program.inputs]
        PROBLEMS[program.id] = str(program.metadata.get("problem", ""))
    names = sorted(families)
    step = max(1, len(names) // max(1, bundled))
    for name in names[::step][:bundled]:
        out += families[name][:inputs]
    return out


def traced(work: list, workers: int) -> list:
    with ThreadPoolExecutor(workers) as pool:
        results = list(pool.map(lambda job: trace(job[1], job[2], program_id=job[0]), work))
    return [r for r in results if narratable(r)]


# ---------------------------------------------------------------- the oracle: paragraphs aligned with events

@dataclass
class Step:
    """What the oracle knows of one paragraph: its kind, its event, the states its values may speak of."""

    kind: str
    event: int | None = None
    states: list[dict] = field(default_factory=list)


def align(trace, paragraphs: list[str]) -> list[Step]:
    """Map each template paragraph to its trace event (the template narrates events in order)."""
    events, values = trace.events, FrameValues()
    pointer, steps, lines = 0, [], {}

    def apply_to(index: int) -> None:
        nonlocal pointer
        while pointer <= index:
            values.apply(events[pointer])
            pointer += 1

    def next_index(test) -> int | None:
        return next((i for i in range(pointer, len(events)) if test(events[i])), None)

    for text in paragraphs:
        line = re.match(r"(?:Line|Back at line) (\d+)", text)
        summary = re.match(r"Iterations \d+ to (\d+) of the loop at line (\d+)", text)
        if text.startswith("Line") and line:
            index = next_index(lambda e: isinstance(e, LineEvent) and e.line == int(line.group(1)))
            if index is None:
                steps.append(Step("other"))
                continue
            apply_to(index - 1)
            before = dict(values.of(events[index].frame))
            apply_to(index)
            lines[events[index].line] = (index, before)
            steps.append(Step("line", index, [before, dict(values.of(events[index].frame)),
                                              dict(events[index].values)]))
        elif text.startswith("Back at") and line and int(line.group(1)) in lines:
            index, before = lines[int(line.group(1))]
            steps.append(Step("back", index, [before, dict(values.of(events[index].frame)),
                                              dict(events[index].values)]))
        elif summary:
            last, loop = int(summary.group(1)), int(summary.group(2))
            end = next_index(lambda e: isinstance(e, LineEvent) and e.loop and e.loop[0] == loop
                             and e.loop[2] == last + 1)
            apply_to(end - 1)
            steps.append(Step("summary", end, [dict(values.of(events[end].frame))]))
        elif re.match(r"(?:We enter|The call enters|Calling) `", text):
            index = next_index(lambda e: isinstance(e, CallEvent) and not e.resumed)
            apply_to(index)
            steps.append(Step("call", index, [dict(events[index].args)]))
        elif re.search(r"returns `|yields `", text):
            index = next_index(lambda e: isinstance(e, ReturnEvent))
            apply_to(index)
            steps.append(Step("return", index, [{"<value>": events[index].value}]))
        else:
            steps.append(Step("other"))
    return steps


def same(a: str, b: str) -> bool:
    """Exact literal equality (type for type), else the same text."""
    try:
        return repr(ast.literal_eval(a.strip())) == repr(ast.literal_eval(b.strip()))
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return re.sub(r"\s+", "", a) == re.sub(r"\s+", "", b)


SAFE_BUILTINS = {f.__name__: f for f in (len, abs, min, max, sum, sorted, str, int, float, bool, list, tuple,
                                          set, dict, range, round, ord, chr, any, all, reversed, enumerate, zip, pow,
                                          divmod)}


def holds(step: Step, expr: str, value: str) -> bool:
    """Whether `expr = value` is true at any moment of the step (conservative: true mutants are set aside).
    An expression is evaluated over the step's literal values with a few pure builtins."""
    for state in step.states:
        if expr in state:
            if same(state[expr], value):
                return True
            continue
        actual = _evaluate(expr, state)
        if actual is not None and same(repr(actual), value):
            return True
    return False


def _evaluate(expr: str, state: dict):
    scope = {}
    for name, text in state.items():
        try:
            scope[name] = parse_value(text)
        except Unparsable:
            pass
    try:
        return eval(compile(expr, "<claim>", "eval"), {"__builtins__": SAFE_BUILTINS}, scope)  # noqa: S307
    except Exception:  # noqa: BLE001 - a name the state lacks, a type error: not a fact here
        return None


# ---------------------------------------------------------------- mutations: each returns (text, still_true) or None

@dataclass
class Case:
    trace: object
    paragraphs: list[str]
    steps: list[Step]
    rng: random.Random
    problem: str = ""

    def text(self, paragraphs=None) -> str:
        return "\n\n".join(paragraphs if paragraphs is not None else self.paragraphs)

    def with_paragraph(self, index: int, new: str) -> str:
        return self.text(self.paragraphs[:index] + [new] + self.paragraphs[index + 1:])

    def sites(self, pattern: re.Pattern, kinds=("line", "back")) -> list[tuple[int, re.Match]]:
        return [(i, m) for i, (p, s) in enumerate(zip(self.paragraphs, self.steps)) if s.kind in kinds
                for m in pattern.finditer(p)]

    def pick(self, items):
        return self.rng.choice(items) if items else None

    def names(self) -> list[str]:
        return sorted({n for s in self.steps for state in s.states[:2] for n in state if n.isidentifier()})


def splice(text: str, match: re.Match, group: int, new: str) -> str:
    return text[:match.start(group)] + new + text[match.end(group):]


def bump(value: str, rng: random.Random) -> str | None:
    numbers = list(NUMBER.finditer(value))
    if not numbers:
        return None
    match = rng.choice(numbers)
    return value[:match.start()] + str(int(match.group()) + rng.choice((1, 2, -1))) + value[match.end():]


def number_in_value(case: Case):
    site = case.pick([s for s in case.sites(VALUE, ("line", "back", "call", "summary")) if NUMBER.search(s[1].group(2))])
    if site:
        i, m = site
        new = bump(m.group(2), case.rng)
        return case.with_paragraph(i, splice(case.paragraphs[i], m, 2, new)), holds(case.steps[i], m.group(1), new)


def flip_condition(case: Case):
    site = case.pick(case.sites(re.compile(r"`([^`]+)` is (True|False)\b|counts as (true|false)|"
                                           r"the condition is (true|false)")))
    if site:
        i, m = site
        group = next(g for g in (2, 3, 4) if m.group(g))
        flipped = {"True": "False", "False": "True", "true": "false", "false": "true"}[m.group(group)]
        return case.with_paragraph(i, splice(case.paragraphs[i], m, group, flipped)), False


def next_line(case: Case):
    site = case.pick(case.sites(re.compile(r"\bline (\d+) runs next|\bat line (\d+)|\bto line (\d+)")))
    if site:
        i, m = site
        group = next(g for g in (1, 2, 3) if m.group(g))
        new = int(m.group(group)) + case.rng.choice((1, -1, 2))
        event = case.trace.events[case.steps[i].event]
        return case.with_paragraph(i, splice(case.paragraphs[i], m, group, str(new))), event.next_line == new


def final_answer(case: Case):
    head, _, answer = case.paragraphs[-1].partition(":")
    lines = answer.strip("\n").split("\n")
    inner = lines[1:-1] if len(lines) > 2 else lines  # the output inside a fenced block
    k = case.rng.randrange(len(inner))
    inner[k] = bump(inner[k], case.rng) or inner[k] + "x"
    stated = "\n".join(inner)
    new = head + ":" + ("\n" + "\n".join(lines[:1] + inner + lines[-1:]) if len(lines) > 2 else " " + stated.strip())
    expected = case.trace.outcome.answer(case.trace.input.kind)
    return case.text(case.paragraphs[:-1] + [new]), same(stated.strip(), expected.strip())


def delete_paragraph(case: Case):
    """Still true: a `Back at line N` paragraph (no step of its own) whose every value a call's own
    paragraphs already stated word for word (a closure's list the callee changed)."""
    if len(case.paragraphs) > 3:
        i = case.rng.randrange(1, len(case.paragraphs) - 1)
        deleted = case.paragraphs[i]
        back = re.fullmatch(r"Back at line (\d+), this sets [^;]*\.", deleted)
        if not back:
            return case.text(case.paragraphs[:i] + case.paragraphs[i + 1:]), False
        start = max((j for j in range(i) if case.paragraphs[j].startswith(f"Line {back.group(1)} ")), default=i)
        said = {m.group(0) for p in case.paragraphs[start + 1:i] for m in VALUE.finditer(p)}
        repeats = all(m.group(0) in said for m in VALUE.finditer(deleted))
        return case.text(case.paragraphs[:i] + case.paragraphs[i + 1:]), repeats


def swap_values(case: Case):
    pairs = []
    for i, step in enumerate(case.steps):
        found = list(VALUE.finditer(case.paragraphs[i]))
        pairs += [(i, a, b) for a, b in zip(found, found[1:]) if not same(a.group(2), b.group(2))]
    site = case.pick(pairs)
    if site:
        i, a, b = site
        p = case.paragraphs[i]
        new = p[:a.start(2)] + b.group(2) + p[a.end(2):b.start(2)] + a.group(2) + p[b.end(2):]
        still = holds(case.steps[i], a.group(1), b.group(2)) and holds(case.steps[i], b.group(1), a.group(2))
        return case.with_paragraph(i, new), still


def iteration_number(case: Case):
    site = case.pick(case.sites(re.compile(r"\biteration (\d+)"), ("line", "back", "summary")))
    if site:
        i, m = site
        new = int(m.group(1)) + case.rng.choice((1, -1))
        return case.with_paragraph(i, splice(case.paragraphs[i], m, 1, str(new))), False


def false_value_for(case: Case, i: int, name: str) -> str:
    seen = {v for s in case.steps for state in s.states for n, v in state.items() if n == name}
    value = 7
    while any(same(str(value), v) for v in seen):
        value += 1
    return str(value)


def plain_false_sentence(case: Case):
    sites = [(i, n) for i, s in enumerate(case.steps) if s.kind == "line" for n in s.states[1] if n.isidentifier()]
    site = case.pick(sites)
    if site:
        i, name = site
        sentence = f" At this point {name} is {false_value_for(case, i, name)}."
        return case.with_paragraph(i, case.paragraphs[i] + sentence), False


def code_span_fact(case: Case):
    sites = [(i, n) for i, s in enumerate(case.steps) if s.kind == "line" for n in s.states[1] if n.isidentifier()]
    site = case.pick(sites)
    if site:
        i, name = site
        value = false_value_for(case, i, name)
        sentence = case.rng.choice((f" Now `{name} == {value}`.", f" Here `{name}` is {value}."))
        return case.with_paragraph(i, case.paragraphs[i] + sentence), False


def other_end(case: Case):
    """A value stated at the other end of the step: `x` before the line given its value after it."""
    sites = []
    for i, step in enumerate(case.steps):
        if step.kind != "line":
            continue
        before, after = step.states[0], step.states[1]
        head, _, tail = case.paragraphs[i].partition(";")
        for m in VALUE.finditer(case.paragraphs[i]):
            name, in_head = m.group(1), m.start() < len(head)
            if name in before and name in after and not same(before[name], after[name]):
                sites.append((i, m, after[name] if in_head else before[name]))
    site = case.pick(sites)
    if site:
        i, m, value = site
        return case.with_paragraph(i, splice(case.paragraphs[i], m, 2, value)), False


def negated(case: Case):
    site = case.pick(case.sites(VALUE))
    if site:
        i, m = site
        sentence = case.rng.choice((f" It is not true that {m.group(0)}.", f" So {m.group(0)} does not hold."))
        return case.with_paragraph(i, case.paragraphs[i] + sentence), False


def claim_in_other_paragraph(case: Case):
    """A false claim in a return, call or summary paragraph."""
    sites = [(i, m, 2) for i, m in case.sites(VALUE, ("call", "summary"))]
    sites += [(i, m, 1) for i, m in case.sites(re.compile(r"returns `([^`]+)`|yields `([^`]+)`"), ("return",))
              if m.group(1)]
    sites += [(i, m, 1) for i, m in case.sites(re.compile(r"goes back to line (\d+)"), ("return",))]
    site = case.pick(sites)
    if site:
        i, m, group = site
        old = m.group(group)
        new = bump(old, case.rng) or (old + "0")
        if group == 2:
            still = holds(case.steps[i], m.group(1), new)
        else:
            still = m.re.pattern.startswith("returns") and same(case.trace.events[case.steps[i].event].value, new)
        return case.with_paragraph(i, splice(case.paragraphs[i], m, group, new)), still


def prose_with_anchors(case: Case):
    """The whole text rewritten as `Line N` anchors with false prose, and the right final answer."""
    paragraphs = []
    for text, step in zip(case.paragraphs, case.steps):
        if step.kind == "line":
            line = case.trace.events[step.event].line
            paragraphs.append(f"Line {line} runs, and the result becomes {10 ** 9 + line}.")
    return case.text(paragraphs + case.paragraphs[-1:]), False


def wrong_variable(case: Case):
    names = case.names()
    sites = [(i, m) for i, m in case.sites(VALUE) if m.group(1).isidentifier() and len(names) > 1]
    site = case.pick(sites)
    if site:
        i, m = site
        other = case.rng.choice([n for n in names if n != m.group(1)])
        return case.with_paragraph(i, splice(case.paragraphs[i], m, 1, other)), holds(case.steps[i], other, m.group(2))


def elided_value(case: Case):
    site = case.pick([s for s in case.sites(VALUE, ("line", "back", "call", "summary"))
                      if re.match(r"[\[({'\"]", s[1].group(2)) and len(s[1].group(2)) > 4])
    if site:
        i, m = site
        value = m.group(2)
        cut = value[:max(2, len(value) // 2)].rstrip(", ") + case.rng.choice((", ...", "…", ", …")) + value[-1]
        return case.with_paragraph(i, splice(case.paragraphs[i], m, 2, cut)), same(cut, value)


def loop_exit_count(case: Case):
    site = case.pick(case.sites(re.compile(r"loop ends after (\d+) iterations?")))
    if site:
        i, m = site
        return case.with_paragraph(i, splice(case.paragraphs[i], m, 1, str(int(m.group(1)) + 1))), False


def call_argument(case: Case):
    site = case.pick([s for s in case.sites(VALUE, ("call",))])
    if site:
        i, m = site
        new = bump(m.group(2), case.rng) or (m.group(2) + "0" if m.group(2)[-1:] != "'" else m.group(2)[:-1] + "x'")
        return case.with_paragraph(i, splice(case.paragraphs[i], m, 2, new)), holds(case.steps[i], m.group(1), new)


def printed_text(case: Case):
    site = case.pick(case.sites(re.compile(r"(?:prints|output is) `([^`]+)`"), ("line", "back", "return", "other")))
    if site:
        i, m = site
        old = m.group(1)
        new = bump(old, case.rng) or (old[:-1] + ("x" if old[-1:] != "x" else "y"))
        printed = {e.text for e in case.trace.events if isinstance(e, OutputEvent)}
        return case.with_paragraph(i, splice(case.paragraphs[i], m, 1, new)), new in printed or new + "\n" in printed


def wrong_exception(case: Case):
    """Another exception type, or another message."""
    site = case.pick(case.sites(re.compile(r"raises `(\w+)(?:: ([^`]+))?`"), ("line", "back", "return", "other")))
    if site:
        i, m = site
        if m.group(2) and case.rng.random() < 0.5:
            return case.with_paragraph(i, splice(case.paragraphs[i], m, 2, m.group(2) + "!")), False
        new = "KeyError" if m.group(1) != "KeyError" else "ValueError"
        return case.with_paragraph(i, splice(case.paragraphs[i], m, 1, new)), False


def step_not_happened(case: Case):
    lines = sorted({e.line for e in case.trace.events if isinstance(e, LineEvent)})
    if len(case.paragraphs) > 2 and lines:
        i = case.rng.randrange(1, len(case.paragraphs) - 1)
        inserted = f"Line {case.rng.choice(lines)} runs."
        return case.text(case.paragraphs[:i] + [inserted] + case.paragraphs[i:]), False


def reordered_steps(case: Case):
    sites = [i for i in range(len(case.paragraphs) - 2) if case.paragraphs[i] != case.paragraphs[i + 1]]
    i = case.pick(sites)
    if i is not None:
        p = list(case.paragraphs)
        p[i], p[i + 1] = p[i + 1], p[i]
        return case.text(p), False


def claim_on_wrong_line(case: Case):
    """A true claim of one line paragraph attached to another line."""
    sources = case.sites(VALUE, ("line",))
    targets = [i for i, s in enumerate(case.steps) if s.kind == "line"]
    source, target = case.pick(sources), case.pick(targets)
    if source and target is not None and source[0] != target:
        i, m = source
        p = case.paragraphs[target]
        new = p[:-1] + f"; so {m.group(0)}." if p.endswith(".") else p + f" So {m.group(0)}."
        return case.with_paragraph(target, new), holds(case.steps[target], m.group(1), m.group(2))


def false_same_path(case: Case):
    """A same-path summary widened over the narrated iteration before it (whose paragraphs are dropped);
    the narrator splits summaries where paths change, so that iteration usually took another path."""
    sites = [i for i, p in enumerate(case.paragraphs) if case.steps[i].kind == "summary" and "take the same" in p]
    i = case.pick(sites)
    if i is None:
        return None
    first, last, loop = map(int, re.match(r"Iterations (\d+) to (\d+) of the loop at line (\d+)",
                                          case.paragraphs[i]).groups())
    start = re.compile(rf"Line {loop} .*\biteration {first - 1}\b")
    j = next((k for k in range(i - 1, -1, -1) if start.match(case.paragraphs[k])), None)
    if j is None or first < 2:
        return None
    widened = case.paragraphs[i].replace(f"Iterations {first} ", f"Iterations {first - 1} ", 1)
    paths = _paths(case.trace.events, case.steps[i].event, loop, first - 1, last)
    return case.text(case.paragraphs[:j] + [widened] + case.paragraphs[i + 1:]), len(set(paths)) <= 1


def wrong_group_lines(case: Case):
    """A path group of a mixed-path summary with one of its lines replaced by a line it does not list
    (the listed lines must be exactly those the iterations run, so the mutant is false by construction)."""
    group = re.compile(r"it runs lines? ((?:\d+(?:,? and |, ))*\d+)")
    site = case.pick(case.sites(group, ("summary",)))
    if site is None:
        return None
    i, m = site
    numbers = list(re.finditer(r"\d+", m.group(1)))
    chosen = case.rng.choice(numbers)
    new = str(max(int(n.group()) for n in numbers) + case.rng.choice((1, 2)))
    lines = m.group(1)[:chosen.start()] + new + m.group(1)[chosen.end():]
    return case.with_paragraph(i, splice(case.paragraphs[i], m, 1, lines)), False
def stdin_read(case: Case):
    """Another text for a standard-input read (a character added), or another length for a long one."""
    site = case.pick(case.sites(re.compile(r"reads (?:the line|the lines|the text) `('[^`]*')`"
                                           r"|reads (\d+) characters? from standard input")))
    if site:
        i, m = site
        if m.group(2):
            return case.with_paragraph(i, splice(case.paragraphs[i], m, 2, str(int(m.group(2)) + 1))), False
        return case.with_paragraph(i, splice(case.paragraphs[i], m, 1, "'x" + m.group(1)[1:])), False


def mutating_result(case: Case):
    """Another result for a mutating call (`calls `q.pop()`, which returns `3``), or a call the line
    does not make."""
    site = case.pick(case.sites(re.compile(r"calls `([^`]+)`(?:, which returns `([^`]+)`)?")))
    if site:
        i, m = site
        new = bump(m.group(2), case.rng) if m.group(2) else None
        if new is not None:
            return case.with_paragraph(i, splice(case.paragraphs[i], m, 2, new)), same(new, m.group(2))
        call = m.group(1).replace("(", "_other(", 1)
        return case.with_paragraph(i, splice(case.paragraphs[i], m, 1, call)), False


def _paths(events, end: int, loop: int, first: int, last: int) -> list[tuple]:
    """The (line, next line) sequence of each iteration first..last of the activation ending at `end`."""
    header = events[end]
    paths: list[list] = []
    for event in events[:end]:
        if isinstance(event, LineEvent) and event.frame == header.frame and event.loop \
                and event.loop[:2] == header.loop[:2]:
            paths.append([] if first <= event.loop[2] <= last else None)
        if paths and paths[-1] is not None and hasattr(event, "line"):
            paths[-1].append((type(event).__name__, event.line, getattr(event, "next_line", None)))
    return [tuple(p) for p in paths if p is not None]


# ---------------------------------------------------------------- mutations of the forms that say more (issue 11)

QUOTE = re.compile(r'(?:The problem says|The problem (?:mentions|refers to) (?:it|this) in|The comment (?:at|on) line (\d+) (?:says|reads|explains):) "([^"]+)"')
MOVE = re.compile(r"`(\w+)` (grows|goes up|increases|rises|climbs|shrinks|goes down|decreases|drops|falls|doubles|"
                  r"halves|is multiplied|steps up|steps down|goes)(?: by `([^`]+)`)?,? from `([^`]+)` to `([^`]+)`")
OPPOSITE = {"greater than": "at most", "larger than": "at most", "less than": "at least", "smaller than": "at least",
            "at least": "less than", "at most": "greater than", "equal to": "different from",
            "different from": "equal to"}
LAST = "; it is the last iteration of the loop"


def quote_word(case: Case):
    """One word of a quote from the problem text or a comment changed."""
    site = case.pick(case.sites(QUOTE))
    if site:
        i, m = site
        words = list(re.finditer(r"[A-Za-z]{3,}", m.group(2)))
        if not words:
            return None
        w = case.rng.choice(words)
        new = m.group(2)[:w.start()] + "zebra" + m.group(2)[w.end():]
        event = case.trace.events[case.steps[i].event]
        said = {c.text for c in comments_about(case.trace.code, event.line, None)}
        return case.with_paragraph(i, splice(case.paragraphs[i], m, 2, new)), \
            quoted_from(case.problem, new) and not m.group(1) or new in said


def comment_line(case: Case):
    site = case.pick([s for s in case.sites(QUOTE) if s[1].group(1)])
    if site:
        i, m = site
        new = int(m.group(1)) + case.rng.choice((1, -1, 2))
        event = case.trace.events[case.steps[i].event]
        about = {c.line: c.text for c in comments_about(case.trace.code, event.line, None)}
        return case.with_paragraph(i, splice(case.paragraphs[i], m, 1, str(new))), about.get(new) == m.group(2)


def problem_answer(case: Case):
    matches = [(i, m) for i, p in enumerate(case.paragraphs)
               for m in re.finditer(r'^So the answer to the question "[^"]+" is `([^`]+)`', p)]
    site = case.pick(matches)
    if site:
        i, m = site
        new = bump(m.group(1), case.rng) or m.group(1) + "0"
        return case.with_paragraph(i, splice(case.paragraphs[i], m, 1, new)), \
            same(new, case.trace.outcome.answer("call"))


def wrong_move(case: Case):
    """A move with a wrong start, end or amount, or the opposite direction."""
    site = case.pick(case.sites(MOVE))
    if site:
        i, m = site
        group = case.rng.choice([g for g in (2, 3, 4, 5) if m.group(g)])
        if group == 2:  # the opposite direction
            up = literal_or_none(m.group(5)) > literal_or_none(m.group(4)) if all(
                isinstance(literal_or_none(m.group(g)), (int, float)) for g in (4, 5)) else m.group(2) != "shrinks"
            new = {"steps up": "steps down", "steps down": "steps up"}.get(m.group(2), "shrinks" if up else "grows")
        else:
            new = bump(m.group(group), case.rng)
        still = group != 2 and same(new, m.group(group))
        return case.with_paragraph(i, splice(case.paragraphs[i], m, group, new)), still


def wrong_stay(case: Case):
    site = case.pick(case.sites(re.compile(r"`(\w+)` (?:stays|remains) at `([^`]+)`")))
    if site:
        i, m = site
        new = bump(m.group(2), case.rng) or m.group(2) + "0"
        return case.with_paragraph(i, splice(case.paragraphs[i], m, 2, new)), same(new, m.group(2))


def wrong_relation(case: Case):
    site = case.pick(case.sites(re.compile(r"because `[^`]+` is (" + "|".join(OPPOSITE) + r") `")))
    if site:
        i, m = site
        return case.with_paragraph(i, splice(case.paragraphs[i], m, 1, OPPOSITE[m.group(1)])), False


def wrong_deciding_operand(case: Case):
    """`not done` is True because `done = False`, with another value for the operand."""
    site = case.pick(case.sites(re.compile(r"because `([^`]+?) = ([^`]+)`(?=[,;.]|$)")))
    if site:
        i, m = site
        new = {"True": "False", "False": "True"}.get(m.group(2)) or bump(m.group(2), case.rng) or m.group(2) + "0"
        return case.with_paragraph(i, splice(case.paragraphs[i], m, 2, new)), holds(case.steps[i], m.group(1), new)


def wrong_loop_total(case: Case):
    site = case.pick(case.sites(re.compile(r"(?:runs|will run) (\d+) (?:iterations|times)")))
    if site:
        i, m = site
        return case.with_paragraph(i, splice(case.paragraphs[i], m, 1, str(int(m.group(1)) + case.rng.choice((1, -1))))), \
            False


def false_last_iteration(case: Case):
    """`it is the last iteration of the loop` added to an iteration that is not the last."""
    sites = [i for i, s in enumerate(case.steps) if s.kind == "line" and case.trace.events[s.event].loop
             and case.trace.events[s.event].loop[2] >= 1 and "last" not in case.paragraphs[i]
             and "final pass" not in case.paragraphs[i]]
    i = case.pick(sites)
    if i is not None:
        event = case.trace.events[case.steps[i].event]
        key = (event.frame,) + event.loop[:2]
        size = max(e.loop[2] for e in case.trace.events if isinstance(e, LineEvent) and e.loop
                   and (e.frame,) + e.loop[:2] == key)
        paragraph = case.paragraphs[i]
        new = paragraph[:-1] + LAST + "." if paragraph.endswith(".") else paragraph + LAST
        return case.with_paragraph(i, new), event.loop[2] == size


def flipped_previous(case: Case):
    site = case.pick(case.sites(re.compile(r"the previous check at line \d+, which was (true|false)")))
    if site:
        i, m = site
        return case.with_paragraph(i, splice(case.paragraphs[i], m, 1, {"true": "false", "false": "true"}[m.group(1)])), \
            False


# ---------------------------------------------------------------- mutations of a line's reasons (issue 18): a true
# fact that is not about the line's own code. The oracle reads the statement's expressions and comparisons itself.

HOLD = {"greater than": lambda a, b: a > b, "larger than": lambda a, b: a > b, "less than": lambda a, b: a < b,
        "smaller than": lambda a, b: a < b, "at least": lambda a, b: a >= b, "at most": lambda a, b: a <= b,
        "equal to": lambda a, b: a == b, "different from": lambda a, b: a != b, "in": lambda a, b: a in b,
        "not in": lambda a, b: a not in b}
BECAUSE = re.compile(r"because `([^`]+?) = ([^`]+)` is (" + "|".join(sorted(HOLD, key=len, reverse=True)) +
                     r") `([^`]+)`")
OPERAND_LIST = re.compile(r"(?:computes with|reads|uses|step by step,|Python evaluates|on the way,|working it out,|"
                          r"`,? with|statement, with) ((?:`[^`]+`(?:,? and |, )?)+)")


def operation(tree: ast.AST | None, name: str) -> str:
    """The oracle's reading of how a statement updates `name`: "+" (`x += e`, `x = x - e`), "*" or "/"
    likewise, else "other"."""
    ops = {ast.Add: "+", ast.Sub: "+", ast.Mult: "*", ast.Div: "/", ast.FloorDiv: "/"}
    body = tree.body if tree is not None else []
    if len(body) != 1:
        return "other"
    node = body[0]
    if isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name) and node.target.id == name:
        return ops.get(type(node.op), "other")
    if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name) \
            and node.targets[0].id == name and isinstance(node.value, ast.BinOp):
        left, right = (ast.unparse(side) for side in (node.value.left, node.value.right))
        if left == name or right == name and isinstance(node.value.op, (ast.Add, ast.Mult)):
            return ops.get(type(node.value.op), "other")
    return "other"


def misnamed_operation(case: Case):
    """A move said with the words of another operation, its numbers true: `place` grows by `9` for
    `place *= base`, `s` doubles for `s += x`, `base` drops by `60` for `base = base * base % m`."""
    sites = [(i, m) for i, m in case.sites(MOVE) if all(type(literal_or_none(m.group(g))) is int for g in (4, 5))]
    other = [(i, m) for i, m in sites if operation(statement_of(case, i), m.group(1)) != "+"]
    site = case.pick(other or sites)  # a line that does not add, where there is one
    if site is None:
        return None
    i, m = site
    name, old, new = m.group(1), literal_or_none(m.group(4)), literal_or_none(m.group(5))
    if old == new:
        return None
    options = [("grows" if new > old else "drops") + f" by `{abs(new - old)}`"]
    if old and new == 2 * old:
        options.append("doubles")
    if old not in (0, 1) and new % old == 0 and new // old > 2:
        options.append(f"is multiplied by `{new // old}`")
    if new and old == 2 * new:
        options.append("halves")
    kind = operation(statement_of(case, i), name)

    def still(words: str) -> bool:
        return words.startswith(("grows by", "drops by")) and kind == "+" or words == "doubles" and kind == "*" or \
            words.startswith("is multiplied") and kind == "*" or words == "halves" and kind in ("*", "/")
    options = [w for w in options if not m.group(0).startswith(f"`{name}` {w}")] or options
    words = case.rng.choice([w for w in options if not still(w)] or options)  # a false one where there is one
    said = f"`{name}` {words}, from `{m.group(4)}` to `{m.group(5)}`"
    return case.with_paragraph(i, case.paragraphs[i][:m.start()] + said + case.paragraphs[i][m.end():]), still(words)


FOR_OPENING = re.compile(r"^Line \d+ (reaches|takes the next item of|moves|advances|enters|starts) the `for` loop(?: on)?")


def loop_gone_back_to(case: Case):
    """`goes back to the `for` loop` for a header whose line has not run before in this call (its first
    arrival: an empty loop, or iteration 1 of the loop's first run in the call)."""
    def ran_before(i: int) -> bool:
        event = case.trace.events[case.steps[i].event]
        return any(isinstance(e, LineEvent) and e.frame == event.frame and e.line == event.line
                   for e in case.trace.events[:case.steps[i].event])
    sites = case.sites(FOR_OPENING)
    site = case.pick([(i, m) for i, m in sites if not ran_before(i)] or sites)  # a first arrival where there is one
    if site is None:
        return None
    i, m = site
    words = case.rng.choice(("goes back to the `for` loop", "returns to the head of the `for` loop",
                             "goes back to the top of the loop", "comes back to the loop header"))
    return case.with_paragraph(i, case.paragraphs[i][:m.start(1)] + words + case.paragraphs[i][m.end():]), ran_before(i)


def persistence_of_a_change(case: Case):
    """A persistence or sameness phrase about a line that changed a value: `x` was already its new value, it
    stays, `x` and another name stay the same, the same value as before, nothing changes."""
    sites = [(i, name) for i, step in enumerate(case.steps) if step.kind == "line"
             for name in step.states[1] if name.isidentifier() and name in step.states[0]
             and not same(step.states[0][name], step.states[1][name])]
    site = case.pick(sites)
    if site is None:
        return None
    i, name = site
    before, after = case.steps[i].states[0], case.steps[i].states[1]
    kept = [n for n in after if n.isidentifier() and n != name and n in before and same(before[n], after[n])]
    said = case.rng.choice([f"`{name}` was already `{after[name]}`", f"`{name}` already held `{after[name]}`",
                            f"the line touches `{name}`; it stays at `{after[name]}`",
                            f"so `{name} = {after[name]}`, the same value as before", "the result does not change",
                            "nothing changes"] + ([f"`{name}` and `{kept[0]}` stay the same"] if kept else []))
    paragraph = case.paragraphs[i]
    return case.with_paragraph(i, paragraph[:-1] + "; " + said + "." if paragraph.endswith(".") else
                               paragraph + " " + said[:1].upper() + said[1:] + "."), False


GIVEN_QUOTE = re.compile(r'The problem says "([^"]+)", (?:which is where|and that is where|and this is where) `(\w+) = ')
MENTION_QUOTE = re.compile(r'The problem (?:mentions|refers to) (?:it|this) in "([^"]+)"')


def quote_of_another_quantity(case: Case):
    """A problem clause that states another given quoted for a value: the Store A clause for `price_b`,
    "Machine A makes 12 widgets per hour" for `hours`."""
    from tracepile.authored import name_words, squeeze
    givens = [(i, m) for i, m in case.sites(GIVEN_QUOTE)]
    site = case.pick(case.sites(MENTION_QUOTE) or givens)  # a mention where there is one: it quotes no number
    if site is None or len(givens) < 2:
        return None
    i, m = site
    others = [(g.group(1), g.group(2)) for j, g in givens if g.group(1) != m.group(1)]
    if not others:
        return None
    quote, owner = case.rng.choice(others)
    clauses = re.split(r"[,;:?!]|\.(?!\d)|\s(?:and|but|while|so)\s", " ".join(case.problem.split()))
    same_clause = any(squeeze(m.group(1)) in squeeze(c) and squeeze(quote) in squeeze(c) for c in clauses)
    if m.re is GIVEN_QUOTE:
        still = same_clause
    else:  # a mention of a computed name: true when the quote is its own clause, asks for it, or is of a given
        # the name is named after (`pack_b` for `packs_from_b`)
        event = case.trace.events[case.steps[i].event]
        names = [n for n, _ in event.changes]
        still = same_clause or "how many" in quote.lower() or "how much" in quote.lower() or \
            any(set(name_words(owner)) <= set(name_words(n)) for n in names)
    return case.with_paragraph(i, splice(case.paragraphs[i], m, 1, quote)), still


CHANGED_INSIDE = re.compile(r"`([^`]+)` is now `([^`]+)`, changed inside `[^`]+`")


def side_effect_credited_to_line(case: Case):
    """`this sets `arr = [...]`` at a line whose callee changed `arr` (the template says `arr` is now `[...]`,
    changed inside `quick_sort`): the change credited to the calling line."""
    site = case.pick(case.sites(CHANGED_INSIDE))
    if site is None:
        return None
    i, m = site
    tree = statement_of(case, i)
    name = m.group(1)
    own = tree is None or any(isinstance(n, (ast.Name, ast.Attribute, ast.Subscript)) and isinstance(n.ctx, ast.Store)
                              and ast.unparse(n).split("[")[0].split(".")[0] == name for n in ast.walk(tree))
    return case.with_paragraph(i, splice(case.paragraphs[i], m, 0, f"this sets `{name} = {m.group(2)}`")), own


def statement_of(case: Case, i: int) -> ast.AST | None:
    """The statement the paragraph's line starts (a header gets an empty body), parsed from the code."""
    line = case.trace.events[case.steps[i].event].line
    lines = case.trace.code.splitlines()
    for end in range(line, min(len(lines), line + 30) + 1):
        text = "\n".join(lines[line - 1:end]).strip()
        text = text[2:] if text.startswith("elif") else text
        for attempt in (text, text + "\n    pass"):
            try:
                return ast.parse(attempt)
            except SyntaxError:
                continue
    return None


def own_parts(case: Case, i: int) -> set[str]:
    tree = statement_of(case, i)
    return {ast.unparse(n) for n in ast.walk(tree) if isinstance(n, ast.expr)} if tree else set()


def canonical(expr: str) -> str:
    try:
        return ast.unparse(ast.parse(expr, mode="eval"))
    except SyntaxError:
        return expr


def literal_or_none(text: str):
    try:
        return ast.literal_eval(text.strip())
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return None


def relation_holds(relation: str, left, right) -> bool:
    try:
        return left is not None and right is not None and bool(HOLD[relation](left, right))
    except TypeError:
        return False


def side_value(span: str):
    return literal_or_none(span.partition(" = ")[2] if " = " in span else span)


def true_value(case: Case, i: int, expr: str) -> str | None:
    """`expr`'s value before the step, evaluated by the oracle over the literal state, as Python shows it."""
    value = _evaluate(expr, case.steps[i].states[0])
    return None if value is None or callable(value) else repr(value)


def other_bound(case: Case):
    """`len(cart) = 0` is at most `4` for a line that compares with 5: a bound the relation still holds
    for, but not the one the line compares with."""
    sites = [(i, m) for i, m in case.sites(BECAUSE, ("line",)) if isinstance(literal_or_none(m.group(4)), int)
             and isinstance(literal_or_none(m.group(2)), (int, float)) and not isinstance(literal_or_none(m.group(2)), bool)]
    site = case.pick(sites)
    if site:
        i, m = site
        left, old = literal_or_none(m.group(2)), literal_or_none(m.group(4))
        options = [b for b in range(int(left) - 3, int(left) + 4) if b != old and relation_holds(m.group(3), left, b)]
        if options:
            return case.with_paragraph(i, splice(case.paragraphs[i], m, 4, str(case.rng.choice(options)))), False


def other_expression(case: Case):
    """`count % 3 = 0` is equal to `0` for a line that tests `count % 2 == 0`: a number of the side's
    expression changed, its true value stated, the relation still holding."""
    site = case.pick([(i, m) for i, m in case.sites(BECAUSE, ("line",)) if NUMBER.search(m.group(1))])
    if site:
        i, m = site
        parts, right = own_parts(case, i), side_value(m.group(4))
        number = case.rng.choice(list(NUMBER.finditer(m.group(1))))
        for step in case.rng.sample((1, 2, 3, -1, -2), 5):
            expr = m.group(1)[:number.start()] + str(int(number.group()) + step) + m.group(1)[number.end():]
            value = true_value(case, i, expr)
            if value is not None and relation_holds(m.group(3), literal_or_none(value), right):
                new = case.paragraphs[i][:m.start(1)] + f"{expr} = {value}" + case.paragraphs[i][m.end(2):]
                return case.with_paragraph(i, new), canonical(expr) in parts


def name_not_compared(case: Case):
    """`u = 0` is in `seen = {0}` for a line that tests `v in seen`: another name of the frame, its true
    value stated, the relation still holding."""
    site = case.pick(case.sites(BECAUSE, ("line",)))
    if site:
        i, m = site
        parts, right = own_parts(case, i), side_value(m.group(4))
        before = case.steps[i].states[0]
        names = [n for n in sorted(before) if n.isidentifier() and n not in parts
                 and relation_holds(m.group(3), literal_or_none(before[n]), right)]
        if names:
            name = case.rng.choice(names)
            new = case.paragraphs[i][:m.start(1)] + f"{name} = {before[name]}" + case.paragraphs[i][m.end(2):]
            return case.with_paragraph(i, new), False


def other_condition(case: Case):
    """`len(ls) * 10 > len(w)` is True for a line that tests `len(ls) * 2 > len(w)`: the restated condition
    with a number changed and its own true outcome (`is True/False`, or `= v, which counts as ...`)."""
    pattern = re.compile(r"`([^`=]+)` is (True|False)\b|`([^`]+?) = ([^`]+)`, which counts as")
    site = case.pick([(i, m) for i, m in case.sites(pattern, ("line",)) if NUMBER.search(m.group(1) or m.group(3))])
    if site:
        i, m = site
        group = 1 if m.group(1) else 3
        old = m.group(group)
        number = case.rng.choice(list(NUMBER.finditer(old)))
        expr = old[:number.start()] + str(int(number.group()) + case.rng.choice((1, 2, 8))) + old[number.end():]
        value = true_value(case, i, expr)
        if value is None or group == 1 and value not in ("True", "False"):
            return None
        new = f"`{expr}` is {value}" if group == 1 else f"`{expr} = {value}`, which counts as"
        paragraph = case.paragraphs[i][:m.start()] + new + case.paragraphs[i][m.end():]
        return case.with_paragraph(i, paragraph), canonical(expr) in own_parts(case, i) and group == 1


def other_operand(case: Case):
    """`string[:8] = 'd'` listed as an operand (or shown step by step) of a line that computes `string[:2]`:
    a number of the expression changed, or another name of the frame, with its true value."""
    sites = []
    for i, m in case.sites(OPERAND_LIST, ("line",)):
        sites += [(i, v) for v in VALUE.finditer(case.paragraphs[i], m.start(1), m.end(1))]
    site = case.pick(sites)
    if site:
        i, v = site
        parts, expr = own_parts(case, i), v.group(1)
        numbers = list(NUMBER.finditer(expr))
        if numbers:
            n = case.rng.choice(numbers)
            expr = expr[:n.start()] + str(int(n.group()) + case.rng.choice((1, 2, 6))) + expr[n.end():]
        else:
            names = [n for n in sorted(case.steps[i].states[0]) if n.isidentifier() and n not in parts]
            if not names:
                return None
            expr = case.rng.choice(names)
        value = true_value(case, i, expr)
        if value is None:
            return None
        new = case.paragraphs[i][:v.start()] + f"`{expr} = {value}`" + case.paragraphs[i][v.end():]
        return case.with_paragraph(i, new), canonical(expr) in parts


MUTATIONS = {
    "change a number inside a value claim": number_in_value,
    "flip True/False of a condition": flip_condition,
    "change \"line N runs next\"": next_line,
    "change the final answer": final_answer,
    "delete a step paragraph from the middle": delete_paragraph,
    "swap the values of two claims": swap_values,
    "change an iteration number": iteration_number,
    "add a false sentence in plain words": plain_false_sentence,
    "add a false fact in an unknown code span": code_span_fact,
    "state a value from the other end of the step": other_end,
    "put a true claim inside a negated sentence": negated,
    "false claim in a return / call / summary paragraph": claim_in_other_paragraph,
    "`Line N` anchors + false prose + right final answer": prose_with_anchors,
    "wrong variable name": wrong_variable,
    "elided value": elided_value,
    "wrong loop-exit count": loop_exit_count,
    "wrong call argument": call_argument,
    "wrong printed text": printed_text,
    "wrong exception": wrong_exception,
    "statement about a step that did not happen": step_not_happened,
    "reordered steps": reordered_steps,
    "true claim attached to the wrong line": claim_on_wrong_line,
    "\"take the same path\" for iterations that differ": false_same_path,
    "wrong lines for a group of iterations": wrong_group_lines,
    "wrong text read from standard input": stdin_read,
    "wrong result of a mutating call, or a call not made": mutating_result,
    "a word of a quoted problem text or comment changed": quote_word,
    "wrong comment line": comment_line,
    "wrong answer to the problem's question": problem_answer,
    "wrong move (start, end, amount or direction)": wrong_move,
    "wrong value that stays": wrong_stay,
    "opposite relation in a `because`": wrong_relation,
    "wrong value of the operand a `because` names": wrong_deciding_operand,
    "false \"last iteration\"": false_last_iteration,
    "wrong number of iterations (\"will run N times\", \"N iterations in all\")": wrong_loop_total,
    "wrong outcome of the previous check": flipped_previous,
    "a `because` bound the line does not compare with": other_bound,
    "a `because` about another expression": other_expression,
    "a `because` about a name the condition does not use": name_not_compared,
    "a restated condition that is not the line's": other_condition,
    "an operand or sub-expression the line does not compute": other_operand,
    "change words of another operation (`grows by` for `*=`)": misnamed_operation,
    "\"goes back to the `for` loop\" on its first arrival": loop_gone_back_to,
    "persistence said of a value the step changed (already, stays, the same as before, nothing changes)":
        persistence_of_a_change,
    "a problem clause about another quantity quoted for a value": quote_of_another_quantity,
    "a callee's change credited to the calling line (`this sets`)": side_effect_credited_to_line,
}


# ---------------------------------------------------------------- question steps: a false number or value in the
# sentence that works a question's answer out (and in input prediction's backward lead)

STEP_NUMBER = re.compile(r"(?<![\w.'])-?\d+(?![\w'])(?!\.\d)")
THRESHOLD = re.compile(r"`[^`]*[<>] -?\d*$")  # a threshold moved by one can still be crossed first at that iteration


def step_mutants(text: str, question, t, rng: random.Random) -> list[tuple[str, bool]]:
    """(mutant, still true) per planted error kind that applies: a number of the step (line, count, iteration,
    call number, k, depth) and a number inside a value it lists; input prediction: the same in its backward
    lead. Still true: "line N never ran" moved to another line that never ran either."""
    paragraphs = text.split("\n\n")
    at = [len(paragraphs) - 2] + ([0] if question.kind == "input" else [])
    out = []
    for index in at:
        paragraph = paragraphs[index]
        spans = [m.span() for m in re.finditer(r"`[^`]+`", paragraph)]
        numbers = [m for m in STEP_NUMBER.finditer(paragraph) if not THRESHOLD.search(paragraph[:m.end()])]
        for inside in (False, True):
            sites = [m for m in numbers if any(a < m.start() < b for a, b in spans) == inside]
            if sites:
                m = rng.choice(sites)
                number = int(m.group()) + rng.choice((1, 2))
                new = paragraph[:m.start()] + str(number) + paragraph[m.end():]
                still = "never ran" in new and all(getattr(e, "line", None) != number for e in t.events
                                                   if isinstance(e, LineEvent))
                out.append(("\n\n".join(paragraphs[:index] + [new] + paragraphs[index + 1:]), still))
    return out


def step_table(traces: list, seed: int) -> tuple[dict, int, int]:
    """Per question kind: [mutants, set aside, killed]; and how many unmodified rationales pass."""
    from tracepile.enrich.questions import candidates, rationale, verify_rationale
    rows: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    passed = total = 0
    for t in traces:
        rng = random.Random(f"{seed}/{t.program_id}/{t.input.text}/steps")
        runs = {(t.code, t.input): t}

        def rerun(code, program_input, runs=runs):  # an input question's candidates run once each
            if (code, program_input) not in runs:
                runs[(code, program_input)] = trace(code, program_input)
            return runs[(code, program_input)]

        for kind, questions in sorted(candidates(t).items()):
            if not questions:
                continue
            question = rng.choice(questions)
            try:
                text, _ = rationale(t, question, seed, rerun)
            except ValueError:  # an input no nearby candidate derives: the build makes no sample of it
                continue
            total += 1
            passed += verify_rationale(text, t, question, rerun).passed
            for mutant, still_true in step_mutants(text, question, t, rng):
                rows[kind][0] += 1
                rows[kind][1] += still_true
                if not still_true:
                    rows[kind][2] += not verify_rationale(mutant, t, question, rerun).passed
    return rows, passed, total


# ---------------------------------------------------------------- runs

def mutation_table(traces: list, per_trace: int, seed: int) -> tuple[list[tuple], int, int]:
    rows: dict[str, Counter] = defaultdict(Counter)
    passed = 0
    for t in traces:
        problem = PROBLEMS.get(t.program_id, "")
        text = narrate(t, seed=seed, problem=problem).response
        passed += verify(text, t, problem=problem).passed
        paragraphs = text.split("\n\n")
        steps = align(t, paragraphs)
        for kind, mutate in MUTATIONS.items():
            rng = random.Random(f"{seed}/{t.program_id}/{t.input.text}/{kind}")
            seen = {text}
            for _ in range(per_trace):
                made = mutate(Case(t, paragraphs, steps, rng, problem))
                if made is None or made[0] in seen:
                    continue
                mutant, still_true = made
                seen.add(mutant)
                rows[kind]["made"] += 1
                if still_true:
                    rows[kind]["set aside"] += 1
                    continue
                rows[kind]["killed"] += not verify(mutant, t, problem=problem).passed
                rows[kind]["counted"] += 1
    table = [(kind, rows[kind]["made"], rows[kind]["set aside"], rows[kind]["counted"], rows[kind]["killed"])
             for kind in MUTATIONS]
    return table, passed, len(traces)


def timing(traces: list, tokenizer, target: int = 2000, repeats: int = 5) -> list[tuple[int, float, float]]:
    """(tokens, CPU ms, wall ms) to verify each text of about `target` tokens: the best of `repeats`
    runs. CPU time is this process's time on one core, so load from other processes does not count."""
    rows = []
    for t in traces:
        for compression in (None, Compression(head=4, tail=2), Compression(head=10 ** 9, tail=1)):
            text = narrate(t, compression=compression).response
            tokens = len(tokenizer.encode(text).ids)
            if 0.75 * target <= tokens <= 1.25 * target:
                runs = [_timed(text, t) for _ in range(repeats)]
                rows.append((tokens, min(r[0] for r in runs) * 1000, min(r[1] for r in runs) * 1000))
                break
    return rows


def _timed(text: str, t) -> tuple[float, float]:
    cpu, wall = time.process_time(), time.perf_counter()
    verify(text, t)
    return time.process_time() - cpu, time.perf_counter() - wall


def p90(values: list[float]) -> float:
    return statistics.quantiles(values, n=10)[-1] if len(values) > 1 else values[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cruxeval", type=int, default=200)
    parser.add_argument("--bundled", type=int, default=30)
    parser.add_argument("--inputs", type=int, default=3)
    parser.add_argument("--per-trace", type=int, default=1, help="mutants per kind per trace")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    started = time.perf_counter()
    traces = traced(jobs(args.cruxeval, args.bundled, args.inputs, args.seed), args.workers)
    print(f"{len(traces)} narratable traces ({time.perf_counter() - started:.0f} s to trace)\n")
    table, passed, total = mutation_table(traces, args.per_trace, args.seed)
    print("| planted error | mutants | set aside (still true) | counted | killed | kill rate |")
    print("|---|---:|---:|---:|---:|---:|")
    for kind, made, aside, counted, killed in table:
        rate = f"{100 * killed / counted:.1f}%" if counted else "-"
        print(f"| {kind} | {made} | {aside} | {counted} | {killed} | {rate} |")
    print(f"\nunmodified template texts passing: {passed}/{total} ({100 * passed / max(1, total):.1f}%)")
    steps, step_passed, step_total = step_table(traces, args.seed)
    print("\n| false number in the answer step of | mutants | set aside (still true) | killed | kill rate |\n"
          "|---|---:|---:|---:|---:|")
    for kind, (made, aside, killed) in sorted(steps.items()):
        rate = f"{100 * killed / (made - aside):.1f}%" if made > aside else "-"
        print(f"| {kind} | {made} | {aside} | {killed} | {rate} |")
    print(f"\nunmodified question rationales passing: {step_passed}/{step_total} "
          f"({100 * step_passed / max(1, step_total):.1f}%)")
    from tracepile.quality.tokens import load_tokenizer
    rows = timing(traces, load_tokenizer())
    if rows:
        tokens, cpu, wall = zip(*rows)
        per_2000 = [c * 2000 / n for n, c, _ in rows]
        print(f"\nverify time for {len(rows)} texts of {min(tokens)}-{max(tokens)} tokens (median "
              f"{statistics.median(tokens):.0f}), best of 5 runs each:")
        print("| measure | median | p90 |\n|---|---:|---:|")
        print(f"| CPU time, one core (ms) | {statistics.median(cpu):.2f} | {p90(list(cpu)):.2f} |")
        print(f"| CPU time scaled to 2,000 tokens (ms) | {statistics.median(per_2000):.2f} | {p90(per_2000):.2f} |")
        print(f"| wall time (ms) | {statistics.median(wall):.2f} | {p90(list(wall)):.2f} |")


if __name__ == "__main__":
    main()
