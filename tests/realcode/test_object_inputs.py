"""Inputs that build objects: call expressions run in the sandbox after the module loads (and after the
record's setup lines); the built arguments are stated at entry; a failed build is a `bad_input`."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "sandbox"))

from sandbox_support import both_executors  # noqa: E402,F401 (fixture)
from tracepile.engine import make_sample  # noqa: E402
from tracepile.model import Program  # noqa: E402

LINKED = ("class ListNode:\n    def __init__(self, val=0, next=None):\n        self.val = val\n"
          "        self.next = next\n\n"
          "def is_palindrome(head):\n    vals = []\n    while head:\n        vals.append(head.val)\n"
          "        head = head.next\n    return vals == vals[::-1]\n")
CONTINUED = ("from fractions import Fraction\n\ndef cf(x):\n    out = []\n    while True:\n"
             "        n = x.numerator // x.denominator\n        out.append(n)\n        x -= n\n"
             "        if x == 0:\n            return out\n        x = 1 / x\n")
SPLINE = "def spline(xs, ys):\n    def at(t):\n        return ys[0] + t * (ys[1] - ys[0])\n    return at\n"


def sample(executor, code, call, setup=""):
    program = Program(id="p", code=code, calls=(call,), setup=setup)
    return make_sample(program, program.inputs[0], executor=executor)


@pytest.mark.parametrize("code,call,setup,answer,entry", [
    (LINKED, "is_palindrome(ListNode(1, ListNode(2, ListNode(1))))", "", "True",
     "`head = ListNode(val=1, next=ListNode(val=2, next=ListNode(val=1, next=None)))`"),
    (CONTINUED, 'cf(Fraction("3.245"))', "", "[3, 4, 12, 4]", "`x = Fraction(649, 200)`"),
    (SPLINE, "spline([0, 1], [2, 4])(0.5)", "", "3.0", "`t = 0.5`"),
    (LINKED, "is_palindrome(head)", "head = ListNode(1)\nhead.next = ListNode(2)", "False",
     "`head = ListNode(val=1, next=ListNode(val=2, next=None))`"),
])
def test_built_inputs_run_and_are_stated_at_entry(executor, code, call, setup, answer, entry):
    made = sample(executor, code, call, setup)
    assert made.status == "ok" and made.verified, (made.reason, made.claim_failures)
    assert made.answer == answer
    assert entry in made.response.split("\n\n")[0]


@pytest.mark.parametrize("call,setup,reason", [
    ("is_palindrome(ListNode(1, Nope()))", "",
     "call argument 'ListNode(1, Nope())' raised NameError: name 'Nope' is not defined"),
    ("is_palindrome(head)", "head = [1, 2", "bad setup: '[' was never closed"),
    ("is_palindrome(head)", "head = 1 / 0", "setup raised ZeroDivisionError: division by zero"),
    ("missing(1)(2)", "", "callee 'missing(1)' raised NameError: name 'missing' is not defined"),
])
def test_inputs_that_cannot_be_built_are_bad_input(executor, call, setup, reason):
    made = sample(executor, LINKED, call, setup)
    assert made.status == "bad_input" and made.reason.startswith(reason), made.reason
    assert not made.verified and not made.response
