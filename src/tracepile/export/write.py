"""`export_corpus`: a corpus folder to training files in one format (cpt, sft, two-stage) under one
control, split by program, with the held-out trace-QA set and an `export.json` manifest."""

from __future__ import annotations

import json
import random
from dataclasses import asdict, dataclass, field
from pathlib import Path

from tracepile.export import general
from tracepile.export.records import (CONTROLS, ExportError, Pair, cpt_record, is_question, keeps,
                                      messages_record, prompt_completion_record, qa_record, to_pair)
from tracepile.export.splits import SPLITS, program_family, split_of

FORMATS = ("cpt", "sft", "two-stage")


@dataclass(frozen=True)
class ExportConfig:
    """What to write: `format`, `control`, split fractions and seed; for two-stage, the general SFT
    set, the share of corpus replay in stage 2 and the epochs of each stage (recorded for `train`)."""

    format: str = "sft"
    control: str = "full"
    seed: int = 0
    validation: float = 0.05
    test: float = 0.05
    general: str | None = None
    mix_ratio: float = 0.0
    epochs: tuple[int, int] = (1, 1)

    def __post_init__(self) -> None:
        if self.format not in FORMATS:
            raise ExportError(f"format must be one of {', '.join(FORMATS)}, not {self.format!r}")
        if self.control not in CONTROLS:
            raise ExportError(f"control must be one of {', '.join(CONTROLS)}, not {self.control!r}")
        if not (0 <= self.validation < 1 and 0 <= self.test < 1 and self.validation + self.test < 1):
            raise ExportError("validation and test fractions must be in [0, 1) and sum to less than 1")
        if self.format == "two-stage" and not self.general:
            raise ExportError("two-stage needs a general SFT set (--general FILE_OR_FOLDER)")
        if self.control == "no-trace" and self.format != "cpt":
            raise ExportError("the no-trace control has no completions: use it with --format cpt")
        if not 0 <= self.mix_ratio < 1:
            raise ExportError("mix_ratio (corpus replay share of stage 2) must be in [0, 1)")
        if len(self.epochs) != 2 or min(self.epochs) < 1:
            raise ExportError("epochs must be two positive integers (stage 1, stage 2)")


@dataclass
class ExportReport:
    """What was written: counts per split, programs per split, files, and every skipped row's reason."""

    config: dict
    samples: dict[str, int] = field(default_factory=dict)
    programs: dict[str, int] = field(default_factory=dict)
    trace_qa: int = 0
    files: list[str] = field(default_factory=list)
    skipped: list[dict] = field(default_factory=list)
    stage2: dict = field(default_factory=dict)


def export_corpus(corpus: str | Path, out: str | Path, config: ExportConfig) -> ExportReport:
    """Write the export of `corpus` into `out` and return (and save as export.json) its report."""
    from tracepile.pipeline.read import iter_samples

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    report = ExportReport(config=asdict(config))
    splits: dict[str, list[Pair]] = {name: [] for name in SPLITS}
    for row in iter_samples(corpus):
        try:
            pair = to_pair(row, config.control)
        except ExportError as exc:
            report.skipped.append({"id": row.get("id"), "reason": str(exc)})
            continue
        if keeps(config.control, pair.kind):
            splits[split_of(pair.program_id, config.seed, config.validation, config.test)].append(pair)
    for pairs in splits.values():
        pairs.sort(key=lambda p: p.id)
    report.samples = {name: len(pairs) for name, pairs in splits.items()}
    report.programs = {name: len({program_family(p.program_id) for p in pairs}) for name, pairs in splits.items()}
    _write_format(out, splits, config, report)
    held_out = [qa_record(p) for p in splits["test"]]
    report.trace_qa = sum(is_question(item["kind"]) for item in held_out)
    report.files.append(_write_jsonl(out / "trace_qa_test.jsonl", held_out, out))
    (out / "export.json").write_text(json.dumps(asdict(report), indent=2) + "\n")
    return report


def _write_format(out: Path, splits: dict[str, list[Pair]], config: ExportConfig, report: ExportReport) -> None:
    for name, pairs in splits.items():
        if config.format == "cpt":
            report.files.append(_write_jsonl(out / "cpt" / f"{name}.jsonl", map(cpt_record, pairs), out))
        elif config.format == "sft":
            report.files.append(_write_jsonl(out / "sft" / f"{name}.jsonl", map(prompt_completion_record, pairs), out))
            report.files.append(_write_jsonl(out / "messages" / f"{name}.jsonl", map(messages_record, pairs), out))
        else:
            report.files.append(_write_jsonl(out / "stage1" / f"{name}.jsonl", map(prompt_completion_record, pairs), out))
    if config.format == "sft":
        report.files += _write_tool_configs(out)
    if config.format == "two-stage":
        stage2 = _stage2_records(splits["train"], config, report)
        report.files.append(_write_jsonl(out / "stage2" / "train.jsonl", stage2, out))


def _stage2_records(corpus_train: list[Pair], config: ExportConfig, report: ExportReport) -> list[dict]:
    """The general set as prompt-completion records, plus seeded corpus replay at `mix_ratio`."""
    records = []
    for where, row, error in general.read_rows(config.general):
        try:
            if error:
                raise ValueError(error)
            messages = general.to_messages(row)
        except (ValueError, KeyError, TypeError) as exc:
            report.skipped.append({"id": where, "reason": f"general SFT record: {exc}"})
            continue
        records.append({"prompt": messages[:-1], "completion": messages[-1:]})
    replay = round(len(records) * config.mix_ratio / (1 - config.mix_ratio))
    rng = random.Random(config.seed)
    replayed = rng.sample(corpus_train, min(replay, len(corpus_train)))
    mixed = records + [prompt_completion_record(p) for p in replayed]
    rng.shuffle(mixed)
    report.stage2 = {"general": len(records), "replay": len(replayed), "mix_ratio": config.mix_ratio,
                     "epochs": list(config.epochs)}
    return mixed


def _write_tool_configs(out: Path) -> list[str]:
    """dataset_info.json for LLaMA-Factory and a dataset snippet for axolotl, over messages/*.jsonl."""
    info = {f"tracepile_{name}": {"file_name": f"messages/{name}.jsonl", "formatting": "sharegpt",
                                  "columns": {"messages": "messages"},
                                  "tags": {"role_tag": "role", "content_tag": "content",
                                           "user_tag": "user", "assistant_tag": "assistant"}}
            for name in SPLITS}
    (out / "dataset_info.json").write_text(json.dumps(info, indent=2) + "\n")
    (out / "axolotl.yaml").write_text(
        "# axolotl: paste under your config (paths relative to this folder)\n"
        "datasets:\n"
        "  - path: messages/train.jsonl\n"
        "    ds_type: json\n"
        "    type: chat_template\n"
        "    field_messages: messages\n"
        "    message_property_mappings: {role: role, content: content}\n"
        "    roles_to_train: [assistant]\n"
        "test_datasets:\n"
        "  - path: messages/validation.jsonl\n"
        "    ds_type: json\n"
        "    split: train\n"
        "    type: chat_template\n"
        "    field_messages: messages\n"
        "    roles_to_train: [assistant]\n")
    return ["dataset_info.json", "axolotl.yaml"]


def _write_jsonl(path: Path, records, root: Path) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return str(path.relative_to(root))
