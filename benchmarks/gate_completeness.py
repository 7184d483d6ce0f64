"""Gate completeness: does honest natural prose pass the verifier, and is every planted lie rejected?

The honest set is made in three steps (how each text was made is recorded with it):

    # 1. the items: short verified inputs of the bundled default (all three domains) plus the hold-out programs
    #    in benchmarks/gate_data/holdout.jsonl (exceptions, prints, recursion, generators, aliasing), each with
    #    the project's own LLM prompt in narrate mode (one few-shot example) and in rewrite mode
    python benchmarks/gate_completeness.py prompts --out /tmp/gate-prompts
    #    a fresh held-out batch: --exclude leaves out the programs of earlier item sets (a math program with any
    #    instance in them, as instances of one template share its code), --holdout names another hold-out file
    python benchmarks/gate_completeness.py prompts --out /tmp/v5 --seed 5 --holdout benchmarks/gate_data/holdout_v5.jsonl \
        --exclude tests/data/gate/items.jsonl tests/data/gate/v4/items.jsonl
    # 2. strong writers answer the prompts (a model served at an endpoint, or capable writers who see only the
    #    prompt); their texts are JSONL rows {id, mode, writer, text} (tests/data/gate/honest.jsonl)
    # 3. acceptance per mode and domain, and every rejection with its reason
    python benchmarks/gate_completeness.py check tests/data/gate/honest.jsonl --items tests/data/gate/items.jsonl
    # lies planted in accepted texts, rows {id, mode, kind, text, lie}: rejection per kind
    python benchmarks/gate_completeness.py lies tests/data/gate/lies.jsonl --items tests/data/gate/items.jsonl

Repair, round by round: the exact repair turn the LLM narrator sends for each rejected true text (its messages,
the text as the answer, the verifier's feedback), answered by the same kind of writer, then acceptance by round:

    python benchmarks/gate_completeness.py repair-prompts --out /tmp/repair1
    python benchmarks/gate_completeness.py repair-collect WRITER_FOLDERS... --prompts /tmp/repair1 --out r1.jsonl
    python benchmarks/gate_completeness.py repair-prompts --previous r1.jsonl --out /tmp/repair2   # and so on
    python benchmarks/gate_completeness.py repair-check r1.jsonl r2.jsonl
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import statistics
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
HOLDOUT = HERE / "gate_data" / "holdout.jsonl"


def item_id(program_id: str, kind: str, text: str) -> str:
    digest = hashlib.sha256(f"{kind}\x00{text}".encode()).hexdigest()[:8]
    return f"{program_id}#{digest}"


def short_rows(source: Path, max_facts: int, min_facts: int) -> list[dict]:
    """Verified template CoEs of a build, one per program: the shortest input with at least `min_facts` facts."""
    from tracepile.engine import trace
    from tracepile.llm.prompts import fact_lines
    from tracepile.model import ProgramInput
    from tracepile.pipeline.llm_narration import source_rows

    best: dict[str, tuple[int, dict]] = {}
    for row in source_rows(source, None):
        result = trace(row["code"], ProgramInput(row["input_kind"], row["input"]), program_id=row["program_id"])
        size = len(fact_lines(result))
        if min_facts <= size <= max_facts and (row["program_id"] not in best or size < best[row["program_id"]][0]):
            best[row["program_id"]] = (size, row)
    return [row for _, row in sorted(best.values(), key=lambda pair: pair[1]["program_id"])]


def program_family(program_id: str) -> str:
    """A program's template: a math id without its instance part (math/bake_sale/1-0 -> math/bake_sale)."""
    return "/".join(program_id.split("/")[:2])


def used_families(paths: list[str]) -> set[str]:
    """The program families of earlier item sets (JSONL rows with `program_id`)."""
    return {program_family(json.loads(line)["program_id"])
            for path in paths for line in Path(path).read_text().splitlines() if line.strip()}


def holdout_rows(path: Path) -> list[dict]:
    """The hold-out programs traced and narrated by the template narrator (their texts must verify)."""
    from tracepile.engine import narrate, trace, verify
    from tracepile.model import ProgramInput

    rows = []
    for line in path.read_text().splitlines():
        record = json.loads(line)
        kind = "call" if "calls" in record else "stdin"
        for text in record.get("calls") or record.get("stdin"):
            result = trace(record["code"], ProgramInput(kind, text), program_id=record["id"])
            problem = record.get("problem", "")
            narration = narrate(result, problem=problem)
            check = verify(narration.response, result, problem=problem)
            if not check.passed:
                raise SystemExit(f"template narration of {record['id']} does not verify: {check.failures[:2]}")
            rows.append({"program_id": record["id"], "domain": record["domain"], "input": text, "input_kind": kind,
                         "prompt": narration.prompt, "response": narration.response, "code": record["code"],
                         "problem": problem})
    return rows


def make_prompts(args) -> None:
    from tracepile.engine import trace
    from tracepile.llm.prompts import PROMPT_VERSION, facts, messages, pick_examples
    from tracepile.model import ProgramInput
    from tracepile.narration.prompt import problem_in
    from tracepile.pipeline import BuildConfig, build
    from tracepile.pipeline.llm_narration import NarrateConfig, few_shot_pool

    out = Path(args.out)
    source = out / "template"
    config = BuildConfig(samples=args.samples, seed=args.seed, questions_per_trace=0, sandbox="none")
    if not (source / "manifest.json").exists():
        build(config, source, progress=False)
    rows = short_rows(source, args.max_facts, args.min_facts)
    held_out = holdout_rows(Path(args.holdout))
    excluded = used_families(args.exclude)
    if reused := sorted({program_family(row["program_id"]) for row in held_out} & excluded):
        raise SystemExit(f"hold-out programs already in an excluded set: {reused}")
    rng = random.Random(args.seed)
    by_domain: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        if program_family(row["program_id"]) not in excluded:
            row["problem"] = problem_in(row["prompt"])
            by_domain[row["domain"]].append(row)
    chosen = []
    for domain, share in (("algorithms", 0.37), ("competition", 0.25), ("math", 0.38)):
        pool = by_domain[domain]
        rng.shuffle(pool)
        wanted = round(share * (args.items - len(held_out)))
        if len(pool) < wanted:
            raise SystemExit(f"only {len(pool)} unused {domain} programs for {wanted} items: raise --samples")
        chosen += pool[:wanted]
    chosen += held_out
    pool = few_shot_pool(rows, config, NarrateConfig(endpoint="http://unused", model="writer", examples=1))
    items = []
    for row in chosen:
        result = trace(row["code"], ProgramInput(row["input_kind"], row["input"]), program_id=row["program_id"])
        examples = pick_examples(pool, 1, random.Random(row["program_id"]), row["program_id"])
        base = {"id": item_id(row["program_id"], row["input_kind"], row["input"]), "domain": row["domain"],
                "program_id": row["program_id"], "code": row["code"], "input_kind": row["input_kind"],
                "input": row["input"], "problem": row.get("problem", ""), "prompt_version": PROMPT_VERSION}
        for mode in ("narrate", "rewrite"):
            items.append(base | {"mode": mode, "messages": list(messages(mode, row["prompt"], facts(result),
                                                                        row["response"], examples))})
    (out / "system.md").write_text(items[0]["messages"][0]["content"])  # the same for every item
    with (out / "items.jsonl").open("w") as handle:
        for item in items:
            handle.write(json.dumps(item | {"messages": item["messages"][1:]}) + "\n")
    write_for_writers(items, out / "for-writers")
    print(f"{len(items)} prompts over {len({i['program_id'] for i in items})} programs -> {out}/items.jsonl "
          f"({dict(Counter(i['domain'] for i in items))})")


def write_for_writers(items: list[dict], folder: Path) -> None:
    """The prompts as plain text, as a model would see them: the shared system message once, one file per item."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "SYSTEM.md").write_text(items[0]["messages"][0]["content"])
    for n, item in enumerate(items):
        turns = [f"### {m['role'].upper()}{' (few-shot example)' if i < len(item['messages']) - 1 else ''}\n\n"
                 f"{m['content']}" for i, m in enumerate(item["messages"][1:], start=1)]
        (folder / f"{n:03d}-{item['mode']}.md").write_text(
            f"item id: {item['id']}\nmode: {item['mode']}\n\n" + "\n\n".join(turns) + "\n")


def collect(args) -> None:
    """Writers' answer files (FOLDER/NNN-mode.md, named after the prompt files) as honest-set JSONL rows."""
    prompts = Path(args.prompts)
    names = {}
    for path in sorted(prompts.glob("[0-9][0-9][0-9]-*.md")):
        head = path.read_text().splitlines()[:2]
        names[path.name] = (head[0].removeprefix("item id: "), head[1].removeprefix("mode: "))
    with open(args.out, "w") as handle:
        for folder in args.folders:
            for path in sorted(Path(folder).glob("[0-9][0-9][0-9]-*.md")):
                item, mode = names[path.name]
                row = {"id": item, "mode": mode, "writer": Path(folder).name, "how": args.how,
                       "text": path.read_text().strip()}
                handle.write(json.dumps(row) + "\n")


def load_items(path: Path) -> dict[tuple[str, str], dict]:
    items = {}
    for line in path.read_text().splitlines():
        item = json.loads(line)
        items[(item["id"], item["mode"])] = item
    return items


def verdicts(rows: list[dict], items: dict) -> list[tuple[dict, dict, object, float]]:
    """Each text verified against a fresh trace of its item (with the item's word problem)."""
    from tracepile.engine import trace
    from tracepile.model import ProgramInput
    from tracepile.verification import verify

    traces = {}
    out = []
    for row in rows:
        item = items[(row["id"], row["mode"])]
        if row["id"] not in traces:
            traces[row["id"]] = trace(item["code"], ProgramInput(item["input_kind"], item["input"]),
                                      program_id=item["program_id"])
        started = time.process_time()
        result = verify(row["text"], traces[row["id"]], problem=item["problem"])
        out.append((row, item, result, (time.process_time() - started) * 1000))
    return out


def read_rows(paths: list[str]) -> list[dict]:
    return [json.loads(line) for path in paths for line in Path(path).read_text().splitlines() if line.strip()]


def check(args) -> None:
    items = load_items(Path(args.items))
    rows = read_rows(args.texts)
    flagged = [r for r in rows if r.get("review", "true") != "true"]
    results = verdicts([r for r in rows if r.get("review", "true") == "true"], items)
    table: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for row, item, result, _ in results:
        for key in ((row["mode"], item["domain"]), (row["mode"], "all")):
            table[key][0] += result.passed
            table[key][1] += 1
    print("| mode | domain | accepted | rate |\n|---|---|---|---|")
    for (mode, domain), (ok, n) in sorted(table.items()):
        print(f"| {mode} | {domain} | {ok}/{n} | {ok / n:.1%} |")
    times = [ms for *_, ms in results]
    print(f"\nverify ms per text: median {statistics.median(times):.2f}, max {max(times):.2f}")
    print("\nRejections:")
    for row, item, result, _ in results:
        if not result.passed:
            reasons = list(result.failures) + list(result.unverifiable)
            print(f"- {row['id']} [{row['mode']}, {row.get('writer', '?')}]: " + " | ".join(reasons[:3]))
    if flagged:
        print(f"\nTexts a second writer judged not true (left out above), and the gate's verdict on each:")
        for row, _, result, _ in verdicts(flagged, items):
            print(f"- {row['id']} [{row['mode']}, {row['review']}]: {'ACCEPTED' if result.passed else 'rejected'}")
    if args.json:
        Path(args.json).write_text(json.dumps({f"{m}/{d}": v for (m, d), v in table.items()}, indent=1))


def lies(args) -> None:
    """Rejection per lie kind, over lies planted in honest texts that the verifier accepts (`--honest`)."""
    items = load_items(Path(args.items))
    rows = read_rows(args.texts)
    if args.honest:
        honest = verdicts([r for r in read_rows([args.honest]) if r.get("review", "true") == "true"], items)
        accepted = {(row["id"], row["mode"]) for row, _, result, _ in honest if result.passed}
        print(f"lies planted in accepted honest texts: {sum((r['id'], r['mode']) in accepted for r in rows)}"
              f" of {len(rows)}\n")
        rows = [r for r in rows if (r["id"], r["mode"]) in accepted]
    results = verdicts(rows, items)
    kinds: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for row, _, result, _ in results:
        kinds[row["kind"]][0] += not result.passed
        kinds[row["kind"]][1] += 1
    print("| lie kind | rejected | rate |\n|---|---|---|")
    for kind, (bad, n) in sorted(kinds.items()):
        print(f"| {kind} | {bad}/{n} | {bad / n:.1%} |")
    total = sum(b for b, _ in kinds.values()), sum(n for _, n in kinds.values())
    print(f"| all | {total[0]}/{total[1]} | {total[0] / max(total[1], 1):.1%} |")
    for row, _, result, _ in results:
        if result.passed:
            print(f"ACCEPTED LIE {row['id']} [{row['mode']}, {row['kind']}]: {row.get('lie', '')}")


def latest_texts(honest: list[dict], repaired: list[dict]) -> dict[tuple[str, str], tuple[dict, int]]:
    """Each true honest text's latest version: the row of its highest repair round so far (0: the original)."""
    latest = {(r["id"], r["mode"]): (r, 0) for r in honest if r.get("review", "true") == "true"}
    for row in sorted(repaired, key=lambda r: r["round"]):
        key = (row["id"], row["mode"])
        if key in latest:
            latest[key] = (latest[key][0] | {"text": row["text"]}, row["round"])
    return latest


def repair_prompts(args) -> None:
    """The next repair round's prompts: for each true text whose latest version the gate rejects, the exact
    conversation the LLM narrator sends (the item's messages, that text as the answer, the verifier's feedback)."""
    from tracepile.llm.repair import repair_messages, verifier_feedback

    items = load_items(Path(args.items))
    latest = latest_texts(read_rows([args.honest]), read_rows(args.previous))
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    rows = [row for row, _ in latest.values()]
    rejected = [(row, item, result) for row, item, result, _ in verdicts(rows, items) if not result.passed]
    next_round = 1 + max((r for _, r in latest.values()), default=0)
    system = {"role": "system", "content": (Path(args.items).parent / "system.md").read_text()}
    (out / "SYSTEM.md").write_text(system["content"])
    for n, (row, item, result) in enumerate(rejected):
        chat = repair_messages((system, *item["messages"]), row["text"], verifier_feedback(result))
        turns = [f"### {m['role'].upper()}\n\n{m['content']}" for m in chat[1:]]
        (out / f"{n:03d}-{row['mode']}.md").write_text(
            f"item id: {row['id']}\nmode: {row['mode']}\nround: {next_round}\n\n" + "\n\n".join(turns) + "\n")
    print(f"{len(rejected)} of {len(rows)} true texts rejected -> round {next_round} prompts in {out}")


def repair_collect(args) -> None:
    """Answers to repair prompts (FOLDER/NNN-mode.md, named after the prompt files) as JSONL rows."""
    with open(args.out, "w") as handle:
        for path in sorted(Path(args.prompts).glob("[0-9][0-9][0-9]-*.md")):
            head = dict(line.split(": ", 1) for line in path.read_text().splitlines()[:3])
            for folder in args.folders:
                answer = Path(folder) / path.name
                if answer.exists():
                    handle.write(json.dumps({"id": head["item id"], "mode": head["mode"], "round": int(head["round"]),
                                             "writer": Path(folder).name, "how": args.how,
                                             "text": answer.read_text().strip()}) + "\n")


def repair_check(args) -> None:
    """Acceptance of the true honest texts by repair round: verified after at most r repair turns."""
    items = load_items(Path(args.items))
    honest, repaired = read_rows([args.honest]), read_rows(args.rounds)
    rounds = sorted({r["round"] for r in repaired})
    table: dict[str, list[int]] = defaultdict(lambda: [0] * (1 + len(rounds)))
    totals: Counter = Counter()
    passed_at: dict[tuple[str, str], int] = {}
    for upto in [0, *rounds]:
        latest = latest_texts(honest, [r for r in repaired if r["round"] <= upto])
        for row, item, result, _ in verdicts([row for row, _ in latest.values()], items):
            if result.passed:
                passed_at.setdefault((row["id"], row["mode"]), upto)
    for row, _ in latest_texts(honest, []).values():
        totals[row["mode"]] += 1
        won = passed_at.get((row["id"], row["mode"]))
        for column, upto in enumerate([0, *rounds]):
            table[row["mode"]][column] += won is not None and won <= upto
    print("| mode | texts | " + " | ".join(f"verified after round {r}" for r in [0, *rounds]) + " |")
    print("|---|---|" + "---|" * (1 + len(rounds)))
    for mode in sorted(table):
        n = totals[mode]
        print(f"| {mode} | {n} | " + " | ".join(f"{k}/{n} ({k / n:.0%})" for k in table[mode]) + " |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("prompts", help="choose the items and write their prompts")
    p.add_argument("--out", required=True)
    p.add_argument("--items", type=int, default=100, help="program inputs (each gets both modes)")
    p.add_argument("--samples", type=int, default=600, help="size of the template build the items come from")
    p.add_argument("--max-facts", type=int, default=40)
    p.add_argument("--min-facts", type=int, default=5)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--holdout", default=str(HOLDOUT), help="the hold-out programs file (JSONL)")
    p.add_argument("--exclude", nargs="*", default=[], metavar="ITEMS.jsonl",
                   help="earlier item sets whose programs (math: templates) are left out of the choice")
    p.set_defaults(run=make_prompts)
    p = sub.add_parser("collect", help="writers' answer files -> honest-set JSONL")
    p.add_argument("folders", nargs="+")
    p.add_argument("--prompts", required=True, help="the for-writers folder the answers are named after")
    p.add_argument("--out", required=True)
    p.add_argument("--how", default="a capable writer standing in for a strong model, who saw only the prompt")
    p.set_defaults(run=collect)
    for name, run in (("check", check), ("lies", lies)):
        p = sub.add_parser(name)
        p.add_argument("texts", nargs="+")
        p.add_argument("--items", default="tests/data/gate/items.jsonl")
        p.add_argument("--json")
        p.add_argument("--honest", help="(lies) the honest set: count only lies planted in texts it accepts")
        p.set_defaults(run=run)
    p = sub.add_parser("repair-prompts", help="the next repair round's prompts for the rejected true texts")
    p.add_argument("--honest", default="tests/data/gate/honest.jsonl")
    p.add_argument("--previous", nargs="*", default=[], help="rows of earlier repair rounds")
    p.add_argument("--items", default="tests/data/gate/items.jsonl")
    p.add_argument("--out", required=True)
    p.set_defaults(run=repair_prompts)
    p = sub.add_parser("repair-collect", help="writers' answers to repair prompts -> JSONL rows")
    p.add_argument("folders", nargs="+")
    p.add_argument("--prompts", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--how", default="a capable writer standing in for a strong model, who saw only the prompt")
    p.set_defaults(run=repair_collect)
    p = sub.add_parser("repair-check", help="acceptance by repair round")
    p.add_argument("rounds", nargs="*", help="rows of the repair rounds")
    p.add_argument("--honest", default="tests/data/gate/honest.jsonl")
    p.add_argument("--items", default="tests/data/gate/items.jsonl")
    p.set_defaults(run=repair_check)
    args = parser.parse_args()
    args.run(args)


if __name__ == "__main__":
    sys.exit(main())
