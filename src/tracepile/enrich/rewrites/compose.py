"""Composing rewrites into verified program variants: seeded choice of rewrites and sites, one check per step.
Every attempt ends as a frozen result, accepted with its new `Program` or rejected with the reason."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from tracepile.engine import Executor
from tracepile.enrich.rewrites.base import Edit, Rewrite
from tracepile.enrich.rewrites.equivalence import Observed, baseline_problem, check, observe
from tracepile.model import Limits, Program

DEFAULT_LIMITS = Limits(timeout_s=5.0, max_events=100_000)
_PAIRS = (("for_to_while", "while_to_for"), ("ternary_to_if", "if_to_ternary"),
          ("comprehension_to_loop", "loop_to_comprehension"), ("range_len_to_enumerate", "enumerate_to_range_len"),
          ("aug_to_plain", "plain_to_aug"), ("early_return_to_flag", "flag_to_early_return"))
INVERSE = {a: b for a, b in _PAIRS} | {b: a for a, b in _PAIRS}


@dataclass(frozen=True)
class StepResult:
    """One rewrite tried on the current variant: accepted, or rejected with the reason."""

    rewrite: str
    accepted: bool
    reason: str = ""
    site: str = ""


@dataclass(frozen=True)
class RewriteResult:
    """One variant of a program: accepted with its new `Program`, or rejected with the reason."""

    program_id: str
    variant: int
    accepted: bool
    program: Program | None = None
    rewrites: tuple[str, ...] = ()
    steps: tuple[StepResult, ...] = ()
    reason: str = ""


def registry() -> dict[str, Rewrite]:
    from tracepile.enrich.rewrites import REWRITES
    return REWRITES


def rename_calls(calls: tuple[str, ...], renames: tuple[tuple[str, str], ...]) -> tuple[str, ...]:
    """Input call expressions with renamed entry functions: `f(3)` -> `count_pairs(3)`."""
    out = []
    for text in calls:
        for old, new in renames:
            text = re.sub(rf"^(\s*){re.escape(old)}(?=\s*[(.])", lambda m: m.group(1) + new, text, count=1)
        out.append(text)
    return tuple(out)


def variant_program(program: Program, k: int, code: str, calls: tuple[str, ...], names) -> Program:
    return Program(id=f"{program.id}~rw{k}", code=code, calls=calls, stdin=program.stdin,
                   domain=program.domain, source=program.source, license=program.license,
                   metadata={"rewrite_of": program.id, "rewrites": list(names)})


class _Session:
    """The original's runs, computed once, and the step-by-step check of one program's rewrites."""

    def __init__(self, program: Program, executor: Executor | None, limits: Limits | None):
        self.program, self.executor = program, executor
        self.limits = limits or DEFAULT_LIMITS
        self._expected: list[Observed] | None = None

    @property
    def expected(self) -> list[Observed]:
        if self._expected is None:
            self._expected = observe(self.program.code, self.program.inputs, self.executor, self.limits)
        return self._expected

    @property
    def problem(self) -> str:
        return baseline_problem(self.expected) if self.program.inputs else "program has no inputs"

    def step(self, name: str, code: str, calls: tuple[str, ...], rng: random.Random):
        """(StepResult, new code, new calls): the state moves on only when the step is accepted."""
        rewrite = registry().get(name)
        if rewrite is None:
            return StepResult(name, False, "unknown rewrite"), code, calls
        edit = rewrite.apply(code, rng, calls)
        if not isinstance(edit, Edit):
            return StepResult(name, False, edit.reason), code, calls
        if self.problem:
            return StepResult(name, False, self.problem, edit.site), code, calls
        new_calls = rename_calls(calls, edit.renames)
        reason = check(self.program, self.expected, edit.code, new_calls, self.executor, self.limits)
        if reason:
            return StepResult(name, False, reason, edit.site), code, calls
        return StepResult(name, True, "", edit.site), edit.code, new_calls


def rewrite_program(program: Program, seed: int, count: int, executor: Executor | None = None, *,
                    limits: Limits | None = None, max_steps: int = 3,
                    rewrites: tuple[str, ...] | None = None) -> list[RewriteResult]:
    """`count` variants of `program`, each composing up to `max_steps` verified rewrites chosen with
    a seed derived from (`seed`, program id, variant). Same seed, same results. Never raises for
    anything the program does."""
    names = tuple(rewrites or registry())
    session = _Session(program, executor, limits)
    if session.problem:
        return [RewriteResult(program.id, k, False, reason=session.problem) for k in range(count)]
    results, seen = [], {}
    for k in range(count):
        result = _variant(session, k, random.Random(f"{seed}:{program.id}:{k}"), names, max_steps)
        if result.accepted and result.program.code in seen:
            result = RewriteResult(program.id, k, False, None, result.rewrites, result.steps,
                                   f"duplicate of variant {seen[result.program.code]}")
        elif result.accepted:
            seen[result.program.code] = k
        results.append(result)
    return results


def _variant(session: _Session, k: int, rng: random.Random, names, max_steps: int) -> RewriteResult:
    program = session.program
    target = rng.randint(1, max_steps)
    code, calls, steps, undoing = program.code, program.calls, [], set()
    for name in rng.sample(names, len(names)):
        if sum(s.accepted for s in steps) == target:
            break
        if name in undoing:
            continue  # the inverse of an accepted step could only give back what was there
        result, code, calls = session.step(name, code, calls, rng)
        steps.append(result)
        if result.accepted and name in INVERSE:
            undoing.add(INVERSE[name])
    applied = tuple(s.rewrite for s in steps if s.accepted)
    if not applied:
        return RewriteResult(program.id, k, False, None, (), tuple(steps), "no rewrite accepted")
    if code == program.code:
        return RewriteResult(program.id, k, False, None, applied, tuple(steps), "the rewrites cancel out")
    return RewriteResult(program.id, k, True, variant_program(program, k, code, calls, applied),
                         applied, tuple(steps))


def try_rewrite(program: Program, name: str, seed: int, executor: Executor | None = None, *,
                limits: Limits | None = None, session: _Session | None = None) -> RewriteResult:
    """One rewrite, at one seeded site, checked against the original: a single-step variant 0."""
    session = session or _Session(program, executor, limits)
    rng = random.Random(f"{seed}:{program.id}:{name}")
    step, code, calls = session.step(name, program.code, program.calls, rng)
    if not step.accepted:
        return RewriteResult(program.id, 0, False, None, (), (step,), step.reason)
    return RewriteResult(program.id, 0, True, variant_program(program, 0, code, calls, (name,)), (name,),
                         (step,))


def session_for(program: Program, executor: Executor | None = None, limits: Limits | None = None) -> _Session:
    """The original's runs, to share between several `try_rewrite` calls on one program."""
    return _Session(program, executor, limits)
