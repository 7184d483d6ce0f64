"""Export: every format and control from a real corpus, splits by program, the held-out trace-QA set,
two-stage mixing of a general SFT set, and bad rows reported without losing the rest."""

import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from tracepile.cli import app
from tracepile.export import ExportConfig, ExportError, export_corpus
from tracepile.export.records import final_paragraph
from tracepile.export.splits import program_family, split_of
from tracepile.pipeline.read import iter_samples


def read(path):
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_splits_are_by_program_and_stable():
    ids = [f"prog{i}" for i in range(2000)]
    splits = [split_of(i, 0, 0.1, 0.1) for i in ids]
    assert splits == [split_of(i, 0, 0.1, 0.1) for i in ids]
    assert 140 < splits.count("test") < 260 and 140 < splits.count("validation") < 260
    assert split_of("prog7~rw1", 0, 0.1, 0.1) == split_of("prog7", 0, 0.1, 0.1)
    assert program_family("a~rw2") == "a"
    assert [split_of(i, 1, 0.1, 0.1) for i in ids] != splits


def test_sft_export_writes_trl_and_tool_formats_with_disjoint_programs(small_corpus, tmp_path):
    rows = list(iter_samples(small_corpus))
    report = export_corpus(small_corpus, tmp_path, ExportConfig(format="sft", validation=0.2, test=0.2, seed=2))
    assert sum(report.samples.values()) == len(rows) and not report.skipped
    families = {}
    for split in ("train", "validation", "test"):
        records = read(tmp_path / "sft" / f"{split}.jsonl")
        messages = read(tmp_path / "messages" / f"{split}.jsonl")
        assert len(records) == len(messages) == report.samples[split]
        for record, chat in zip(records, messages):
            assert record["prompt"][0]["role"] == "user" and record["completion"][0]["role"] == "assistant"
            assert chat["messages"] == record["prompt"] + record["completion"]
        families[split] = {program_family(r["program_id"]) for r in rows
                           if {"role": "user", "content": r["prompt"]} in [x["prompt"][0] for x in records]}
    assert all(families.values())
    assert not (families["train"] & families["test"]) and not (families["train"] & families["validation"])
    info = json.loads((tmp_path / "dataset_info.json").read_text())
    assert info["tracepile_train"]["file_name"] == "messages/train.jsonl"
    assert "roles_to_train: [assistant]" in (tmp_path / "axolotl.yaml").read_text()
    assert json.loads((tmp_path / "export.json").read_text())["samples"] == report.samples


def test_held_out_split_gives_trace_qa_items_with_verified_answers(small_corpus, tmp_path):
    report = export_corpus(small_corpus, tmp_path, ExportConfig(format="cpt", test=0.3, seed=2))
    items = read(tmp_path / "trace_qa_test.jsonl")
    by_id = {r["id"]: r for r in iter_samples(small_corpus)}
    assert len(items) == report.samples["test"] and report.trace_qa == sum(i["kind"] != "coe" and
                                                                           i["kind"] != "coe_rewrite" for i in items)
    assert report.trace_qa > 0
    for item in items:
        assert item["answer"] == by_id[item["id"]]["answer"] and item["prompt"] == by_id[item["id"]]["prompt"]
        assert split_of(item["program_id"], 2, 0.05, 0.3) == "test"
    docs = read(tmp_path / "cpt" / "train.jsonl")
    assert docs and all(set(d) == {"text"} and "Final answer" in d["text"] for d in docs)


def test_controls_keep_the_same_prompts_and_drop_what_they_name(small_corpus, tmp_path):
    full = export_corpus(small_corpus, tmp_path / "full", ExportConfig(format="sft"))
    io = export_corpus(small_corpus, tmp_path / "io", ExportConfig(format="sft", control="io-only"))
    assert io.samples == full.samples
    full_rows, io_rows = read(tmp_path / "full/sft/train.jsonl"), read(tmp_path / "io/sft/train.jsonl")
    assert [r["prompt"] for r in full_rows] == [r["prompt"] for r in io_rows]
    for a, b in zip(full_rows, io_rows):
        completion = b["completion"][0]["content"]
        assert completion.startswith("Final answer") and a["completion"][0]["content"].endswith(completion)
        assert "Line " not in completion.split("\n")[0]
    kinds = [r["kind"] for r in iter_samples(small_corpus)]
    no_q = export_corpus(small_corpus, tmp_path / "noq", ExportConfig(format="sft", control="no-questions"))
    no_rw = export_corpus(small_corpus, tmp_path / "norw", ExportConfig(format="sft", control="no-rewrites"))
    assert sum(no_q.samples.values()) == sum(k in ("coe", "coe_rewrite") for k in kinds)
    assert sum(no_rw.samples.values()) == sum(k != "coe_rewrite" for k in kinds)
    assert kinds.count("coe_rewrite") > 0 and sum(no_q.samples.values()) < len(kinds)
    no_trace = export_corpus(small_corpus, tmp_path / "nt", ExportConfig(format="cpt", control="no-trace"))
    prompts = {r["prompt"] for r in iter_samples(small_corpus)}
    docs = read(tmp_path / "nt/cpt/train.jsonl")
    assert no_trace.samples == full.samples and all(d["text"] in prompts for d in docs)
    with pytest.raises(ExportError, match="no-trace"):
        ExportConfig(format="sft", control="no-trace")


def test_two_stage_mixes_a_general_set_and_records_ratio_and_epochs(small_corpus, tmp_path):
    general = tmp_path / "general.jsonl"
    lines = [json.dumps({"messages": [{"role": "user", "content": f"q{i}"}, {"role": "assistant", "content": f"a{i}"}]})
             for i in range(6)]
    lines += [json.dumps({"instruction": "say hi", "input": "", "output": "hi"}),
              json.dumps({"conversations": [{"from": "human", "value": "x"}, {"from": "gpt", "value": "y"}]}),
              "{not json", json.dumps({"text": "no chat here"})]
    general.write_text("\n".join(lines) + "\n")
    config = ExportConfig(format="two-stage", general=str(general), mix_ratio=0.2, epochs=(2, 1), seed=4)
    report = export_corpus(small_corpus, tmp_path / "out", config)
    stage2 = read(tmp_path / "out/stage2/train.jsonl")
    assert report.stage2 == {"general": 8, "replay": 2, "mix_ratio": 0.2, "epochs": [2, 1]}
    assert len(stage2) == 10 and {"role": "user", "content": "say hi"} in [r["prompt"][0] for r in stage2]
    reasons = [s["reason"] for s in report.skipped]
    assert any("invalid JSON" in r for r in reasons) and any("expected `messages`" in r for r in reasons)
    assert read(tmp_path / "out/stage1/train.jsonl")
    saved = json.loads((tmp_path / "out/export.json").read_text())
    assert saved["config"]["epochs"] == [2, 1] and saved["stage2"]["mix_ratio"] == 0.2
    again = export_corpus(small_corpus, tmp_path / "again", config)
    assert read(tmp_path / "again/stage2/train.jsonl") == stage2 and again.stage2 == report.stage2


def test_general_set_from_parquet_and_hf_folder(small_corpus, tmp_path):
    import datasets

    rows = [{"prompt": "p", "completion": "c"}, {"prompt": "p2", "completion": "c2"}]
    pq.write_table(pa.Table.from_pylist(rows), tmp_path / "g.parquet")
    datasets.Dataset.from_list(rows).save_to_disk(str(tmp_path / "hf"))
    for source in ("g.parquet", "hf"):
        report = export_corpus(small_corpus, tmp_path / source.replace(".", "_"),
                               ExportConfig(format="two-stage", general=str(tmp_path / source)))
        assert report.stage2["general"] == 2 and not report.skipped


def test_bad_rows_are_skipped_with_reasons(tmp_path):
    from tracepile.pipeline.schema import SAMPLE_SCHEMA

    corpus = tmp_path / "corpus"
    (corpus / "data").mkdir(parents=True)
    good = {"id": "a", "program_id": "p", "kind": "coe", "prompt": "What?", "response": "Line 1 ...\n\nFinal answer: 3",
            "answer": "3", "verified": True}
    rows = [good, {**good, "id": "b", "response": "no answer here"}, {**good, "id": "c", "prompt": ""}]
    full = [{name: row.get(name) for name in SAMPLE_SCHEMA.names} for row in rows]
    pq.write_table(pa.Table.from_pylist(full, schema=SAMPLE_SCHEMA), corpus / "data" / "00000.parquet")
    report = export_corpus(corpus, tmp_path / "out", ExportConfig(format="sft", control="io-only"))
    assert sum(report.samples.values()) == 1
    assert {s["id"]: s["reason"] for s in report.skipped} == {
        "b": "the response has no 'Final answer' paragraph", "c": "missing or empty field 'prompt'"}
    assert final_paragraph("x\n\nFinal answer:\n```\n1\n\n2\n```") == "Final answer:\n```\n1\n\n2\n```"


def test_bad_options_fail_with_a_named_field(small_corpus, tmp_path):
    with pytest.raises(ExportError, match="format must be one of"):
        ExportConfig(format="parquet")
    with pytest.raises(ExportError, match="needs a general SFT set"):
        ExportConfig(format="two-stage")
    result = CliRunner().invoke(app, ["export", str(small_corpus), "--out", str(tmp_path), "--control", "nope"])
    assert result.exit_code == 1 and "control must be one of" in result.output


def test_cli_export(small_corpus, tmp_path):
    result = CliRunner().invoke(app, ["export", str(small_corpus), "--format", "sft", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "Exported sft (full)" in result.output and (tmp_path / "sft" / "train.jsonl").exists()
