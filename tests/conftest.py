"""Shared test helpers: where the real public datasets live, and which interpreters to trace with."""

import glob
import os
import sys
from pathlib import Path

import pytest

SHARED = Path(os.environ.get("TRACEPILE_SHARED", Path(__file__).resolve().parents[2] / "shared"))
DATASETS = SHARED / "datasets"


def dataset(name: str) -> Path:
    """Path of a shared dataset folder; skips the test with the reason when it is absent."""
    path = DATASETS / name
    if not path.exists():
        pytest.skip(f"shared dataset {name!r} not found at {path} (set TRACEPILE_SHARED)")
    return path


def tracer_pythons() -> list[str]:
    """This interpreter (settrace on <= 3.11) plus any 3.12+ interpreter (sys.monitoring) we can find."""
    found = [sys.executable]
    extra = os.environ.get("TRACEPILE_TEST_PYTHONS")
    candidates = extra.split(os.pathsep) if extra else sorted(
        glob.glob(os.path.expanduser("~/.pyenv/versions/3.1[2-9]*/bin/python3")))
    for path in candidates:
        if path and os.path.exists(path) and os.path.realpath(path) != os.path.realpath(sys.executable):
            found.append(path)
    return found


@pytest.fixture(scope="session")
def small_corpus(tmp_path_factory) -> Path:
    """A small corpus from `build` (bundled programs, questions and rewrites), shared by the export,
    eval and train tests."""
    from tracepile.pipeline import BuildConfig, build

    out = tmp_path_factory.mktemp("small-corpus")
    config = BuildConfig(samples=60, seed=1, workers=2, sandbox="none", inputs_per_task=4,
                         questions_per_trace=2, rewrites_per_program=1, eval_sets=[])
    build(config, out, progress=False)
    return out
