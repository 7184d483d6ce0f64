"""A decorated definition (lru_cache, functools.cache, a user decorator, on one line or several) is one
step at its `def` line, narrated once; cache wrappers and partial objects show as short names."""

from tracepile.engine import make_sample, trace
from tracepile.model import LineEvent, Program
from tracepile.tracer.analysis import analyze

NESTED = '''\
from functools import lru_cache


def min_cost(costs):
    @lru_cache(maxsize=None)
    def best(i):
        if i >= len(costs):
            return 0
        return costs[i] + min(best(i + 1), best(i + 2))

    return best(0)
'''

SEVERAL = '''\
import functools


def logged(func):
    @functools.wraps(func)
    def wrapper(*args):
        return func(*args)
    return wrapper


def run(n):
    @logged
    @functools.lru_cache(
        maxsize=8,
    )
    def fib(k):
        return k if k < 2 else fib(k - 1) + fib(k - 2)

    total = 0
    for i in range(2):
        @functools.cache
        def square(v):
            return v * v
        total += square(i)
    return fib(n) + total
'''


def test_decorator_lines_belong_to_their_def_and_not_to_the_enclosing_one():
    info = analyze(NESTED)
    assert info.owner[5] == 6 and info.owner[4] == 4
    assert analyze(SEVERAL).owner[12] == analyze(SEVERAL).owner[15] == 16


def test_a_cached_nested_function_is_defined_once_and_its_calls_verify():
    program = Program(id="n", code=NESTED, calls=("min_cost([1, 2, 3])",))
    sample = make_sample(program, program.inputs[0])
    assert sample.status == "ok" and sample.verified, sample.claim_failures
    assert sample.answer == "3"
    assert sample.response.count("defines the function") == 1
    assert "Line 6 defines the function `best`." in sample.response
    assert "lru_cache_wrapper" not in sample.response and "Line 4 defines" not in sample.response
    lines = [e.line for e in trace(NESTED, "min_cost([1, 2, 3])").events if isinstance(e, LineEvent)]
    assert lines[:2] == [6, 11]


def test_stacked_decorators_a_user_one_and_a_def_in_a_loop():
    program = Program(id="s", code=SEVERAL, calls=("run(3)",))
    sample = make_sample(program, program.inputs[0])
    assert sample.status == "ok" and sample.verified, sample.claim_failures
    assert sample.answer == "3"
    text = sample.response
    assert text.count("defines the function `fib`") == 1
    assert text.count("defines the function `square`") == 2  # once per iteration of its loop
    assert text.count("defines the function `wrapper`") == 1
    assert "returns `<function fib>`" in text  # logged's result: the wrapper that functools.wraps named fib


def test_partial_objects_render_like_python_without_an_address():
    import functools
    import operator

    from tracepile.values import render

    def scale(values, factor=1):
        return values

    assert render(functools.partial(scale, [1, 2], factor=3)) == "partial(<function scale>, [1, 2], factor=3)"
    assert render(functools.partial(operator.add, 1)) == "partial(<function add>, 1)"
    code = "import functools\n\n\ndef run(n):\n    add = functools.partial(pow, 2)\n    return add(n)\n"
    program = Program(id="p", code=code, calls=("run(5)",))
    sample = make_sample(program, program.inputs[0])
    assert sample.verified and sample.answer == "32" and "`add = partial(<function pow>, 2)`" in sample.response


CLASS_IN_FUNCTION = '''\
def make(n):
    class Box:
        size = 2

        def __init__(self, v):
            self.v = v * Box.size

    return Box(n).v + 1
'''


def test_a_class_defined_in_a_function_is_one_step_and_its_methods_are_traced():
    program = Program(id="box", code=CLASS_IN_FUNCTION, calls=("make(3)",))
    sample = make_sample(program, program.inputs[0])
    assert sample.verified and sample.answer == "7", sample.claim_failures
    assert sample.response.count("defines the class `Box`") == 1
    assert "We enter `Box`" not in sample.response and "`Box` returns" not in sample.response
    assert "We enter `__init__`" in sample.response and "Line 6 " in sample.response


def test_a_nested_class_is_one_step_under_every_tracer_back_end():
    from conftest import tracer_pythons

    for python in tracer_pythons():
        result = trace(CLASS_IN_FUNCTION, "make(3)", python=python)
        lines = [e.line for e in result.events if isinstance(e, LineEvent)]
        assert result.outcome.value_repr == "7" and lines == [2, 8, 6], (result.backend, lines)
