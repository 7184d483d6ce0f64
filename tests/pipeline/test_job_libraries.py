"""With a build's `python:`, which imports a program may make is asked of that interpreter (its standard
library and site-packages), not of the one running tracepile: the loaders and the bundled math programs."""

import json
import subprocess
import sys

import pytest

from tracepile.pipeline import BuildConfig, build
from tracepile.pipeline.build import bundled_left_out
from tracepile.pipeline.steps import close_executors
from tracepile.sandbox.libraries import in_stdlib, installed
from tracepile.sources.loaders import Rejected, load

from conftest import tracer_pythons

# typer: a dependency of tracepile, so in its environment and not in a fresh venv
CODE = {"only-job": "import job_only_lib\n\n\ndef f(x):\n    return job_only_lib.double(x)\n",
        "only-ours": "import typer\n\n\ndef f(x):\n    return x\n"}


@pytest.fixture(scope="module")
def job_python(tmp_path_factory) -> str:
    """A fresh venv of another interpreter (3.12+) whose site-packages holds a module tracepile's has not."""
    others = tracer_pythons()[1:]
    if not others:
        pytest.skip("no other Python 3.12+ interpreter found (set TRACEPILE_TEST_PYTHONS)")
    venv = tmp_path_factory.mktemp("job-venv")
    subprocess.run([others[0], "-m", "venv", "--without-pip", str(venv)], check=True)
    [site] = venv.glob("lib/python3.*/site-packages")
    (site / "job_only_lib.py").write_text("def double(x):\n    return 2 * x\n")
    return str(venv / "bin" / "python")


@pytest.fixture(autouse=True)
def no_sandbox_worker_left():
    yield
    close_executors()


def programs_file(tmp_path):
    path = tmp_path / "programs.jsonl"
    path.write_text("".join(json.dumps({"id": name, "code": code, "calls": ["f(3)"]}) + "\n"
                            for name, code in CODE.items()))
    return path


def kept_and_rejected(path, python=None):
    results = list(load({"kind": "programs", "path": str(path)}, python))
    kept = sorted(r.id for r in results if not isinstance(r, Rejected))
    rejected = {r.reason for r in results if isinstance(r, Rejected)}
    return kept, rejected


def test_the_job_interpreter_decides_which_imports_are_installed(job_python):
    assert installed("job_only_lib", job_python) and not installed("job_only_lib")
    assert installed("typer") and not installed("typer", job_python)
    assert installed("json", job_python) and installed("collections", job_python)
    if sys.version_info < (3, 12):  # `imp` left the standard library in 3.12
        assert in_stdlib("imp") and installed("imp")
        assert not in_stdlib("imp", job_python) and not installed("imp", job_python)


def test_loaders_keep_what_the_job_interpreter_imports(tmp_path, job_python):
    path = programs_file(tmp_path)
    assert kept_and_rejected(path) == (["only-ours"], {"needs module: job_only_lib (not installed)"})
    assert kept_and_rejected(path, job_python) == (["only-job"], {"needs module: typer (not installed)"})


def test_bundled_math_programs_need_sympy_in_the_job_interpreter(job_python):
    pytest.importorskip("sympy", reason="sympy is not installed (pip install -e '.[math]')")
    assert bundled_left_out(BuildConfig(samples=10)) == {}
    left = bundled_left_out(BuildConfig(samples=10, python=job_python))
    assert left and all(reason.startswith("needs sympy") for reason in left.values())


def test_a_build_under_another_interpreter_runs_its_library(tmp_path, job_python):
    config = BuildConfig(sources=[{"kind": "programs", "path": str(programs_file(tmp_path))}], workers=1,
                         sandbox="none", python=job_python, questions_per_trace=0, eval_sets=[])
    manifest = build(config, tmp_path / "out", progress=False)
    rejects = [json.loads(line) for line in (tmp_path / "out" / "rejects" / "records.jsonl").read_text().splitlines()]
    assert [r["reason"] for r in rejects] == ["needs module: typer (not installed)"]
    assert manifest["samples"] == 1
