"""`tracepile train` end to end on CPU with a tiny random Llama and a tokenizer trained offline: SFT,
CPT then SFT from its model, two-stage, kill -9 and resume, and export -> train -> eval via the CLI."""

import train_helpers  # noqa: F401 - skips without the train extra; one thread
import json
import os
import signal
import subprocess
import sys
import time

import pytest
import yaml
from typer.testing import CliRunner

from tracepile.cli import app
from tracepile.export import ExportConfig, export_corpus
from tracepile.train import TrainConfig, TrainConfigError, train
from tracepile.train.run import sft_arguments
from tracepile.train.tiny import make_tiny_model

FAST = dict(batch_size=4, learning_rate=3e-3, max_length=768, logging_steps=1)


@pytest.fixture(scope="module")
def setup(small_corpus, tmp_path_factory):
    root = tmp_path_factory.mktemp("train")
    export_corpus(small_corpus, root / "sft", ExportConfig(format="sft", validation=0.2, test=0.2))
    export_corpus(small_corpus, root / "cpt", ExportConfig(format="cpt", validation=0.2, test=0.2))
    general = root / "general.jsonl"
    general.write_text("".join(json.dumps({"prompt": f"Add {i} and 1.", "completion": str(i + 1)}) + "\n"
                               for i in range(16)))
    export_corpus(small_corpus, root / "two", ExportConfig(format="two-stage", general=str(general), epochs=(1, 2)))
    texts = [json.loads(line)["text"] for line in (root / "cpt/cpt/train.jsonl").read_text().splitlines()]
    make_tiny_model(texts, root / "tiny")
    return root


def write_config(path, **fields):
    path.write_text(yaml.safe_dump(fields))
    return path


def test_sft_loss_falls_and_curves_are_written(setup):
    config = TrainConfig(mode="sft", data=str(setup / "sft"), model=str(setup / "tiny"),
                         output_dir=str(setup / "run-sft"), max_steps=12, save_steps=100, **FAST)
    [report] = train(config)
    assert report.steps == 12 and report.last_loss < report.first_loss
    assert report.eval_loss is not None and len(report.losses) == 12
    out = setup / "run-sft" / "sft"
    assert json.loads((out / "loss.json").read_text()) == report.losses
    assert (out / "loss.png").read_bytes()[:4] == b"\x89PNG"
    assert (out / "model" / "config.json").is_file() and (out / "model" / "tokenizer.json").is_file()
    assert train(config)[0].losses == report.losses  # a finished stage is not run again


def test_cpt_packs_whole_samples_then_sft_starts_from_its_model(setup):
    from transformers import AutoModelForCausalLM

    cpt = TrainConfig(mode="cpt", data=str(setup / "cpt"), model=str(setup / "tiny"),
                      output_dir=str(setup / "run-cpt"), max_steps=8, save_steps=100,
                      **{**FAST, "max_length": 600})
    [first] = train(cpt)
    assert first.last_loss < first.first_loss and first.dropped_too_long > 0
    sft = TrainConfig(mode="sft", data=str(setup / "sft"), model=str(setup / "tiny"), init_from=first.model_dir,
                      output_dir=str(setup / "run-cpt-sft"), max_steps=4, save_steps=100, **FAST)
    [second] = train(sft)
    assert second.steps == 4
    start = AutoModelForCausalLM.from_pretrained(first.model_dir).state_dict()
    random = AutoModelForCausalLM.from_pretrained(str(setup / "tiny")).state_dict()
    name = "model.layers.0.mlp.up_proj.weight"
    assert not start[name].equal(random[name])  # SFT began from the CPT weights, not the base


def test_two_stage_runs_stage2_from_stage1_with_the_exported_epochs(setup):
    config = TrainConfig(mode="two-stage", data=str(setup / "two"), model=str(setup / "tiny"),
                         output_dir=str(setup / "run-two"), save_steps=100, **FAST)
    first, second = train(config)
    assert (first.stage, second.stage) == ("stage1", "stage2")
    assert second.steps == 2 * 4  # 16 general records, batch 4, two epochs
    saved = json.loads((setup / "run-two" / "train_report.json").read_text())
    assert [s["stage"] for s in saved] == ["stage1", "stage2"]


def test_arguments_pack_cpt_and_mask_prompts_in_sft(setup):
    from trl import SFTConfig

    base = TrainConfig(mode="sft", data=str(setup / "sft"), model="m", output_dir=str(setup / "x"))
    cpt, sft = (sft_arguments(SFTConfig, base, stage, setup / "x") for stage in ("cpt", "sft"))
    assert cpt.packing and cpt.packing_strategy == "bfd" and not sft.packing
    assert sft.completion_only_loss is True and cpt.completion_only_loss is None


def test_bad_configs_name_the_field(setup, tmp_path):
    with pytest.raises(TrainConfigError, match="mode must be one of"):
        TrainConfig(mode="rl", data=str(setup / "sft"), model="m", output_dir="o")
    with pytest.raises(TrainConfigError, match="not an export folder"):
        TrainConfig(mode="sft", data=str(tmp_path), model="m", output_dir="o")
    path = write_config(tmp_path / "c.yaml", mode="sft", data=str(setup / "sft"), model="m", output_dir="o", lr=1)
    result = CliRunner().invoke(app, ["train", str(path)])
    assert result.exit_code == 1 and "unknown field(s) lr" in result.output


def test_kill_9_then_resume_from_the_last_checkpoint(setup, tmp_path):
    out = tmp_path / "run"
    path = write_config(tmp_path / "train.yaml", mode="sft", data=str(setup / "sft"), model=str(setup / "tiny"),
                        output_dir=str(out), max_steps=40, save_steps=3, save_total_limit=2, **FAST)
    command = [sys.executable, "-m", "tracepile.cli", "train", str(path)]
    env = {**os.environ, "OMP_NUM_THREADS": "1"}
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               start_new_session=True)
    deadline = time.monotonic() + 300
    while not (out / "sft" / "checkpoint-3" / "trainer_state.json").is_file():
        assert process.poll() is None, process.stderr.read().decode()[-2000:]
        assert time.monotonic() < deadline
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    assert not (out / "sft" / "stage_report.json").exists()
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads((out / "sft" / "stage_report.json").read_text())
    assert report["steps"] == 40 and report["resumed_from"].split("checkpoint-")[1].isdigit()
    assert "resumed from" in done.stdout
    assert [p["step"] for p in report["losses"]] == list(range(1, 41))


def test_a_checkpoint_cut_off_mid_save_is_skipped(tmp_path):
    from tracepile.train.run import latest_checkpoint

    for step, state in ((3, "{}"), (6, '{"global_step": 6}'), (9, None), (12, '{"global_st')):
        (tmp_path / f"checkpoint-{step}").mkdir()
        if state is not None:
            (tmp_path / f"checkpoint-{step}" / "trainer_state.json").write_text(state)
    assert latest_checkpoint(tmp_path) == tmp_path / "checkpoint-6"
    assert latest_checkpoint(tmp_path / "nothing") is None


def test_export_train_eval_with_three_commands(small_corpus, setup, tmp_path):
    runner = CliRunner()
    exported = runner.invoke(app, ["export", str(small_corpus), "--format", "sft", "--out", str(tmp_path / "sft")])
    assert exported.exit_code == 0, exported.output
    path = write_config(tmp_path / "train.yaml", mode="sft", data="sft", model=str(setup / "tiny"),
                        output_dir="runs/sft", max_steps=3, save_steps=100, **FAST)
    trained = runner.invoke(app, ["train", str(path)])
    assert trained.exit_code == 0, trained.output
    evaluated = runner.invoke(app, ["eval", "--local", "--model", str(tmp_path / "runs/sft/sft/model"),
                                    "--task", "trace-qa", "--trace-qa", str(tmp_path / "sft"), "--limit", "4",
                                    "--max-tokens", "8", "--out", str(tmp_path / "eval")])
    assert evaluated.exit_code == 0, evaluated.output
    results = json.loads((tmp_path / "eval" / "eval_results.json").read_text())
    assert results["model"]["backend"] == "local" and results["tasks"][0]["items"] == 4
    assert all(r["error"] is None for r in results["tasks"][0]["records"])
