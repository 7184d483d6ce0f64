"""Each question's rationale keeps the steps its question asks about and its answer depends on out of
loop summaries, says what it leaves out (checked), and stops at the step it needs."""

from tracepile.engine import trace
from tracepile.enrich.questions.build import candidates
from tracepile.enrich.questions.focus import question_focus
from tracepile.enrich.questions.rationale import rationale, verify_rationale
from tracepile.model import CallEvent, LineEvent
from tracepile.narration.plan import Compression, Summary, plan

PRIMES = """def is_prime(k):
    for d in range(2, k):
        if k % d == 0:
            return False
    return True


def count_primes(n):
    count = 0
    for k in range(2, n):
        if k % 2 == 0 and k > 2:
            continue
        if is_prime(k):
            count += 1
    return count
"""


def question(result, kind, **params):
    return next(q for q in candidates(result)[kind] if all(q.params.get(k) == v for k, v in params.items()))


def hidden(result, focus, compression=Compression(head=1, tail=1)) -> list[int]:
    """Kept events that a plan with this focus would still put inside a summary (must be none)."""
    items = plan(result.events, compression, frozenset(), focus.events)
    return [i for s in items if isinstance(s, Summary) for i in focus.events if s.begin <= i < s.end]


def test_line_count_never_summarises_a_counted_run_and_says_so():
    result = trace(PRIMES, "count_primes(40)")
    asked = question(result, "line_count", line=14)
    focus = question_focus(result, asked.kind, asked.params, asked.stop)
    runs = {i for i, e in enumerate(result.events) if isinstance(e, LineEvent) and e.line == 14}
    assert runs <= focus.events and not hidden(result, focus)
    text, _ = rationale(result, asked, 0)
    assert "none of these iterations runs line 14" in text
    assert verify_rationale(text, result, asked).passed
    lie = text.replace("none of these iterations runs line 14", "none of these iterations runs line 3", 1)
    assert not verify_rationale(lie, result, asked).passed


def test_call_count_never_summarises_a_counted_call():
    result = trace(PRIMES, "count_primes(40)")
    asked = question(result, "call_count", func="is_prime")
    focus = question_focus(result, asked.kind, asked.params, asked.stop)
    calls = {i for i, e in enumerate(result.events) if isinstance(e, CallEvent) and e.func == "is_prime"}
    assert calls <= focus.events and not hidden(result, focus)
    text, _ = rationale(result, asked, 0)
    assert verify_rationale(text, result, asked).passed
    assert "none of these iterations calls `is_prime`" in text
    lie = text.replace("none of these iterations calls `is_prime`", "none of these iterations runs line 3", 1)
    assert not verify_rationale(lie, result, asked).passed


def test_call_return_keeps_the_asked_call_and_what_its_value_depends_on():
    result = trace(PRIMES, "count_primes(40)")
    asked = question(result, "call_return", func="is_prime", k=12)
    focus = question_focus(result, asked.kind, asked.params, asked.stop)
    start = next(i for i, e in enumerate(result.events) if isinstance(e, CallEvent)
                 and e.frame == result.events[asked.stop].frame)
    assert {start, asked.stop} <= focus.events and not hidden(result, focus)
    text, _ = rationale(result, asked, 0)
    assert verify_rationale(text, result, asked).passed


def test_state_question_keeps_its_step_and_stops_there():
    result = trace(PRIMES, "count_primes(40)")
    asked = question(result, "state", line=14, k=5)
    focus = question_focus(result, asked.kind, asked.params, asked.stop)
    fifth = [i for i, e in enumerate(result.events) if isinstance(e, LineEvent) and e.line == 14][4]
    assert fifth in focus.events and not hidden(result, focus)
    text, _ = rationale(result, asked, 0)
    assert verify_rationale(text, result, asked).passed
    assert "Line 15" not in text  # the return after the loop is past the question's step
