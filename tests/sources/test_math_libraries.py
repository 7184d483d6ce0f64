"""The bundled math programs that use sympy, fractions and itertools: every sample runs in the sandbox,
verifies and answers as plain Python does; the sympy ones are left out, with the reason, without sympy."""

import random
import re
from concurrent.futures import ThreadPoolExecutor

import pytest

from tracepile.engine import make_sample
from tracepile.model import Program
from tracepile.pipeline.build import bundled_left_out
from tracepile.pipeline.card import _left_out
from tracepile.pipeline.config import BuildConfig
from tracepile.sources import bundled

LIBRARY_IMPORT = re.compile(r"^(from|import) (sympy|fractions|itertools)\b", re.M)
NAMES = sorted(p.stem for p in (bundled.ROOT / "math").glob("*.py")
               if LIBRARY_IMPORT.search(bundled._template(p.stem).CODE.template))
SYMPY = [n for n in NAMES if "sympy" in getattr(bundled._template(n), "REQUIRES", ())]


def test_at_least_twenty_library_programs_and_sympy_ones_declare_it():
    assert len(NAMES) >= 20, NAMES
    for name in NAMES:
        uses_sympy = "sympy" in bundled._template(name).CODE.template
        assert (name in SYMPY) == uses_sympy, name
    assert len(NAMES) - len(SYMPY) >= 10  # fractions and itertools ones: always in the default


def test_every_sample_verifies_and_answers_as_plain_python():
    pytest.importorskip("sympy", reason="sympy is not installed (pip install -e '.[math]')")
    jobs = []
    for name in NAMES:
        template = bundled._template(name)
        for seed in (0, 1):
            params = template.sample(random.Random(f"{name}/{seed}"))
            code = template.CODE.substitute(params)
            namespace: dict = {}
            exec(compile(code, name, "exec"), namespace)
            program = Program(id=f"{name}/{seed}", code=code, calls=("solution()",),
                              metadata={"problem": template.PROBLEM.substitute(params)})
            jobs.append((program, repr(namespace["solution"]())))
    with ThreadPoolExecutor(max_workers=2) as pool:
        samples = list(pool.map(lambda job: make_sample(job[0], job[0].inputs[0]), jobs))
    bad = [(p.id, s.status, s.reason, s.claim_failures[:1]) for (p, _), s in zip(jobs, samples)
           if s.status != "ok" or not s.verified]
    assert not bad
    assert [s.answer for s in samples] == [expected for _, expected in jobs]
    assert any("Eq(" in s.response for s in samples)  # sympy values are stated as Python shows them
    assert any("The problem says" in s.response for s in samples)  # narrated in the word problem's terms


def test_without_sympy_the_default_leaves_its_programs_out_and_says_why(monkeypatch, tmp_path):
    monkeypatch.setattr(bundled, "installed", lambda module, python=None: module != "sympy")
    names = {item.name for item in bundled.catalog() if item.domain == "math"}
    assert not names & set(SYMPY) and set(NAMES) - set(SYMPY) <= names
    left = bundled_left_out(BuildConfig(samples=10))
    assert sorted(left) == [f"math/{n}" for n in SYMPY]
    assert set(left.values()) == {"needs sympy, which is not installed (pip install 'tracepile[math]')"}
    (tmp_path / "mine.jsonl").write_text("")
    assert bundled_left_out(BuildConfig(programs=str(tmp_path / "mine.jsonl"))) == {}
    line, = _left_out({"left_out": left})
    assert line.startswith(f"- Bundled programs left out: {len(SYMPY)} (needs sympy, which is not installed")
    ids = {p.id.rsplit("/", 1)[0] for p in bundled.bundled_programs(400, seed=0)}
    assert not {f"math/{n}" for n in SYMPY} & ids


def test_with_sympy_the_default_draws_them():
    pytest.importorskip("sympy", reason="sympy is not installed (pip install -e '.[math]')")
    ids = {p.id.rsplit("/", 1)[0] for p in bundled.bundled_programs(400, seed=0)}
    assert {f"math/{n}" for n in NAMES} <= ids
    assert bundled_left_out(BuildConfig(samples=10)) == {}
