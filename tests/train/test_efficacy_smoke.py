"""benchmarks/efficacy.py in its CPU smoke mode: every arm trained with equal steps and seeds on the
same base, given its own generation cap, scored on CRUXEval-O and the held-out split (free and direct
answers) with confidence intervals and truncation rates; and the CPU mode's program/input split."""

import train_helpers  # noqa: F401 - skips without the train extra; one thread
import importlib.util
import json
import sys
from pathlib import Path

from conftest import dataset

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "efficacy.py"


def load_efficacy():
    spec = importlib.util.spec_from_file_location("efficacy", SCRIPT)
    efficacy = importlib.util.module_from_spec(spec)
    sys.modules["efficacy"] = efficacy  # dataclasses look their module up there
    spec.loader.exec_module(efficacy)
    return efficacy


def test_efficacy_smoke_mode(small_corpus, tmp_path, capsys):
    from transformers import AutoTokenizer

    from tracepile.evaluate.budget import generation_cap

    efficacy = load_efficacy()
    table = efficacy.main(["--mode", "smoke", "--out", str(tmp_path), "--corpus", str(small_corpus),
                           "--cruxeval", str(dataset("cruxeval"))])
    assert [row["arm"] for row in table["rows"]] == ["base (untrained)", "coe", "io-only", "no-trace"]
    for row in table["rows"][1:]:
        assert row["seeds"] == [0, 1] and len(row["cruxeval-o"]["per_seed"]) == 2
        low, high = row["held-out"]["ci95"]
        assert low <= row["held-out"]["mean"] <= high and row["cruxeval-o"]["items"] == 8
        assert set(row["truncated %"]) == {"cruxeval-o", "held-out"} and "held-out direct" in row
    # each arm's cap is the 95th percentile of its own training completions (chains >> answers)
    tokenizer = AutoTokenizer.from_pretrained(tmp_path / "tiny")
    for arm in ("coe", "io-only"):
        rows = [json.loads(line) for line in (tmp_path / "exports" / arm / "sft" / "train.jsonl").open()]
        lengths = [len(tokenizer(r["completion"][0]["content"], add_special_tokens=False)["input_ids"]) for r in rows]
        assert table["caps"][arm] == generation_cap(lengths, 256)
    assert table["caps"]["coe"] > 4 * table["caps"]["io-only"] and table["caps"]["no-trace"] == table["caps"]["coe"]
    assert table["rows"][0]["truncated %"]["held-out"] > 50  # a random model runs into its cap
    steps = {json.loads(p.read_text())[0]["steps"] for p in (tmp_path / "runs").glob("*/train_report.json")}
    assert steps == {6} and len(list((tmp_path / "runs").glob("*/train_report.json"))) == 6
    assert "truncated at cap" in capsys.readouterr().out and (tmp_path / "efficacy.png").stat().st_size > 0
    assert json.loads((tmp_path / "efficacy.json").read_text())["rows"] == table["rows"]


def test_cpu_split_holds_out_unseen_programs_and_new_inputs_of_seen_ones():
    efficacy = load_efficacy()
    rows = [{"id": f"{p}-{i}", "program_id": f"algorithms/p{p}", "input": f"f({p}, {i})"}
            for p in range(40) for i in range(8)]
    rows += [{"id": f"m{p}", "program_id": f"math/m{p}", "input": "solution()"} for p in range(40)]
    split = efficacy.cpu_split(rows)
    programs = {name: {r["program_id"] for r in part} for name, part in split.items()}
    assert programs["out-of-dist"] and not programs["out-of-dist"] & (programs["train"] | programs["in-dist"])
    assert split["in-dist"] and programs["in-dist"] <= programs["train"]  # new inputs of seen programs
    assert not {r["input"] for r in split["in-dist"]} & {r["input"] for r in split["train"]}
    assert not any(p.startswith("math/") for p in programs["in-dist"])  # one input each: nothing to hold out
    assert sum(map(len, split.values())) == len(rows) and efficacy.cpu_split(rows) == split


def test_gpu_mode_runs_end_to_end_at_smoke_size_on_a_cpu(tmp_path):
    """The path a lent GPU runs in one call (`--mode gpu`), with smoke sizes (`--dry-run`)."""
    efficacy = load_efficacy()
    table = efficacy.main(["--mode", "gpu", "--dry-run", "--out", str(tmp_path),
                           "--cruxeval", str(dataset("cruxeval"))])
    assert table["mode"].startswith("gpu (dry run") and [row["arm"] for row in table["rows"]] == [
        "base (untrained)", "coe", "io-only", "no-trace"]
    assert all(set(row["truncated %"]) == {"cruxeval-o", "held-out"} for row in table["rows"])
    assert len(list((tmp_path / "runs").glob("*/train_report.json"))) == 6
    assert (tmp_path / "efficacy.png").stat().st_size > 0
