"""What `tracepile train` is asked to do: a YAML file naming the mode (cpt, sft, two-stage), the
export folder, the base model and the optimisation settings; validated before anything loads."""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path

import yaml

MODES = ("cpt", "sft", "two-stage")


class TrainConfigError(ValueError):
    """A training config that cannot be used; the message names the field."""


@dataclass(frozen=True)
class TrainConfig:
    """One training run. `data` is an export folder of the matching format; `init_from` starts from a
    previous run's model (SFT after CPT); `gguf_file` loads `model` from a GGUF file (de-quantized)."""

    mode: str
    data: str
    model: str
    output_dir: str
    gguf_file: str | None = None
    init_from: str | None = None
    max_steps: int = -1  # > 0: stop after this many optimizer steps (per stage); else run `epochs`
    epochs: float = 1.0
    learning_rate: float = 5e-5
    batch_size: int = 8
    grad_accum: int = 1
    max_length: int = 2048  # tokens per sample (SFT) or per packed sequence (CPT)
    warmup: float = 0.0  # warmup steps (>= 1) or a fraction of all steps (< 1)
    weight_decay: float = 0.0
    seed: int = 0
    save_steps: int = 50
    save_total_limit: int = 2
    logging_steps: int = 1
    bf16: bool = False
    packing: bool = True  # CPT: pack whole samples into sequences; False: one sample per sequence

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise TrainConfigError(f"mode must be one of {', '.join(MODES)}, not {self.mode!r}")
        for name in ("batch_size", "grad_accum", "max_length", "save_steps", "logging_steps"):
            if not isinstance(getattr(self, name), int) or getattr(self, name) < 1:
                raise TrainConfigError(f"{name} must be a positive integer, not {getattr(self, name)!r}")
        if self.max_steps <= 0 and self.epochs <= 0:
            raise TrainConfigError("give max_steps > 0 or epochs > 0")
        if not Path(self.data, "export.json").is_file():
            raise TrainConfigError(f"data: {self.data} is not an export folder (no export.json); "
                                   f"run `tracepile export CORPUS --format {self.mode} --out {self.data}` first")

    @classmethod
    def from_yaml(cls, path: str | Path) -> TrainConfig:
        raw = yaml.safe_load(Path(path).read_text()) or {}
        if not isinstance(raw, dict):
            raise TrainConfigError(f"{path}: expected a mapping of config fields")
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(raw) - known)
        if unknown:
            raise TrainConfigError(f"{path}: unknown field(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")
        missing = [name for name in ("mode", "data", "model", "output_dir") if name not in raw]
        if missing:
            raise TrainConfigError(f"{path}: missing field(s) {', '.join(missing)}")
        base = Path(path).resolve().parent
        for name in ("data", "output_dir", "init_from"):  # relative paths are relative to the config file
            if raw.get(name) and not Path(raw[name]).is_absolute():
                raw[name] = str(base / raw[name])
        if raw.get("model") and (base / raw["model"]).exists() and not Path(raw["model"]).is_absolute():
            raw["model"] = str(base / raw["model"])
        return cls(**raw)
