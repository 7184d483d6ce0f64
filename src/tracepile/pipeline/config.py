"""What a build is asked to do: sources, size, seed, limits, executor. Loaded from YAML or flags and
validated up front, so a bad config fails fast with a message that names the field."""

from __future__ import annotations

import os
import shutil
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from tracepile.model import Limits

EXECUTORS = ("local", "ray", "slurm")
SANDBOXES = ("auto", "bwrap", "none")
SLURM_KEYS = ("partition", "time", "cpus_per_task", "mem_per_cpu_gb", "job_name", "qos", "venv_path",
              "env_command", "sbatch_args", "requeue", "poll_s")
RAY_KEYS = ("address", "concurrency", "cpus_per_task", "mem_per_cpu_gb", "resources")


class ConfigError(ValueError):
    """A build configuration that cannot be used; the message names the field and the fix."""


@dataclass(frozen=True)
class BuildConfig:
    """A corpus build. `programs` (a JSONL path) replaces the bundled default when given."""

    samples: int = 2000
    seed: int = 0
    programs: str | None = None
    sources: list[dict[str, Any]] = field(default_factory=list)  # loader specs (see sources.loaders)
    mix: dict[str, float] = field(default_factory=lambda: {"algorithms": 0.37, "competition": 0.18,
                                                           "math": 0.45})
    workers: int = 0  # 0: all cores
    executor: str = "local"
    sandbox: str = "auto"
    python: str | None = None  # the interpreter (3.10+) that runs the programs; None: the one running tracepile
    inputs_per_task: int = 16
    limits: Limits = field(default_factory=Limits)
    slurm: dict[str, Any] = field(default_factory=dict)  # keys: SLURM_KEYS
    ray: dict[str, Any] = field(default_factory=dict)  # keys: RAY_KEYS
    token_budget: int = 8192  # prompt + response, counted with `tokenizer`
    tokenizer: str | None = None  # tokenizer.json path or hub name; None: DeepSeek's, shipped offline
    eval_sets: list[str] | str = "auto"  # "auto": every known set found; names or JSONL/Parquet paths
    eval_dir: str | None = None  # where the known eval sets live (default $TRACEPILE_SHARED/datasets)
    dedup_cap: int = 100  # samples kept per near-duplicate cluster
    questions_per_trace: int = 1  # variable-tracing questions added per kept trace (0: none)
    rewrites_per_program: int = 0  # verified structure-preserving variants per program record (0: none)
    question_kinds: list[str] = field(default_factory=lambda: [
        "state", "next_line", "line_count", "loop_iterations", "branch", "call_count", "call_return",
        "max_depth", "max_value", "first_iteration", "exception", "input"])

    def __post_init__(self) -> None:
        if not isinstance(self.samples, int) or self.samples < 1:
            raise ConfigError(f"samples must be a positive integer, not {self.samples!r}")
        if self.executor not in EXECUTORS:
            raise ConfigError(f"executor must be one of {', '.join(EXECUTORS)}, not {self.executor!r}")
        if self.sandbox not in SANDBOXES:
            raise ConfigError(f"sandbox must be one of {', '.join(SANDBOXES)}, not {self.sandbox!r}")
        if self.inputs_per_task < 1:
            raise ConfigError("inputs_per_task must be at least 1")
        if self.token_budget < 64:
            raise ConfigError("token_budget must be at least 64 tokens")
        if self.dedup_cap < 1:
            raise ConfigError("dedup_cap must be at least 1")
        from tracepile.enrich.questions import KINDS

        unknown = sorted(set(self.question_kinds) - set(KINDS) | ({"coe"} & set(self.question_kinds)))
        if self.rewrites_per_program < 0:
            raise ConfigError("rewrites_per_program must be >= 0")
        if unknown or self.questions_per_trace < 0:
            raise ConfigError(f"question_kinds must be among {', '.join(k for k in KINDS if k != 'coe')} "
                              f"(not {', '.join(unknown)}) and questions_per_trace >= 0")
        if not (self.eval_sets == "auto" or isinstance(self.eval_sets, list)):
            raise ConfigError("eval_sets must be \"auto\" or a list of set names and file paths")
        if self.python is not None and not (isinstance(self.python, str) and shutil.which(self.python)):
            raise ConfigError(f"python must name an executable Python 3.10+ interpreter; {self.python!r} is not "
                              "one (give a path or a name on PATH)")
        if self.programs is not None and not Path(self.programs).is_file():
            raise ConfigError(f"programs file not found: {self.programs}")
        self._check_sources()
        _check_block("slurm", self.slurm, SLURM_KEYS)
        _check_block("ray", self.ray, RAY_KEYS)
        if not self.mix or any(not isinstance(v, (int, float)) or v < 0 for v in self.mix.values()) \
                or not set(self.mix) <= {"algorithms", "competition", "math"} or sum(self.mix.values()) <= 0:
            raise ConfigError("mix must map some of algorithms, competition, math to non-negative shares")

    def _check_sources(self) -> None:
        from tracepile.sources.loaders import KINDS, spec_of

        if not isinstance(self.sources, list):
            raise ConfigError("sources must be a list of source specs (mappings)")
        for number, spec in enumerate(self.sources, 1):
            try:
                kind = spec_of(spec).kind
            except (TypeError, ValueError) as exc:
                raise ConfigError(f"source {number}: {exc}") from None
            if kind not in KINDS:
                raise ConfigError(f"source {number}: unknown kind {kind!r}; use one of {', '.join(KINDS)}")

    @property
    def worker_count(self) -> int:
        return self.workers or os.cpu_count() or 1

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> BuildConfig:
        if not isinstance(data, dict):
            raise ConfigError("a build config must be a mapping of field names to values")
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise ConfigError(f"unknown config field(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")
        values = dict(data)
        if "limits" in values:
            limit_fields = {f.name for f in fields(Limits)}
            if not isinstance(values["limits"], dict) or set(values["limits"]) - limit_fields:
                raise ConfigError(f"limits must be a mapping with keys among {', '.join(sorted(limit_fields))}")
            values["limits"] = Limits(**values["limits"])
        try:
            return cls(**values)
        except TypeError as exc:
            raise ConfigError(str(exc)) from None

    @classmethod
    def from_yaml(cls, path: str | Path) -> BuildConfig:
        import yaml

        path = Path(path)
        if not path.is_file():
            raise ConfigError(f"config file not found: {path}")
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as exc:
            raise ConfigError(f"{path} is not valid YAML: {exc}") from None
        return cls.from_dict(data)


def _check_block(name: str, block: Any, keys: tuple[str, ...]) -> None:
    """An executor's options block: a mapping with known keys (values are checked where they are used)."""
    if not isinstance(block, dict):
        raise ConfigError(f"{name} must be a mapping of options ({', '.join(keys)})")
    unknown = sorted(set(block) - set(keys))
    if unknown:
        raise ConfigError(f"unknown {name} option(s) {', '.join(unknown)}; known: {', '.join(keys)}")
