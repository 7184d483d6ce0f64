"""Helpers for the quality tests: the bundled programs as Program records (loaded the way tests/sources
loads them), and samples built from a program's real prompt without running it."""

from __future__ import annotations

import importlib.util
import random
from pathlib import Path

from tracepile.engine import sample_id
from tracepile.model import Program, ProgramInput, Sample
from tracepile.narration.prompt import question

BUNDLED = Path(__file__).resolve().parents[2] / "src" / "tracepile" / "sources" / "bundled"


def _module(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def bundled_programs(inputs: int = 2, seed: int = 0, size: int = 5) -> list[Program]:
    """Every bundled algorithm, competition and math program with `inputs` sampled inputs each
    (math templates: one rendered program per input, since the numbers live in the code)."""
    programs = []
    samplers = _module(BUNDLED / "algorithms" / "samplers.py", "_quality_algorithm_samplers").SAMPLERS
    for name, (topic, sampler) in sorted(samplers.items()):
        rng = random.Random(f"{seed}:{name}")
        calls = tuple(sampler(rng, size) for _ in range(inputs))
        programs.append(Program(id=f"algorithms/{name}", code=(BUNDLED / "algorithms" / f"{name}.py").read_text(),
                                calls=calls, domain="algorithms", source="bundled", metadata={"topic": topic}))
    generators = _module(BUNDLED / "competition" / "generators.py", "_quality_competition_generators").GENERATORS
    for name, (topic, generator) in sorted(generators.items()):
        rng = random.Random(f"{seed}:{name}")
        stdin = tuple(generator(rng, size) for _ in range(inputs))
        programs.append(Program(id=f"competition/{name}", code=(BUNDLED / "competition" / f"{name}.py").read_text(),
                                stdin=stdin, domain="competition", source="bundled", metadata={"topic": topic}))
    for path in sorted((BUNDLED / "math").glob("*.py")):
        if path.name == "__init__.py":
            continue
        module = _module(path, f"_quality_math_{path.stem}")
        for k in range(inputs):
            params = module.sample(random.Random(f"{seed}:{path.stem}:{k}"))
            programs.append(Program(id=f"math/{path.stem}/{k}", code=module.CODE.substitute(params),
                                    calls=("solution()",), domain="math", source="bundled",
                                    metadata={"topic": module.TOPIC,
                                              "problem": module.PROBLEM.substitute(params)}))
    return programs


def prompt_sample(code: str, text: str, kind: str = "call", program_id: str = "p", problem: str = "",
                  seed: int = 0) -> Sample:
    """A sample with the real prompt for (code, input) and no trace: enough for dedup and decontamination."""
    program_input = ProgramInput(kind, text)
    prompt = question(code, program_input, random.Random(seed), problem)
    return Sample(id=sample_id(program_id, program_input), program_id=program_id, input=text,
                  input_kind=kind, domain="", kind="coe", prompt=prompt, response="", answer="",
                  status="ok", reason="", stats={}, verified=True, claims=0, claims_checked=0,
                  claim_failures=[], provenance={})
