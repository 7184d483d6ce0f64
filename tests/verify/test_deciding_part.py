"""A condition's verdict names the part that decides it: for an `and`/`or` condition, the operand Python
evaluated last (short-circuit respected), never cut from a capped operand list; a wrong deciding part is
rejected."""

from tracepile.engine import trace
from tracepile.narration import narrate
from tracepile.narration.phrasing import deciding
from tracepile.verification import verify

PROGRAM = '''def g(p, q, r, s, t):
    if p > 0 and q > 0 and r > 0 and s > 0 and t > 0:
        return 1
    if p < 0 or q < 0 or r < 0 or s < 0 or t < 0:
        return 2
    if p > 5 or q > 1 or r > 0:
        return 3
    return 4
'''


def narrated():
    result = trace(PROGRAM, "g(1, 2, 3, 4, 0)")
    text = narrate(result).response
    report = verify(text, result)
    assert report.passed, report.failures + report.unverifiable
    return text, result


def test_the_deciding_operand_follows_the_verdict_even_past_the_operand_cap():
    text, _ = narrated()
    assert "is False because `t > 0 = False`, so it skips ahead to line 4" in text  # the fifth operand
    assert "is False because `t < 0 = False`, so it skips ahead to line 6" in text  # an `or` that is False
    assert "is True because `q > 1 = True`, so line 7 runs next" in text  # short-circuit: `r > 0` never runs


def test_a_wrong_deciding_part_is_rejected():
    text, result = narrated()
    for true, lie in (("because `t > 0 = False`", "because `s > 0 = False`"),
                      ("because `q > 1 = True`", "because `r > 0 = True`")):
        lied = text.replace(true, lie, 1)
        assert not verify(lied, result).passed, lie


def test_deciding_rules():
    values = (("a > 0", "True"), ("b > 0", "False"), ("c > 0", "True"))
    assert deciding("a > 0 and b > 0 and c > 0", values) == ("b > 0", "False")
    assert deciding("a > 0 or b > 0", values) == ("a > 0", "True")
    assert deciding("b > 0 or c > 0", values) == ("c > 0", "True")
    assert deciding("a > 0 and c > 0", values) == ("c > 0", "True")
    assert deciding("a > 0 and d", values) is None  # an operand without a recorded truth value
    assert deciding("a > 0", values) is None  # not an and/or condition
