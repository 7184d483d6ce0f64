"""LLM narration of an existing corpus: plans its verified template CoEs, traces them again on CPU (one
datatrove run), then narrates them behind the verifier (a second run): resumable, cached, accounted."""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import random
import time
from collections import Counter
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from urllib.parse import urlsplit

import pyarrow as pa
from datatrove.data import Document, DocumentsPipeline
from datatrove.pipeline.base import PipelineStep

from tracepile import __version__
from tracepile.engine import narratable, trace
from tracepile.llm.narrator import NarrationInput, NarrationResult, NarrationSettings, PathResult
from tracepile.llm.prompts import PROMPT_VERSION, Example, facts, grammar_request_fields
from tracepile.model import Limits, ProgramInput
from tracepile.narration.prompt import problem_in
from tracepile.pipeline.build import Layout
from tracepile.pipeline.config import BuildConfig, ConfigError
from tracepile.pipeline.schema import SAMPLE_SCHEMA, sample_row
from tracepile.pipeline.steps import open_executor

NARRATION = pa.struct([
    ("narrator", pa.string()), ("model", pa.string()), ("endpoint", pa.string()), ("prompt_version", pa.string()),
    ("mode", pa.string()), ("sampling", pa.string()), ("path", pa.int64()), ("seed", pa.int64()),
    ("attempts", pa.int64()), ("cached", pa.bool_()), ("prompt_tokens", pa.int64()),
    ("completion_tokens", pa.int64()), ("repair_rounds", pa.int64()),
])
NARRATED_SCHEMA = SAMPLE_SCHEMA.append(pa.field("narration", NARRATION))
RUNTIME_ONLY = ("concurrency", "timeout_s", "max_retries", "workers", "api_key_env", "cache")
POOL_SIZE = 8
POOL_MAX_CHARS = 2500


@dataclass(frozen=True)
class NarrateConfig(NarrationSettings):
    """An LLM narration run: the narrator's settings plus endpoint, client limits, task size, prices."""

    endpoint: str = ""  # required: an http(s) URL (checked below)
    grammar: str | None = None  # constrain decoding to the claim grammar: "llama.cpp" or "vllm" request fields
    limit: int | None = None
    inputs_per_task: int = 16
    price: dict = field(default_factory=dict)  # USD per million tokens: {"prompt": .., "completion": ..}
    concurrency: int = 8
    timeout_s: float = 120.0
    max_retries: int = 6
    workers: int = 1  # parallel tasks of the CPU trace run
    api_key_env: str = "OPENAI_API_KEY"
    cache: str | None = None  # the SQLite request cache (default OUT/_work/llm_cache.sqlite)

    def __post_init__(self):
        try:
            super().__post_init__()
        except ValueError as exc:
            raise ConfigError(str(exc)) from None
        if not urlsplit(self.endpoint).scheme.startswith("http"):
            raise ConfigError(f"--endpoint must be an http(s) URL such as http://host:8000/v1, not {self.endpoint!r}")

    def settings(self) -> NarrationSettings:
        names = {f.name for f in fields(NarrationSettings)}
        values = {k: v for k, v in asdict(self).items() if k in names}
        if self.grammar:
            values["extra"] = {**self.extra, **grammar_request_fields(self.grammar)}
        return NarrationSettings(**values)

    def plan_dict(self) -> dict:
        """What must match for a rerun to resume this run (client limits may change)."""
        return {k: v for k, v in asdict(self).items() if k not in RUNTIME_ONLY}

    @property
    def endpoint_host(self) -> str:
        """Host and port only: never a path, user name or password from the URL."""
        parts = urlsplit(self.endpoint)
        return parts.hostname + (f":{parts.port}" if parts.port else "") if parts.hostname else ""


@dataclass(frozen=True)
class NarrateLayout(Layout):
    """Where an LLM narration run keeps its files: a build's layout plus traces, accounting, the cache."""

    @property
    def traces(self) -> Path:
        return self.work / "traces"

    @property
    def accounting(self) -> Path:
        return self.work / "accounting"

    @property
    def inputs(self) -> Path:
        return self.work / "inputs.jsonl"

    def cache(self, config: NarrateConfig) -> Path:
        return Path(config.cache) if config.cache else self.work / "llm_cache.sqlite"


# ---------------------------------------------------------------- planning


def plan_narration(source: Path, config: NarrateConfig, layout: NarrateLayout) -> dict:
    """Write the inputs (the source corpus's verified CoEs, with code) and the few-shot pool once."""
    plan_path, config_path = layout.work / "plan.json", layout.work / "config.json"
    wanted = {"source": str(Path(source).resolve()), **config.plan_dict()}
    if config_path.exists() and json.loads(config_path.read_text()) != json.loads(json.dumps(wanted)):
        raise ConfigError(f"{layout.out} holds an LLM narration run with different settings: use another --out "
                          "folder, or delete this one to start over")
    if plan_path.exists():
        return json.loads(plan_path.read_text())
    build = source_build(Path(source))
    rows = source_rows(Path(source), config.limit)
    if not rows:
        raise ConfigError(f"{source} has no verified CoE samples to narrate")
    layout.work.mkdir(parents=True, exist_ok=True)
    _write_atomic(layout.inputs, "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
    pool = few_shot_pool(rows, build, config) if config.mode == "narrate" else []
    (layout.work / "fewshot.pkl").write_bytes(pickle.dumps(pool))
    tasks = -(-len(rows) // config.inputs_per_task)
    plan = {"inputs": len(rows), "tasks": tasks, "sandbox": build.sandbox, "python": build.python, "seed": build.seed,
            "limits": asdict(build.limits), "few_shot": [e.program_id for e in pool]}
    config_path.write_text(json.dumps(wanted, indent=2))
    plan_path.write_text(json.dumps(plan, indent=2))
    return plan


def source_build(source: Path) -> BuildConfig:
    path = source / "_work" / "config.json"
    if not path.exists():
        raise ConfigError(f"{source} is not a corpus written by `tracepile build` (no _work/config.json)")
    return BuildConfig.from_dict(json.loads(path.read_text()))


def source_rows(source: Path, limit: int | None) -> list[dict]:
    """The corpus's verified template CoE samples, with their program's code, sorted by id."""
    import pyarrow.parquet as pq

    codes = {}
    with (source / "_work" / "programs.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            program = json.loads(line)["program"]
            codes[program["id"]] = program["code"]
    rows = []
    for path in sorted((source / "data").glob("*.parquet")):
        for row in pq.read_table(path).to_pylist():
            if row["kind"] == "coe" and row["verified"] and row["program_id"] in codes:
                rows.append({k: row[k] for k in ("id", "program_id", "domain", "input", "input_kind", "prompt",
                                                  "response", "answer", "provenance")}
                            | {"code": codes[row["program_id"]]})
    rows.sort(key=lambda r: r["id"])
    return rows[:limit] if limit is not None else rows


def few_shot_pool(rows: list[dict], build: BuildConfig, config: NarrateConfig) -> list[Example]:
    """Up to POOL_SIZE short verified CoEs, seeded, one per (domain, input kind) in turn, with their facts."""
    short = [r for r in rows if len(r["response"]) <= POOL_MAX_CHARS]
    random.Random(f"few-shot/{config.seed}").shuffle(short)
    groups: dict[tuple[str, str], list[dict]] = {}
    for row in short:
        groups.setdefault((row["domain"], row["input_kind"]), []).append(row)
    chosen, turn = [], 0
    while len(chosen) < POOL_SIZE and any(len(g) > turn for g in groups.values()):
        chosen += [g[turn] for g in groups.values() if len(g) > turn][:POOL_SIZE - len(chosen)]
        turn += 1
    pool = []
    with open_executor(build.sandbox, build.python) as executor:
        for row in chosen:
            result = _trace_row(row, build.limits, build.seed, executor)
            pool.append(Example(row["program_id"], row["domain"], row["input_kind"], row["prompt"], facts(result),
                                row["response"]))
    return pool


def _trace_row(row: dict, limits: Limits, seed: int, executor):
    return trace(row["code"], ProgramInput(row["input_kind"], row["input"]), program_id=row["program_id"],
                 limits=limits, seed=seed, executor=executor)


def _write_atomic(path: Path, text: str | bytes) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    (tmp.write_bytes if isinstance(text, bytes) else tmp.write_text)(text)
    os.replace(tmp, path)


def task_rows(layout: NarrateLayout, rank: int, per_task: int) -> list[dict]:
    with layout.inputs.open(encoding="utf-8") as handle:
        lines = handle.readlines()[rank * per_task:(rank + 1) * per_task]
    return [json.loads(line) for line in lines]


# ---------------------------------------------------------------- the two datatrove steps


class TraceInputs(PipelineStep):
    """CPU stage: traces this task's inputs again (same seed and limits as the source build) and saves them."""

    name = "trace for LLM narration"
    type = "⚙️ - PROCESS"

    def __init__(self, out: str, per_task: int, sandbox: str, limits: Limits, seed: int, python: str | None = None):
        super().__init__()
        self.out, self.per_task, self.sandbox, self.limits, self.seed = out, per_task, sandbox, limits, seed
        self.python = python

    def run(self, data: DocumentsPipeline = None, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        layout = NarrateLayout(Path(self.out))
        traced = []
        with open_executor(self.sandbox, self.python) as executor:
            for row in task_rows(layout, rank, self.per_task):
                try:
                    traced.append((row, _trace_row(row, self.limits, self.seed, executor)))
                except Exception as exc:  # noqa: BLE001 - one input's failure never stops the task
                    traced.append((row, f"internal error: {type(exc).__name__}: {exc}"))
                self.stat_update("traced")
        layout.traces.mkdir(parents=True, exist_ok=True)
        _write_atomic(layout.traces / f"{rank:05d}.pkl", pickle.dumps(traced))
        return iter(())


class NarrateWithLLM(PipelineStep):
    """LLM stage: narrates this task's traced inputs (k paths each, verified); one document per kept sample,
    and one per rejected input with every path's reasons. Writes the task's accounting and progress."""

    name = "narrate with an LLM"
    type = "🤖 - LLM"

    def __init__(self, out: str, config: NarrateConfig):
        super().__init__()
        self.out, self.config = out, config

    def run(self, data: DocumentsPipeline = None, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        from tracepile.llm.client import ChatClient
        from tracepile.llm.narrator import narrate_all

        layout = NarrateLayout(Path(self.out))
        traced = pickle.loads((layout.traces / f"{rank:05d}.pkl").read_bytes())
        pool = pickle.loads((layout.work / "fewshot.pkl").read_bytes())
        items, unusable = _inputs(traced)
        started = time.monotonic()
        client = ChatClient(self.config.endpoint, api_key_env=self.config.api_key_env,
                            concurrency=self.config.concurrency, timeout_s=self.config.timeout_s,
                            max_retries=self.config.max_retries, cache_path=layout.cache(self.config))
        try:
            results = narrate_all([i for _, i in items], client, self.config.settings(), pool, shared_verifier())
        finally:
            client.close()
        tally = Tally(self.config.mode)
        for row, reason in unusable:
            tally.reject(row, reason)
            yield _reject_document(row, reason, "the input could not be traced again for narration", [])
        for (row, item), result in zip(items, results):
            tally.add(row, result)
            yield from self.documents(row, item, result)
        tally.seconds = time.monotonic() - started
        tally.write(layout, rank)

    def documents(self, row: dict, item: NarrationInput, result: NarrationResult):
        for path in result.kept:
            yield _sample_document(row, item, self.config, path, result)
        if not result.kept and result.fallback:
            yield _sample_document(row, item, self.config, None, result)
        elif not result.kept:
            reasons = [r for p in result.paths for r in p.reasons[:3]]
            yield _reject_document(row, result.reason, result.detail, reasons)


def _inputs(traced: list) -> tuple[list[tuple[dict, NarrationInput]], list[tuple[dict, str]]]:
    items, unusable = [], []
    for row, result in traced:
        if isinstance(result, str) or not narratable(result):
            unusable.append((row, "untraceable"))
            continue
        items.append((row, NarrationInput(row["id"], row["program_id"], row["domain"], row["input_kind"],
                                          row["prompt"], row["response"], result, problem_in(row["prompt"]))))
    return items, unusable


_VERIFIER = []


def shared_verifier():
    """One verification process pool per worker process, shut down at exit."""
    if not _VERIFIER:
        import atexit

        from tracepile.llm.narrator import verifier_pool

        _VERIFIER.append(verifier_pool(max(1, min(2, os.cpu_count() or 1))))
        atexit.register(_VERIFIER[0].shutdown)
    return _VERIFIER[0]


# ---------------------------------------------------------------- samples and rejects


def narrated_id(source_id: str, mode: str, path: int | None) -> str:
    key = f"{source_id}\x00llm\x00{mode}\x00{'fallback' if path is None else path}"
    return hashlib.sha256(key.encode()).hexdigest()[:16]


def _sample_document(row: dict, item: NarrationInput, config: NarrateConfig, path: PathResult | None,
                     result: NarrationResult) -> Document:
    """A kept sample: an LLM path (verified), or the template text marked as a fallback."""
    stats = dict(item.trace.stats(), loops_compressed=0)
    provenance = {**(row["provenance"] or {}), "tool": f"tracepile {__version__}", "python": item.trace.python,
                  "tracer": item.trace.backend}
    narration = {
        "narrator": "llm" if path else "template-fallback", "model": config.model,
        "endpoint": config.endpoint_host, "prompt_version": PROMPT_VERSION, "mode": config.mode,
        "sampling": json.dumps(config.settings().sampling(), sort_keys=True),
        "path": path.index if path else None, "seed": path.seed if path else None,
        "attempts": result.usage.attempts, "cached": bool(path and path.cached),
        "prompt_tokens": path.prompt_tokens if path else 0,
        "completion_tokens": path.completion_tokens if path else 0,
        "repair_rounds": path.rounds if path else None,
    }
    sample = {"id": narrated_id(row["id"], config.mode, path.index if path else None),
              "program_id": row["program_id"], "input": row["input"], "input_kind": row["input_kind"],
              "domain": row["domain"], "kind": "coe", "prompt": row["prompt"],
              "response": path.text if path else row["response"], "answer": row["answer"], "status": "ok",
              "reason": "", "stats": stats, "verified": True,
              "claims": path.claims if path else 0, "claims_checked": path.checked if path else 0,
              "claim_failures": [], "provenance": provenance}
    return Document(text=sample["response"], id=sample["id"], metadata={"sample": sample, "narration": narration})


def _reject_document(row: dict, reason: str, detail: str, failures: list[str]) -> Document:
    sample = {"id": row["id"], "program_id": row["program_id"], "input": row["input"], "domain": row["domain"],
              "status": "ok", "reason": reason, "verified": False, "claim_failures": failures[:20]}
    return Document(text="", id=row["id"], metadata={"sample": sample, "reject": reason, "detail": detail})


def narrated_row(writer, document) -> dict:
    """Adapter for the ParquetWriter: a corpus row plus its `narration` provenance."""
    return {**sample_row(writer, document), "narration": document.metadata["narration"]}


# ---------------------------------------------------------------- accounting


class Tally:
    """One task's accounting: acceptance per (mode, domain, kind), usage, path failure reasons, time."""

    def __init__(self, mode: str):
        self.mode = mode
        self.counts = Counter()
        self.groups: dict[str, list[int]] = {}
        self.rejected = Counter()
        self.usage = Counter()
        self.failures = Counter()
        self.seconds = 0.0

    def reject(self, row: dict, reason: str) -> None:
        self._group(row, accepted=False)
        self.rejected[reason] += 1
        self.counts["inputs"] += 1

    def add(self, row: dict, result: NarrationResult) -> None:
        self.counts["inputs"] += 1
        self.counts["samples"] += len(result.kept) or int(result.fallback)
        self.counts["fallback"] += int(not result.kept and result.fallback)
        self.counts["paths"] += len(result.paths)
        self.counts["verified_paths"] += sum(p.verified for p in result.paths)
        self.counts["truncated_paths"] += sum(p.finish_reason == "length" for p in result.paths)
        self.counts["verified_texts"] += sum(p.verifications for p in result.paths)
        self.counts["repaired_paths"] += sum(p.verified and p.rounds > 0 for p in result.paths)
        if result.kept:
            self.counts[f"accepted_round_{result.accepted_round}"] += 1
        self.usage.update(asdict(result.usage))
        self.usage["verify_ms"] += round(1000 * sum(p.verify_s for p in result.paths))
        self._group(row, accepted=bool(result.kept))
        if result.reason:
            self.rejected[result.reason] += 1
        for path in result.paths:
            self.failures.update(r[:160] for r in path.reasons[:1])

    def _group(self, row: dict, accepted: bool) -> None:
        counts = self.groups.setdefault(f"{self.mode}|{row['domain']}|{row['input_kind']}", [0, 0])
        counts[0] += 1
        counts[1] += accepted

    def write(self, layout: NarrateLayout, rank: int) -> None:
        """This task's accounting and progress files."""
        layout.accounting.mkdir(parents=True, exist_ok=True)
        data = {"counts": self.counts, "groups": self.groups, "rejected": self.rejected, "usage": self.usage,
                "failures": dict(self.failures.most_common(50)), "seconds": self.seconds}
        _write_atomic(layout.accounting / f"{rank:05d}.json", json.dumps(data, sort_keys=True))
        layout.progress.mkdir(parents=True, exist_ok=True)
        progress = {"done": self.counts["inputs"], "kept": self.counts["samples"], "rejected": self.rejected}
        _write_atomic(layout.progress / f"{rank:05d}.json", json.dumps(progress))


def merge_accounting(layout: NarrateLayout) -> dict:
    """Sum every task's accounting file."""
    totals = {"counts": Counter(), "groups": {}, "rejected": Counter(), "usage": Counter(),
              "failures": Counter(), "seconds": 0.0}
    for path in sorted(layout.accounting.glob("*.json")):
        data = json.loads(path.read_text())
        for key in ("counts", "rejected", "usage", "failures"):
            totals[key].update(data[key])
        for group, (inputs, accepted) in data["groups"].items():
            counts = totals["groups"].setdefault(group, [0, 0])
            counts[0] += inputs
            counts[1] += accepted
        totals["seconds"] += data["seconds"]
    return totals


def cost(usage: dict, price: dict) -> dict | None:
    """USD for the paid tokens (and for all tokens, as if nothing had been cached), from a price table."""
    if not price:
        return None
    rate = lambda prompt, completion: round(  # noqa: E731
        (prompt * price.get("prompt", 0) + completion * price.get("completion", 0)) / 1e6, 6)
    return {"usd": rate(usage.get("paid_prompt_tokens", 0), usage.get("paid_completion_tokens", 0)),
            "usd_without_cache": rate(usage.get("prompt_tokens", 0), usage.get("completion_tokens", 0)),
            "price_per_million_tokens": price}


# ---------------------------------------------------------------- the run


def narrate_corpus(source: str | Path, config: NarrateConfig, out: str | Path, command: str = "",
                   progress: bool = True) -> dict:
    """Narrate (or finish narrating) the verified CoEs of `source` into the corpus `out`; returns the manifest."""
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.writers import JsonlWriter, ParquetWriter

    from tracepile.pipeline.build import ProgressLine
    from tracepile.pipeline.schema import reject_row
    from tracepile.pipeline.steps import KeepVerified

    layout = NarrateLayout(Path(out))
    plan = plan_narration(Path(source), config, layout)
    limits = Limits(**plan["limits"])
    tracing = LocalPipelineExecutor(
        pipeline=[TraceInputs(str(layout.out), config.inputs_per_task, plan["sandbox"], limits, plan["seed"],
                              plan.get("python"))],
        tasks=plan["tasks"], workers=min(config.workers, plan["tasks"]), logging_dir=str(layout.logs / "trace"),
        skip_completed=True)
    rejects = JsonlWriter(str(layout.rejects), output_filename="${rank}.jsonl", compression=None, adapter=reject_row)
    narrating = LocalPipelineExecutor(
        pipeline=[NarrateWithLLM(str(layout.out), config), KeepVerified(exclusion_writer=rejects),
                  ParquetWriter(str(layout.data), output_filename="${rank}.parquet", schema=NARRATED_SCHEMA,
                                adapter=narrated_row, use_content_defined_chunking=False)],
        tasks=plan["tasks"], workers=1, logging_dir=str(layout.logs / "llm"), skip_completed=True)
    tracing.run()
    layout.progress.mkdir(parents=True, exist_ok=True)
    with ProgressLine(layout.progress, plan["inputs"], enabled=progress):
        narrating.run()
    return write_narration_manifest(layout, config, plan, command)


def write_narration_manifest(layout: NarrateLayout, config: NarrateConfig, plan: dict, command: str) -> dict:
    """manifest.json and README.md: samples, acceptance per mode/domain/kind, tokens, cost, rates, failures."""
    import pyarrow.parquet as pq

    totals = merge_accounting(layout)
    usage, counts, seconds = totals["usage"], totals["counts"], totals["seconds"] or 1e-9
    files = [{"path": str(p.relative_to(layout.out)), "rows": pq.ParquetFile(p).metadata.num_rows}
             for p in sorted(layout.data.glob("*.parquet"))]
    manifest = {
        "tool": f"tracepile {__version__}", "command": command, "narrator": "llm", "model": config.model,
        "endpoint": config.endpoint_host, "prompt_version": PROMPT_VERSION, "mode": config.mode,
        "sampling": config.settings().sampling(), "seed": config.seed, "config": config.plan_dict() | {
            "endpoint": config.endpoint_host}, "inputs_planned": plan["inputs"], "inputs": counts["inputs"],
        "samples": sum(f["rows"] for f in files), "fallback_samples": counts["fallback"],
        "acceptance": {group: {"inputs": n, "accepted": a, "rate": round(a / n, 4) if n else None}
                       for group, (n, a) in sorted(totals["groups"].items())},
        "paths": {"sampled": counts["paths"], "verified": counts["verified_paths"],
                  "truncated": counts["truncated_paths"]},
        "rejected": dict(sorted(totals["rejected"].items())), "usage": dict(usage),
        "cost": cost(usage, config.price), "repair": repair_summary(counts, usage, config.repair_rounds),
        "per_kept_sample": per_kept_sample(usage, sum(f["rows"] for f in files), config.price),
        "rates": {"seconds": round(seconds, 2), "requests_per_s": round(usage["requests"] / seconds, 3),
                  "completion_tokens_per_s": round(usage["paid_completion_tokens"] / seconds, 2),
                  "verify_ms_per_text": round(usage["verify_ms"] / max(counts["verified_texts"], 1), 2)},
        "top_path_failures": dict(totals["failures"].most_common(10)), "few_shot": plan["few_shot"],
        "files": files, "schema": NARRATED_SCHEMA.to_string(),
    }
    (layout.out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    (layout.out / "README.md").write_text(narration_card(manifest))
    return manifest


def repair_summary(counts: Counter, usage: Counter, rounds: int) -> dict:
    """Inputs accepted at each repair round (0: the first answer) and cumulatively, and the repair turns' cost."""
    inputs = counts["inputs"]
    by_round, cumulative, total = {}, {}, 0
    for round_ in range(rounds + 1):
        accepted = counts[f"accepted_round_{round_}"]
        total += accepted
        by_round[str(round_)] = accepted
        cumulative[str(round_)] = round(total / inputs, 4) if inputs else None
    return {"rounds": rounds, "accepted_by_round": by_round, "cumulative_rate_by_round": cumulative,
            "repaired_paths": counts["repaired_paths"], "requests": usage["repair_requests"],
            "prompt_tokens": usage["repair_prompt_tokens"], "completion_tokens": usage["repair_completion_tokens"]}


def per_kept_sample(usage: Counter, samples: int, price: dict) -> dict | None:
    """All tokens spent (first answers, repairs, rejected paths; cached or not) and their cost, per kept sample."""
    if not samples:
        return None
    spent = cost(usage, price)
    return {"prompt_tokens": round(usage["prompt_tokens"] / samples, 1),
            "completion_tokens": round(usage["completion_tokens"] / samples, 1),
            "usd": round(spent["usd_without_cache"] / samples, 6) if spent else None}


def repair_card_lines(manifest: dict) -> str:
    """The card's paragraph on repair: acceptance by round and the spend per kept sample."""
    repair, each = manifest["repair"], manifest["per_kept_sample"]
    if not repair["rounds"]:
        return "Rejected paths were not repaired (repair rounds 0).\n\n"
    rounds = ", ".join(f"round {r}: {n} (cumulative {repair['cumulative_rate_by_round'][r]})"
                       for r, n in repair["accepted_by_round"].items())
    text = (f"Rejected paths were sent back to the model with the verifier's reasons for up to {repair['rounds']} "
            f"repair rounds ({repair['requests']} repair requests). Inputs accepted by round (0 = first answer): "
            f"{rounds}.")
    if each:
        usd = f", ${each['usd']}" if each["usd"] is not None else ""
        text += (f" Per kept sample: {each['prompt_tokens']} prompt and {each['completion_tokens']} completion "
                 f"tokens{usd} (all requests, rejected paths and repairs included).")
    return text + "\n\n"


def narration_card(manifest: dict) -> str:
    """A short dataset card for an LLM-narrated corpus."""
    rows = "\n".join(f"| {g.replace('|', ' | ')} | {v['inputs']} | {v['accepted']} | {v['rate']} |"
                     for g, v in manifest["acceptance"].items())
    usage, cost_line = manifest["usage"], manifest["cost"]
    spent = f"${cost_line['usd']} (${cost_line['usd_without_cache']} without the cache)" if cost_line else "no price table given"
    return (f"---\nconfigs:\n- config_name: default\n  data_files: data/*.parquet\n---\n\n"
            f"# Chains of Execution narrated by {manifest['model']}\n\n"
            f"{manifest['samples']} samples from {manifest['inputs']} inputs, narrated by `{manifest['model']}` "
            f"(endpoint {manifest['endpoint']}, prompt {manifest['prompt_version']}, mode {manifest['mode']}, "
            f"{manifest['sampling']['paths']} paths, policy {manifest['sampling']['policy']}). Every sample passed "
            f"the verifier against its real execution trace"
            + (f"; {manifest['fallback_samples']} are template fallbacks" if manifest["fallback_samples"] else "")
            + ".\n\n| mode | domain | input kind | inputs | accepted | rate |\n|---|---|---|---|---|---|\n"
            f"{rows}\n\n{repair_card_lines(manifest)}"
            f"Tokens: {usage.get('prompt_tokens', 0)} prompt, {usage.get('completion_tokens', 0)} "
            f"completion over {usage.get('requests', 0)} requests ({usage.get('cache_hits', 0)} from the cache). "
            f"Cost: {spent}.\n\nMade with `{manifest['command'] or manifest['tool']}`.\n")



def build_and_narrate(build_config: BuildConfig, config: NarrateConfig, out: str | Path, command: str = "",
                      progress: bool = True) -> dict:
    """`build --narrator llm`: the template build in OUT/template (the gate's CPU work), then its LLM
    narration into OUT."""
    from tracepile.pipeline.build import build

    template = Path(out) / "template"
    build(build_config, template, command=command, progress=progress)
    return narrate_corpus(template, config, out, command=command, progress=progress)
