"""The corpus build: plan program records, then trace → narrate → verify → write on datatrove executors
(local processes, Ray or Slurm), resumable task by task; `stats` summarises a finished corpus."""

from tracepile.pipeline.build import BuildFailed, build, build_status
from tracepile.pipeline.config import BuildConfig, ConfigError
from tracepile.pipeline.stats import corpus_stats

__all__ = ["BuildConfig", "BuildFailed", "ConfigError", "build", "build_status", "corpus_stats"]
