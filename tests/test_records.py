"""Program records and call expressions: parsed safely, rejected with a specific reason."""

import pytest

from tracepile.model import Expression, Program, RecordError, parse_call


def test_literal_call():
    call = parse_call('f([3, 1, 2], k=2, name="x", s={1, 2}, t=(), n=-3)')
    assert call.func == ("f",)
    assert call.args == ([3, 1, 2],)
    assert call.kwargs == {"k": 2, "name": "x", "s": {1, 2}, "t": (), "n": -3}


def test_cruxeval_style_tuple_arguments():
    assert parse_call("f(" + "(1, ), (1, ), (1, 2)" + ")").args == ((1,), (1,), (1, 2))


def test_non_literal_arguments_are_kept_as_expressions_never_evaluated():
    call = parse_call("f(dict(a=1), 'ab'.upper(), lambda x: x < 2)")
    assert all(isinstance(a, Expression) for a in call.args)
    assert call.args[0].source == "dict(a=1)"


@pytest.mark.parametrize("text,reason", [
    ("", "empty call expression"),
    ("f(", "not valid Python"),
    ("x + 1", "not a call expression"),
    ("f(*xs)", "*args unpacking"),
    ("f(**kw)", "**kwargs unpacking"),
    ("f((y := 2))", "NamedExpr is not allowed"),
    ("f(__import__('os').system('ls'))", None),
])
def test_bad_calls_are_rejected_with_a_reason(text, reason):
    if reason is None:  # a call of an arbitrary name is structurally fine: it runs only in the sandbox
        assert isinstance(parse_call(text).args[0], Expression)
        return
    with pytest.raises(RecordError, match=reason.replace("*", r"\*").replace("(", r"\(")):
        parse_call(text)


def test_object_building_arguments_and_callees_are_expressions_for_the_sandbox():
    call = parse_call("f(ListNode(1, ListNode(2)), [x for x in y], k=Fraction('3.245'))")
    assert [a.source for a in call.args] == ["ListNode(1, ListNode(2))", "[x for x in y]"]
    assert call.kwargs["k"] == Expression("Fraction('3.245')")
    curried = parse_call("cubic_spline(xs, ys)(0.5)")
    assert curried.func == () and curried.callee == Expression("cubic_spline(xs, ys)") and curried.args == (0.5,)


def test_setup_lines_are_part_of_the_record():
    record = {"id": "s", "code": "def f(h):\n    return h\n", "calls": "f(head)", "setup": ["a = 1", "head = [a]"]}
    program = Program.from_dict(record)
    assert program.setup == "a = 1\nhead = [a]" and "setup" not in program.metadata
    assert Program.from_dict(program.to_dict()) == program


def test_program_from_record_keeps_unknown_fields():
    program = Program.from_dict({"id": 7, "code": "def f(): pass", "calls": "f()", "task": "x", "tags": [1]})
    assert program.id == "7" and program.calls == ("f()",)
    assert program.metadata == {"task": "x", "tags": [1]}
    assert [i.kind for i in program.inputs] == ["call"]


@pytest.mark.parametrize("record,reason", [
    ([], "must be an object"),
    ({"code": "x"}, "missing field 'id'"),
    ({"id": 1, "code": ""}, "non-empty string"),
    ({"id": 1, "code": "x = 1"}, "no inputs"),
    ({"id": 1, "code": "x", "calls": [1]}, "list of strings"),
    ({"id": 1, "code": "x", "stdin": "", "domain": 3}, "'domain' must be a string"),
])
def test_bad_records_are_rejected(record, reason):
    with pytest.raises(RecordError, match=reason):
        Program.from_dict(record)


def test_program_dict_round_trip_keeps_metadata_flat():
    program = Program(id="m", code="def solution():\n    return 1\n", calls=("solution()",),
                      metadata={"problem": "How many?", "params": {"a": 1}})
    assert Program.from_dict(program.to_dict()) == program
