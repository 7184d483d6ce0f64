"""Corpus builds on datatrove: output layout, determinism, kill -9 and resume, bad input, executors."""

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from tracepile.pipeline import BuildConfig, ConfigError, build, corpus_stats

SMALL = dict(samples=30, seed=3, workers=2, sandbox="none", inputs_per_task=4)


def samples(folder) -> list[dict]:
    rows = []
    for path in sorted(Path(folder, "data").glob("*.parquet")):
        rows += pq.read_table(path).to_pylist()
    return sorted(rows, key=lambda r: r["id"])


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    out = tmp_path_factory.mktemp("reference")
    manifest = build(BuildConfig(**SMALL), out, progress=False)
    return out, manifest


def test_build_writes_a_loadable_sharded_corpus(reference):
    out, manifest = reference
    rows = samples(out)
    assert manifest["samples"] == len(rows) >= 28
    assert manifest["tasks"] > 2 and [f["path"] for f in manifest["files"]] == ["data/train-00000-000.parquet"]
    assert {r["domain"] for r in rows} == {"algorithms", "competition", "math"}
    assert all(r["verified"] and r["response"] for r in rows)
    kinds = {r["kind"] for r in rows}
    assert "coe" in kinds and len(kinds) > 2, kinds  # one variable-tracing question per kept trace
    from datasets import load_dataset
    dataset = load_dataset("parquet", data_dir=str(out / "data"), split="train")
    assert len(dataset) == len(rows) and "response" in dataset.column_names
    summary = corpus_stats(out)
    assert summary["total_samples"] == len(rows)
    assert {r["domain"] for r in summary["rows"]} == {"algorithms", "competition", "math"}


def test_same_seed_same_samples(reference, tmp_path):
    out, _ = reference
    build(BuildConfig(**{**SMALL, "workers": 1}), tmp_path, progress=False)
    assert samples(tmp_path) == samples(out)


def test_rerun_of_a_finished_build_is_a_no_op(reference):
    out, manifest = reference
    before = {p: p.stat().st_mtime_ns for p in (out / "data").glob("*.parquet")}
    again = build(BuildConfig(**SMALL), out, progress=False)
    assert again["samples"] == manifest["samples"]
    assert {p: p.stat().st_mtime_ns for p in (out / "data").glob("*.parquet")} == before


def test_kill_9_then_resume_equals_an_uninterrupted_build(reference, tmp_path):
    out, _ = reference
    target = tmp_path / "killed"
    cmd = [sys.executable, "-m", "tracepile.cli", "build", "--out", str(target), "--samples", "30", "--seed", "3",
           "--workers", "2", "--sandbox", "none"]
    config = tmp_path / "tasks.yaml"
    config.write_text("inputs_per_task: 4\n")
    cmd += ["--config", str(config)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        done = sum(json.loads(p.read_text())["done"] for p in (target / "_progress").glob("*.json")) \
            if (target / "_progress").exists() else 0
        if done >= 2:
            break
        time.sleep(0.02)
    time.sleep(random.Random().uniform(0, 0.3))
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert not (target / "manifest.json").exists(), "the build finished before it could be killed"
    resumed = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert resumed.returncode == 0, resumed.stderr
    assert samples(target) == samples(out)


def test_bad_records_are_rejected_with_reasons_and_the_rest_is_built(tmp_path):
    good = {"id": "ok", "code": "def f(x):\n    return x * 2\n", "calls": ["f(2)"], "domain": "custom"}
    lines = [
        json.dumps(good).encode(),
        b"{broken json",
        b"\xff\xfe not utf-8",
        json.dumps({"id": "syntax", "code": "def f(:\n", "calls": ["f()"]}).encode(),
        json.dumps({"id": "entry", "code": "def f():\n    return 1\n", "calls": ["g()"]}).encode(),
        json.dumps({"id": "notliteral", "code": "def f(x):\n    return x\n", "calls": ["f([i for i in y])"]}).encode(),
        json.dumps({"id": "empty", "code": "def f():\n    pass\n"}).encode(),
        json.dumps({"id": "loops", "code": "def f():\n    while True:\n        pass\n", "calls": ["f()"]}).encode(),
    ]
    programs = tmp_path / "programs.jsonl"
    programs.write_bytes(b"\n".join(lines) + b"\n")
    config = BuildConfig(programs=str(programs), workers=1, sandbox="none", questions_per_trace=0,
                         limits=BuildConfig().limits.__class__(timeout_s=1.0, cpu_s=2))
    manifest = build(config, tmp_path / "out", progress=False)
    assert manifest["samples"] == 1 and samples(tmp_path / "out")[0]["program_id"] == "ok"
    records = [json.loads(l) for l in (tmp_path / "out/rejects/records.jsonl").read_text().splitlines()]
    assert [r["line"] for r in records] == [2, 3, 7]
    assert "invalid JSON" in records[0]["reason"] and "UTF-8" in records[1]["reason"]
    assert "no inputs" in records[2]["reason"]
    rejects = {}
    for path in (tmp_path / "out/rejects").glob("0*.jsonl"):
        for line in path.read_text().splitlines():
            row = json.loads(line)
            rejects[row["program_id"]] = row
    assert rejects["syntax"]["reason"] == "unrunnable" and "syntax error" in rejects["syntax"]["detail"]
    assert rejects["entry"]["reason"] == "bad_input"
    assert "entry point 'g' is not defined" in rejects["entry"]["detail"]
    assert rejects["notliteral"]["reason"] == "bad_input"
    assert "raised NameError: name 'y' is not defined" in rejects["notliteral"]["detail"]
    assert rejects["loops"]["reason"] == "timeout"
    assert manifest["rejected"] == {"bad record": 3, "bad_input": 2, "timeout": 1, "unrunnable": 1}


def test_bad_config_fails_fast(tmp_path):
    with pytest.raises(ConfigError, match="unknown config field"):
        BuildConfig.from_dict({"sampels": 3})
    with pytest.raises(ConfigError, match="programs file not found"):
        BuildConfig(programs=str(tmp_path / "missing.jsonl"))
    with pytest.raises(ConfigError, match="executor must be one of"):
        BuildConfig(executor="spark")
    bad_yaml = tmp_path / "bad.yaml"
    bad_yaml.write_text("samples: [1,\n")
    with pytest.raises(ConfigError, match="not valid YAML"):
        BuildConfig.from_yaml(bad_yaml)


def test_a_changed_config_is_not_mixed_into_an_existing_build(reference):
    out, _ = reference
    with pytest.raises(ConfigError, match="different configuration"):
        build(BuildConfig(**{**SMALL, "seed": 4}), out, progress=False)


def test_ray_executor_produces_the_same_samples(reference, tmp_path):
    ray = pytest.importorskip("ray", reason="Ray is installed by `pip install -e .[test]`")
    out, _ = reference
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False,
             runtime_env={"env_vars": {"PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")}})
    try:
        build(BuildConfig(**{**SMALL, "executor": "ray"}), tmp_path, progress=False)
    finally:
        ray.shutdown()
    assert samples(tmp_path) == samples(out)


def test_slurm_submission_is_generated(tmp_path):
    from tracepile.pipeline.build import Layout, make_executor, make_pipeline, plan, planned_tasks

    config = BuildConfig(**{**SMALL, "executor": "slurm",
                            "slurm": {"partition": "cpu-long", "time": "02:00:00", "mem_per_cpu_gb": 4}})
    layout = Layout(tmp_path)
    plan(config, layout)
    tasks = planned_tasks(layout)
    executor = make_executor(config, make_pipeline(config, layout), tasks, layout)
    args = executor.get_sbatch_args(max_array=tasks)
    script = executor.get_launch_file_contents(args, "python -m tracepile.launch")
    assert f"#SBATCH --array=0-{tasks - 1}" in script
    assert "#SBATCH --partition=cpu-long" in script and "#SBATCH --time=02:00:00" in script
    assert "#SBATCH --job-name=tracepile" in script and "--mem-per-cpu=4G" in script


def test_dataset_card_is_accurate_and_loads_the_corpus(reference):
    import yaml
    from datasets import load_dataset

    out, manifest = reference
    card = (out / "README.md").read_text()
    header = yaml.safe_load(card.split("---")[1])
    assert header["configs"][0]["data_files"][0]["path"] == "data/*.parquet"
    assert header["dataset_info"]["splits"][0]["num_examples"] == manifest["samples"]
    assert [f["name"] for f in header["dataset_info"]["features"]][:3] == ["id", "program_id", "input"]
    assert f"Seed: {manifest['seed']}" in card and manifest["tool"] in card
    domains = {r["domain"] for r in samples(out)}
    assert all(f"| {d} |" in card for d in domains)
    assert len(load_dataset(str(out), split="train")) == manifest["samples"]


def test_show_prints_one_sample(reference):
    from typer.testing import CliRunner
    from tracepile.cli import app

    out, _ = reference
    first = samples(out)[0]
    result = CliRunner().invoke(app, ["show", str(out), "--id", first["id"]])
    assert result.exit_code == 0, result.output
    assert first["id"] in result.output and "Chain of Execution" in result.output and "Provenance" in result.output
    result = CliRunner().invoke(app, ["show", str(out), "--kind", "nope"])
    assert result.exit_code == 1 and "no sample of kind 'nope'" in result.stderr


def test_math_samples_show_their_problem(reference):
    out, _ = reference
    math_rows = [r for r in samples(out) if r["domain"] == "math"]
    assert math_rows and all(r["prompt"].startswith("Problem: ") for r in math_rows)


def test_html_report_renders_in_a_real_browser(reference, tmp_path):
    import shutil
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("Debian's chromium is not installed (.ci/run installs it)")
    from tracepile.pipeline.report import write_report

    out, manifest = reference
    page = write_report(out, tmp_path / "report.html")
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={tmp_path / 'profile'}", "--hide-scrollbars", "--window-size=1100,2400"]
    dom = subprocess.run([chromium, *flags, "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120)
    assert dom.returncode == 0, dom.stderr[-500:]
    assert dom.stdout.count("<table") >= 1 and dom.stdout.count("<svg") >= 3
    assert f"<td>{manifest['samples']:,}</td>" in dom.stdout.replace("<td>all</td><td></td>", "")
    shot = tmp_path / "report.png"
    subprocess.run([chromium, *flags, f"--screenshot={shot}", page.as_uri()], capture_output=True, timeout=120)
    from PIL import Image
    image = Image.open(shot).convert("L")
    assert image.size == (1100, 2400)
    assert len(set(image.getdata())) > 50, "the screenshot is blank"


def test_quality_control_rejects_duplicates_contamination_and_over_budget(tmp_path):
    from conftest import dataset

    crux = json.loads((dataset("cruxeval") / "cruxeval.jsonl").read_text().splitlines()[0])
    square = {"code": "def square(n):\n    return n * n\n", "calls": ["square(3)"]}
    long_loop = {"code": "def fib(n):\n    print(n)\n    if n < 2:\n        return n\n    return fib(n - 1) + fib(n - 2)\n",
                 "calls": ["fib(7)"]}  # recursion that prints: neither loop compression nor quiet calls shorten it
    records = [
        {"id": "square-a", **square}, {"id": "square-b", **square},
        {"id": "crux", "code": crux["code"], "calls": [f"f({crux['input']})"]},
        {"id": "long", **long_loop},
    ]
    programs = tmp_path / "programs.jsonl"
    programs.write_text("".join(json.dumps(r) + "\n" for r in records))
    config = BuildConfig(programs=str(programs), workers=1, sandbox="none", token_budget=900,
                         questions_per_trace=0)
    manifest = build(config, tmp_path / "out", progress=False)
    kept = {r["program_id"] for r in samples(tmp_path / "out")}
    assert kept == {"square-a"}
    rejects = {}
    for path in (tmp_path / "out/rejects").glob("*.jsonl"):
        for line in path.read_text().splitlines():
            row = json.loads(line)
            rejects[row.get("program_id")] = row
    assert rejects["square-b"]["reason"] == "duplicate" and "exact duplicate" in rejects["square-b"]["detail"]
    assert rejects["crux"]["reason"] == "contaminated" and rejects["crux"]["detail"].startswith("cruxeval sample_0")
    assert rejects["long"]["reason"] == "over token budget"
    assert manifest["dedup"]["exact_duplicates"] == 1 and manifest["rejected"]["contaminated"] == 1
    assert manifest["tokens"]["prompt"] > 0 and "cruxeval" in manifest["eval_sets"]


def test_build_from_loader_sources(tmp_path):
    from conftest import dataset

    dataset("cruxeval")
    config = BuildConfig(sources=[{"preset": "mbpp-sanitized-codet", "limit": 3}], workers=1, sandbox="none",
                         eval_sets=["gsm8k"])
    manifest = build(config, tmp_path / "out", progress=False)
    assert manifest["samples"] >= 3
    assert {r["provenance"]["source"] for r in samples(tmp_path / "out")} == {"mbpp-sanitized-codet"}
    with pytest.raises(ConfigError, match="source 1"):
        BuildConfig(sources=[{"kind": "nope", "path": "x"}])


def test_rewrites_add_verified_variants_with_the_same_answers(tmp_path):
    records = [
        {"id": "sum", "code": "def total(xs):\n    s = 0\n    for x in xs:\n        s += x\n    return s\n",
         "calls": ["total([1, 2, 3])", "total([])"]},
        {"id": "pick", "code": "def pick(n):\n    if n > 2:\n        return 'big'\n    else:\n        return 'small'\n",
         "calls": ["pick(1)", "pick(5)"]},
    ]
    programs = tmp_path / "programs.jsonl"
    programs.write_text("".join(json.dumps(r) + "\n" for r in records))
    config = BuildConfig(programs=str(programs), workers=1, sandbox="none", rewrites_per_program=1,
                         questions_per_trace=0, eval_sets=[])
    manifest = build(config, tmp_path / "out", progress=False)
    rows = samples(tmp_path / "out")
    originals = {(r["program_id"], r["input"].split("(", 1)[1]): r["answer"] for r in rows if r["kind"] == "coe"}
    variants = [r for r in rows if r["kind"] == "coe_rewrite"]
    assert variants and all(r["verified"] for r in variants)
    for row in variants:
        original_id = row["program_id"].split("~")[0]
        assert originals[(original_id, row["input"].split("(", 1)[1])] == row["answer"]
    assert manifest["rewrite_attempts"] and all(v["tried"] >= v["accepted"] for v in manifest["rewrite_attempts"].values())
