"""Output printed by the module's top-level code before a call is narrated at the line that prints it,
and the verifier holds the text to that line and that output."""

from tracepile.engine import make_sample, trace
from tracepile.model import Program
from tracepile.verification import verify

CODE = ("def polstr(p):\n    return str(p)\n\nprint(4)\nfor i in range(2):\n    print(i)\n")


def test_import_time_output_is_narrated_at_its_line_and_verified():
    program = Program(id="p", code=CODE, calls=("polstr(3)",))
    sample = make_sample(program, program.inputs[0])
    assert sample.status == "ok" and sample.verified, sample.claim_failures
    first, second = sample.response.split("\n\n")[:2]
    assert first == "Before the call, the module's top-level code runs once; line 4 prints `4`."
    assert second == "Before the call, the module's top-level code runs once; line 6 prints `'0\\n1\\n'`."
    assert sample.answer == "'3'"


def test_a_wrong_line_or_a_left_out_output_fails():
    result = trace(CODE, "polstr(3)")
    text = make_sample(Program(id="p", code=CODE, calls=("polstr(3)",)), result.input).response
    assert verify(text, result).passed
    assert not verify(text.replace("line 4 prints", "line 5 prints"), result).passed
    assert not verify(text.split("\n\n", 1)[1], result).passed


GLOBAL_CACHE = ("LENGTHS = {1: 1}\n\ndef length(n):\n    steps = n * 2\n    LENGTHS[n] = steps\n"
                "    return len(LENGTHS)\n")


def test_a_global_container_changed_in_a_function_is_stated_and_required():
    result = trace(GLOBAL_CACHE, "length(3)")
    text = make_sample(Program(id="g", code=GLOBAL_CACHE, calls=("length(3)",)), result.input).response
    assert "`LENGTHS = {1: 1, 3: 6}`" in text and verify(text, result).passed
    left_out = verify(text.replace("`LENGTHS = {1: 1, 3: 6}`", "`steps = 6`"), result)
    assert not left_out.passed
    assert any("new value of `LENGTHS`" in failure for failure in left_out.failures)
