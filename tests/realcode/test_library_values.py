"""Library values render as Python shows them (one line, within the budget) without user code; container
subclasses show their items; functions and cache wrappers render as a short name."""

import collections
import datetime
import decimal
import fractions
import functools
import io

import pytest

from tracepile.values import _Renderer, render

np = pytest.importorskip("numpy")
sympy = pytest.importorskip("sympy")


class Stack(list):
    pass


class Bag(set):
    pass


class Pair(tuple):
    pass


class Table(dict):
    pass


class Line(collections.deque):
    pass


class Loud(list):
    def __iter__(self):
        raise AssertionError("user code ran")

    def __len__(self):
        raise AssertionError("user code ran")


def outer():
    @functools.lru_cache(maxsize=None)
    def min_distance(a):
        return a
    return min_distance


x = sympy.Symbol("x")


@pytest.mark.parametrize("value,text", [
    (Stack([1, 9]), "Stack([1, 9])"), (Bag({3}), "Bag({3})"), (Bag(), "Bag()"), (Pair((1,)), "Pair((1,))"),
    (Table(a=1), "Table({'a': 1})"), (Line([1, 2]), "Line([1, 2])"), (Loud([5]), "Loud([5])"),
    (outer(), "<function min_distance>"), (outer().__wrapped__, "<function min_distance>"),
    (np.arange(4), "array([0, 1, 2, 3])"), (np.array([[1, 2], [3, 4]]), "array([[1, 2], [3, 4]])"),
    (np.float64(1.5), repr(np.float64(1.5))), (sympy.solve(x**2 - 4, x), "[-2, 2]"),
    (sympy.Rational(1, 4) * x**4 + x, "x**4/4 + x"), (sympy.Matrix([[1, 2], [3, 4]]), "Matrix([[1, 2], [3, 4]])"),
    (fractions.Fraction(3, 4), "Fraction(3, 4)"), (decimal.Decimal("3.245"), "Decimal('3.245')"),
    (datetime.date(2020, 1, 2), "datetime.date(2020, 1, 2)"),
])
def test_value_renders_as_python_shows_it(value, text):
    assert render(value) == text


def test_user_types_inside_library_values_are_never_printed():
    class Sneaky(sympy.Symbol):
        def __repr__(self):
            raise AssertionError("user code ran")
        __str__ = __repr__

    assert render(np.array([Loud()], dtype=object)) == "<ndarray object>"
    assert not render(Sneaky("y") + 1).startswith("y + 1")


def test_long_library_values_are_cut_with_the_marker():
    text = render(np.arange(500), 60)
    assert text.startswith("array([  0,   1,") and "…(+" in text and len(text) < 90


def test_stdin_methods_render_like_the_real_stream():
    stream = io.TextIOWrapper(io.BytesIO(b""))

    class Recording(io.TextIOWrapper):
        def readline(self, *args):
            return super().readline(*args)

    assert render(stream.readline) == render(Recording(io.BytesIO(b"")).readline) == "<function TextIOWrapper.readline>"
    assert render(input) == "<function input>"


class Node:
    def __init__(self, val, next=None):
        self.val = val
        self.next = next


def test_a_cyclic_or_deep_chain_of_objects_renders_like_the_full_renderer():
    a = Node(1)
    b = Node(2, a)
    a.next = b  # a cycle, as a linked-list algorithm makes mid-way
    assert render(a, 10_000) == "Node(val=1, next=Node(val=2, next=Node(...)))"
    head = None
    for value in range(20):
        head = Node(value, head)
    text = render(head, 10_000)
    full = _Renderer(10_000, None)
    full.value(head, 0)
    assert text == "".join(full.parts)
    assert text.count("Node(val=") == 9 and text.endswith("next=Node(...)" + ")" * 9)
