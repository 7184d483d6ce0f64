"""Quiet calls (the budget's last resort): the calls a line starts said in one checked sentence. The
verifier accepts it only when the count, the functions and the line are right and the calls change
nothing outside their own frames; texts that say it of calls with effects are rejected."""

import pytest

from tracepile.engine import trace
from tracepile.model import CallEvent
from tracepile.narration import Compression, narrate
from tracepile.narration import plan as plan_module
from tracepile.tracer.paths import QuietCalls
from tracepile.verification import verify

QUIET = Compression(1, 1, whole=True, calls=True)

PURE = '''def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def run(n):
    total = fib(n)
    return total
'''

# each one's calls from line 10 (the first line of `run`) do something outside themselves
EFFECTS = {
    "a global container": "CACHE = {}\n\n\ndef g(n):\n    CACHE[n] = n * 2\n    return n\n\n\n"
                          "def run(n):\n    total = g(n) + g(n + 1)\n    return total\n",
    "the list passed in": "def g(n, seen):\n    seen.append(n)\n    return n\n\n\n\n\n\n"
                          "def run(n, seen=[]):\n    total = g(n, seen) + g(n + 1, seen)\n    return total\n",
    "output": "def g(n):\n    print(n)\n    return n\n\n\n\n\n\n"
              "def run(n):\n    total = g(n) + g(n + 1)\n    return total\n",
    "a global name": "COUNT = 0\n\n\ndef g(n):\n    global COUNT\n    COUNT = COUNT + 1\n    return n\n\n"
                     "def run(n):\n    total = g(n) + g(n + 1)\n    return total\n",
    "the list passed in, with +=": "def g(n, seen):\n    seen += [n]\n    return n\n\n\n\n\n\n"
                                   "def run(n, seen=[]):\n    total = g(n, seen) + g(n + 1, seen)\n    return total\n",
    "a generator that runs on": "def g(n):\n    yield n\n    yield n + 1\n\n\n\n\n\n"
                                "def run(n):\n    it = g(n); total = next(it)\n    total = total + next(it)\n"
                                "    return total\n",
}


def loose(events, index, code, info, last_seen):
    """The span of calls a line starts, whatever they do (to make texts that say it of any calls)."""
    line = events[index]
    if index + 1 >= len(events) or not isinstance(events[index + 1], CallEvent) \
            or events[index + 1].depth <= line.depth:
        return None
    frames, end = set(), index + 1
    while end < len(events):
        event = events[end]
        if isinstance(event, CallEvent):
            frames.add(event.frame)
        elif event.frame not in frames and getattr(event, "depth", line.depth) <= line.depth:
            break
        end += 1
    calls = [e for e in events[index + 1:end] if isinstance(e, CallEvent) and not e.resumed]
    return QuietCalls(index, index + 1, end, len(calls), tuple(dict.fromkeys(e.func for e in calls)))


@pytest.fixture
def any_calls(monkeypatch):
    monkeypatch.setattr(plan_module, "quiet_calls", loose)
    monkeypatch.setattr(plan_module, "MIN_QUIET", 1)


def said(code: str, call: str):
    result = trace(code, call)
    return narrate(result, compression=QUIET).response, result


def false_sentences(text: str, result) -> list[str]:
    return [check.sentence for check in verify(text, result).sentences if check.verdict == "false"]


def test_quiet_calls_are_one_verified_sentence():
    text, result = said(PURE, "run(12)")
    assert "Line 8 uses `n = 12`. Its calls are summarised: line 8 starts 465 calls (of `fib`), which print nothing " \
           "and change nothing outside themselves." in text
    assert "We enter `fib`" not in text and text.endswith("Final answer: 144")
    report = verify(text, result)
    assert report.passed, report.failures + report.unverifiable
    default = narrate(result).response  # without the last resort every call is narrated
    assert "summarised" not in default and default.count("We enter `fib`") > 1


def test_false_counts_functions_and_lines_are_rejected():
    text, result = said(PURE, "run(12)")
    true = "line 8 starts 465 calls (of `fib`)"
    for lie in ("line 8 starts 464 calls (of `fib`)", "line 8 starts 465 calls (of `fib` and `run`)",
                "line 8 starts 465 calls (of `run`)", "line 9 starts 465 calls (of `fib`)"):
        assert any(lie in sentence for sentence in false_sentences(text.replace(true, lie), result)), lie


def test_the_sentence_belongs_right_after_its_line():
    text, result = said(PURE, "run(12)")
    moved = text.replace("`n = 12`. Its calls", "`n = 12`.\n\nIts calls")  # a paragraph of its own
    report = verify(moved, result)
    assert not report.passed and any("does not follow the narration of the line" in u for u in report.unverifiable)


@pytest.mark.parametrize("effect", sorted(EFFECTS))
def test_calls_with_effects_outside_are_never_quiet(effect, any_calls):
    code = EFFECTS[effect]
    text, result = said(code, "run(3)")
    assert "Its calls are summarised: line 10 starts" in text  # said of them all the same
    assert any("Its calls are summarised: line 10" in s for s in false_sentences(text, result)), text
    pure = code.replace("CACHE[n] = n * 2", "double = n * 2").replace("seen.append(n)", "seen = n").replace("seen += [n]", "shown = [n]") \
        .replace("print(n)", "shown = n").replace("global COUNT\n    COUNT = COUNT + 1", "count = 1\n    count += 1")
    if pure != code:  # the same program without the effect: the same kind of text verifies
        text, result = said(pure, "run(3)")
        assert "Its calls are summarised: line 10 starts 2 calls (of `g`)" in text
        assert verify(text, result).passed, false_sentences(text, result)
