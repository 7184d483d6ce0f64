"""Whether the verifier's feedback can be acted on: plant the errors of verifier_mutations.py in template
texts, then put each failure's hint in place of the words it corrects (in its own sentence) and count
the texts that verify again. A hint that is false, or that names the wrong fix, leaves the text rejected.

    python benchmarks/feedback_hints.py                    # 200 CRUXEval + 30 bundled programs x 3 inputs
    python benchmarks/feedback_hints.py --cruxeval 50 --bundled 10
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import verifier_mutations as vm  # noqa: E402 - the corpus, the oracle and the mutations

from tracepile.model import ClaimIssue  # noqa: E402
from tracepile.narration import narrate  # noqa: E402
from tracepile.verification import feedback, verify  # noqa: E402
from tracepile.verification.check import END_OF_TEXT  # noqa: E402

KINDS = ("change a number inside a value claim", "state a value from the other end of the step",
         "swap the values of two claims", "flip True/False of a condition", "change \"line N runs next\"",
         "change the final answer", "a `because` bound the line does not compare with",
         "an operand or sub-expression the line does not compute")
BECAUSE = re.compile(r"because `[^`]+` is [a-z ]+ `[^`]+`")
FLIP = re.compile(r"(?:this|that) (?:flips|reverses) the outcome of the previous check at line \d+, which was (?:true|false)")


def apply(sentence: str, issue: ClaimIssue) -> str:
    """The sentence with the issue's hint in place of the words it corrects."""
    hint, stated = issue.hint, issue.stated
    if hint.startswith("Final answer"):
        return hint
    if hint.startswith("because"):
        return BECAUSE.sub(lambda _: hint, sentence, count=1)
    if hint.startswith("this flips"):
        return FLIP.sub(lambda _: hint, sentence, count=1)
    if hint.startswith("reads ") and stated:
        return re.sub(rf"`{re.escape(stated)} = [^`]+`", lambda _: hint.removeprefix("reads "), sentence, count=1)
    if hint.startswith("`") and " = " in hint and stated:
        wrong = f"`{hint[1:-1].split(' = ')[0]} = {stated}`"
        at = sentence.rfind(wrong) if "state after" in issue.reason else sentence.find(wrong)
        return sentence if at < 0 else sentence[:at] + hint + sentence[at + len(wrong):]
    if hint.endswith("runs next"):
        line = hint.split()[1]
        return re.sub(rf"(line |at line |to line ){re.escape(stated)}\b", lambda m: m.group(1) + line, sentence)
    if hint.startswith("the condition is"):
        return re.sub(r"(counts as|the condition is) (true|false)", lambda m: f"{m.group(1)} {hint.split()[-1]}",
                      sentence)
    if hint.endswith((" is True", " is False")):
        return sentence.replace(f"{hint.rsplit(' is ', 1)[0]} is {stated}", hint, 1)
    return sentence


def repaired(text: str, report) -> str:
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
    for check in report.sentences:
        if check.sentence == END_OF_TEXT or not check.issues:
            continue
        sentence = check.sentence
        for issue in check.issues:
            sentence = apply(sentence, issue) if issue.hint else sentence
        paragraphs[check.paragraph] = paragraphs[check.paragraph].replace(check.sentence, sentence, 1)
    return "\n\n".join(paragraphs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cruxeval", type=int, default=200)
    parser.add_argument("--bundled", type=int, default=30)
    parser.add_argument("--inputs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    traces = vm.traced(vm.jobs(args.cruxeval, args.bundled, args.inputs, args.seed), 2)
    counts: Counter = Counter()
    for t in traces:
        problem = vm.PROBLEMS.get(t.program_id, "")
        text = narrate(t, seed=args.seed, problem=problem).response
        paragraphs = text.split("\n\n")
        steps = vm.align(t, paragraphs)
        for kind in KINDS:
            rng = random.Random(f"{args.seed}/{t.program_id}/{t.input.text}/{kind}")
            made = vm.MUTATIONS[kind](vm.Case(t, paragraphs, steps, rng, problem))
            if not made or made[1]:
                continue
            report = verify(made[0], t, problem=problem)
            if report.passed:
                continue
            counts[kind, "rejected"] += 1
            counts[kind, "hinted"] += bool(feedback(report)) and any(i.hint for s in report.sentences for i in s.issues)
            counts[kind, "repaired"] += verify(repaired(made[0], report), t, problem=problem).passed
    print(f"{len(traces)} traces\n\n| planted error | rejected | with a hint | verify once the hints are applied |\n"
          "|---|---:|---:|---:|")
    for kind in KINDS:
        rejected = counts[kind, "rejected"]
        print(f"| {kind} | {rejected} | {counts[kind, 'hinted']} | {counts[kind, 'repaired']} "
              f"({100 * counts[kind, 'repaired'] / max(1, rejected):.1f}%) |")


if __name__ == "__main__":
    main()
