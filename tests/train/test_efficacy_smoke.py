"""benchmarks/efficacy.py in its CPU smoke mode: every arm trained with equal steps and seeds on the
same base, scored on CRUXEval-O and the held-out split, with confidence intervals in the table."""

import train_helpers  # noqa: F401 - skips without the train extra; one thread
import importlib.util
import json
import sys
from pathlib import Path

from conftest import dataset

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "efficacy.py"


def test_efficacy_smoke_mode(small_corpus, tmp_path, capsys):
    spec = importlib.util.spec_from_file_location("efficacy", SCRIPT)
    efficacy = importlib.util.module_from_spec(spec)
    sys.modules["efficacy"] = efficacy  # dataclasses look their module up there
    spec.loader.exec_module(efficacy)
    table = efficacy.main(["--mode", "smoke", "--out", str(tmp_path), "--corpus", str(small_corpus),
                           "--cruxeval", str(dataset("cruxeval"))])
    assert [row["arm"] for row in table["rows"]] == ["base (untrained)", "coe", "io-only", "no-trace"]
    for row in table["rows"][1:]:
        assert row["seeds"] == [0, 1] and len(row["cruxeval-o"]["per_seed"]) == 2
        low, high = row["held-out"]["ci95"]
        assert low <= row["held-out"]["mean"] <= high and row["cruxeval-o"]["items"] == 8
    steps = {json.loads(p.read_text())[0]["steps"] for p in (tmp_path / "runs").glob("*/train_report.json")}
    assert steps == {6} and len(list((tmp_path / "runs").glob("*/train_report.json"))) == 6
    assert "CRUXEval-O" in capsys.readouterr().out
    assert json.loads((tmp_path / "efficacy.json").read_text())["rows"] == table["rows"]
