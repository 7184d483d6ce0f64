"""Correctness checks for the bundled math (program-of-thought) templates.

Every module in ``src/tracepile/sources/bundled/math`` defines PROBLEM and CODE
(``string.Template``), TOPIC, ``sample(rng)`` and ``answer(params)``. For each
template and seed we render both templates, run the rendered ``solution()`` and
compare it with the independently computed ``answer(params)``. A template that names libraries in
``REQUIRES`` (sympy) is skipped with the reason when one of them is not installed; its solution may
return a sympy number, compared by value with the plain-Python answer.
"""

import ast
import importlib.util
import math
import random
from fractions import Fraction
from pathlib import Path
from string import Template

import pytest

MATH_DIR = (
    Path(__file__).resolve().parents[2] / "src" / "tracepile" / "sources" / "bundled" / "math"
)
TOPICS = {
    "arithmetic", "percentages", "rates", "ratios", "time", "money",
    "combinatorics", "number-theory", "algebra", "probability", "geometry",
}
SEEDS = range(40)
MIN_TEMPLATES = 50


def _template_paths():
    return sorted(p for p in MATH_DIR.glob("*.py") if p.name != "__init__.py")


PATHS = _template_paths()
_MODULES = {}


def _load(path):
    if path not in _MODULES:
        spec = importlib.util.spec_from_file_location(
            f"_tracepile_math_template_{path.stem}", path
        )
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        _MODULES[path] = module
    return _MODULES[path]


def _placeholders(template):
    """Names of all $name / ${name} placeholders; fails on a stray '$'."""
    names = set()
    for match in template.pattern.finditer(template.template):
        assert match.group("invalid") is None, (
            f"invalid placeholder near {template.template[match.start():match.start() + 20]!r}"
        )
        name = match.group("named") or match.group("braced")
        if name:
            names.add(name)
    return names


def _check_code_shape(code, params, name):
    """Module = imports + one `def solution():` whose first statements assign the params."""
    tree = ast.parse(code, filename=f"<{name}>")
    *imports, func = tree.body
    for node in imports:
        assert isinstance(node, (ast.Import, ast.ImportFrom)), f"{name}: only imports before solution()"
    assert isinstance(func, ast.FunctionDef) and func.name == "solution", f"{name}: no solution()"
    assert not func.args.args and not func.args.posonlyargs and not func.args.kwonlyargs
    head = func.body[: len(params)]
    assigned = {}
    for stmt in head:
        assert isinstance(stmt, ast.Assign) and len(stmt.targets) == 1, (
            f"{name}: the parameters must be the first assignments in solution()"
        )
        target = stmt.targets[0]
        assert isinstance(target, ast.Name)
        assigned[target.id] = ast.literal_eval(stmt.value)
    assert assigned == params, f"{name}: parameter assignments {assigned} != {params}"
    assert any(isinstance(n, ast.Return) and n.value is not None for n in ast.walk(func))


def _same_answer(got, expected):
    if type(got).__module__.startswith("sympy."):
        return bool(got.is_Rational) and isinstance(expected, (int, Fraction)) and got == expected
    if isinstance(got, bool) or isinstance(expected, bool):
        return False
    if isinstance(got, float) or isinstance(expected, float):
        return isinstance(got, (int, float, Fraction)) and math.isclose(
            got, expected, rel_tol=1e-9, abs_tol=1e-9
        )
    return type(got) is type(expected) and got == expected


def test_enough_templates():
    assert len(PATHS) >= MIN_TEMPLATES, [p.name for p in PATHS]


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_template_interface(path):
    module = _load(path)
    for attr in ("PROBLEM", "CODE", "TOPIC", "sample", "answer"):
        assert hasattr(module, attr), f"{path.name} lacks {attr}"
    assert isinstance(module.PROBLEM, Template)
    assert isinstance(module.CODE, Template)
    assert module.TOPIC in TOPICS, module.TOPIC
    assert callable(module.sample) and callable(module.answer)
    assert "def solution():" in module.CODE.template


def _skip_without_requirements(module):
    for name in getattr(module, "REQUIRES", ()):
        pytest.importorskip(name, reason=f"{name} is not installed (pip install -e '.[math]')")


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_template_solutions_match_answers(path):
    module = _load(path)
    _skip_without_requirements(module)
    name = path.stem
    problem_names = _placeholders(module.PROBLEM)
    code_names = _placeholders(module.CODE)
    for seed in SEEDS:
        params = module.sample(random.Random(seed))
        assert module.sample(random.Random(seed)) == params, f"{name}: sample not deterministic"
        assert isinstance(params, dict) and params
        for key, value in params.items():
            assert key.isidentifier(), key
            assert isinstance(value, (int, float)) and not isinstance(value, bool), (key, value)

        # every placeholder is filled (substitute raises KeyError otherwise) ...
        problem = module.PROBLEM.substitute(params)
        code = module.CODE.substitute(params)
        # ... and every sampled parameter appears in both texts
        assert problem_names == set(params), f"{name}: PROBLEM uses {problem_names}, params {set(params)}"
        assert code_names == set(params), f"{name}: CODE uses {code_names}, params {set(params)}"
        assert problem.strip()

        _check_code_shape(code, params, name)
        namespace = {"__name__": f"pot_{name}"}
        exec(compile(code, f"<{name} seed={seed}>", "exec"), namespace)
        got = namespace["solution"]()
        expected = module.answer(dict(params))

        assert _same_answer(got, expected), (
            f"{name} seed={seed}: solution() -> {got!r}, answer() -> {expected!r}\n{problem}"
        )
        assert expected >= 0, f"{name} seed={seed}: negative answer {expected!r}"
