"""Loaders: files, datasets, asserts, unittests, doctests, stdin/stdout pairs and argument lists become
program records (or specific rejections); the shared public datasets load and their programs run."""

import json
import textwrap
from concurrent.futures import ThreadPoolExecutor

import pytest

from conftest import dataset
from tracepile.engine import make_sample
from tracepile.model import Program
from tracepile.sources.loaders import Const, FieldMap, Rejected, SourceSpec, load, preset
from tracepile.values import same_value

ADD = "def add(a, b):\n    return a + b\n"


def write_jsonl(path, rows):
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows))
    return str(path)


def programs(results):
    return [r for r in results if isinstance(r, Program)]


def rejected(results):
    return [r for r in results if isinstance(r, Rejected)]


def run_all(pairs, workers=4):
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(lambda pair: make_sample(*pair), pairs))


# ---------------------------------------------------------------- files and field maps


def test_own_jsonl_format_with_a_reason_for_every_bad_record(tmp_path):
    path = write_jsonl(tmp_path / "p.jsonl", [
        {"id": "ok", "code": ADD, "calls": ["add(1, 2)"], "domain": "math", "note": "kept"},
        "{not json",
        {"id": "nocode", "calls": ["add(1, 2)"]},
        {"id": "noinputs", "code": ADD},
        {"id": "syntax", "code": "def add(a, b)\n    return a\n", "calls": ["add(1, 2)"]},
        {"id": "badcall", "code": ADD, "calls": ["add(*xs)", "missing(1)"]},
        [1, 2],
        {"id": "script", "code": "print(input())\n", "stdin": "hi\n", "license": "CC0"},
    ])
    results = list(load({"path": path, "source": "mine", "license": "MIT"}))
    assert len(results) == 8
    ok = results[0]
    assert isinstance(ok, Program) and ok.calls == ("add(1, 2)",) and ok.domain == "math"
    assert ok.source == "mine" and ok.license == "MIT" and ok.metadata["note"] == "kept"
    assert ok.metadata["source_ref"] == "p.jsonl:1"
    reasons = [r.reason for r in results[1:7]]
    assert reasons[0].startswith("bad row: invalid JSON") and results[1].ref == "p.jsonl:2"
    assert reasons[1] == "missing field: 'code'"
    assert reasons[2] == "no inputs: no test inputs found"
    assert reasons[3].startswith("syntax error: ")
    assert reasons[4].startswith("no inputs: bad call: ") and "*args" in reasons[4]
    assert reasons[5].startswith("bad row: a record must be an object")
    assert results[7].stdin == ("hi\n",) and results[7].license == "CC0" and results[7].source == "mine"


def test_dropped_inputs_are_counted_and_the_rest_kept(tmp_path):
    path = write_jsonl(tmp_path / "p.jsonl", [
        {"id": "x", "code": ADD, "calls": ["add(1, 2)", "other(3)", "add(1, 2)", "add(n, 1)"]}])
    [program] = load({"path": path})
    assert program.calls == ("add(1, 2)",)
    assert program.metadata["dropped_inputs"] == 2
    assert "entry point 'other' is not defined" in program.metadata["dropped_reasons"][0]
    assert "argument needs 'n'" in program.metadata["dropped_reasons"][1]
    write_jsonl(tmp_path / "many.jsonl", [{"id": "m", "code": ADD, "calls": [f"add({i}, 1)" for i in range(9)]}])
    [capped] = load({"path": str(tmp_path / "many.jsonl"), "max_calls": 3})
    assert capped.calls == ("add(0, 1)", "add(1, 1)", "add(2, 1)")


def test_field_map_paths_templates_constants_callables_and_config_dicts(tmp_path):
    rows = [{"task": {"name": "t1"}, "src": "def solution():\n    return 42\n", "q": "Why?", "n": 3},
            {"task": {"name": "t2"}, "src": "def f(x):\n    return x\n", "arg": "[1, 2]"}]
    path = write_jsonl(tmp_path / "rows.jsonl", rows)
    by_class = list(load(SourceSpec(path=path, fields=FieldMap(
        id="task.name", code="src", calls=Const(["solution()"]), problem="q",
        metadata={"size": lambda row: row.get("n", 0) * 2}), limit=1)))
    assert by_class[0].id == "t1" and by_class[0].calls == ("solution()",)
    assert by_class[0].metadata["problem"] == "Why?" and by_class[0].metadata["size"] == 6
    by_dict = list(load({"path": path, "fields": {"id": "row-{_index}", "code": "src", "calls": "f({arg})"}}))
    assert [type(r).__name__ for r in by_dict] == ["Rejected", "Program"]
    assert by_dict[0].reason == "missing field: 'arg'"
    assert by_dict[1].id == "row-1" and by_dict[1].calls == ("f([1, 2])",)
    constant = list(load({"path": path, "fields": {"id": "task.name", "code": "src",
                                                    "calls": {"const": "solution()"}}, "limit": 1}))
    assert constant[0].calls == ("solution()",)


def test_parquet_streams_in_batches_and_fsspec_urls_work(tmp_path):
    pa = pytest.importorskip("pyarrow")
    import fsspec
    import pyarrow.parquet as pq

    table = pa.table({"task_id": [f"t{i}" for i in range(600)], "solution": [ADD] * 600,
                      "inputs": [[f"add({i}, 1)"] for i in range(600)]})
    pq.write_table(table, tmp_path / "part.parquet", row_group_size=100)
    spec = {"path": str(tmp_path / "part.parquet"),
            "fields": {"id": "task_id", "code": "solution", "calls": "inputs"}}
    results = list(load(spec))
    assert len(results) == 600 and results[599].calls == ("add(599, 1)",)
    assert results[0].metadata["source_ref"] == "part.parquet#0"
    it = load({**spec, "limit": 2})
    assert [p.id for p in it] == ["t0", "t1"]
    with fsspec.open("memory://loaders/x.jsonl.gz", "wb", compression="gzip") as fh:
        fh.write((json.dumps({"id": "m", "code": ADD, "calls": ["add(2, 2)"]}) + "\n").encode())
    assert [p.id for p in load({"path": "memory://loaders/x.jsonl.gz"})] == ["m"]


def test_a_folder_of_files_and_json_arrays(tmp_path):
    (tmp_path / "d").mkdir()
    write_jsonl(tmp_path / "d" / "a.jsonl", [{"id": "a", "code": ADD, "calls": ["add(1, 1)"]}])
    (tmp_path / "d" / "b.json").write_text(json.dumps([{"id": "b", "code": ADD, "calls": "add(2, 2)"}]))
    (tmp_path / "d" / "notes.txt").write_text("ignored")
    assert [p.id for p in load({"path": str(tmp_path / "d")})] == ["a", "b"]


def test_wrong_specs_fail_fast_with_clear_errors(tmp_path):
    with pytest.raises(FileNotFoundError, match="no such file or folder"):
        load({"path": str(tmp_path / "missing.jsonl")})
    with pytest.raises(FileNotFoundError, match="no such dataset"):
        load({"name": str(tmp_path / "missing_dataset")})
    with pytest.raises(FileNotFoundError, match="no such Python file"):
        load({"kind": "doctest", "path": str(tmp_path / "nope")})
    with pytest.raises(ModuleNotFoundError, match="no installed"):
        load({"kind": "doctest", "name": "surely_not_an_installed_package_xyz"})
    with pytest.raises(ValueError, match="unknown source kind"):
        load({"kind": "csv", "path": str(tmp_path)})
    with pytest.raises(ValueError, match="exactly one of path= and name="):
        load({"kind": "asserts"})
    with pytest.raises(ValueError, match="unknown source spec keys"):
        load({"path": "x.jsonl", "feilds": {}})
    with pytest.raises(ValueError, match="unknown field-map keys"):
        load({"path": "x.jsonl", "fields": {"code": "c", "input": "i"}})
    (tmp_path / "data.csv").write_text("a,b\n")
    with pytest.raises(ValueError, match="cannot tell the format"):
        load({"path": str(tmp_path / "data.csv")})
    with pytest.raises(ValueError, match="unknown preset"):
        preset("nope")


def test_records_never_raise_even_when_a_field_callable_does(tmp_path):
    path = write_jsonl(tmp_path / "p.jsonl", [{"id": "x", "code": ADD}])
    [result] = load({"path": path, "fields": {"calls": lambda row: row["nope"]}})
    assert isinstance(result, Rejected) and result.reason.startswith("bad row: could not map it (KeyError")


def test_where_filters_with_a_reason(tmp_path):
    path = write_jsonl(tmp_path / "p.jsonl", [{"id": str(i), "code": ADD, "calls": [f"add({i}, 0)"]}
                                              for i in range(4)])
    results = list(load({"path": path, "where": lambda row: "odd" if int(row["id"]) % 2 else None}))
    assert [r.reason if isinstance(r, Rejected) else r.id for r in results] == ["0", "filtered: odd", "2",
                                                                                 "filtered: odd"]


def test_local_hugging_face_datasets_load_offline(tmp_path):
    pytest.importorskip("datasets")
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder = tmp_path / "hf"
    folder.mkdir()
    pq.write_table(pa.table({"task_id": ["h0", "h1"], "prompt": ["def inc(x):\n", "def dec(x):\n"],
                             "canonical_solution": ["    return x + 1\n", "    return x - 1\n"],
                             "entry_point": ["inc", "dec"],
                             "test": ["def check(candidate):\n    assert candidate(1) == 2\n",
                                      "def check(candidate):\n    assert candidate(1) == 0\n"]}),
                     folder / "train.parquet")
    fields = {"id": "task_id", "code": "{prompt}{canonical_solution}", "tests": "test"}
    results = list(load({"kind": "asserts", "name": str(folder), "split": "train", "fields": fields}))
    assert [(p.id, p.calls) for p in results] == [("h0", ("inc(1)",)), ("h1", ("dec(1)",))]
    json_file = tmp_path / "rows.jsonl"
    write_jsonl(json_file, [{"id": "j", "code": ADD, "calls": ["add(5, 5)"]}])
    assert [p.id for p in load({"name": str(json_file)})] == ["j"]


# ---------------------------------------------------------------- asserts and unittests


def test_asserts_become_calls_with_candidate_and_solution_forms(tmp_path):
    tests = textwrap.dedent("""\
        def check(candidate):
            assert candidate([1, 2], k=2) == [2, 1]
            assert candidate(
                [3],
                k=1,
            ) == [3]
            xs = [5, 6]
            assert candidate(xs, 1) == [6, 5]
            assert set(candidate([7], 1)) == {7}
            assert not candidate([], 0)
            for i in range(3):
                assert candidate([i], 1)
            assert rev([9], 1) == [9]
        """)
    code = "def rev(xs, k):\n    return xs[::-1]\n"
    path = write_jsonl(tmp_path / "t.jsonl", [{"id": "r", "code": code, "tests": tests, "entry_point": "rev"}])
    [program] = load({"kind": "asserts", "path": path})
    assert program.calls == ("rev([1, 2], k=2)", "rev([3], k=1)", "rev([5, 6], 1)", "rev([7], 1)", "rev([], 0)",
                             "rev([9], 1)")
    assert program.metadata["expected"]["rev([1, 2], k=2)"] == "[2, 1]"
    assert program.metadata["expected"]["rev([], 0)"] == "False"
    assert "argument needs 'i'" in program.metadata["dropped_reasons"][0]


def test_leetcode_style_check_of_a_solution_method_and_auto_imports(tmp_path):
    code = ("class Solution:\n    def top(self, nums: List[int]) -> int:\n"
            "        return max(Counter(nums).values())\n")
    tests = ("def check(candidate):\n    assert candidate(nums = [1,1,2]) == 2\n"
             "    assert Solution().top(nums=[3]) == 1\n\n\ncheck(Solution().top)")
    path = write_jsonl(tmp_path / "l.jsonl", [{"id": "lc", "code": code, "tests": tests}])
    [program] = load({"kind": "asserts", "path": path, "auto_imports": True})
    assert program.calls == ("Solution().top(nums=[1, 1, 2])", "Solution().top(nums=[3])")
    assert program.code.startswith("from collections import Counter\nfrom typing import List\nclass Solution")
    sample = make_sample(program, program.inputs[0])
    assert sample.status == "ok" and sample.verified and sample.answer == "2"


def test_assert_tests_that_do_not_parse_are_rejected(tmp_path):
    path = write_jsonl(tmp_path / "t.jsonl", [{"id": "x", "code": ADD, "tests": "assert add(1,"}])
    [result] = load({"kind": "asserts", "path": path})
    assert result.reason.startswith("syntax error: in the tests")


def test_unittest_methods_give_calls_on_fresh_instances(tmp_path):
    code = textwrap.dedent("""\
        class Box:
            def __init__(self, size=0):
                self.items = []
                self.size = size
            def put(self, item):
                self.items.append(item)
                return len(self.items)
            @staticmethod
            def twice(x):
                return 2 * x
        """)
    tests = textwrap.dedent("""\
        import unittest
        class BoxTest(unittest.TestCase):
            def setUp(self):
                self.box = Box()
            def test_put(self):
                item = {'a': 1}
                self.assertEqual(self.box.put(item), 1)
                self.assertEqual(self.box.put(item), 2)
            def test_local(self):
                b = Box()
                self.assertEqual(b.put('x'), 1)
            def test_static(self):
                self.assertEqual(Box.twice(4), 8)
            def test_args(self):
                b = Box(3)
                self.assertEqual(b.put(1), 1)
        """)
    path = write_jsonl(tmp_path / "c.jsonl", [{"id": "box", "code": code, "tests": tests}])
    [program] = load({"kind": "unittest", "path": path})
    assert program.calls == ("Box().put({'a': 1})", "Box().put('x')", "Box.twice(4)")
    reasons = program.metadata["dropped_reasons"]
    assert reasons == ["method call on an object changed by earlier steps",
                       "instance built with arguments: the call needs `Cls()`"]
    samples = run_all([(program, i) for i in program.inputs])
    assert [s.answer for s in samples] == ["1", "1", "8"] and all(s.verified for s in samples)


# ---------------------------------------------------------------- stdin/stdout pairs and argument lists


def test_stdin_stdout_pairs_in_three_shapes(tmp_path):
    code = "n = int(input())\nprint(n * 2)\n"
    path = write_jsonl(tmp_path / "io.jsonl", [
        {"id": "list", "code": code, "tests": [{"input": "2\n", "output": "4\n"}, {"input": 3, "output": "6"}]},
        {"id": "parallel", "code": code, "tests": {"inputs": ["5\n"], "outputs": ["10\n"]}},
        {"id": "text", "code": code, "tests": json.dumps([{"input": "7\n", "output": "14\n"}])},
        {"id": "bad", "code": code, "tests": [["1\n", "2\n"]]},
    ])
    results = list(load({"kind": "io", "path": path}))
    assert [r.stdin for r in results[:3]] == [("2\n",), ("5\n",), ("7\n",)]
    assert results[0].metadata["expected_stdout"] == ["4\n"]
    assert results[0].metadata["dropped_reasons"] == ["bad input: stdin is int, not text"]
    assert results[3].reason.startswith("bad row: a test case is not an {input, output} object")
    sample = make_sample(results[1], results[1].inputs[0])
    assert sample.verified and sample.answer.strip() == "10"


def test_argument_lists_with_keywords_infinities_and_a_joined_source(tmp_path):
    code_path = write_jsonl(tmp_path / "code.jsonl", [{"task_id": "T/1", "code": "def m(a, b=0):\n    return a\n",
                                                       "entry_point": "m"}])
    path = write_jsonl(tmp_path / "inputs.jsonl", [
        {"task_id": "T_1", "inputs": [[1, 2], {"a": [3], "b": 1}, [float("inf")], 5]},
        {"task_id": "T_9", "inputs": [[1]]}])
    results = list(load({"kind": "args", "path": path,
                         "fields": {"id": lambda r: r["task_id"].replace("_", "/")},
                         "join": {"path": code_path, "fields": {"id": "task_id"}}}))
    assert results[0].calls == ("m(1, 2)", "m(a=[3], b=1)", "m(float('inf'))")
    assert results[0].metadata["dropped_reasons"] == ["bad input: int, not an argument list"]
    assert results[1].reason == "missing field: 'code' (no joined record with this id)"


# ---------------------------------------------------------------- doctests


MODULE = '''\
"""A module with doctests.

>>> total([1, 2, 3])
6
"""
from __future__ import annotations

import math
from typing import Iterable

SCALE = 10
UNUSED = 99


def helper(x: Iterable[int]) -> int:
    return sum(x) * SCALE


def total(values: list[int]) -> int:
    """Add them up.

    >>> total([4])
    4
    >>> data = [1, 1]
    >>> sorted([total(data)])
    [2]
    >>> scaled(data)
    20.0
    """
    return sum(values)


def scaled(values):
    """Scaled sum.

    >>> scaled([2])
    20.0
    """
    return math.floor(helper(values)) / 1.0


def pairs(n):
    """Numbers below n.

    >>> list(pairs(2))
    [0, 1]
    """
    yield from range(n)


class Counter:
    """A counter.

    >>> c = Counter()
    >>> c.bump(5)
    5
    >>> c.bump(1)
    6
    """
    def __init__(self):
        self.n = 0

    def bump(self, k):
        """Bump."""
        self.n += k
        return self.n


if __name__ == "__main__":
    print(total([1]))
'''


def test_doctests_become_programs_cut_from_their_module(tmp_path):
    pkg = tmp_path / "pkg"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "sub" / "mod.py").write_text(MODULE)
    (pkg / "plain.py").write_text("def f():\n    return 1\n")
    (pkg / "needs.py").write_text('import nowhere_installed\n\ndef g(x):\n    """\n    >>> g(1)\n    1\n    """\n'
                                  "    return nowhere_installed.abs(x)\n")
    results = list(load({"kind": "doctest", "path": str(pkg), "source": "pkg"}))
    by_ref = {r.ref: r for r in rejected(results)}
    assert by_ref["plain"].reason == "no doctests: the module has no >>> examples"
    assert by_ref["needs:g"].reason == "needs module: nowhere_installed (not installed)"
    assert by_ref["sub.mod:pairs"].reason == "no inputs: calls a generator function: its values need a consumer"
    found = {p.id: p for p in programs(results)}
    assert set(found) == {"sub.mod:total", "sub.mod:scaled", "sub.mod:Counter"}
    total = found["sub.mod:total"]
    assert total.calls == ("total([1, 2, 3])", "total([4])", "total([1, 1])")
    assert total.metadata["expected"] == {"total([1, 2, 3])": "6", "total([4])": "4"}
    assert total.code == "from __future__ import annotations\n\n\ndef total(values: list[int]) -> int:\n" \
                         "    return sum(values)\n"
    scaled = found["sub.mod:scaled"]
    assert scaled.calls == ("scaled([2])",)  # `data` went through total() first: it may have changed
    assert "argument needs 'data'" in scaled.metadata["dropped_reasons"][0]
    assert "SCALE = 10" in scaled.code and "import math" in scaled.code and "def helper" in scaled.code
    assert "UNUSED" not in scaled.code and "typing" not in scaled.code and '"""' not in scaled.code
    counter = found["sub.mod:Counter"]
    assert counter.calls == ("Counter().bump(5)",)
    assert counter.metadata["dropped_reasons"] == ["method call on an object changed by earlier steps"]
    assert "__main__" not in counter.code
    samples = run_all([(p, p.inputs[0]) for p in found.values()])
    assert [s.answer for s in samples] == ["6", "20.0", "5"] and all(s.verified for s in samples)
    one_file = programs(load({"kind": "doctest", "path": str(pkg / "sub" / "mod.py")}))
    assert [p.id for p in one_file] == ["mod:total", "mod:scaled", "mod:Counter"]


def test_doctest_examples_leave_whole_modules_and_their_prose_stays():
    from tracepile.sources.loaders.doctests import without_examples

    code = textwrap.dedent('''\
        def total(values):
            """Return the sum.

            >>> total([1, 2])
            3
            >>> total(
            ...     [4])
            4

            More prose.
            """
            return sum(values)


        def only(x):
            """
            >>> only(2)
            4
            """
            return x * 2


        class A:
            """>>> A().f()"""

            def f(self):
                """Doc only.
                >>> A().f()
                1"""
                return 1
        ''')
    out, removed = without_examples(code)
    assert removed == 5
    assert out == textwrap.dedent('''\
        def total(values):
            """Return the sum.

            More prose.
            """
            return sum(values)


        def only(x):
            return x * 2


        class A:

            def f(self):
                return 1
        ''')
    assert without_examples(ADD) == (ADD, 0) and without_examples("def (:\n") == ("def (:\n", 0)


def test_doctests_of_the_installed_algorithms_package():
    pytest.importorskip("algorithms", reason="the PyPI package `algorithms` is not installed "
                                             "(pip install algorithms)")
    results = list(load(preset("algorithms")))
    found = programs(results)
    assert len(found) >= 350, len(found)
    assert all(p.source == "algorithms (PyPI)" and p.license == "MIT" for p in found)
    by_id = {p.id: p for p in found}
    bubble = by_id["algorithms.sorting.bubble_sort:bubble_sort"]
    assert bubble.calls == ("bubble_sort([3, 1, 2])",) and "def bubble_sort" in bubble.code
    checked = [p for p in found if p.metadata.get("expected")][::40]
    pairs = [(p, next(i for i in p.inputs if i.text in p.metadata["expected"])) for p in checked]
    samples = run_all(pairs)
    wrong = [(p.id, s.status, s.answer) for (p, i), s in zip(pairs, samples)
             if not (s.verified and same_value(s.answer, p.metadata["expected"][i.text]))]
    assert len(wrong) <= 1, wrong


# ---------------------------------------------------------------- the real shared datasets


def _check_source(name, folder, limit, runs, min_programs, *, expected=None):
    root = dataset(folder).parent
    results = list(load(preset(name, root, limit=limit)))
    found = programs(results)
    assert len(found) >= min_programs, (name, len(found), rejected(results)[:3])
    pairs = [(p, p.inputs[0]) for p in found[:runs]]
    samples = run_all(pairs)
    bad = [(p.id, s.status, s.reason, s.claim_failures[:1]) for (p, _), s in zip(pairs, samples)
           if s.status != "ok" or not s.verified]
    assert len(bad) <= max(1, runs // 8), bad
    if expected:
        wrong = [(p.id, s.answer) for (p, i), s in zip(pairs, samples)
                 if s.status == "ok" and expected(p, i.text) is not None
                 and not same_value(s.answer, expected(p, i.text))]
        assert not wrong, wrong
    return results


def _from_asserts(program, call):
    return program.metadata.get("expected", {}).get(call)


@pytest.mark.integration
def test_leetcode_train_asserts():
    results = _check_source("leetcode-rllm", "leetcode-rllm", 150, 6, 110, expected=_from_asserts)
    reasons = {r.category for r in rejected(results)}
    assert reasons <= {"no inputs", "needs module"}


@pytest.mark.integration
def test_humaneval_and_mbpp_asserts():
    results = _check_source("humaneval", "humaneval", None, 6, 160, expected=_from_asserts)
    assert len(results) == 164
    results = _check_source("mbpp-sanitized-codet", "mbpp-sanitized-codet", None, 6, 420, expected=_from_asserts)
    assert len(results) == 427


@pytest.mark.integration
def test_evalplus_argument_lists():
    results = _check_source("evalplus-mbpp", "evalplus", 40, 4, 40)
    assert sum(len(p.calls) for p in programs(results)) > 1000
    _check_source("evalplus-humaneval", "evalplus", 20, 4, 20)


def test_programs_importing_installed_libraries_are_kept_and_missing_ones_rejected(tmp_path):
    pytest.importorskip("sympy", reason="sympy is not installed (pip install -e '.[math]')")
    code = "from sympy import Rational\nimport fractions\nprint(Rational(1, 3) + fractions.Fraction(1, 6))\n"
    path = write_jsonl(tmp_path / "m.jsonl", [
        {"id": "sympy", "code": code, "stdin": [""]},
        {"id": "missing", "code": "import nowhere_installed\nprint(1)\n", "stdin": [""]},
    ])
    results = list(load({"path": path, "source": "m"}))
    (kept,), (dropped,) = programs(results), rejected(results)
    assert kept.id == "sympy" and dropped.ref == "m.jsonl:2"
    assert dropped.reason == "needs module: nowhere_installed (not installed)"
    strict = rejected(load({"path": path, "source": "m", "stdlib_only": True}))
    assert [r.reason for r in strict] == ["needs module: sympy (not in the standard library)",
                                          "needs module: nowhere_installed (not in the standard library)"]
    sample = make_sample(kept, kept.inputs[0])
    assert sample.status == "ok" and sample.verified and sample.answer == "1/2\n"


@pytest.mark.integration
def test_math_program_sources():
    _check_source("pal-gsmhard", "pal-gsmhard", 30, 4, 30,
                  expected=lambda p, _: repr(float(p.metadata["target"])))
    _check_source("tora-gsm8k-code", "tora-gsm8k-code", 30, 4, 28)
    results = _check_source("pot-gsm8k", "pot-gsm8k", 60, 4, 30)
    assert {r.category for r in rejected(results)} <= {"missing field", "filtered"}


@pytest.mark.integration
def test_tora_programs_that_import_sympy_are_kept_and_verify():
    pytest.importorskip("sympy", reason="sympy is not installed (pip install -e '.[math]')")
    from tracepile.sources.loaders.code import missing_imports

    results = list(load(preset("tora-gsm8k-code", dataset("tora-gsm8k-code").parent)))
    assert [r.reason for r in rejected(results) if r.category == "needs module"] == []
    with_sympy = [p for p in programs(results) if "sympy" in missing_imports(p.code, stdlib_only=True)]
    assert len(with_sympy) >= 13 and len(programs(results)) >= 1318
    samples = run_all([(p, p.inputs[0]) for p in with_sympy[:4]])
    assert all(s.status == "ok" and s.verified for s in samples), [(s.program_id, s.reason) for s in samples]


@pytest.mark.integration
def test_classeval_and_cruxeval():
    results = _check_source("classeval", "classeval", None, 4, 40)
    assert len(results) == 100
    results = _check_source("cruxeval", "cruxeval", None, 6, 795,
                            expected=lambda p, _: p.metadata["output"])
    assert len(results) == 800


# ---------------------------------------------------------------- helpers


def test_code_helpers_fences_prompt_joins_and_imports():
    from tracepile.sources.loaders.code import complete_function, fenced_python, missing_imports

    answer = "Try:\n```python\nx = 1\n```\n```output\n1\n```\nthen\n```python\nprint(x)\n```\n"
    assert fenced_python(answer) == "x = 1\n\nprint(x)\n"
    assert fenced_python("no fences\n") == "no fences\n"
    prompt = "def f(a):\n    '''\n    Doc.\n    '''\n"
    assert complete_function(prompt, "  return a\n") == "def f(a):\n  return a\n"
    assert complete_function(prompt, "    return a\n") == prompt + "    return a\n"
    code = ("import os\nimport numpy as np\nimport nowhere_installed.sub\nfrom .x import y\n"
            "try:\n    import ujson\nexcept ImportError:\n    pass\n")
    assert missing_imports(code) == [".x", "nowhere_installed.sub"]  # numpy is installed (the [math] extra)
    assert missing_imports(code, stdlib_only=True) == [".x", "nowhere_installed.sub", "numpy"]
