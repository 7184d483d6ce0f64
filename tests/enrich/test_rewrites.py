"""Verified code rewrites: exact before/after per rewrite, semantic traps, the sandbox equivalence check,
seeded determinism, and variants of bundled algorithm programs that must stay equivalent."""

from __future__ import annotations

import builtins
import importlib.util
import random
from pathlib import Path
from textwrap import dedent

import libcst as cst
import pytest

from tracepile.enrich.rewrites import REWRITES, Edit, Rewrite, Skip, rename_calls, rewrite_program, try_rewrite
from tracepile.enrich.rewrites.base import Site
from tracepile.enrich.rewrites.branches import negate
from tracepile.enrich.rewrites.equivalence import check, observe
from tracepile.enrich.rewrites.rename import same_symbols
from tracepile.enrich.rewrites.syntax import identifiers
from tracepile.model import Limits, Program
from tracepile.sandbox import RawResult, execute

ALGORITHMS = Path(__file__).resolve().parents[2] / "src" / "tracepile" / "sources" / "bundled" / "algorithms"
FAST = Limits(timeout_s=2.0, max_events=100_000)


def apply(name: str, source: str, seed: int = 0, calls: tuple[str, ...] = ()) -> Edit | Skip:
    return REWRITES[name].apply(dedent(source), random.Random(seed), calls)


def edited(name: str, source: str, seed: int = 0, calls: tuple[str, ...] = ()) -> Edit:
    result = apply(name, source, seed, calls)
    assert isinstance(result, Edit), result
    return result


# ---------------------------------------------------------------- before/after fixtures

FIXTURES = {
    "for_to_while": ("""
        def f(n):
            total = 0
            # count down in twos
            for i in range(n, 0, -2):  # header comment
                total += i
            return total
        """, """
        def f(n):
            total = 0
            # count down in twos
            i = n
            while i > 0:  # header comment
                total += i
                i -= 2
            return total
        """),
    "while_to_for": ("""
        def f(s):
            out = []
            i = 0
            while i < len(s):
                out.append(s[i] * 2)
                i += 1
            return out
        """, """
        def f(s):
            out = []
            for i in range(len(s)):
                out.append(s[i] * 2)
            return out
        """),
    "invert_if": ("""
        def f(x):
            if x in (1, 2):
                y = "small"
            else:
                y = "big"  # default
            return y
        """, """
        def f(x):
            if x not in (1, 2):
                y = "big"  # default
            else:
                y = "small"
            return y
        """),
    "ternary_to_if": ("""
        def f(x):
            y = x // 2 if x % 2 == 0 else 3 * x + 1  # collatz
            return y
        """, """
        def f(x):
            if x % 2 == 0:
                y = x // 2  # collatz
            else:
                y = 3 * x + 1
            return y
        """),
    "if_to_ternary": ("""
        def f(x):
            if x > 0:
                return x
            else:
                return -x
        """, """
        def f(x):
            return x if x > 0 else -x
        """),
    "comprehension_to_loop": ("""
        def f(words):
            lengths = {w: len(w) for w in words if w}
            return lengths
        """, """
        def f(words):
            lengths = {}
            for w in words:
                if w:
                    lengths[w] = len(w)
            return lengths
        """),
    "loop_to_comprehension": ("""
        def f(nums):
            squares = []
            for n in nums:
                if n > 0:
                    squares.append(n * n)
            return squares
        """, """
        def f(nums):
            squares = [n * n for n in nums if n > 0]
            return squares
        """),
    "enumerate_to_range_len": ("""
        def f(xs):
            out = 0
            for i, (a, b) in enumerate(xs):
                out += i * a - b
            return out
        """, """
        def f(xs):
            out = 0
            for i in range(len(xs)):
                a, b = xs[i]
                out += i * a - b
            return out
        """),
    "aug_to_plain": ("""
        def f(n):
            total = 0
            for k in range(n):
                total += k * k - 1  # odd
            return total
        """, """
        def f(n):
            total = 0
            for k in range(n):
                total = total + (k * k - 1)  # odd
            return total
        """),
    "plain_to_aug": ("""
        def f(xs):
            count = 0
            for x in xs:
                count = count + x % 3
            return count
        """, """
        def f(xs):
            count = 0
            for x in xs:
                count += x % 3
            return count
        """),
    "flag_to_early_return": ("""
        def f(xs):
            found = False
            for x in xs:
                if x < 0:
                    found = True
                    break
            return found
        """, """
        def f(xs):
            for x in xs:
                if x < 0:
                    return True
            return False
        """),
}


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_rewrite_fixture(name):
    before, after = FIXTURES[name]
    assert edited(name, before).code == dedent(after)


# Fixtures where the rewrite picks a natural name with the seeded RNG: any name of the pool is exact.
NAMED_FIXTURES = {
    "rename_local": ("""
        def f(arr):
            # first plus last
            return arr[0] + arr[-1]  # ends
        """, """
        def f({name}):
            # first plus last
            return {name}[0] + {name}[-1]  # ends
        """, {"values", "items", "seq"}),
    "range_len_to_enumerate": ("""
        def f(xs):
            best = 0
            for i in range(len(xs)):
                if xs[i] > xs[best]:
                    best = i
            return best
        """, """
        def f(xs):
            best = 0
            for i, {name} in enumerate(xs):
                if {name} > xs[best]:
                    best = i
            return best
        """, {"item", "elem", "value", "entry", "element"}),
    "extract_helper": ("""
        # picks the larger one
        def f(a, b):
            if a < b:
                return b
            return a
        """, """
        def {name}(a, b):
            return a < b


        # picks the larger one
        def f(a, b):
            if {name}(a, b):
                return b
            return a
        """, {"is_match", "check_condition", "meets_condition", "should_take", "holds"}),
    "early_return_to_flag": ("""
        def f(xs, target):
            for i, x in enumerate(xs):
                if x == target:
                    return i  # first hit
            return -1
        """, """
        def f(xs, target):
            {name} = -1
            for i, x in enumerate(xs):
                if x == target:
                    {name} = i  # first hit
                    break
            return {name}
        """, {"result", "answer", "outcome", "res", "found_value"}),
    "rename_function": ("""
        def f(n):
            return n > 2
        """, """
        def {name}(n):
            return n > 2
        """, {"check", "is_valid", "satisfies", "has_match"}),
}


@pytest.mark.parametrize("name", sorted(NAMED_FIXTURES))
def test_named_rewrite_fixture(name):
    before, after, pool = NAMED_FIXTURES[name]
    outputs = {edited(name, before, seed).code for seed in range(6)}
    allowed = {dedent(after).format(name=n) for n in pool}
    assert outputs <= allowed, outputs - allowed


def test_early_return_with_computed_default_uses_a_flag():
    result = edited("early_return_to_flag", """
        def f(xs):
            for x in xs:
                if x > 9:
                    return x
            return sum(xs)
        """)
    text = result.code
    flag = next(n for n in ("found", "done", "matched", "hit", "stopped") if f"{n} = False" in text)
    assert f"if not {flag}:" in text and "return sum(xs)" not in text
    assert "break" in text and text.count("return") == 1


def test_for_to_while_keeps_an_unstable_bound_in_a_variable():
    text = edited("for_to_while", """
        def f(xs):
            for i in range(len(xs)):
                xs.append(i)
            return xs
        """).code
    assert "while i < len(xs)" not in text
    stop = next(n for n in ("stop", "end", "limit", "upper", "bound") if f"{n} = len(xs)" in text)
    assert f"while i < {stop}:" in text


def test_inverted_ordering_comparison_is_wrapped_in_not():
    text = edited("invert_if", """
        def f(a, b):
            if a < b:
                return 1
            else:
                return 2
        """).code
    assert "if not (a < b):" in text  # `a >= b` is not the negation for floats with NaN or for sets


def test_negate_keeps_truthiness_exact():
    def neg(src, custom=False):
        return cst.Module(body=[]).code_for_node(negate(cst.parse_expression(src), custom))
    assert neg("not done") == "done"
    assert neg("a == b") == "a != b"
    assert neg("a == b", custom=True) == "not (a == b)"
    assert neg("x is None") == "x is not None"
    assert neg("a and not b") == "not (a and not b)"
    assert neg("not a or b != c") == "a and b == c"
    assert neg("items") == "not items"


def test_rename_calls_rewrites_only_the_entry_name():
    calls = ("f([1, 2], k=2)", "f (3)", "fx(1)", "Cls.f(2)")
    assert rename_calls(calls, (("f", "count_pairs"),)) == (
        "count_pairs([1, 2], k=2)", "count_pairs (3)", "fx(1)", "Cls.f(2)")


# ---------------------------------------------------------------- semantic traps (static refusals)


def test_for_variable_read_after_the_loop_blocks_for_to_while():
    result = apply("for_to_while", """
        def f(n):
            for i in range(n):
                pass
            return i
        """)
    assert result == Skip("unsafe: loop variable is used after the loop")


def test_for_variable_rebound_by_a_later_loop_does_not_block():
    edited("for_to_while", """
        def f(n):
            for i in range(n):
                print(i)
            for i in range(2):
                print(i)
        """)


def test_for_to_while_writes_an_inclusive_bound():
    text = edited("for_to_while", """
        def f(a, b):
            t = 0
            for k in range(a, b + 1):
                t += k
            return t
        """).code
    assert "k = a\n    while k <= b:\n        t += k\n        k += 1\n" in text


def test_while_to_for_with_an_earlier_initialisation_reads_the_variable():
    text = edited("while_to_for", """
        def f(text):
            n = len(text)
            out = ""
            while n > 0:
                out += text[n - 1]
                n -= 1
            return out
        """).code
    assert "for n in range(n, 0, -1):" in text and "n = len(text)" in text and "n -= 1" not in text


def test_float_counter_blocks_while_to_for():
    assert apply("while_to_for", """
        def f():
            x = 0.5
            t = 0
            while x < 3:
                t += x
                x += 1
            return t
        """) == Skip("unsafe: range() needs integers, the loop counts with a float")


def test_function_named_inside_an_input_is_not_renamed():
    source = """
        def g(x):
            return x + 1
        def f(h):
            return h(1)
        """
    for seed in range(4):
        result = edited("rename_function", source, seed, calls=("f(lambda v: g(v))",))
        assert "def g(x):" in result.code and result.renames[0][0] == "f"


def test_loop_else_clause_survives_for_to_while_in_the_sandbox():
    program = Program(id="else", code=dedent("""
        def f(n, stop):
            for i in range(n):
                if i == stop:
                    print("break at", i)
                    break
            else:
                print("no break")
            return n
        """), calls=("f(4, 2)", "f(3, 9)"))
    result = edited("for_to_while", program.code)
    assert "while i < n:" in result.code and "    else:\n        print(\"no break\")" in result.code
    expected = observe(program.code, program.inputs, limits=FAST)
    assert [e.stdout for e in expected] == ["break at 2\n", "no break\n"]
    assert check(program, expected, result.code, program.calls, limits=FAST) == ""


def test_continue_blocks_for_to_while():
    assert apply("for_to_while", """
        def f(n):
            t = 0
            for i in range(n):
                if i % 2:
                    continue
                t += i
            return t
        """) == Skip("unsafe: loop body uses continue")


def test_list_augmented_assignment_is_not_rewritten():
    source = """
        def f(a, b):
            c = a
            c += b
            return a
        """
    assert apply("aug_to_plain", source) == Skip("unsafe: target may be mutable (in-place += differs from rebinding)")


def test_scalar_accumulator_is_rewritten_but_list_accumulator_is_not():
    source = """
        def f(xs):
            acc = []
            n = 0
            for x in xs:
                acc += [x]
                n += x
            return acc, n
        """
    for seed in range(5):
        assert "n = n + x" in edited("aug_to_plain", source, seed).code


def test_rename_never_shadows_globals_attributes_keywords_or_builtins():
    source = """
        values = 3
        def g(seq=0):
            return seq
        def f(arr, d):
            out = g(seq=len(arr)) + values
            return out, d.items(), arr
        """
    taken = {"values", "seq", "items", "g", "f", "d", "out", "len"}
    for seed in range(8):
        result = apply("rename_local", source, seed)
        if not isinstance(result, Edit):
            continue
        added = identifiers(cst.parse_module(result.code)) - identifiers(cst.parse_module(dedent(source)))
        assert len(added) == 1 and not added & (taken | set(dir(builtins))), added


def test_parameter_passed_by_keyword_is_not_renamed():
    result = apply("rename_local", """
        def f(arr, key):
            return sorted(arr)[key]
        """, calls=("f([3, 1], key=0)",))
    assert isinstance(result, Edit) and "key" in result.code.split("\n")[1]


def test_global_nonlocal_and_eval_block_renaming():
    assert apply("rename_local", """
        def f(x):
            return eval("x + 1")
        """).reason.startswith("unsafe: program uses eval")
    assert apply("rename_local", """
        def f():
            total = 0
            def add():
                nonlocal total
                total += 1
            add()
            return total
        """) == Skip("unsafe: name used by global/nonlocal")
    assert isinstance(apply("rename_local", """
        def f():
            global seen
            seen = 1
            return seen
        """), Skip)  # `seen` is a global here: not a local to rename


def test_comprehension_variable_that_would_leak_is_refused():
    assert apply("comprehension_to_loop", """
        def f(xs):
            x = 5
            ys = [x * 2 for x in xs]
            return ys, x
        """) == Skip("unsafe: loop variable is used outside the comprehension")


def test_enumerate_is_refused_when_the_sequence_grows():
    assert apply("range_len_to_enumerate", """
        def f(xs):
            for i in range(len(xs)):
                if xs[i] > 0:
                    xs.append(-xs[i])
            return xs
        """) == Skip("unsafe: the sequence may change during the loop")


def test_symbol_check_catches_a_partial_rename():
    before = "def f(a):\n    b = a\n    return b\n"
    assert same_symbols(before, "def f(a):\n    c = a\n    return c\n", "c", "b")
    assert not same_symbols(before, "def f(a):\n    c = a\n    return b\n", "c", "b")


def test_unparsable_program_is_skipped_not_raised():
    for rewrite in REWRITES.values():
        result = rewrite.apply("def f(:\n", random.Random(0))
        assert isinstance(result, Skip) and result.reason.startswith("cannot parse")


def test_every_rewrite_is_deterministic_per_seed():
    source = (ALGORITHMS / "binary_search.py").read_text()
    for name, rewrite in REWRITES.items():
        first = rewrite.apply(source, random.Random(7))
        again = rewrite.apply(source, random.Random(7))
        assert first == again, name
        if isinstance(first, Edit):
            assert first.code != source


# ---------------------------------------------------------------- the sandbox equivalence check


class _Planted(Rewrite):
    """A deliberately wrong rewrite: `a + b` becomes `a - b` (or any `replace` given)."""

    def __init__(self, name, old, new):
        self.name, self.old, self.new = name, old, new

    def sites(self, ctx):
        return [Site(ctx.module)], []

    def transform(self, ctx, site, rng):
        return Edit(code=ctx.code.replace(self.old, self.new), site="line 1")


ALIASING_SOURCE = "def f(a, b):\n    c = a\n    c += b\n    return len(c)\n"


def test_planted_aliasing_rewrite_is_rejected_by_the_sandbox(monkeypatch):
    planted = _Planted("planted_plain", "c += b", "c = c + b")
    monkeypatch.setitem(REWRITES, planted.name, planted)
    program = Program(id="alias", code=ALIASING_SOURCE, calls=("f([1], [2])",))
    result = try_rewrite(program, planted.name, seed=0, limits=FAST)
    assert not result.accepted and result.program is None
    assert result.reason == "changes final state of arguments on input 1"


def test_planted_rewrites_are_rejected_with_the_reason():
    head = "def f(n):\n    print(n)\n"
    program = Program(id="p", code=head + "    return 10 // (n - 1)\n", calls=("f(1)", "f(2)"))
    expected = observe(program.code, program.inputs, limits=FAST)
    assert [e.status for e in expected] == ["error", "ok"]
    cases = {
        head + "    return 10 // (n - 1) + 1\n": "changes return value on input 2",
        "def f(n):\n    print(n + 1)\n    return 10 // (n - 1)\n": "changes stdout on input 1",
        head + "    return int('1' if n != 1 else 'x') * 0 + 10 // (n - 1)\n": "changes exception type on input 1",
        head + "    return 10 // (n - 2)\n": "no longer raises ZeroDivisionError on input 1",
        head + "    return 10 // (n - 1) // (n - 2)\n": "raises ZeroDivisionError on input 2",
        head + "    while n > 1:\n        pass\n    return 10 // (n - 1)\n": "times out on input 2",
        program.code: "",
    }
    for code, reason in cases.items():
        assert check(program, expected, code, program.calls, limits=Limits(timeout_s=1.0)) == reason, code


def test_original_that_fails_to_run_rejects_every_variant():
    program = Program(id="slow", code="def f():\n    while True:\n        pass\n", calls=("f()",))
    results = rewrite_program(program, seed=0, count=2, limits=Limits(timeout_s=0.5))
    assert [r.accepted for r in results] == [False, False]
    assert results[0].reason.startswith("original run ends with timeout on input 1")


def test_failing_executor_and_unknown_rewrite_give_reasons_not_exceptions():
    def broken(job):
        raise OSError("no child process")

    program = Program(id="p", code="def f(n):\n    return n\n", calls=("f(1)",))
    results = rewrite_program(program, seed=0, count=1, executor=broken)
    assert results[0].reason == "original run ends with crash on input 1: executor failed: OSError: no child process"
    step = try_rewrite(program, "no_such_rewrite", seed=0, executor=broken).steps[0]
    assert (step.accepted, step.reason) == (False, "unknown rewrite")


def _same_outcome(job):
    """An executor that reports the same run for any program: every rewrite looks equivalent."""
    data = {"status": "ok", "reason": "", "value": "1", "exception": None, "stdout": "", "arguments": [],
            "records": [], "truncated": "", "backend": "", "python": ""}
    return RawResult("ok", "", data, "", 0.0)


def test_a_variant_never_undoes_its_own_step():
    program = Program(id="undo", code="def f(n):\n    t = 1\n    t += n\n    return t\n", calls=("f(2)",))
    pair = ("aug_to_plain", "plain_to_aug")
    for seed in range(6):
        result = rewrite_program(program, seed, 1, _same_outcome, rewrites=pair, max_steps=2)[0]
        assert result.accepted and len(result.rewrites) == 1, result


def test_renamed_entry_function_renames_the_calls():
    program = Program(id="pairs", code="def f(n):\n    return n * (n - 1) // 2\n", calls=("f(3)", "f(5)"))
    jobs = []

    def counting(job):
        jobs.append(job.text)
        return execute(job)

    result = rewrite_program(program, 1, 1, counting, limits=FAST, rewrites=("rename_function",))[0]
    assert result.accepted, result
    assert jobs[:2] == ["f(3)", "f(5)"] and len(jobs) == 4 and jobs[2] != "f(3)"
    variant = result.program
    new = variant.calls[0].split("(")[0]
    assert new != "f" and variant.code.startswith(f"def {new}(n):")
    assert variant.calls == (f"{new}(3)", f"{new}(5)")
    assert variant.id == "pairs~rw0"
    assert variant.metadata == {"rewrite_of": "pairs", "rewrites": ["rename_function"]}


def test_rewrite_program_is_deterministic_and_records_every_step():
    code = dedent("""
        def f(xs):
            total = 0
            for i in range(len(xs)):
                if xs[i] % 2 == 0:
                    total += xs[i]
                else:
                    total -= 1
            return total
        """)
    program = Program(id="det", code=code, calls=("f([1, 2, 3, 4])",))
    first = rewrite_program(program, seed=3, count=2, limits=FAST)
    again = rewrite_program(program, seed=3, count=2, limits=FAST)
    assert first == again
    assert len(first) == 2 and any(r.accepted for r in first)
    for result in first:
        assert all(s.accepted or s.reason for s in result.steps)
        if result.accepted:
            assert list(result.rewrites) == result.program.metadata["rewrites"]
            assert result.program.id == f"det~rw{result.variant}"
            assert result.program.code != code


# ---------------------------------------------------------------- bundled algorithms, end to end


def _samplers():
    spec = importlib.util.spec_from_file_location("_rewrite_test_samplers", ALGORITHMS / "samplers.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.SAMPLERS


@pytest.mark.parametrize("name", ["bubble_sort", "longest_common_prefix", "bellman_ford"])
def test_bundled_algorithm_variants_stay_equivalent(name):
    sampler = _samplers()[name][1]
    calls = tuple(sampler(random.Random(k), 5) for k in range(2))
    program = Program(id=name, code=(ALGORITHMS / f"{name}.py").read_text(), calls=calls)
    results = rewrite_program(program, seed=0, count=1, limits=FAST, max_steps=3)
    accepted = [r for r in results if r.accepted]
    assert accepted, [s for r in results for s in r.steps]
    variant = accepted[0].program
    assert variant.code != program.code and variant.id == f"{name}~rw0"
    original = observe(program.code, program.inputs, limits=FAST)
    assert check(program, original, variant.code, variant.calls, limits=FAST) == ""
