"""Computations shown: arithmetic sub-expressions, pure builtin and method results are narrated in
evaluation order as claims the verifier checks against the trace; elif wording; no noise steps."""

import pytest
from tracepile.engine import trace
from tracepile.model import LineEvent, ProgramInput
from tracepile.narration import narrate
from tracepile.tracer.analysis import analyze
from tracepile.verification import verify

MODPOW = '''import math
from collections import defaultdict


def f(a, m, s, xs):
    a = a * a % m
    b = len(s.split()) + xs.count(3)
    c = math.gcd(a, m) + int("7") + pow(a, 2, 7)
    if a > 100:
        b = 1
    elif a > 10:
        b = 2
    else:
        b = 3
    counts = defaultdict(int)
    return max(xs) - min(xs) * 2 + b + c + len(counts)
'''
CALL = "f(17, 49, 'a b c', [3, 1, 3])"


def test_computations_are_stated_in_evaluation_order_and_verified():
    result = trace(MODPOW, CALL)
    text = narrate(result).response
    assert "`a * a = 289` and `a * a % m = 44`" in text
    assert "`s.split() = ['a', 'b', 'c']`, `len(s.split()) = 3`, `xs.count(3) = 2`" in text
    assert "`math.gcd(a, m) = 1`" in text and "`int('7') = 7`" in text and "`pow(a, 2, 7) = 4`" in text
    assert "`max(xs) = 3`, `min(xs) = 1`, `min(xs) * 2 = 2`" in text
    assert verify(text, result).passed


def test_a_wrong_intermediate_value_fails():
    result = trace(MODPOW, CALL)
    text = narrate(result).response
    for right, wrong in (("`a * a = 289`", "`a * a = 288`"), ("`xs.count(3) = 2`", "`xs.count(3) = 1`"),
                         ("`pow(a, 2, 7) = 4`", "`pow(a, 2, 7) = 5`")):
        report = verify(text.replace(right, wrong), result)
        assert not report.passed and any("not" in f for f in report.failures), right


def test_elif_is_not_called_the_else_part():
    result = trace(MODPOW, CALL)
    text = narrate(result).response
    assert "it moves on to the `elif` at line 11" in text and "`else` part at line 11" not in text
    forged = text.replace("it moves on to the `elif` at line 11", "it skips to the `else` part at line 11")
    assert not verify(forged, result).passed


def test_no_noise_about_functions_classes_and_modules():
    result = trace(MODPOW, CALL)
    text = narrate(result).response
    assert "<class" not in text and "<function" not in text and "<module" not in text
    script = "import math\n\n\ndef main():\n    print(math.isqrt(10))\n\n\nmain()\n"
    run = trace(script, ProgramInput("stdin", ""))
    text = narrate(run).response
    assert "`main = " not in text and "imports `math`" in text and "defines the function `main`" in text
    assert "`math.isqrt(10) = 3`" in text and verify(text, run).passed


def test_values_python_may_not_evaluate_are_not_recorded():
    info = analyze("def f(a, i, g):\n    x = a and a[i] + 1\n    y = g(i) + i * 2\n    z = i * 3 if i else i + 4\n")
    assert [w for w, _ in info.info(2).why] == []  # `a[i] + 1` runs only when `a` is truthy
    assert [w for w, _ in info.info(3).why] == []  # `i * 2` runs after the user call `g(i)`
    assert [w for w, _ in info.info(4).why] == []  # only the chosen branch runs
    info = analyze("def f(xs, i):\n    y = sorted(xs)[i + 1] * 2\n")
    assert [w for w, _ in info.info(2).why] == ["sorted(xs)[i + 1]", "sorted(xs)[i + 1] * 2"]


def test_a_mutating_call_is_recorded_last_and_nothing_after_it():
    info = analyze("def f(xs):\n    y = xs.pop() + len(xs)\n    z = g(xs) + xs.pop()\n    w = a and xs.pop()\n")
    assert [w for w, _ in info.info(2).why] == ["xs.pop()"]  # `len(xs)` reads the shorter list
    assert info.info(2).mutating == "xs.pop()"
    assert [w for w, _ in info.info(3).why] == []  # after the user call `g`
    assert [w for w, _ in info.info(4).why] == []  # it may not run at all


ALTERNATING = "def f(n):\n    t = 0\n    for i in range(n):\n        if i % 2 == 0:\n            t += i\n        else:\n            t -= 1\n    return t\n"


def test_alternating_iterations_are_summarised_path_by_path():
    result = trace(ALTERNATING, "f(9)")
    text = narrate(result).response
    assert ("Iterations 3 to 8 of the loop at line 3 take 2 different paths: in iterations 4, 6 and 8, it runs "
            "lines 4 and 7; in the other 3 iterations, it runs lines 4 and 5; after iteration 8, `i = 7` and "
            "`t = 8`.") in text
    assert verify(text, result).passed
    same = trace(ALTERNATING.replace("i % 2 == 0", "i >= 0"), "f(9)")
    text = narrate(same).response
    assert "Iterations 3 to 8 of the loop at line 3 take the same path" in text and verify(text, same).passed


@pytest.mark.parametrize("wrong, reason", [
    ("take 3 different paths", "run 2 different sets of lines"),
    ("in iterations 4, 6 and 7, it runs", "iteration 7 runs lines 4, 5"),
    ("it runs lines 4 and 6; in the other", "iteration 4 runs lines 4, 7"),
    ("in the other 4 iterations", "3 iterations of the stretch are not described yet"),
])
def test_false_path_groups_are_rejected(wrong, reason):
    result = trace(ALTERNATING, "f(9)")
    text = narrate(result).response
    right = {"take 3 different paths": "take 2 different paths",
             "in iterations 4, 6 and 7, it runs": "in iterations 4, 6 and 8, it runs",
             "it runs lines 4 and 6; in the other": "it runs lines 4 and 7; in the other",
             "in the other 4 iterations": "in the other 3 iterations"}[wrong]
    assert right in text
    report = verify(text.replace(right, wrong), result)
    assert not report.passed and any(reason in failure for failure in report.failures)


def test_condition_operands_python_skips_are_not_recorded():
    code = "def f(a, dq, i):\n    if dq and a[dq[-1]] <= a[i]:\n        return 1\n    if 0 < a[i] < a[i + 1]:\n        return 2\n    return 0\n"
    skipped = trace(code, ProgramInput("call", "f([-1, 2], [], 0)"))
    recorded = [dict(e.values) for e in skipped.events if isinstance(e, LineEvent) and e.line in (2, 4)]
    assert recorded == [{"dq and a[dq[-1]] <= a[i]": "[]"}, {"0 < a[i] < a[i + 1]": "False", "a[i]": "-1"}]
    evaluated = trace(code, ProgramInput("call", "f([1, 2], [0], 1)"))
    first = next(dict(e.values) for e in evaluated.events if isinstance(e, LineEvent) and e.line == 2)
    assert first["a[dq[-1]]"] == "1" and first["a[i]"] == "2"
    for run in (skipped, evaluated):
        assert verify(narrate(run).response, run).passed


COUNTS = '''def f(s, a, base, n):
    cnt = [0] * 26
    for ch in s:
        cnt[ord(ch) - ord('a')] += 1
    odd = sum(1 for c in cnt if c % 2)
    t = ['ab'[i % 2] for i in range(base)]
    later = sum(x for x in a if g(x)) + a[0]
    return odd, t, later


def g(x):
    return x > 1
'''


def test_target_indexes_and_pure_comprehensions_are_stated():
    result = trace(COUNTS, "f('aba', [1, 2, 3], 3, 2)")
    text = narrate(result).response
    assert "`ord(ch) = 98`, `ord('a') = 97` and `ord(ch) - ord('a') = 1`" in text
    assert "`sum((1 for c in cnt if c % 2)) = 1`" in text
    assert "`range(base) = range(0, 3)`" in text
    assert verify(text, result).passed
    wrong = text.replace("`sum((1 for c in cnt if c % 2)) = 1`", "`sum((1 for c in cnt if c % 2)) = 2`")
    assert not verify(wrong, result).passed


def test_a_comprehension_calling_user_code_stops_the_recording():
    info = analyze(COUNTS).lines[7]
    assert [source for source, _ in info.why] == []  # `g` may change `a` before `a[0]` is read


QUEUES = '''import heapq
from collections import deque


def f(xs, h, s):
    q = deque(xs)
    x = q.popleft()
    q.append(x * 10)
    heapq.heappush(h, 5)
    z = heapq.heappop(h)
    y = xs.pop() + len(xs)
    s.pop()
    return q, h, xs, x + y + z
'''


def test_mutating_calls_are_narrated_as_action_and_result_and_verified():
    result = trace(QUEUES, "f([3, 4, 1], [2, 7], {9})")
    text = narrate(result).response
    assert "calls `q.popleft()`, which returns `3`; so `x = 3` and `q = deque([4, 1])`" in text \
        or "calls `q.popleft()`, which returns `3`" in text and "`q = deque([4, 1])`" in text
    assert "`x * 10 = 30`; it calls `q.append(x * 10)`" in text
    assert "calls `heapq.heappush(h, 5)`" in text and "calls `heapq.heappop(h)`, which returns `2`" in text
    assert "calls `xs.pop()`, which returns `1`" in text
    assert "`s.pop()`" not in text.replace("runs `s.pop()`", "")  # which element a set pops is not known
    assert result.outcome.value == "(deque([4, 1, 30]), [5, 7], [3, 4], 8)"  # recording changed nothing
    assert verify(text, result).passed


def test_a_wrong_result_of_a_mutating_call_fails():
    result = trace(QUEUES, "f([3, 4, 1], [2, 7], {9})")
    text = narrate(result).response
    for old, new in (("which returns `3`", "which returns `4`"), ("calls `heapq.heappop(h)`", "calls `heapq.heappop(q)`")):
        assert old in text
        report = verify(text.replace(old, new, 1), result)
        assert not report.passed, old


TOKENS = '''import sys


def main():
    it = iter(sys.stdin.read().split())
    n = int(next(it))
    total = 0
    for _ in range(n):
        total += int(next(it))
    last = next(it, 'none')
    print(total, last)


main()
'''


def test_next_of_a_token_iterator_is_narrated_with_its_result():
    result = trace(TOKENS, ProgramInput("stdin", "2\n5 7\n"))
    text = narrate(result).response
    assert "calls `next(it)`, which returns `'2'`" in text and "calls `next(it)`, which returns `'7'`" in text
    assert "calls `next(it, 'none')`, which returns `'none'`" in text
    assert result.outcome.stdout == "12 none\n" and verify(text, result).passed
    assert not verify(text.replace("which returns `'7'`", "which returns `'5'`", 1), result).passed
