"""Training on TRL: CPT, SFT, SFT after CPT and two-stage runs from an export folder and a YAML
config. torch, transformers and trl are imported only when a run starts (the `train` extra)."""

from tracepile.train.config import MODES, TrainConfig, TrainConfigError
from tracepile.train.run import StageReport, train

__all__ = ["MODES", "StageReport", "TrainConfig", "TrainConfigError", "train"]
