"""Final answers are what Python prints: repr() of the returned value, run in the sandbox after the
traced run; when repr() cannot give it, the answer and the sample say so."""

import textwrap

import pytest

import tracepile
from tracepile.engine import make_sample, sample_from_trace
from tracepile.model import Program, ProgramInput
from tracepile.narration import narrate
from tracepile.verification import verify

CASES = {
    "dataclass_repr_false": ("""
        from dataclasses import dataclass, field
        @dataclass
        class Account:
            owner: str
            balance: float = 0.0
            secret: str = field(default="x", repr=False)
        def f(name):
            a = Account(name)
            a.balance += 10
            return a
        """, "f('ann')"),
    "dataclass_order_factory": ("""
        from dataclasses import dataclass, field
        @dataclass(order=True)
        class Job:
            priority: int
            tags: list = field(default_factory=list)
        def f():
            jobs = [Job(3, ['c']), Job(1), Job(2, ['b'])]
            return sorted(jobs)
        """, "f()"),
    "custom_repr": ("""
        class Temperature:
            def __init__(self, c):
                self._c = c
            def __repr__(self):
                return f"Temperature({self._c})"
        def f(c):
            return Temperature(c)
        """, "f(36.6)"),
    "custom_str_only": ("""
        class Point:
            def __init__(self, x, y):
                self.x, self.y = x, y
            def __str__(self):
                return f"({self.x}, {self.y})"
        def f():
            return [Point(1, 2).__str__(), str(Point(3, 4))]
        """, "f()"),
    "inheritance_super": ("""
        class Base:
            def __init__(self, n):
                self.n = n
            def __repr__(self):
                return f"{type(self).__name__}(n={self.n})"
        class Child(Base):
            def __init__(self, n, extra):
                super().__init__(n)
                self.extra = extra
            def __repr__(self):
                return super().__repr__()[:-1] + f", extra={self.extra!r})"
        def f():
            return {"kids": [Child(1, "a"), Child(2, "b")], "base": Base(0)}
        """, "f()"),
    "fraction_decimal": ("""
        from fractions import Fraction
        from decimal import Decimal
        def f(n):
            total = Fraction(0)
            for k in range(1, n + 1):
                total += Fraction(1, k)
            return total, Decimal("1.10") * 3
        """, "f(4)"),
    "namedtuple": ("""
        from collections import namedtuple
        Pair = namedtuple("Pair", "left right")
        def f(xs):
            return [Pair(x, x * x) for x in xs]
        """, "f([1, 2])"),
    "lru_cache_info": ("""
        from functools import lru_cache
        @lru_cache(maxsize=None)
        def fib(n):
            return n if n < 2 else fib(n - 1) + fib(n - 2)
        def f(n):
            fib(n)
            return fib.cache_info()
        """, "f(6)"),
    "enum_nested": ("""
        import enum
        class Color(enum.Enum):
            RED = 1
            GREEN = 2
        def f():
            return {Color.RED: [Color.GREEN], "set": {Color.RED}}
        """, "f()"),
}


def _expected(code: str, call: str) -> str:
    namespace: dict = {}
    exec(code, namespace)  # trusted test programs
    return repr(eval(call, namespace))


@pytest.mark.parametrize("name", sorted(CASES))
def test_answer_is_pythons_repr_and_verifies(name):
    code, call = CASES[name]
    code = textwrap.dedent(code)
    sample = make_sample(Program(id=name, code=code, calls=(call,)), ProgramInput("call", call))
    assert sample.status == "ok", sample.reason
    assert sample.answer == _expected(code, call)
    assert sample.response.endswith(f"Final answer: {sample.answer}")
    assert sample.verified, sample.claim_failures


def test_text_names_the_python_form_when_it_differs_and_a_wrong_form_fails():
    code, call = CASES["custom_repr"]
    result = tracepile.trace(textwrap.dedent(code), call)
    assert result.outcome.value == "Temperature(_c=36.6)"  # the step-by-step (safe) rendering
    assert result.outcome.value_repr == "Temperature(36.6)"
    text = narrate(result).response
    assert "Python shows the returned value as `Temperature(36.6)`, which is the final answer." in text
    assert verify(text, result).passed
    wrong = text.replace("as `Temperature(36.6)`", "as `Temperature(36.7)`")
    report = verify(wrong, result)
    assert not report.passed and any("Temperature(36.7)" in f for f in report.failures)


@pytest.mark.parametrize("body,note", [
    ("raise ValueError('no repr today')", "raised ValueError: no repr today"),
    ("while True: pass", "ran longer than"),
    ("return 42", "raised TypeError: __repr__ returned non-string (type int)"),
])
def test_repr_that_fails_is_reported_and_the_sample_still_verifies(body, note):
    code = textwrap.dedent(f"""
        class Odd:
            def __init__(self):
                self.k = 1
            def __repr__(self):
                print("side effect")
                {body}
        def f():
            return Odd()
        """)
    program = Program(id="odd", code=code, calls=("f()",))
    result = tracepile.trace(code, "f()")
    assert result.outcome.value_repr is None and note in result.outcome.repr_note
    assert result.outcome.stdout == ""  # the __repr__'s print is not the program's output
    sample = sample_from_trace(program, result)
    assert sample.answer == "Odd(k=1)" and sample.verified, sample.claim_failures
    assert "Python cannot show the returned value" in sample.response
    assert note in sample.provenance["answer_note"]


def test_repr_returning_a_str_subclass_gives_its_characters():
    code = textwrap.dedent("""
        class Loud(str):
            def __str__(self):
                return "LOUD"
        class Box:
            def __repr__(self):
                return Loud("Box()")
        def f():
            return Box()
        """)
    result = tracepile.trace(code, "f()")
    assert result.outcome.value_repr == "Box()" and result.outcome.answer("call") == "Box()"


def test_exceptions_keep_type_and_message():
    sample = make_sample(Program(id="e", code="def f(d):\n    return d['x']\n", calls=("f({})",)),
                         ProgramInput("call", "f({})"))
    assert sample.answer == "KeyError: 'x'" and sample.verified


def test_public_functions_stay_functions_after_use():
    """Importing the narration/verification subpackages must not rebind tracepile.narrate/verify."""
    import tracepile.sandbox  # noqa: F401 - importing subpackages must not shadow the API
    for _ in range(2):
        result = tracepile.trace("def f(n):\n    return n * 2\n", "f(21)")
        text = tracepile.narrate(result)
        assert tracepile.verify(text.response, result).passed
        sample = tracepile.make_sample(Program(id="p", code=result.code, calls=("f(1)",)),
                                       ProgramInput("call", "f(1)"))
        assert sample.verified and sample.answer == "2"
    assert all(callable(getattr(tracepile, name)) for name in ("trace", "narrate", "verify", "make_sample"))
