"""Question-aware compression: the steps an answer depends on are never summarised, a summary says
(checked) what it leaves alone, and the verifier rejects those sentences when they are false."""

from tracepile.engine import narrate, trace, verify
from tracepile.model import LineEvent
from tracepile.narration.focus import answer_focus, dependence
from tracepile.narration.plan import Compression, Summary, plan
from tracepile.tracer.analysis import analyze

BEST = """def best_odd(xs):
    best = 0
    for x in xs:
        if x % 2 == 0:
            continue
        if x > best:
            best = x
    return best
"""
# paths alternate, so the blind plan summarises iterations 3 to 11 path by path, hiding best's changes
GAPS = "best_odd([1, 2, 3, 4, 1, 6, 5, 8, 1, 10, 1, 12, 1])"

QUIET = """def sq(v):
    return v * v


def f(xs):
    total = 0
    best = 0
    for x in xs:
        total += sq(x)
        if x > 100:
            best = x
    return best
"""


def summaries(result, keep=frozenset()):
    return [item for item in plan(result.events, Compression(), frozenset(), keep) if isinstance(item, Summary)]


def test_blind_compression_hides_a_change_of_the_answer():
    result = trace(BEST, GAPS)
    changes = [i for i, e in enumerate(result.events) if isinstance(e, LineEvent) and dict(e.changes).get("best")]
    assert any(s.begin <= i < s.end for s in summaries(result) for i in changes)


def test_no_summary_covers_a_step_the_answer_depends_on():
    result = trace(BEST, GAPS)
    focus = answer_focus(result.events, analyze(BEST))
    changes = [i for i, e in enumerate(result.events) if isinstance(e, LineEvent) and dict(e.changes).get("best")]
    assert set(changes) <= focus.events  # best changes 3 times after `best = 0`: each is part of the answer
    assert summaries(result, focus.events)  # what does not bear on the answer is still summarised
    assert not any(s.begin <= i < s.end for s in summaries(result, focus.events) for i in focus.events)
    text = narrate(result).response
    assert "`best = 5`" in text and verify(text, result).passed


def test_dependence_follows_bindings_backwards_and_keeps_each_names_last_binding():
    result = trace(BEST, GAPS)
    info = analyze(BEST)
    returned = max(i for i, e in enumerate(result.events) if type(e).__name__ == "ReturnEvent")
    focus = dependence(result.events, info, [(returned, result.events[returned].frame, ("best",))])
    last_best = max(i for i, e in enumerate(result.events)
                    if isinstance(e, LineEvent) and "best" in dict(e.changes))
    assert last_best in focus.events
    # best = x reads x, bound by the `for` header, which reads xs: the names the answer depends on
    assert {"best", "x", "xs"} <= set(focus.names_in(result.events[returned].frame))


def test_summary_says_which_answer_names_it_leaves_alone_and_verifies():
    result = trace(QUIET, "f([200, 1, 2, 3, 4, 5, 6, 7])")
    text = narrate(result).response
    assert "none of these iterations changes `best`" in text
    assert verify(text, result).passed


def false_variant(text: str, old: str, new: str, result) -> list[str]:
    assert old in text
    report = verify(text.replace(old, new), result)
    assert not report.passed
    return [str(f) for f in report.failures]


def test_false_stretch_sentences_are_rejected():
    result = trace(QUIET, "f([200, 1, 2, 3, 4, 5, 6, 7])")
    text = narrate(result).response
    said = "none of these iterations changes `best`"
    assert "changes in these iterations" in " ".join(false_variant(text, said, "none of these iterations changes `total`",
                                                                    result))
    assert false_variant(text, said, "none of these iterations changes `best` and `x`", result)
    assert "line 9 runs" in " ".join(false_variant(text, said, "none of these iterations runs line 9", result))
    assert "`sq` is called" in " ".join(false_variant(text, said, "none of these iterations calls `sq`", result))


def test_true_stretch_sentences_about_lines_and_calls_verify():
    result = trace(QUIET, "f([200, 1, 2, 3, 4, 5, 6, 7])")
    text = narrate(result).response
    said = "none of these iterations changes `best`"
    for true in ("none of these iterations runs line 11", "none of these iterations calls `f`"):
        assert verify(text.replace(said, true), result).passed, true


def test_stretch_sentences_outside_a_summary_are_not_accepted():
    result = trace(QUIET, "f([200, 1, 2, 3, 4, 5, 6, 7])")
    text = narrate(result).response.replace("Final answer", "None of these iterations runs line 11.\n\nFinal answer")
    assert not verify(text, result).passed


FIVE_WAYS = """def score(xs):
    total = 0
    for x in xs:
        if x % 5 == 0:
            total += 1
        elif x % 5 == 1:
            total += 2
        elif x % 5 == 2:
            total += 3
        elif x % 5 == 3:
            total += 4
        else:
            total += 5
    return total
"""


def test_the_last_rung_summarises_a_middle_of_many_paths_except_the_focus():
    result = trace(FIVE_WAYS, "score(list(range(30)))")
    lean, whole = Compression(1, 1), Compression(1, 1, whole=True)
    assert lean.stronger() == whole and whole.stronger() == whole
    assert not [s for s in plan(result.events, lean) if isinstance(s, Summary)]  # five paths: nothing summarised
    focus = answer_focus(result.events, analyze(FIVE_WAYS))
    stretches = [s for s in plan(result.events, whole, frozenset(), focus.events) if isinstance(s, Summary)]
    assert stretches and not any(s.begin <= i < s.end for s in stretches for i in focus.events)
    short, long = narrate(result, compression=whole).response, narrate(result, compression=lean).response
    assert "of the loop at line 3 are summarised; after iteration" in short and len(short) < len(long) / 3
    assert verify(short, result).passed
    lie = short.replace("are summarised; after iteration", "take the same path; after iteration", 1)
    assert not verify(lie, result).passed
