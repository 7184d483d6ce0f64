"""The tracer's fast paths give exactly what their slow definitions give: C-speed renderings equal the
full renderer's text (and tracked ids), and is_plain equals its item-by-item definition."""

from __future__ import annotations

import random
from collections import deque

import pytest

from tracepile.tracer.safe_eval import CONTAINERS, MAX_PLAIN_ITEMS, PRIMITIVES, is_plain
from tracepile.values import _Renderer, render_tracked


class Point:
    def __init__(self, x):
        self.x = x


def full_render(value, max_chars):
    ids: dict[int, object] = {}
    out = _Renderer(max_chars, ids)
    out.value(value, 0)
    return "".join(out.parts), set(ids)


LEAVES = [0, 7, -12, 10 ** 12, 2.5, float("nan"), True, None, "ab", "x" * 30]


def leaf(rng):
    return rng.choice(LEAVES)


def row(rng):
    items = [rng.choice([rng.randrange(-50, 10 ** rng.randrange(1, 6)), 1.5, True]) for _ in range(rng.choice([0, 1, 2, 3, 8, 50, 200]))]
    if rng.random() < 0.05:
        items.append(leaf(rng))
    return rng.choice([list, tuple])(items)


def chain(rng):
    """A linked list of plain objects, sometimes closed into a cycle."""
    head = node = Point(0)
    for index in range(rng.choice([1, 2, 3, 5, 12])):
        node.next = Point(index)
        node = node.next
    node.next = head if rng.random() < 0.3 else None
    return head


def value(rng):
    shape = rng.random()
    n = rng.choice([0, 1, 2, 5, 20, 64, 65, 150, 600])
    if shape < 0.35:  # heap entries, DP tables, mixed numbers and rows
        items = [row(rng) if rng.random() < 0.8 else rng.randrange(10 ** 6) for _ in range(n)]
    elif shape < 0.55:
        items = [leaf(rng) for _ in range(n)]
    elif shape < 0.7:
        items = [(rng.randrange(100), rng.randrange(100)) for _ in range(n)]
    elif shape < 0.8:
        items = [Point(rng.randrange(9)) if rng.random() < 0.5 else row(rng) for _ in range(n)]
    elif shape < 0.9:
        return {rng.randrange(10 ** 6): rng.choice([rng.randrange(10 ** 6), 0.5, None]) for _ in range(n)}
    elif shape < 0.95:
        return Point([row(rng) for _ in range(min(n, 20))])
    else:
        pair = Point(rng.choice([[rng.randrange(99) for _ in range(n)], "ab" * n, n, Point(n), chain(rng)]))
        pair.y = rng.choice([[rng.randrange(99) for _ in range(n)], n, "cd"])
        return pair
    return rng.choice([list, tuple, deque])(items)


@pytest.mark.parametrize("seed", range(4))
def test_fast_rendering_equals_the_full_renderer(seed):
    rng = random.Random(seed)
    for _ in range(400):
        item = value(rng)
        max_chars = rng.choice([1, 2, 3, 10, 40, 400, 2000])
        ids: set[int] = set()
        assert (render_tracked(item, max_chars, ids), ids) == full_render(item, max_chars), (item, max_chars)


def test_a_cut_table_shows_a_big_int_by_its_leading_digits():
    table = [[2 ** 3100, 1] * 40, [1, 2]] * 30
    ids: set[int] = set()
    assert (render_tracked(table, 400, ids), ids) == full_render(table, 400)


def plain_by_definition(value, budget):
    """is_plain's definition: visit items one by one, each container spending its length."""
    cls = type(value)
    if cls in PRIMITIVES or cls is range:
        return True
    if cls not in CONTAINERS:
        return False
    budget[0] -= len(value)
    if budget[0] < 0:
        return False
    items = [x for pair in dict.items(value) for x in pair] if cls is dict else value
    return all(plain_by_definition(x, budget) for x in items)


def nested(rng, depth):
    if depth > 2 or rng.random() < 0.4:
        return rng.choice([1, 2.5, "s", None, True, b"x", 3j, range(3), Point(1)] if rng.random() < 0.1
                          else [1, 2.5, "s", None, True])
    n = rng.choice([0, 1, 3, 40, 700, 1900] if depth == 0 else [0, 1, 2, 30] if depth == 1 else [0, 2])
    kind = rng.choice([list, tuple, set, frozenset, dict, deque])
    items = [nested(rng, depth + 1) for _ in range(n)]
    if kind in (set, frozenset, dict):
        items = [x for x in items if type(x) in (int, float, str, bool, type(None), bytes, complex)]
        return {k: nested(rng, depth + 1) for k in items} if kind is dict else kind(items)
    return kind(items)


@pytest.mark.parametrize("seed", range(4))
def test_is_plain_equals_its_definition(seed):
    rng = random.Random(seed)
    verdicts = set()
    for _ in range(300):
        item = nested(rng, 0)
        if rng.random() < 0.3:
            item = [tuple(rng.choice([1, "a", (1, 2), [3], Point(0)] if rng.random() < 0.02 else [1, "a", (1, 2), [3]])
                          for _ in range(3)) for _ in range(rng.choice([3, 500, 700]))]
        expected = plain_by_definition(item, [MAX_PLAIN_ITEMS])
        verdicts.add(expected)
        assert is_plain(item) == expected, item
    assert verdicts == {True, False}


def test_a_long_list_is_rendered_again_when_a_shown_item_changes():
    flags = [1] * 3000
    before = render_tracked(flags, 400, set())
    flags[2900] = 0
    assert render_tracked(flags, 400, set()) == before == full_render(flags, 400)[0]
    flags[3] = True  # equal to 1, written differently
    assert render_tracked(flags, 400, set()) == full_render(flags, 400)[0] != before
    flags.append(5)
    assert render_tracked(flags, 400, set()) == full_render(flags, 400)[0]


def test_is_plain_verdicts_are_kept_only_for_one_moment():
    from tracepile.tracer.safe_eval import same_moment

    items = [1, 2]
    with same_moment():
        assert is_plain(items) and is_plain(items)
    items.append(Point(0))
    assert not is_plain(items)
    with same_moment():
        assert not is_plain(items)
        assert is_plain([3]) and is_plain((4, [5]))


@pytest.mark.parametrize("seed", range(3))
def test_linked_objects_render_as_the_full_renderer_renders_them(seed):
    rng = random.Random(seed)
    for _ in range(100):
        item = chain(rng)
        max_chars = rng.choice([5, 30, 80, 400])
        ids: set[int] = set()
        assert (render_tracked(item, max_chars, ids), ids) == full_render(item, max_chars)
