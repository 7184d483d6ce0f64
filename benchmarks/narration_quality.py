"""How much the CoEs of a default build show about how values arise: intermediate values, call
results, input reads, faithful summaries, prose variety.

Builds the default corpus (or reads an existing build's Parquet files) and reports, over the main
CoE samples: the share of narrated assignments/returns with top-level arithmetic whose intermediate
values are stated as claims, the share of narrated lines with a builtin call / a method call whose call
value is stated, the share of input reads described (what each consumed, as a checked claim), the share
of lines with a mutating method call narrated as an action, the share of loop summaries over iterations
that took different paths, unclosed code fences, distinct prose words and trigrams outside code, and
response tokens by kind and by domain; input samples that try the answer first (before any wrong
candidate is worked through); the filler and foreknowledge measures (`filler`): loop counts stated
at an iteration without their ground, loop-iteration answers stated at iteration 1, flipped-outcome
phrases per response, comment quotes on entry to a helper that are not directly above its `def`, responses
quoting the file's header comment, `X = X` tautologies, and same-path summaries over iterations whose
one-line loops ran their body a different number of times (re-traced and re-checked; `--no-retrace`
skips it); the concision measures: whole restatements of a container longer than 40 characters after
its first statement in a response, calls narrated in full whose narration repeats an earlier call's word for
word (and repeated calls said in one sentence), and `and`/`or` verdicts whose deciding operand no code span of
the paragraph states with its value; per kind, the answer-producing steps hidden in summaries (each sample
re-traced: the steps of its focus, tracepile.narration.focus, that lie inside a loop summary of its text);
over the question samples: the share whose rationale ends, right before its
final answer, with its kind's answer step (a sentence of one of the step forms of `STEP_FORMS`, in a
verified sample), and the line-count rationales whose last step states a returned value other than the
answer.

    python benchmarks/narration_quality.py --samples 2000          # build, then measure
    python benchmarks/narration_quality.py --corpus out/            # measure an existing build
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import re
import shutil
import statistics
import tempfile
from collections import defaultdict
from pathlib import Path

import pyarrow.parquet as pq

from tracepile.verification.claims import parse

BUILTINS = frozenset("""int float str ord chr abs pow divmod round len min max sum sorted reversed any all
range gcd comb isqrt""".split())
READS = ("input", "readline", "read", "next")
CLAIM = re.compile(r"`([^`\n]+?) = ([^`\n]+)`")
LINE = re.compile(r"^(?:Line|Back at line) (\d+)\b")
FENCE = re.compile(r"`{3,}[\s\S]*?`{3,}")
SPAN = re.compile(r"`[^`\n]*`")
WORD = re.compile(r"[a-z]+")
FIRST = re.compile(r"iteration 1\b")
PURE_METHOD_NAMES = frozenset("""count index find rfind split rsplit join strip lstrip rstrip replace upper lower
startswith endswith get keys values items copy isdigit isalpha isalnum isspace title zfill union intersection
difference issubset issuperset bit_length""".split())


# question kind -> the grammar forms (verification/grammar.py) of the step that works its answer out
STEP_FORMS = {
    "line_count": ("count_in_iterations", "count_in_calls"), "call_count": ("count_calls",),
    "loop_iterations": ("loop_total",), "max_value": ("extreme",), "first_iteration": ("first_past",),
    "exception": ("first_exception", "no_exception"), "call_return": ("kth_return",), "state": ("kth_state",),
    "next_line": ("kth_next", "kth_last"), "line_executed": ("line_ran", "line_never"), "max_depth": ("deepest",),
    "branch": ("kth_branch",), "input": ("backward_match",),
}
RETURNS = re.compile(r"returns `([^`\n]+)`")
MUTATING_METHOD_NAMES = frozenset("""append pop popleft appendleft extend insert remove add discard heappush
heappop sort update setdefault clear reverse""".split())


def described(measure: str, paragraph: str) -> bool:
    """A read said by what it consumed; a mutating call said as an action (`calls `q.pop()``)."""
    if measure == "input read":
        return " from standard input" in paragraph or "calls `next(" in paragraph
    if measure == "method, mutating":
        return " calls `" in paragraph
    return False


def read_rows(corpus: Path) -> list[dict]:
    rows = []
    for path in sorted(corpus.rglob("*.parquet")):
        rows += pq.read_table(path).to_pylist()
    return rows


def program_code(prompt: str) -> str:
    match = re.search(r"```python\n([\s\S]*?)\n```", prompt)
    lines = match.group(1).splitlines() if match else []
    return "\n".join(re.sub(r"^\s*\d+(?:  |$)", "", line, count=1) for line in lines)  # blank lines: number only


def norm(expr: str) -> str:
    try:
        return ast.unparse(ast.parse(expr.strip(), mode="eval"))
    except SyntaxError:
        return expr.strip()


def line_nodes(code: str) -> dict[int, ast.stmt]:
    """Simple statements by first line (compound headers by their test/iter only)."""
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return {}
    return {node.lineno: node for node in ast.walk(tree) if isinstance(node, ast.stmt)}


def arithmetic(stmt: ast.stmt) -> list[str]:
    """Sub-expressions of a top-level arithmetic value (assign, augmented assign, return)."""
    value = getattr(stmt, "value", None)
    if not isinstance(stmt, (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Return)):
        return []
    if not isinstance(value, ast.BinOp):
        return []
    return [norm(ast.unparse(n)) for n in ast.walk(value) if isinstance(n, ast.BinOp)]


def header_exprs(stmt: ast.stmt) -> list[ast.AST]:
    """The expressions a narrated line evaluates (a compound statement: its header only)."""
    if isinstance(stmt, (ast.If, ast.While, ast.Assert)):
        return [stmt.test]
    if isinstance(stmt, (ast.For, ast.AsyncFor)):
        return [stmt.iter]
    if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Try, ast.With)):
        return []
    return [stmt]


def calls(stmt: ast.stmt) -> tuple[list[str], list[str], list[str]]:
    """Builtin calls, method calls on values (not modules) and input reads on the line."""
    builtin, method, reads = [], [], []
    for root in header_exprs(stmt):
        lambdas = {id(n) for lam in ast.walk(root) if isinstance(lam, ast.Lambda) for n in ast.walk(lam.body)}
        for node in ast.walk(root):
            if not isinstance(node, ast.Call) or id(node) in lambdas:  # a lambda's body runs when it is called
                continue
            func, source = node.func, norm(ast.unparse(node))
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            if name in READS:
                reads.append(source)
            elif isinstance(func, ast.Name) and name in BUILTINS:
                builtin.append(source)
            elif isinstance(func, ast.Attribute) and not (isinstance(func.value, ast.Name) and
                                                          func.value.id in ("math", "sys", "heapq")):
                method.append(source)
    return builtin, method, reads


def paragraphs_by_line(response: str) -> list[tuple[int, set[str], str]]:
    out = []
    for paragraph in response.split("\n\n"):
        match = LINE.match(paragraph)
        if match:
            out.append((int(match.group(1)), {norm(m.group(1)) for m in CLAIM.finditer(paragraph)}, paragraph))
    return out


def prose(response: str) -> list[str]:
    body = response.split("Final answer")[0]
    body = SPAN.sub(" ", FENCE.sub(" ", body)).lower()
    return WORD.findall(body)


def last_step(response: str) -> str:
    """The paragraph right before the final answer."""
    body = response[:response.rfind("Final answer")].rstrip()
    return body.rsplit("\n\n", 1)[-1]


def has_step(row: dict) -> bool:
    """A verified question sample whose last paragraph before the answer is a step of its kind."""
    forms = STEP_FORMS.get(row["kind"], ())
    return bool(row["verified"]) and any(claim.form in forms for sentence in parse(last_step(row["response"]))
                                         for claim in sentence.claims)


def contradicts(row: dict) -> bool:
    """A line-count rationale whose last step states a returned value that is not the answer."""
    stated = RETURNS.findall(last_step(row["response"]))
    return bool(stated) and stated[-1].strip() != row["answer"].strip()


COUNT_EARLY = re.compile(r"(?:the loop|it) (?:runs|will run) \d+ (?:iterations|times) in all")
GROUND = re.compile(r" holds \d+ (?:numbers|items|characters|elements|values), so (?:the loop|it) (?:runs|will run) \d+")
ITERATION_START = re.compile(r"iteration \d+ (?:begins|starts|of the loop runs)|this is iteration \d+")
FLIP = re.compile(r"(?:flips|reverses) the outcome of the previous check")
QUOTE = re.compile(r"The comment at line (\d+)")
ENTRY = re.compile(r"^(?:We enter|The call enters|Calling) `([^`]+)` \(depth (\d+)\)")
TAUTOLOGY = re.compile(r"`([^`\n]+?) = ([^`\n]+)`")


def above_def(code: str, func: str) -> set[int]:
    """The comment-only lines directly above `def func` (no blank line between)."""
    lines = code.splitlines()
    found = set()
    for number, text in enumerate(lines, 1):
        if re.match(rf"\s*(?:async )?def {re.escape(func)}\b", text):
            above = number - 1
            while above >= 1 and lines[above - 1].strip().startswith("#"):
                found.add(above)
                above -= 1
    return found


def header_lines(code: str) -> set[int]:
    """The comment-only lines the file opens with (its header comment)."""
    found = set()
    for number, text in enumerate(code.splitlines(), 1):
        if not text.strip().startswith("#"):
            break
        found.add(number)
    return found


def filler(row: dict, tally: dict) -> None:
    """Foreknowledge and filler counts of one response, added to `tally` (measure -> count)."""
    text, code = row["response"], program_code(row["prompt"])
    tally["responses"] += 1
    paragraphs = text.split("\n\n")
    early = sum(1 for p in paragraphs if ITERATION_START.search(p) and COUNT_EARLY.search(p) and not GROUND.search(p))
    tally["counts stated before their ground"] += early
    tally["responses with a count before its ground"] += early > 0
    tally["counts stated with their ground"] += sum(len(GROUND.findall(p)) for p in paragraphs)
    if row["kind"] == "loop_iterations":
        tally["loop_iterations responses"] += 1
        tally["loop_iterations responses stating the count at iteration 1"] += any(
            re.search(r"iteration 1\b", p) and (COUNT_EARLY.search(p) or GROUND.search(p)) for p in paragraphs)
        tally["loop_iterations responses stating it at iteration 1 without its ground"] += any(
            re.search(r"iteration 1\b", p) and COUNT_EARLY.search(p) and not GROUND.search(p) for p in paragraphs)
    flips = len(FLIP.findall(text))
    tally["flip phrases"] += flips
    tally["responses with a flip phrase"] += flips > 0
    tally["most flip phrases in one response"] = max(tally["most flip phrases in one response"], flips)
    header = header_lines(code)
    tally["responses quoting the header comment"] += any(int(n) in header for n in QUOTE.findall(text))
    for paragraph in paragraphs:
        entry = ENTRY.match(paragraph)
        if entry and int(entry.group(2)) > 1:
            own = above_def(code, entry.group(1))
            tally["comment quotes on helper entries not above their def"] += sum(
                int(n) not in own for n in QUOTE.findall(paragraph))
    tautologies = sum(1 for m in TAUTOLOGY.finditer(text) if m.group(1).strip() == m.group(2).strip())
    tally["X = X tautologies"] += tautologies
    tally["responses with a tautology"] += tautologies > 0


BIG = 40  # narration/elements.py SMALL_CONTAINER_CHARS: a container rendered longer is not small
CONTAINER = re.compile(r"`([A-Za-z_][\w.]*) = ([\[{(][^`\n]*|set\([^`\n]*)`")
ENTERED = re.compile(r"^(?:We enter|The call enters|Calling) `([^`]+)`")
LEFT = re.compile(r"^(?:So )?`([^`]+)` (?:returns|yields) ")
REPEATED = re.compile(r"` again returns `[^`\n]*`, as in call \d+\.")
NOT_PATH = re.compile(r" (?:That is call \d+ of `[^`]+`\.|The comment at line \d+ says: \"[^\"]*\"\.)| \(depth \d+\)")


def input_first(row: dict, tally: dict) -> None:
    """Input samples, and those whose first tried input is the answer (the input appears before any
    derivation: no wrong candidate was worked through first)."""
    if row["kind"] != "input":
        return
    tally["input samples"] += 1
    tried = [p for p in row["response"].split("\n\n") if re.match(r"(?:Next, )?[Tt]ry ", p)]
    tally["input samples that try the answer first"] += bool(tried) and bool(
        re.match(r"Try (?:the call `|this standard input and run)", tried[0]))


def concision(row: dict, tally: dict) -> None:
    """Bloat counts of one response, added to `tally`: whole restatements of a container that is not small
    after its first statement in the response (item changes said whole), and calls narrated in full (entry
    to return) whose narration repeats, word for word, an earlier call's in the same response, against
    repeated calls said in one sentence."""
    text = row["response"].split("Final answer")[0]
    seen, restated = set(), 0
    for match in CONTAINER.finditer(text):
        name, value = match.groups()
        if len(value) > BIG:
            restated += name in seen
            seen.add(name)
    tally["whole restatements of big containers"] += restated
    tally["responses with a whole restatement of a big container"] += restated > 0
    paragraphs, open_calls, blocks = text.split("\n\n"), [], set()
    for index, paragraph in enumerate(paragraphs):
        if ENTERED.match(paragraph):
            open_calls.append(index)
        elif LEFT.match(paragraph) and open_calls:
            block = NOT_PATH.sub("", "\n\n".join(paragraphs[open_calls.pop():index + 1]))
            tally["repeated identical calls narrated in full"] += block in blocks
            blocks.add(block)
    said = len(REPEATED.findall(text))
    tally["repeated calls said in one sentence"] += said
    for paragraph in paragraphs:
        missing = undecided(paragraph)
        if missing is not None:
            tally["and/or verdicts"] += 1
            tally["and/or verdicts without their deciding part"] += missing


VERDICT = re.compile(r"checks the (?:loop |`elif` )?condition `([^`\n]+)`[\s\S]*?; `\1` is (True|False)")


def undecided(paragraph: str) -> int | None:
    """For a paragraph that checks an `and`/`or` condition and gives its verdict: 1 when no code span of it
    states the deciding operand with its value (the first False operand of a False `and`, the first True one
    of a True `or`, the last operand otherwise), 0 when one does; None for other paragraphs."""
    match = VERDICT.search(paragraph)
    if not match:
        return None
    try:
        node = ast.parse(match.group(1), mode="eval").body
    except SyntaxError:
        return None
    if not isinstance(node, ast.BoolOp):
        return None
    verdict, is_and = match.group(2), isinstance(node.op, ast.And)
    stated = {norm(m.group(1)): m.group(2).strip() for m in CLAIM.finditer(paragraph)}
    operands = [ast.unparse(v) for v in node.values]
    if (verdict == "False") == is_and:  # short-circuit: an operand with the verdict's value decides
        return 0 if any(stated.get(o) == verdict for o in operands) else 1
    return 0 if stated.get(operands[-1]) == verdict else 1


def unsound_summaries(rows: list[dict]) -> tuple[int, int]:
    """(same-path summaries of main CoE samples over a loop with a one-line loop, those the verifier's
    path check rejects): each such sample is traced again and its text checked."""
    from tracepile.engine import trace
    from tracepile.model import ProgramInput
    from tracepile.tracer.analysis import analyze
    from tracepile.tracer.paths import one_line_loops
    from tracepile.verification import verify
    checked = rejected = 0
    for row in rows:
        if row["kind"] != "coe" or " take the same path;" not in row["response"]:
            continue
        code = program_code(row["prompt"])
        if not one_line_loops(analyze(code)):
            continue
        checked += row["response"].count(" take the same path;")
        result = trace(code, ProgramInput(row["input_kind"], row["input"]))
        report = verify(row["response"], result, strict=False)
        rejected += sum(1 for s in report.sentences if s.verdict == "false" and "take different paths" in s.reason)
    return checked, rejected


SUMMARY = re.compile(r"Iterations (\d+) to (\d+) of the loop at line (\d+)")


def summarised_spans(text: str, events) -> list[tuple[int, int]]:
    """The event ranges [begin, end) of a text's loop summaries, found in execution order."""
    from tracepile.model import LineEvent
    spans, cursor = [], 0
    for first, last, loop in ((int(a), int(b), int(c)) for a, b, c in SUMMARY.findall(text)):
        begin = next((i for i in range(cursor, len(events)) if isinstance(events[i], LineEvent)
                      and events[i].loop and events[i].loop[0] == loop and events[i].loop[2] == first), None)
        if begin is None:
            continue
        key = events[begin].loop[:2]
        end = next((i for i in range(begin + 1, len(events)) if isinstance(events[i], LineEvent)
                    and events[i].loop and events[i].loop[:2] == key and events[i].loop[2] in (last + 1, 0)),
                   len(events))
        spans.append((begin, end))
        cursor = end
    return spans


def hidden_steps(rows: list[dict]) -> dict[str, list[int]]:
    """Per kind: [answer-producing steps inside a loop summary, samples hiding one, samples]. The steps
    are a sample's focus (tracepile.narration.focus: what the answer depends on, the asked steps and every
    counted run or call); each sample is traced again to find them."""
    from tracepile.engine import trace
    from tracepile.enrich.questions.build import candidates
    from tracepile.enrich.questions.focus import question_focus
    from tracepile.model import ProgramInput
    from tracepile.narration.focus import answer_focus
    from tracepile.tracer.analysis import analyze
    out: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    traces: dict[tuple[str, str, str], object] = {}
    for row in rows:
        code = program_code(row["prompt"])
        key = (code, row["input_kind"], row["input"])
        if key not in traces:
            traces[key] = trace(code, ProgramInput(row["input_kind"], row["input"]))
        result = traces[key]
        if not result.events or result.truncated:
            continue
        question = (row.get("provenance") or {}).get("question")
        if row["kind"] == "coe" or not question:
            focus = answer_focus(result.events, analyze(code))
        else:
            params = {k: v for k, v in json.loads(question).items() if k != "kind"}
            asked = next((q for q in candidates(result).get(row["kind"], []) if q.params == params), None)
            if asked is None:
                continue
            focus = question_focus(result, row["kind"], params, asked.stop)
        hidden = sum(1 for begin, end in summarised_spans(row["response"], result.events)
                     for i in focus.events if begin <= i < end)
        tally = out[row["kind"]]
        tally[0] += hidden
        tally[1] += hidden > 0
        tally[2] += 1
    return dict(out)


def measure(rows: list[dict], retrace: bool = True) -> dict:
    counts = defaultdict(lambda: [0, 0])  # measure -> [stated, total]
    words, trigrams = set(), set()
    tokens = defaultdict(list)
    summaries = [0, 0, 0]
    unclosed = 0
    tally = defaultdict(int)
    domains = defaultdict(list)
    for row in rows:
        tokens[row["kind"]].append(row["stats"]["response_tokens"])
        domains[row["domain"]].append(row["stats"]["response_tokens"])
        filler(row, tally)
        concision(row, tally)
        input_first(row, tally)
        text = row["response"]
        found = prose(text)
        words.update(found)
        trigrams.update(zip(found, found[1:], found[2:]))
        grouped = len(re.findall(r" take \d+ different paths: ", text))
        summaries[0] += text.count(" are summarised;")
        summaries[1] += text.count(" are summarised;") + text.count(" take the same path;") + grouped
        summaries[2] += grouped
        for part in (row["prompt"], text):
            unclosed += sum(1 for line in part.splitlines() if line.startswith("```")) % 2
        if row["kind"] != "coe":
            counts[f"question step, {row['kind']}"][1] += 1
            counts[f"question step, {row['kind']}"][0] += has_step(row)
            if row["kind"] == "line_count":
                counts["line count ends on another returned value"][1] += 1
                counts["line count ends on another returned value"][0] += contradicts(row)
            continue
        stmts = line_nodes(program_code(row["prompt"]))
        for line, claims, paragraph in paragraphs_by_line(text):
            stmt = stmts.get(line)
            if stmt is None:
                continue
            parts = arithmetic(stmt)
            if parts:
                counts["arithmetic"][1] += 1
                counts["arithmetic"][0] += any(p in claims for p in parts)
            if isinstance(stmt, (ast.For, ast.AsyncFor)) and not FIRST.search(paragraph):
                continue  # Python evaluates a loop's iterable once, before iteration 1
            builtin, method, reads = calls(stmt)
            pure = [c for c in method if c.split("(")[0].rsplit(".", 1)[-1] in PURE_METHOD_NAMES]
            other = [c for c in method if c not in pure]
            mutating = [c for c in other if c.split("(")[0].rsplit(".", 1)[-1] in MUTATING_METHOD_NAMES]
            other = [c for c in other if c not in mutating]
            for name, found_calls in (("builtin", builtin), ("method, pure", pure), ("method, other", other),
                                      ("method, mutating", mutating), ("input read", reads)):
                if found_calls:
                    counts[name][1] += 1
                    counts[name][0] += any(c in claims for c in found_calls) or described(name, paragraph)
    return {"shares": dict(counts), "words": len(words), "trigrams": len(trigrams),
            "misleading_summaries": summaries, "unclosed_fences": unclosed, "tokens": dict(tokens), "rows": len(rows),
            "domains": dict(domains), "filler": dict(tally), "unsound": unsound_summaries(rows) if retrace else None,
            "hidden": hidden_steps(rows) if retrace else None}


def report(result: dict) -> None:
    print(f"{result['rows']} samples")
    steps = [0, 0]
    for name, (stated, total) in sorted(result["shares"].items()):
        share = 100 * stated / total if total else 0.0
        if name.startswith("question step"):
            steps = [steps[0] + stated, steps[1] + total]
            print(f"  {name:<32} rationale ends with its step: {stated} of {total} ({share:.1f}%)")
        elif name.startswith("line count"):
            print(f"  {name}: {stated} of {total} ({share:.1f}%)")
        else:
            print(f"  {name:<12} value stated on {stated} of {total} narrated lines ({share:.1f}%)")
    if steps[1]:
        print(f"  question rationales that contain their question's step: {steps[0]} of {steps[1]} "
              f"({100 * steps[0] / steps[1]:.1f}%)")
    different, all_summaries, grouped = result["misleading_summaries"]
    print(f"  loop summaries over iterations with different paths, not said path by path: {different} of "
          f"{all_summaries} ({grouped} summaries say each path's iterations and lines)")
    print(f"  prompts or responses with an unclosed code fence: {result['unclosed_fences']}")
    print(f"  distinct prose words: {result['words']}, distinct word trigrams: {result['trigrams']}")
    for kind, values in sorted(result["tokens"].items()):
        print(f"  response tokens, {kind:<18} n={len(values):<5} median={statistics.median(values):.0f} "
              f"max={max(values)} over 4,000: {sum(v > 4000 for v in values)}")
    for domain, values in sorted(result["domains"].items()):
        print(f"  response tokens, domain {domain:<11} n={len(values):<5} median={statistics.median(values):.0f}")
    tally = result["filler"]
    for name, value in tally.items():
        if name != "responses":
            print(f"  {name}: {value}" + (f" ({100 * value / tally['responses']:.1f}% of responses)"
                                          if name.startswith("responses") else ""))
    if tally.get("loop_iterations responses"):
        print(f"  loop_iterations responses stating the count at iteration 1: "
              f"{100 * tally['loop_iterations responses stating the count at iteration 1'] / tally['loop_iterations responses']:.1f}%"
              f", without its ground: {100 * tally['loop_iterations responses stating it at iteration 1 without its ground'] / tally['loop_iterations responses']:.1f}%")
    print(f"  flip phrases per response: {tally['flip phrases'] / max(1, tally['responses']):.3f}")
    print(f"  whole restatements of big containers per response: "
          f"{tally['whole restatements of big containers'] / max(1, tally['responses']):.3f}")
    if result.get("hidden") is not None:
        total = [sum(values[i] for values in result["hidden"].values()) for i in range(3)]
        for kind, (steps, samples, n) in sorted(result["hidden"].items()) + [("all", total)]:
            print(f"  answer-producing steps hidden in summaries, {kind:<16} {steps} steps in {samples} of {n} "
                  f"samples ({100 * samples / max(1, n):.1f}%)")
    if result["unsound"] is not None:
        checked, rejected = result["unsound"]
        print(f"  same-path summaries over loops with a one-line loop whose iterations ran it differently: "
              f"{rejected} of {checked}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--corpus", help="an existing build's output folder (skips the build)")
    parser.add_argument("--no-retrace", action="store_true", help="skip re-tracing samples with same-path summaries")
    args = parser.parse_args()
    if args.corpus:
        report(measure(read_rows(Path(args.corpus) / "data"), not args.no_retrace))
        return
    from loguru import logger

    from tracepile.pipeline import BuildConfig, build
    logger.remove()
    out = tempfile.mkdtemp(prefix="tracepile-quality-")
    try:
        build(BuildConfig(samples=args.samples, workers=args.workers), out, progress=False)
        report(measure(read_rows(Path(out) / "data"), not args.no_retrace))
    finally:
        shutil.rmtree(out, ignore_errors=True)


if __name__ == "__main__":
    main()
