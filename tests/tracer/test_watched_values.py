"""A possibly mutated value is compared before it is rendered again: `contents`/`unchanged` see every
in-place change of the objects a rendering showed, and a traced run reports the same changes."""

from __future__ import annotations

import collections

from tracepile.tracer.analysis import analyze
from tracepile.tracer.hooks import make_hooks
from tracepile.tracer.recorder import Recorder, contents, unchanged
from tracepile.values import render


Box = type("Box", (), {"__module__": "__main__"})  # a class of the traced program
Slotted = type("Slotted", (), {"__module__": "__main__", "__slots__": ("x",)})


def test_in_place_changes_are_seen():
    row, table, box = [1, 2], {"a": 1}, Box()
    box.items = [3]
    objects = (row, table, box, box.items, collections.deque([4]), {5})
    before = contents(objects)
    assert unchanged(objects, before)
    for change in (lambda: row.append(3), lambda: row.__setitem__(0, 10 ** 30), lambda: table.update(b=2),
                   lambda: table.__setitem__("a", 2), lambda: setattr(box, "extra", 1),
                   lambda: box.items.pop(), lambda: objects[4].rotate(1) or objects[4].append(6),
                   lambda: objects[5].add(7)):
        change()
        assert not unchanged(objects, before)
        before = contents(objects)
        assert unchanged(objects, before)


def test_objects_it_cannot_read_are_never_compared():
    assert contents((Slotted(),)) is None
    assert contents((Box(),)) is None  # no attributes: its text depends on its class
    assert contents((len,)) is None
    assert contents((bytearray(b"x"),)) is None
    assert contents((list(range(5000)),)) is None  # too big to be worth comparing


def changes(source: str, arg: int) -> list[tuple]:
    code = compile(source, "<program>", "exec")
    namespace = {"__name__": "__main__"}
    exec(code, namespace)
    recorder = Recorder(analyze(source), max_events=10 ** 6, max_value_chars=60, max_output_chars=10 ** 4)
    hooks = make_hooks(recorder, code)
    hooks.start()
    try:
        namespace["main"](arg)
    finally:
        hooks.stop()
    return [change for record in recorder.records if record[0] == "D" for change in record[2]]


def test_a_table_reports_exactly_the_changes_its_text_shows():
    source = '''
def main(n):
    dp = [[0] * n for _ in range(n)]
    for i in range(n):
        dp[i][0] = i
    return dp
'''
    n = 12
    dp = [[0] * n for _ in range(n)]
    expected = [render(dp, 60)]
    for i in range(n):
        dp[i][0] = i
        if render(dp, 60) != expected[-1]:
            expected.append(render(dp, 60))
    assert len(expected) == 2  # only the second row is shown: the later rows change unseen
    assert [text for name, text in changes(source, n) if name == "dp"] == expected
