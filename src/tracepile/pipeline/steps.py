"""The build's datatrove steps, thin wrappers around the engine's plain functions: read this task's
program records, make one sample per input (never raising), keep verified samples, reject the rest."""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import pickle
from dataclasses import dataclass, replace
from pathlib import Path

from datatrove.data import Document, DocumentsPipeline
from datatrove.pipeline.base import PipelineStep
from datatrove.pipeline.filters.base_filter import BaseFilter

from tracepile.engine import narratable, sample_from_trace, sample_id, trace
from tracepile.model import Limits, Program, ProgramInput, Sample


@dataclass(frozen=True)
class QualitySettings:
    """What every task checks besides the claims: the token budget (with which tokenizer) and the
    decontamination index the build prepared once (a pickle under _work/)."""

    token_budget: int
    tokenizer: str | None
    decontam_path: str | None

    def load(self) -> "QualityChecks":
        return QualityChecks(self)


class QualityChecks:
    """The loaded tokenizer and decontamination index, cached per worker process."""

    _cache: dict = {}

    def __init__(self, settings: QualitySettings):
        from tracepile.quality import load_tokenizer

        self.settings = settings
        self.tokenizer = load_tokenizer(settings.tokenizer)
        self.decontaminator = None
        if settings.decontam_path:
            key = settings.decontam_path
            if key not in self._cache:
                with open(key, "rb") as handle:
                    self._cache[key] = pickle.load(handle)  # written by this build's plan step
            self.decontaminator = self._cache[key]

    def judge_question(self, sample: Sample) -> tuple[Sample, str | None, str]:
        """A question sample: verified, and within the token budget (its program passed the rest)."""
        from tracepile.quality import count_tokens

        from tracepile.enrich.questions.search import NO_DERIVATION

        if sample.reason == NO_DERIVATION:
            return sample, "input not derivable", sample.reason
        prompt, response = count_tokens(sample, self.tokenizer)
        sample.stats["prompt_tokens"], sample.stats["response_tokens"] = prompt, response
        if not sample.verified:
            return sample, "unverified", "; ".join(sample.claim_failures[:3])
        if prompt + response > self.settings.token_budget:
            return sample, "over token budget", f"{prompt + response} tokens > {self.settings.token_budget}"
        return sample, None, ""

    def judge(self, program: Program, result, seed: int) -> tuple[Sample, str | None, str]:
        """The sample for a narratable trace, and why it must be rejected (None: keep it)."""
        from tracepile.quality import fit_to_budget

        fitted = fit_to_budget(program, result, self.tokenizer, self.settings.token_budget, seed)
        sample = fitted.sample
        if fitted.saved_by_compression:
            sample.stats["compressed_to_fit"] = 1
        if not sample.verified:
            return sample, rejection(sample.to_dict()), sample.reason
        if not fitted.kept:
            return sample, "over token budget", fitted.reason
        if self.decontaminator is not None:
            match = self.decontaminator.check(sample)
            if match is not None:
                return sample, "contaminated", f"{match.benchmark} {match.item_id}: {match.reason}"
        return sample, None, ""


@dataclass(frozen=True)
class QuestionSettings:
    """How many variable-tracing questions to add per kept trace, and of which kinds."""

    per_trace: int
    kinds: tuple[str, ...]

    def ask(self, program: Program, result, sample_id: str, seed: int, rerun) -> list[Sample]:
        """Up to `per_trace` questions: kinds in a seeded order, one question of each until enough."""
        import random

        from tracepile.enrich.questions.build import build_sample, candidates, choose

        rng = random.Random(f"{seed}/{sample_id}")
        kinds = list(self.kinds)
        rng.shuffle(kinds)
        pools = candidates(result)
        found: list[Sample] = []
        for kind in kinds:
            if len(found) >= self.per_trace:
                break
            if pools.get(kind):
                question = choose(pools[kind], 1, rng)[0]
                found.append(build_sample(program, result, question, seed, rerun=rerun))
        return found


class TaskIndex:
    """Where each task's program records start in programs.jsonl: one 8-byte offset per task, then the
    file's end. Tasks hold consecutive records of ~inputs_per_task inputs; the plan writes the index
    (a binary file handle) as it writes the records, and a task reads only its own two offsets."""

    def __init__(self, handle, inputs_per_task: int):
        self.handle, self.inputs_per_task = handle, inputs_per_task
        self.load, self.size, self.tasks = inputs_per_task, 0, 0

    def add(self, inputs: int, length: int) -> None:
        """Account for the next record: `inputs` inputs, `length` bytes."""
        if self.load >= self.inputs_per_task:
            self.handle.write(self.size.to_bytes(8, "little"))
            self.tasks += 1
            self.load = 0
        self.load += max(1, inputs)
        self.size += length

    def close(self) -> int:
        """Write the end of the records; returns the number of tasks."""
        self.handle.write(self.size.to_bytes(8, "little"))
        return self.tasks


def index_tasks(programs: Path, index: Path, inputs_per_task: int) -> int:
    """Write the task index of an already planned programs.jsonl (streaming); returns the task count."""
    tmp = index.with_name(index.name + ".tmp")
    with open(programs, "rb") as records, open(tmp, "wb") as handle:
        tasks = TaskIndex(handle, inputs_per_task)
        for line in records:
            tasks.add(json.loads(line)["inputs"], len(line))
        count = tasks.close()
    os.replace(tmp, index)
    return count


def task_range(index: str, rank: int) -> tuple[int, int]:
    """The byte range of a task's records in programs.jsonl."""
    with open(index, "rb") as handle:
        handle.seek(rank * 8)
        raw = handle.read(16)
    if len(raw) != 16:
        raise IndexError(f"task {rank} is not in the task index {index}")
    return int.from_bytes(raw[:8], "little"), int.from_bytes(raw[8:], "little")


def task_count(index: str) -> int:
    return max(0, os.path.getsize(index) // 8 - 1)


class ReadPrograms(PipelineStep):
    """Yields this task's program records from the build's planned programs.jsonl."""

    name = "read programs"
    type = "📖 - READER"

    def __init__(self, path: str, index: str):
        super().__init__()
        self.path, self.index = path, index

    def run(self, data: DocumentsPipeline = None, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        start, end = task_range(self.index, rank)
        with open(self.path, "rb") as handle:
            handle.seek(start)
            while handle.tell() < end:
                record = json.loads(handle.readline())
                self.stat_update("programs")
                yield Document(text=record["program"]["code"], id=record["program"]["id"],
                               metadata={"program": record["program"]})


class MakeSamples(PipelineStep):
    """Trace, narrate and verify every input of every program, fit the token budget and check for
    benchmark overlap; one document per sample, with the reason when it must not be kept."""

    name = "trace, narrate, verify"
    type = "⚙️ - PROCESS"

    def __init__(self, seed: int, limits: Limits, sandbox: str, progress_dir: str, quality: QualitySettings,
                 questions: QuestionSettings, rewrites: int = 0, rewrites_dir: str = "", python: str | None = None):
        super().__init__()
        self.seed, self.limits, self.sandbox, self.progress_dir = seed, limits, sandbox, progress_dir
        self.python = python
        self.quality, self.questions = quality, questions
        self.rewrites, self.rewrites_dir = rewrites, rewrites_dir

    def run(self, data: DocumentsPipeline = None, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        progress = Progress(self.progress_dir, rank)
        checks = self.quality.load()
        tally: dict[str, list[int]] = {}  # rewrite name -> [accepted, tried]
        with open_executor(self.sandbox, self.python) as executor:
            for document in data:
                program = Program.from_dict(document.metadata["program"])
                work = [(program, i, "coe") for i in program.inputs]
                for variant in self.variants(program, executor, tally):
                    work += [(variant, i, "coe_rewrite") for i in variant.inputs]
                for source, program_input, kind in work:
                    with self.track_time():
                        made = self.samples(source, program_input, executor, checks, kind)
                    for sample, verdict, detail in made:
                        self.stat_update(f"kind_{sample.kind}", f"status_{sample.status}")
                        if sample.stats.get("compressed_to_fit"):
                            self.stat_update("saved_by_compression")
                        progress.add(sample, verdict)
                        yield Document(text=sample.response, id=sample.id,
                                       metadata={"sample": sample.to_dict(), "reject": verdict, "detail": detail})
        progress.finish()
        if self.rewrites:
            path = Path(self.rewrites_dir) / f"{rank:05d}.json"
            path.write_text(json.dumps(tally, sort_keys=True))

    def variants(self, program: Program, executor, tally: dict) -> list[Program]:
        """Accepted rewrites of the program (proven equivalent on its inputs); counts every attempt."""
        if not self.rewrites:
            return []
        from tracepile.enrich.rewrites import rewrite_program

        try:
            results = rewrite_program(program, self.seed, self.rewrites, executor, limits=self.limits)
        except Exception as exc:  # noqa: BLE001 - a failed rewrite costs only the variant
            self.stat_update(f"rewrite_error_{type(exc).__name__}")
            return []
        for result in results:
            for step in result.steps:
                counts = tally.setdefault(step.rewrite, [0, 0])
                counts[0] += step.accepted
                counts[1] += 1
        return [r.program for r in results if r.accepted and r.program is not None]

    def samples(self, program: Program, program_input: ProgramInput, executor, checks, kind: str = "coe") -> list:
        """The CoE sample for one input, then its questions if it is kept: (sample, verdict, detail)."""
        try:
            result = trace(program.code, program_input, program_id=program.id, limits=self.limits,
                           seed=self.seed, executor=executor, setup=program.setup)
            if not narratable(result):
                sample = sample_from_trace(program, result, seed=self.seed)
                sample.kind = kind
                return [(sample, rejection(sample.to_dict()), sample.reason)]
            made = [checks.judge(program, result, self.seed)]
            made[0][0].kind = kind
        except Exception as exc:  # noqa: BLE001 - an internal failure costs one sample, never the task
            sample = failed_sample(program, program_input, f"internal error: {type(exc).__name__}: {exc}")
            return [(sample, "crash", sample.reason)]
        if made[0][1] is None and self.questions.per_trace and kind == "coe":
            rerun = lambda code, inp: trace(code, inp, limits=self.limits, seed=self.seed, executor=executor)  # noqa: E731
            try:
                questions = self.questions.ask(program, result, made[0][0].id, self.seed, rerun)
            except Exception as exc:  # noqa: BLE001 - a failed question costs only itself
                self.stat_update(f"question_error_{type(exc).__name__}")
                questions = []
            made += [checks.judge_question(q) for q in questions]
        return made


_EXECUTORS: dict[str, object] = {}


def open_executor(sandbox: str, python: str | None = None):
    """The job runner for this task: the bubblewrap fork-server, or a fresh process per job (none).
    One per worker process, kept across its tasks (starting a sandbox costs a few hundred ms); it
    recycles its own workers after anomalies and dies with the process. With `python`, every job
    (samples, question reruns, rewrite checks) runs under that interpreter."""
    from tracepile.sandbox import make_executor

    if sandbox not in _EXECUTORS:
        _EXECUTORS[sandbox] = make_executor(sandbox)
    executor = _EXECUTORS[sandbox]
    if python:
        return contextlib.nullcontext(lambda job: executor(replace(job, python=python)))
    return contextlib.nullcontext(executor)


@atexit.register
def close_executors() -> None:
    """Stop this process's job runners (their sandbox workers included); they also stop at exit."""
    while _EXECUTORS:
        _EXECUTORS.popitem()[1].close()


def failed_sample(program: Program, program_input: ProgramInput, reason: str) -> Sample:
    return Sample(id=sample_id(program.id, program_input), program_id=program.id, input=program_input.text,
                  input_kind=program_input.kind, domain=program.domain, kind="coe", prompt="", response="",
                  answer="", status="crash", reason=reason, stats={}, verified=False, claims=0,
                  claims_checked=0, claim_failures=[], provenance={"source": program.source,
                                                                  "license": program.license})


def rejection(sample: dict) -> str:
    """The counter name for why a sample is not in the corpus."""
    if sample["status"] in ("timeout", "limit", "crash", "truncated", "bad_input"):
        return sample["status"]
    if not sample["response"]:
        return "unrunnable"
    return "unverified"


class KeepVerified(BaseFilter):
    """Keeps verified samples that fit the budget and overlap no benchmark; the rest go to the
    rejects file with the reason."""

    name = "keep verified"

    def filter(self, doc: Document) -> bool | tuple[bool, str]:
        verdict = doc.metadata.get("reject")
        if verdict:
            return False, verdict
        if doc.metadata["sample"]["verified"]:
            return True
        return False, rejection(doc.metadata["sample"])


class WriteSignatures(PipelineStep):
    """Passes samples on unchanged and saves each one's dedup signature (its place in the shard
    included) for the build's global deduplication."""

    name = "dedup signatures"
    type = "🫂 - DEDUP"

    def __init__(self, folder: str):
        super().__init__()
        self.folder = folder

    def run(self, data: DocumentsPipeline = None, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        from dataclasses import asdict

        from tracepile.quality import signature

        rows = []
        for index, document in enumerate(data):
            sample = Sample(**document.metadata["sample"])
            rows.append(json.dumps(asdict(signature(sample, rank, index))))
            yield document
        path = Path(self.folder) / f"{rank:05d}.jsonl"
        tmp = path.with_suffix(".tmp")
        tmp.write_text("".join(row + "\n" for row in rows))
        os.replace(tmp, path)


class Progress:
    """Per-task counters in a small JSON file that the build's progress display sums up."""

    def __init__(self, folder: str, rank: int):
        self.path = Path(folder) / f"{rank:05d}.json"
        self.counts = {"done": 0, "kept": 0, "rejected": {}}

    def add(self, sample: Sample, verdict: str | None) -> None:
        self.counts["done"] += sample.kind == "coe"  # planned inputs; questions and rewrites come extra
        reason = verdict or (None if sample.verified else rejection(sample.to_dict()))
        if reason is None:
            self.counts["kept"] += 1
        else:
            self.counts["rejected"][reason] = self.counts["rejected"].get(reason, 0) + 1
        self.write()

    def finish(self) -> None:
        self.write()

    def write(self) -> None:
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(self.counts))
        os.replace(tmp, self.path)
