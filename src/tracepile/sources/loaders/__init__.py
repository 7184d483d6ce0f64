"""Loaders that map real data (files, Hugging Face datasets, test code, doctests) to program records;
the public entry point is `load(spec)`, yielding a Program or a Rejected per record."""

from tracepile.sources.loaders.base import Const, FieldMap, LoadResult, Rejected
from tracepile.sources.loaders.loading import load
from tracepile.sources.loaders.presets import PRESETS, default_root, preset, spec_of
from tracepile.sources.loaders.spec import KINDS, SourceSpec

__all__ = ["Const", "FieldMap", "KINDS", "LoadResult", "PRESETS", "Rejected", "SourceSpec", "default_root",
           "load", "preset", "spec_of"]
