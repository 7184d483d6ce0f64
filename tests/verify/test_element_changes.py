"""Element changes: a step that changes one item of a container that is not small is said as that item
(`seen[1]` becomes `True`, `dist[0]` goes from `90` to `88`, appends `0` to `stack`), checked; the whole
container is restated when small, at its first binding and when its loop ends. False variants are rejected."""

import pytest

from tracepile.engine import trace
from tracepile.narration import narrate
from tracepile.narration.elements import SMALL_CONTAINER_CHARS, element_change
from tracepile.verification import verify

PROGRAM = '''def f(n):
    seen = [False] * 20
    stack = [50, 60, 70, 80, 90, 100, 110, 120, 130, 140]
    dist = [90, 90, 90, 90, 90, 90, 90, 90, 90, 90, 90]
    names = {'alpha': 1, 'beta': 2, 'gamma': 3, 'delta': 4}
    small = [0, 0]
    for i in range(n):
        seen[i] = True
        stack.append(i)
        dist[i] -= 2
        names['k' + str(i)] = i
        small[i] = 7
    return seen, stack, dist, names, small
'''


def narrated(code: str = PROGRAM, call: str = "f(2)"):
    result = trace(code, call)
    text = narrate(result).response
    report = verify(text, result)
    assert report.passed, report.failures + report.unverifiable
    return text, result


def verdicts(text: str, result) -> dict[str, str]:
    return {check.sentence: check.verdict for check in verify(text, result).sentences}


def test_items_of_big_containers_are_said_as_items_and_verified():
    text, _ = narrated()
    for said in ("`seen[0]` becomes `True`", "`seen[1]` becomes `True`", "this appends `0` to `stack`",
                 "this appends `1` to `stack`", "`dist[0]` goes from `90` to `88`", "`names['k1']` becomes `1`"):
        assert said in text
    body = text.split("the loop ends after 2 iterations")[0]
    assert body.count("`seen = [") == 1  # its first binding only, inside the loop
    assert body.count("`dist = [") == 1


def test_small_containers_are_restated_whole():
    text, _ = narrated()
    assert "now `small = [7, 0]`" in text and "now `small = [7, 7]`" in text
    assert "`small[0]` becomes" not in text


def test_the_loop_end_restates_the_containers_said_item_by_item():
    text, _ = narrated()
    end = next(p for p in text.split("\n\n") if "the loop ends after 2 iterations" in p)
    assert "the loop leaves `seen = [True, True, False" in end and "`names = {'alpha': 1" in end
    assert "`small = " not in end  # already stated whole


def test_false_item_claims_are_rejected():
    text, result = narrated()
    for true, lie in (("`seen[1]` becomes `True`", "`seen[2]` becomes `True`"),
                      ("`dist[0]` goes from `90` to `88`", "`dist[0]` goes from `90` to `87`"),
                      ("`dist[0]` goes from `90` to `88`", "`dist[0]` grows by `2`, from `90` to `88`"),
                      ("this appends `1` to `stack`", "this appends `2` to `stack`"),
                      ("this appends `1` to `stack`", "this appends `1` to `dist`"),
                      ("`names['k1']` becomes `1`", "`names['k0']` becomes `1`")):
        lied = text.replace(true, lie, 1)
        assert lied != text
        bad = {s: v for s, v in verdicts(lied, result).items() if v != "verified"}
        assert any(lie in s for s in bad), (lie, bad)


def test_an_item_change_left_out_is_a_missing_fact():
    text, result = narrated()
    left_out = text.replace("; `seen[1]` becomes `True`", "", 1)
    report = verify(left_out, result)
    assert not report.passed and any("new value of `seen`" in f for f in report.failures)


def test_element_change_rules():
    big = repr([0] * 20)
    assert element_change("a[3] = 5", "a", big, repr([0, 0, 0, 5] + [0] * 16)) == "`a[3]` goes from `0` to `5`"
    assert element_change("a[3] = 5", "a", "[0, 0, 0, 0]", "[0, 0, 0, 5]") is None  # small: said whole
    assert len("[0, 0, 0, 5]") <= SMALL_CONTAINER_CHARS
    assert element_change("a[i], a[j] = a[j], a[i]", "a", big, repr([1] + [0] * 19)) is None  # not one target
    assert element_change("a[3] = 5", "a", big, repr([5, 0, 0, 5] + [0] * 16)) is None  # two items differ
    assert element_change("a.append(7)", "a", big, repr([0] * 20 + [7])) == "this appends `7` to `a`"
    assert element_change("a.append(7)", "a", big, repr([0] * 21)) == "this appends `0` to `a`"
    assert element_change("a.extend([7])", "a", big, repr([0] * 20 + [7])) is None


ADJACENCY = '''def build(n, edges):
    adj = [[] for _ in range(n)]
    for u, v in edges:
        adj[u].append(v)
        adj[v].append(u)
    return adj
'''


def test_an_append_to_an_item_is_said_with_its_key_and_checked():
    text, result = narrated(ADJACENCY, "build(7, [(0, 1), (1, 2), (2, 3), (3, 4), (4, 5), (5, 6), (6, 0)])")
    assert "this appends `0` to `adj[6]`" in text and "this appends `6` to `adj[0]`" in text
    for lie in ("this appends `0` to `adj[5]`", "this appends `1` to `adj[6]`"):
        lied = text.replace("this appends `0` to `adj[6]`", lie, 1)
        assert any(lie in s and v != "verified" for s, v in verdicts(lied, result).items()), lie


GRID = '''def fill(n):
    grid = [[0] * n for _ in range(n)]
    for i in range(n):
        grid[i][n - 1 - i] += 5
    return grid
'''


def test_an_item_of_a_nested_container_is_said_by_its_keys_and_checked():
    text, result = narrated(GRID, "fill(4)")
    assert "`grid[1][2]` goes from `0` to `5`" in text and text.count("`grid = [") == 2  # bound, loop end
    assert "`grid[i] = " not in text  # the row the item is written through is no operand
    for lie in ("`grid[2][1]` goes from `0` to `5`", "`grid[1][2]` goes from `0` to `6`"):
        lied = text.replace("`grid[1][2]` goes from `0` to `5`", lie, 1)
        assert any(lie in s and v != "verified" for s, v in verdicts(lied, result).items()), lie


@pytest.mark.parametrize("paragraph, accepted", [
    ("Line 4 appends `v = 1` to `adj[u] = []`, so now `adj = [[1], []]`.", True),
    ("Line 4 appends `v = 2` to `adj[u]`, so now `adj = [[1], []]`.", False),  # `v` is 1
    ("Line 4 appends `u = 0` to `adj[u]`, so now `adj = [[1], []]`.", False),  # the item appended is 1
])
def test_an_appended_item_may_be_named_with_its_value(paragraph, accepted):
    code = "def f(n, edges):\n    adj = [[] for _ in range(n)]\n    for u, v in edges:\n        adj[u].append(v)\n" \
           "    return adj\n"
    result = trace(code, "f(2, [(0, 1)])")
    paragraphs = narrate(result).response.split("\n\n")
    paragraphs[next(k for k, p in enumerate(paragraphs) if p.startswith("Line 4"))] = paragraph
    assert verify("\n\n".join(paragraphs), result).passed == accepted
