"""`train(config)`: CPT (packed whole samples), SFT (completion-only loss), SFT from a CPT checkpoint,
or two-stage, on TRL; checkpoints, resume after a kill, loss curves as JSON and a plot."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from tracepile.train.config import TrainConfig
from tracepile.train.data import export_manifest, fitting_documents, load_split


@dataclass
class StageReport:
    """One finished stage: where its model is, its steps, losses and what it resumed from."""

    stage: str
    model_dir: str
    steps: int
    first_loss: float | None
    last_loss: float | None
    eval_loss: float | None = None
    resumed_from: str | None = None
    dropped_too_long: int = 0
    losses: list[dict] = field(default_factory=list)


def train(config: TrainConfig) -> list[StageReport]:
    """Run every stage of `config` (two for two-stage), skipping finished ones; returns their reports."""
    out = Path(config.output_dir)
    out.mkdir(parents=True, exist_ok=True)
    (out / "config.json").write_text(json.dumps(asdict(config), indent=2) + "\n")
    if config.mode != "two-stage":
        reports = [run_stage(config, config.mode, out / config.mode, config.init_from)]
    else:
        epochs = export_manifest(config.data)["config"]["epochs"]
        first = run_stage(replace(config, epochs=epochs[0]), "stage1", out / "stage1", config.init_from)
        reports = [first, run_stage(replace(config, epochs=epochs[1]), "stage2", out / "stage2", first.model_dir)]
    (out / "train_report.json").write_text(json.dumps([asdict(r) for r in reports], indent=2) + "\n")
    return reports


def run_stage(config: TrainConfig, stage: str, out: Path, init_from: str | None) -> StageReport:
    """Train one stage into `out` (resuming from its latest checkpoint); out/model holds the result."""
    done = out / "stage_report.json"
    if done.is_file():
        return StageReport(**json.loads(done.read_text()))
    from transformers import set_seed
    from trl import SFTConfig, SFTTrainer

    set_seed(config.seed)
    model, tokenizer = load_model(init_from or config.model, None if init_from else config.gguf_file)
    train_set, eval_set = load_split(config.data, stage, "train"), load_split(config.data, stage, "validation")
    if train_set is None:
        raise ValueError(f"{config.data} has no {stage} training rows")
    dropped = 0
    if stage == "cpt":
        train_set, dropped = fitting_documents(train_set, tokenizer, config.max_length)
        eval_set = fitting_documents(eval_set, tokenizer, config.max_length)[0] if eval_set else None
        eval_set = eval_set if eval_set else None  # no document fits: no eval (TRL cannot prepare an empty split)
    trainer = SFTTrainer(model=model, args=sft_arguments(SFTConfig, config, stage, out), train_dataset=train_set,
                         eval_dataset=eval_set, processing_class=tokenizer)
    resume = latest_checkpoint(out)
    trainer.train(resume_from_checkpoint=str(resume) if resume else None)
    trainer.save_model(str(out / "model"))
    tokenizer.save_pretrained(str(out / "model"))
    eval_loss = trainer.evaluate()["eval_loss"] if eval_set is not None and len(eval_set) else None
    losses = [{"step": e["step"], "loss": e["loss"]} for e in trainer.state.log_history if "loss" in e]
    report = StageReport(stage, str(out / "model"), trainer.state.global_step,
                         losses[0]["loss"] if losses else None, losses[-1]["loss"] if losses else None,
                         eval_loss, str(resume) if resume else None, dropped, losses)
    write_loss_curve(losses, out, f"{stage}: training loss")
    done.write_text(json.dumps(asdict(report), indent=2) + "\n")
    return report


def sft_arguments(sft_config_class, config: TrainConfig, stage: str, out: Path):
    """TRL arguments: CPT packs whole samples (best-fit, never split); SFT computes loss on the completion."""
    cpt = stage == "cpt"
    return sft_config_class(
        output_dir=str(out), max_steps=config.max_steps, num_train_epochs=config.epochs,
        learning_rate=config.learning_rate, per_device_train_batch_size=config.batch_size,
        per_device_eval_batch_size=config.batch_size, gradient_accumulation_steps=config.grad_accum,
        warmup_steps=config.warmup, weight_decay=config.weight_decay, seed=config.seed,
        save_strategy="steps", save_steps=config.save_steps, save_total_limit=config.save_total_limit,
        logging_steps=config.logging_steps, report_to="none", bf16=config.bf16,
        max_length=config.max_length, packing=cpt and config.packing, packing_strategy="bfd", dataset_text_field="text",
        completion_only_loss=None if cpt else True, dataloader_num_workers=0,
        disable_tqdm=False, log_level="warning")


def load_model(name: str, gguf_file: str | None):
    """Model and tokenizer from a folder or hub name, or de-quantized from a GGUF file."""
    from transformers import AutoModelForCausalLM, AutoTokenizer

    options = {"gguf_file": gguf_file} if gguf_file else {}
    tokenizer = AutoTokenizer.from_pretrained(name, **options)
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    model = AutoModelForCausalLM.from_pretrained(name, **options)
    if gguf_file:
        detach_gguf_quantizer(model)
    return model, tokenizer


def detach_gguf_quantizer(model) -> None:
    """transformers de-quantizes a GGUF file's weights into plain float tensors but keeps its GGUF
    quantizer attached, which the Trainer refuses to fine-tune; drop that marker once every weight
    really is a float tensor."""
    quantizer = getattr(model, "hf_quantizer", None)
    if quantizer is None:
        return
    if not all(p.dtype.is_floating_point for p in model.parameters()):
        raise ValueError("this GGUF file loaded with quantized weights; it cannot be fully fine-tuned")
    quantizer.remove_quantization_config(model)


def latest_checkpoint(out: Path) -> Path | None:
    """The newest complete `checkpoint-N` folder a killed run left behind, if any. The Trainer writes
    trainer_state.json last, so a folder without a readable one was cut off mid-save and is skipped."""
    found = [p for p in out.glob("checkpoint-*") if p.name.split("-")[-1].isdigit() and _complete(p)]
    return max(found, key=lambda p: int(p.name.split("-")[-1]), default=None)


def _complete(checkpoint: Path) -> bool:
    try:
        json.loads((checkpoint / "trainer_state.json").read_text())
    except (OSError, ValueError):
        return False
    return True


def write_loss_curve(losses: list[dict], out: Path, title: str) -> None:
    """loss.json and loss.png (training loss per logged step)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    (out / "loss.json").write_text(json.dumps(losses, indent=1) + "\n")
    figure, axis = plt.subplots(figsize=(6, 3.5))
    axis.plot([p["step"] for p in losses], [p["loss"] for p in losses], marker=".")
    axis.set(xlabel="step", ylabel="loss", title=title)
    figure.tight_layout()
    figure.savefig(out / "loss.png", dpi=100)
    plt.close(figure)
