"""A build's `python:` runs every job (samples, question reruns) under another installed interpreter, in the
real sandbox; the manifest and card say which; an interpreter the sandbox cannot use fails before any work."""

import json
import sys

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from tracepile.cli import app
from tracepile.pipeline import BuildConfig, ConfigError, build
from tracepile.pipeline.steps import close_executors

from conftest import tracer_pythons

# the answer says which interpreter ran the job
VERSION = ("import sys\n\n\ndef version(extra):\n    major, minor = sys.version_info[:2]\n"
           "    return f'{major}.{minor}' + extra\n")
# PEP 695 syntax: a SyntaxError before 3.12
GENERIC = "def first[T](items: list[T]) -> T:\n    return items[0]\n"


def newer_python() -> str:
    newer = tracer_pythons()[1:]
    if not newer:
        pytest.skip("no other Python 3.12+ interpreter found (set TRACEPILE_TEST_PYTHONS)")
    return newer[0]


@pytest.fixture(autouse=True)
def no_sandbox_worker_left():
    """Builds here run in this process, whose job runners outlive a build: stop them after each test
    (the hostile-sandbox tests check that no other worker is alive)."""
    yield
    close_executors()


def read_samples(out) -> list[dict]:
    return [row for path in sorted((out / "data").glob("*.parquet")) for row in pq.read_table(path).to_pylist()]


def programs_file(tmp_path, code=VERSION, calls=("version('')", "version('!')")):
    path = tmp_path / "programs.jsonl"
    path.write_text(json.dumps({"id": "program", "code": code, "calls": list(calls)}) + "\n")
    return path


def this_python() -> str:
    return f"{sys.version_info[0]}.{sys.version_info[1]}"


def test_jobs_run_under_the_configured_interpreter(tmp_path):
    python = newer_python()
    config = BuildConfig(programs=str(programs_file(tmp_path)), workers=1, python=python, questions_per_trace=1,
                         eval_sets=[])
    manifest = build(config, tmp_path / "out", progress=False)
    assert manifest["python"] >= "3.12" and manifest["python"] != this_python()
    samples = read_samples(tmp_path / "out")
    coe = [s for s in samples if s["kind"] == "coe"]
    assert sorted(s["answer"] for s in coe) == [repr(manifest["python"] + "!"), repr(manifest["python"])]
    assert all(s["verified"] and s["provenance"]["python"].startswith(manifest["python"] + ".")
               and s["provenance"]["tracer"] == "sys.monitoring" for s in samples)
    assert len(samples) > len(coe)  # question samples, whose checks rerun the program, verified too
    card = (tmp_path / "out" / "README.md").read_text()
    assert f"Programs ran under Python {manifest['python']}" in card


def test_the_default_interpreter_is_the_one_running_tracepile(tmp_path):
    config = BuildConfig(programs=str(programs_file(tmp_path)), workers=1, questions_per_trace=0, eval_sets=[])
    manifest = build(config, tmp_path / "out", progress=False)
    assert manifest["python"] == this_python() and manifest["config"]["python"] is None
    assert sorted(s["answer"] for s in read_samples(tmp_path / "out")) == [repr(this_python() + "!"),
                                                                           repr(this_python())]


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="tracepile's own interpreter parses PEP 695 syntax")
def test_syntax_newer_than_tracepile_s_own_python_is_rejected_with_the_reason(tmp_path):
    config = BuildConfig(programs=str(programs_file(tmp_path, GENERIC, ["first([3, 9])"])), workers=1,
                         python=newer_python(), questions_per_trace=0, eval_sets=[])
    manifest = build(config, tmp_path / "out", progress=False)
    assert manifest["samples"] == 0
    [reject] = [json.loads(line) for f in (tmp_path / "out" / "rejects").glob("[0-9]*.jsonl")
                for line in f.read_text().splitlines()]
    assert reject["status"] == "crash" and "internal error" not in reject["detail"]
    assert reject["detail"].startswith(f"the program ran under Python {manifest['python']}.")
    assert f"its syntax needs a newer Python than the {this_python()} running tracepile" in reject["detail"]


def test_an_interpreter_that_cannot_run_jobs_fails_before_any_work(tmp_path):
    with pytest.raises(ConfigError, match="python must name an executable"):
        BuildConfig(python=str(tmp_path / "no-such-python"))
    fake = tmp_path / "python3"
    fake.write_text("#!/bin/sh\nexit 3\n")
    fake.chmod(0o755)
    with pytest.raises(ConfigError, match="python: cannot inspect the interpreter"):
        build(BuildConfig(programs=str(programs_file(tmp_path)), python=str(fake), eval_sets=[]),
              tmp_path / "out", progress=False)
    assert not (tmp_path / "out" / "data").exists()


def test_build_flag_overrides_the_config(tmp_path):
    python = newer_python()
    config = tmp_path / "build.yaml"
    config.write_text(f"programs: {programs_file(tmp_path)}\nworkers: 1\nquestions_per_trace: 0\neval_sets: []\n"
                      f"python: {sys.executable}\n")
    result = CliRunner().invoke(app, ["build", "--out", str(tmp_path / "out"), "--config", str(config),
                                      "--python", python])
    assert result.exit_code == 0, result.output
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    assert manifest["config"]["python"] == python and manifest["samples"] == 2
