"""Fixtures shared by the real-code tests: each test runs on both executors (a plain child process and
the bubblewrap sandbox's fork-server)."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "sandbox"))

from sandbox_support import bwrap_executor  # noqa: E402


@pytest.fixture(scope="module", params=["none", "bwrap"])
def executor(request):
    if request.param == "none":
        yield None
        return
    ex = bwrap_executor()
    yield ex
    ex.close()
