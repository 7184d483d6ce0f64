"""The build's datatrove steps, thin wrappers around the engine's plain functions: read this task's
program records, make one sample per input (never raising), keep verified samples, reject the rest."""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path

from datatrove.data import Document, DocumentsPipeline
from datatrove.pipeline.base import PipelineStep
from datatrove.pipeline.filters.base_filter import BaseFilter

from tracepile.engine import make_sample, sample_id
from tracepile.model import Limits, Program, ProgramInput, Sample


def task_items(path: str, inputs_per_task: int) -> list[int]:
    """The first line index of each task: tasks hold consecutive records of ~inputs_per_task inputs."""
    starts, load = [], inputs_per_task
    with open(path, encoding="utf-8") as handle:
        for index, line in enumerate(handle):
            if load >= inputs_per_task:
                starts.append(index)
                load = 0
            load += max(1, json.loads(line)["inputs"])
    return starts


class ReadPrograms(PipelineStep):
    """Yields this task's program records from the build's planned programs.jsonl."""

    name = "read programs"
    type = "📖 - READER"

    def __init__(self, path: str, starts: list[int]):
        super().__init__()
        self.path, self.starts = path, starts

    def run(self, data: DocumentsPipeline = None, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        first = self.starts[rank]
        last = self.starts[rank + 1] if rank + 1 < len(self.starts) else None
        with open(self.path, encoding="utf-8") as handle:
            for index, line in enumerate(handle):
                if index < first:
                    continue
                if last is not None and index >= last:
                    break
                record = json.loads(line)
                self.stat_update("programs")
                yield Document(text=record["program"]["code"], id=record["program"]["id"],
                               metadata={"program": record["program"]})


class MakeSamples(PipelineStep):
    """Trace, narrate and verify every input of every program; one document per sample."""

    name = "trace, narrate, verify"
    type = "⚙️ - PROCESS"

    def __init__(self, seed: int, limits: Limits, sandbox: str, progress_dir: str):
        super().__init__()
        self.seed, self.limits, self.sandbox, self.progress_dir = seed, limits, sandbox, progress_dir

    def run(self, data: DocumentsPipeline = None, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        progress = Progress(self.progress_dir, rank)
        with open_executor(self.sandbox) as executor:
            for document in data:
                program = Program.from_dict(document.metadata["program"])
                for program_input in program.inputs:
                    with self.track_time():
                        sample = self.sample(program, program_input, executor)
                    self.stat_update(f"status_{sample.status}")
                    progress.add(sample)
                    yield Document(text=sample.response, id=sample.id, metadata={"sample": sample.to_dict()})
        progress.finish()

    def sample(self, program: Program, program_input: ProgramInput, executor) -> Sample:
        try:
            return make_sample(program, program_input, seed=self.seed, limits=self.limits, executor=executor)
        except Exception as exc:  # noqa: BLE001 - an internal failure costs one sample, never the task
            return failed_sample(program, program_input, f"internal error: {type(exc).__name__}: {exc}")


def open_executor(sandbox: str):
    """The job runner for this task: a fresh process per job, or the bubblewrap sandbox pool."""
    if sandbox == "none":
        from tracepile.sandbox import execute
        return contextlib.nullcontext(execute)
    from tracepile.sandbox import make_executor
    return make_executor(sandbox)


def failed_sample(program: Program, program_input: ProgramInput, reason: str) -> Sample:
    return Sample(id=sample_id(program.id, program_input), program_id=program.id, input=program_input.text,
                  input_kind=program_input.kind, domain=program.domain, kind="coe", prompt="", response="",
                  answer="", status="crash", reason=reason, stats={}, verified=False, claims=0,
                  claims_checked=0, claim_failures=[], provenance={"source": program.source,
                                                                  "license": program.license})


def rejection(sample: dict) -> str:
    """The counter name for why a sample is not in the corpus."""
    if sample["status"] in ("timeout", "limit", "crash", "truncated"):
        return sample["status"]
    if not sample["response"]:
        return "unrunnable"
    return "unverified"


class KeepVerified(BaseFilter):
    """Keeps samples whose every claim holds; the rest go to the rejects file with the reason."""

    name = "keep verified"

    def filter(self, doc: Document) -> bool | tuple[bool, str]:
        sample = doc.metadata["sample"]
        if sample["verified"]:
            return True
        return False, rejection(sample)


class Progress:
    """Per-task counters in a small JSON file that the build's progress display sums up."""

    def __init__(self, folder: str, rank: int):
        self.path = Path(folder) / f"{rank:05d}.json"
        self.counts = {"done": 0, "kept": 0, "rejected": {}}

    def add(self, sample: Sample) -> None:
        self.counts["done"] += 1
        if sample.verified:
            self.counts["kept"] += 1
        else:
            reason = rejection(sample.to_dict())
            self.counts["rejected"][reason] = self.counts["rejected"].get(reason, 0) + 1
        self.write()

    def finish(self) -> None:
        self.write()

    def write(self) -> None:
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(self.counts))
        os.replace(tmp, self.path)
