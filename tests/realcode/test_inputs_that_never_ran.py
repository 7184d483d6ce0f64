"""A sample whose call never ran (its input was refused) is never narrated, verified or kept, on
either executor; the build counts it as `bad_input` with the reason."""

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "sandbox"))

from sandbox_support import both_executors  # noqa: E402,F401 (fixture)
from tracepile.engine import make_sample  # noqa: E402
from tracepile.model import Program  # noqa: E402
from tracepile.pipeline import BuildConfig, build  # noqa: E402

PRINTS_AT_IMPORT = "def f(x):\n    return x\n\nprint(4)\n"


@pytest.mark.parametrize("call", ["g(1)", "f(1, (", "f.missing(1)"])
def test_refused_input_of_a_module_that_prints_is_never_verified(executor, call):
    program = Program(id="p", code=PRINTS_AT_IMPORT, calls=(call,))
    sample = make_sample(program, program.inputs[0], executor=executor)
    assert sample.status == "bad_input", (sample.status, sample.reason)
    assert not sample.verified and not sample.response and sample.reason


def test_build_rejects_refused_inputs_as_bad_input(tmp_path):
    records = [{"id": "ok", "code": PRINTS_AT_IMPORT, "calls": ["f(3)"]},
               {"id": "refused", "code": PRINTS_AT_IMPORT, "calls": ["g(1)"]}]
    path = tmp_path / "programs.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    manifest = build(BuildConfig(programs=str(path), workers=1, sandbox="none", questions_per_trace=0),
                     tmp_path / "out", progress=False)
    rejects = [json.loads(line) for p in (tmp_path / "out/rejects").glob("0*.jsonl")
               for line in p.read_text().splitlines()]
    assert [(r["program_id"], r["reason"]) for r in rejects] == [("refused", "bad_input")]
    assert "entry point 'g' is not defined" in rejects[0]["detail"]
    assert manifest["rejected"] == {"bad_input": 1}
