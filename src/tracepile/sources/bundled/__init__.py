"""The bundled default source: classical algorithms, contest scripts and math templates, each with a
seeded input sampler, mixed in the paper's proportions and scaled by one number of samples. A math
template that needs a library (`REQUIRES`, e.g. sympy) is left out, with the reason, when it is not installed."""

from __future__ import annotations

import importlib.util
import math
import random
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import ModuleType
from typing import Iterator

from tracepile.model import Program
from tracepile.sandbox.libraries import installed

ROOT = Path(__file__).resolve().parent
LICENSE = "Apache-2.0"
# Share of samples per domain in the TracePile paper (competition, classical algorithms, math).
DEFAULT_MIX = {"algorithms": 0.37, "competition": 0.18, "math": 0.45}
SIZES = (2, 3, 4, 5, 6, 7, 8)


@dataclass(frozen=True)
class BundledProgram:
    """One bundled program or template, and how to draw inputs for it."""

    domain: str
    name: str
    topic: str
    module: str  # file the program (or template) lives in


def _load(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"tracepile_bundled_{path.parent.name}_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@lru_cache(maxsize=None)
def _samplers(domain: str) -> dict:
    if domain == "algorithms":
        return _load(ROOT / "algorithms" / "samplers.py").SAMPLERS
    return _load(ROOT / "competition" / "generators.py").GENERATORS


@lru_cache(maxsize=None)
def _template(name: str) -> ModuleType:
    return _load(ROOT / "math" / f"{name}.py")


def catalog(python: str | None = None) -> list[BundledProgram]:
    """Every bundled program whose libraries the interpreter jobs run under (`python`; None: this one)
    has installed, sorted by domain and name."""
    items = [BundledProgram(d, name, topic, str(ROOT / d / f"{name}.py"))
             for d in ("algorithms", "competition") for name, (topic, _) in sorted(_samplers(d).items())]
    for path in sorted((ROOT / "math").glob("*.py")):
        if not _missing_libraries(path.stem, python):
            items.append(BundledProgram("math", path.stem, _template(path.stem).TOPIC, str(path)))
    return items


def left_out(python: str | None = None) -> dict[str, str]:
    """Bundled programs the catalog leaves out for jobs run by `python`, by id (math/<name>), each with
    the reason."""
    found = {}
    for path in sorted((ROOT / "math").glob("*.py")):
        missing = _missing_libraries(path.stem, python)
        if missing:
            found[f"math/{path.stem}"] = (f"needs {', '.join(missing)}, which is not installed "
                                          "(pip install 'tracepile[math]')")
    return found


def _missing_libraries(name: str, python: str | None = None) -> list[str]:
    return [module for module in getattr(_template(name), "REQUIRES", ()) if not installed(module, python)]


def allocate(samples: int, mix: dict[str, float] | None = None) -> dict[str, int]:
    """Samples per domain, summing exactly to `samples` (largest remainders)."""
    mix = mix or DEFAULT_MIX
    total = sum(mix.values())
    raw = {d: samples * share / total for d, share in mix.items()}
    counts = {d: math.floor(v) for d, v in raw.items()}
    for d in sorted(raw, key=lambda d: (counts[d] - raw[d], d))[: samples - sum(counts.values())]:
        counts[d] += 1
    return counts


def bundled_programs(samples: int, seed: int = 0, mix: dict[str, float] | None = None,
                     python: str | None = None) -> Iterator[Program]:
    """Program records that together hold `samples` distinct inputs, deterministic for a seed.

    Inputs are drawn without repeats (a repeated input is an exact duplicate that the build drops,
    which skewed the mix); what a small input space cannot supply moves to the domain's next items.
    `python`: the interpreter jobs run under (its libraries decide which math programs are drawn)."""
    by_domain: dict[str, list[BundledProgram]] = {}
    for item in catalog(python):
        by_domain.setdefault(item.domain, []).append(item)
    for domain, count in allocate(samples, mix).items():
        items = by_domain[domain]
        owed = 0
        for index, item in enumerate(items):
            share = count // len(items) + (1 if index < count % len(items) else 0) + owed
            programs = _programs_for(item, share, seed) if share else []
            owed = share - sum(len(program.inputs) for program in programs)
            yield from programs


def _distinct(draw, count: int) -> list:
    """Up to `count` distinct results of `draw()`, giving up after 20 draws per wanted result."""
    found: dict = {}
    for _ in range(20 * count):
        if len(found) == count:
            break
        value = draw()
        found.setdefault(repr(value), value)
    return list(found.values())


def _programs_for(item: BundledProgram, count: int, seed: int) -> list[Program]:
    """Records for `item` holding up to `count` distinct inputs: one per math problem, else one."""
    rng = random.Random(f"{seed}/{item.domain}/{item.name}")
    common = dict(domain=item.domain, source=f"tracepile/bundled/{item.domain}", license=LICENSE)
    if item.domain == "math":
        template = _template(item.name)
        return [Program(id=f"math/{item.name}/{seed}-{k}", code=template.CODE.substitute(params),
                        calls=("solution()",), metadata={"problem": template.PROBLEM.substitute(params),
                                                         "topic": item.topic, "params": params}, **common)
                for k, params in enumerate(_distinct(lambda: template.sample(rng), count))]
    code = Path(item.module).read_text(encoding="utf-8")
    _, sampler = _samplers(item.domain)[item.name]
    inputs = tuple(_distinct(lambda: sampler(rng, rng.choice(SIZES)), count))
    kind = {"algorithms": "calls", "competition": "stdin"}[item.domain]
    return [Program(id=f"{item.domain}/{item.name}", code=code, metadata={"topic": item.topic},
                    **{kind: inputs}, **common)]
