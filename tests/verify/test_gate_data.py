"""The gate's committed honest set (tests/data/gate): the true texts end verified after their repair
rounds (but for three known ones), and every lie planted in a text the gate accepts is rejected (a
regression guard for both directions; benchmarks/gate_completeness.py reports the figures)."""

import pytest

from gate_support import checker, rows


@pytest.fixture(scope="module")
def gate():
    latest = {(r["id"], r["mode"]): r["text"] for r in rows("honest.jsonl") if r.get("review", "true") == "true"}
    repairs = rows("repair_round1.jsonl") + rows("repair_round2.jsonl") + rows("repair_round3.jsonl")
    for repair in sorted(repairs, key=lambda r: r["round"]):
        latest[(repair["id"], repair["mode"])] = repair["text"]
    check = checker(rows("items.jsonl"))
    return latest, check


# true texts still rejected after three repair rounds (grammar 3.2 reads the three of 3.1: a loop's size grounded in
# a relative clause after an "over" claim, "runs over `range(0, 1)`, which holds 1 number, so ...")
STILL_REJECTED: set[tuple[str, str]] = set()
# true texts rejected since grammar 3.2 checks descriptions after a code span: theirs are in words the run cannot
# tell ("`c3 = 2`, the leading coefficient of ...", "`24`, the value it removed"); no repair round saw that feedback
UNCHECKED_DESCRIPTIONS = {("algorithms/k_largest#e9e172ca", "narrate"), ("math/polynomial_eval/0-0#8fcd6bea", "narrate"),
                          ("math/polynomial_eval/0-1#8fcd6bea", "narrate"), ("math/polynomial_eval/0-2#8fcd6bea",
                          "narrate"), ("math/quadratic_roots/0-2#8fcd6bea", "narrate"),
                          ("math/pencil_packs/0-0#8fcd6bea", "rewrite"), ("math/fence_cost/0-4#8fcd6bea", "rewrite")}


def test_every_true_text_is_verified_after_its_repair_rounds(gate):
    latest, check = gate
    results = {key: check(key, text) for key, text in latest.items()}
    rejected = {key: [c.reason for c in result.sentences if c.verdict != "verified"][:2]
                for key, result in results.items() if not result.passed}
    assert len(latest) == 185 and set(rejected) == STILL_REJECTED | UNCHECKED_DESCRIPTIONS, rejected


KNOWN_GAPS: set[str] = set()  # (grammar 3.2 checks the description after a value: "`root_product = 90`, the coefficient of x")


@pytest.mark.parametrize("lies, base", [("lies.jsonl", "honest.jsonl"), ("lies_repaired.jsonl", "repair_round1.jsonl")])
def test_every_lie_in_an_accepted_text_is_rejected(gate, lies, base):
    """Lies planted in the honest texts (and in their repaired versions) that the gate accepts."""
    _, check = gate
    original = {(r["id"], r["mode"]): r["text"] for r in rows(base)}
    planted = [lie for lie in rows(lies) if (lie["id"], lie["mode"]) in original
               and check((lie["id"], lie["mode"]), original[(lie["id"], lie["mode"])]).passed]
    accepted = {lie["lie"] for lie in planted if check((lie["id"], lie["mode"]), lie["text"]).passed}
    assert len(planted) >= 50 and accepted <= KNOWN_GAPS, accepted - KNOWN_GAPS
