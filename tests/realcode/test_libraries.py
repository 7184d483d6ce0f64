"""Installed libraries import inside the sandbox (the interpreter's own site-packages, read-only) and
under --sandbox none; only the program's frames are traced, a library call is one step with its result."""

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "sandbox"))

from sandbox_support import both_executors, bwrap_executor  # noqa: E402,F401 (fixture)
from tracepile.engine import make_sample, trace  # noqa: E402
from tracepile.model import Program  # noqa: E402
from tracepile.sandbox.bwrap import interpreter  # noqa: E402
from tracepile.sandbox.libraries import site_packages  # noqa: E402

pytest.importorskip("numpy")
pytest.importorskip("sympy")

MATH = ("import numpy as np\nfrom sympy import symbols, solve\n\n"
        "def f(n):\n    a = np.arange(n)\n    x = symbols('x')\n    roots = solve(x**2 - 4, x)\n"
        "    return int(a.sum()), roots\n")


def test_numpy_and_sympy_programs_run_and_verify(executor):
    program = Program(id="m", code=MATH, calls=("f(4)",))
    sample = make_sample(program, program.inputs[0], executor=executor)
    assert sample.status == "ok" and sample.verified, (sample.reason, sample.claim_failures)
    assert sample.answer == "(6, [-2, 2])"
    assert "`a = array([0, 1, 2, 3])`" in sample.response and "`roots = [-2, 2]`" in sample.response
    assert sample.stats["calls"] == 1  # numpy's and sympy's own frames are not traced


def test_jobs_import_from_the_interpreters_own_site_packages(executor):
    code = "import sys\ndef f():\n    import numpy\n    return numpy.__file__, sys.path\n"
    result = trace(code, "f()", executor=executor)
    assert result.outcome.status == "ok", result.outcome.reason
    where, path = eval(result.outcome.value)  # noqa: S307 - a tuple of strings we rendered
    assert any(where.startswith(site + "/") for site in site_packages())
    assert [p for p in path if "site-packages" in p] == site_packages()


def test_site_packages_are_read_only_and_the_base_installations_hidden():
    executor = bwrap_executor()
    try:
        site = site_packages()[0]
        code = f"def f():\n    open({os.path.join(site, 'evil.py')!r}, 'w').write('x')\n"
        assert trace(code, "f()", executor=executor).outcome.reason.startswith("raised OSError: [Errno 30]")
        for hidden in interpreter(sys.executable).hidden:
            listing = trace(f"import os\ndef f():\n    return os.listdir({hidden!r})\n", "f()", executor=executor)
            assert listing.outcome.value == "[]"
    finally:
        executor.close()
    assert not os.path.exists(os.path.join(site, "evil.py"))


def test_numerical_libraries_run_one_thread(executor):
    code = "import os\ndef f():\n    return os.environ.get('OPENBLAS_NUM_THREADS'), os.environ.get('OMP_NUM_THREADS')\n"
    assert trace(code, "f()", executor=executor).outcome.value == "('1', '1')"
