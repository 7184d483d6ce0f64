"""Shared by the training tests: skip cleanly without the train extra, and train on one thread."""

import os

import pytest

os.environ.setdefault("OMP_NUM_THREADS", "1")
pytest.importorskip("trl", reason="training tests need the train extra: pip install -e '.[train]'")

import torch  # noqa: E402

torch.set_num_threads(1)
