"""The sandbox binds tracepile wherever it is checked out or installed, /tmp included (the sandbox's
own scratch space is a fresh tmpfs at /tmp, which once hid a package that lived there)."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from sandbox_support import bwrap_executor

import tracepile

SOURCE = Path(tracepile.__file__).resolve().parent


def _copy_under(root: Path) -> Path:
    """A copy of the package under `root` (a checkout someone made there)."""
    target = root / "checkout" / "src"
    shutil.copytree(SOURCE, target / "tracepile", ignore=shutil.ignore_patterns("__pycache__"))
    return target


def _in_copy(src: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(src)}
    return subprocess.run([sys.executable, "-c", "import sys, tracepile; print(tracepile.__file__, "
                           "file=sys.stderr); from tracepile.cli import app; app()", *args],
                          env=env, cwd=src.parent, capture_output=True, text=True, timeout=180)


def test_a_checkout_under_tmp_runs_in_the_bwrap_sandbox(tmp_path_factory):
    bwrap_executor().close()  # skips, with the reason, where bubblewrap cannot run at all
    root = Path(tmp_path_factory.mktemp("tmp-checkout"))
    assert str(root).startswith("/tmp/"), root
    src = _copy_under(root)
    program = src.parent / "double.py"
    program.write_text("def f(n):\n    return n * 2\n")
    result = _in_copy(src, "run", str(program), "--call", "f(21)", "--sandbox", "bwrap", "--json")
    assert result.stderr.startswith(str(src / "tracepile" / "__init__.py")), result.stderr
    assert result.returncode == 0, result.stderr
    sample = json.loads(result.stdout)
    assert sample["status"] == "ok" and sample["answer"] == "42" and sample["verified"]


def test_doctor_reports_where_the_package_is_bound(tmp_path_factory):
    bwrap_executor().close()
    src = _copy_under(Path(tmp_path_factory.mktemp("doctor-checkout")))
    result = _in_copy(src, "doctor")
    assert result.returncode == 0, result.stdout + result.stderr
    line = next(l for l in result.stdout.splitlines() if "tracepile importable inside" in l)
    assert str(src / "tracepile") in line and "/opt/tracepile/tracepile" in line
