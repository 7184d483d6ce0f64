"""CRUXEval: every function traced, its CoE verified, its final answer equal to the benchmark output."""

import json
from concurrent.futures import ThreadPoolExecutor

import pytest

from conftest import dataset
from tracepile.engine import make_sample
from tracepile.model import Program, ProgramInput
from tracepile.values import same_value

pytestmark = pytest.mark.integration


def load_items():
    path = dataset("cruxeval") / "cruxeval.jsonl"
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def run_item(item):
    program = Program(id=item["id"], code=item["code"], calls=(f"f({item['input']})",),
                      source="cruxeval", license="MIT")
    return item, make_sample(program, ProgramInput("call", program.calls[0]))


def test_cruxeval_traces_verify_and_match_outputs():
    items = load_items()
    assert len(items) == 800
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(run_item, items))
    traced = [(i, s) for i, s in results if s.status in ("ok", "error") and s.response]
    wrong = [(i["id"], s.answer, i["output"]) for i, s in traced if not same_value(s.answer, i["output"])]
    unverified = [(i["id"], s.claim_failures[:3]) for i, s in traced if not s.verified]
    failed = [(i["id"], s.status, s.reason) for i, s in results if (i, s) not in traced]
    print(f"\nCRUXEval: {len(traced)}/{len(items)} traced, {len(traced) - len(wrong)} answers match, "
          f"{len(traced) - len(unverified)} verified")
    assert len(traced) >= 0.99 * len(items), failed[:10]
    assert not wrong, wrong[:10]
    assert not unverified, unverified[:10]
