"""The safe renderer never runs user code, truncates visibly, and reads its own output back."""

import collections
import fractions

import pytest

from tracepile.values import is_truncated, parse_value, render, same_value


class Hostile:
    def __init__(self):
        self.x = 1

    def __repr__(self):
        raise RuntimeError("repr called")

    def __eq__(self, other):
        raise RuntimeError("eq called")

    def __hash__(self):
        raise RuntimeError("hash called")

    def __len__(self):
        raise RuntimeError("len called")

    def __getattribute__(self, name):
        raise RuntimeError("getattribute called")


def test_builtin_values_render_as_python_literals():
    for value in [0, -5, 2.5, "a'b", b"x", None, True, [1, (2,)], {"k": {1, 2}}, (), frozenset({3})]:
        assert render(value) == repr(value)
        assert parse_value(render(value)) == value


def test_user_objects_are_summarised_without_calling_user_code():
    assert render(Hostile()) == "Hostile(x=1)"
    assert render([Hostile()]) == "[Hostile(x=1)]"


def test_stdlib_containers():
    assert render(collections.deque([1, 2])) == "deque([1, 2])"
    assert render(collections.Counter("aab")) == "Counter({'a': 2, 'b': 1})"
    assert render(collections.defaultdict(list, {1: [2]})) == "defaultdict(list, {1: [2]})"
    assert render(fractions.Fraction(1, 3)) == "Fraction(1, 3)"
    assert parse_value("Fraction(1, 3)") == fractions.Fraction(1, 3)


def test_cycles_and_big_values_are_bounded():
    cyclic = [1]
    cyclic.append(cyclic)
    assert render(cyclic) == "[1, [...]]"
    big = render(list(range(10_000)), max_chars=100)
    shown = big.count(",")
    assert len(big) < 150 and is_truncated(big) and big.endswith(f"…(+{10_000 - shown})]")
    huge = render(7 ** 5000)
    assert is_truncated(huge) and len(huge) < 40 and huge.startswith(str(7 ** 5000)[:10])
    long_text = render("x" * 5000, max_chars=50)
    assert long_text.endswith("…(+4950)")


def test_same_value_is_by_value_not_spelling():
    assert same_value("[1,2]", "[1, 2]")
    assert same_value("{2, 1}", "{1, 2}")
    assert not same_value("1", "True")
    assert not same_value("[1, 2]", "[1, 2, 3]")


def test_fast_rendering_equals_the_full_renderer_on_random_values():
    import random

    from tracepile.values import _Renderer, render_tracked

    rng = random.Random(11)
    leaves = [lambda: rng.randint(-5, 1000), lambda: rng.random(), lambda: rng.choice([True, False, None]),
              lambda: 10 ** rng.randint(0, 30), lambda: "ab" * rng.randint(0, 3)]

    def value():
        leaf = rng.choice(leaves)
        shape = rng.random()
        if shape < 0.3:
            return [leaf() for _ in range(rng.randint(0, 300))]
        if shape < 0.45:
            return {i: leaf() for i in range(rng.randint(0, 120))}
        rows = [[leaf() for _ in range(rng.randint(0, 40))] if rng.random() < 0.9
                else tuple(leaf() for _ in range(rng.randint(0, 4))) for _ in range(rng.randint(1, 40))]
        return rows if rng.random() < 0.8 else tuple(rows)

    for _ in range(600):
        item = value()
        for budget in (1, 3, 20, 137, 400):
            full = _Renderer(budget, {})
            full.value(item, 0)
            ids: set[int] = set()
            assert render_tracked(item, budget, ids) == "".join(full.parts)
            assert ids == set(full.ids)


@pytest.mark.parametrize("text", ["Fraction(4, 0)", "Decimal('x')", "range(0, 5, 0)", "Fraction(10 ** 400, 1e-400)"])
def test_a_constructor_that_fails_is_unparsable_not_a_crash(text):
    """A text may state any value: one whose constructor raises (here from an LLM's or a mutant's wording)
    is simply not a value the checker can compare."""
    from tracepile.values import Unparsable
    with pytest.raises(Unparsable):
        parse_value(text)


def test_a_stated_value_that_cannot_be_built_fails_its_claim():
    from tracepile.engine import trace
    from tracepile.verification import verify
    code = "from fractions import Fraction\ndef f():\n    x = Fraction(4, 1)\n    return x\n"
    report = verify("We enter `f`, which takes no arguments.\n\nLine 3 sets `x = Fraction(4, 0)`.\n\n"
                    "Line 4 returns `x`, with `x = Fraction(4, 1)`.\n\nSo `f` returns `Fraction(4, 1)`.\n\n"
                    "Final answer: Fraction(4, 1)", trace(code, "f()"))
    assert not report.passed
