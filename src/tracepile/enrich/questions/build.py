"""The seeded sampler and the sample builder: which questions one trace gets, and each one as a
verified `Sample` (prompt, partial CoE + final answer, exact answer, claim counts)."""

from __future__ import annotations

import random
import zlib
from dataclasses import replace
from typing import Callable

from tracepile import __version__
from tracepile.engine import narratable, sample_from_trace, sample_id
from tracepile.engine import trace as run_trace
from tracepile.enrich.questions import wording
from tracepile.enrich.questions.backward import input_questions
from tracepile.enrich.questions.calls import (call_count_questions, call_return_questions,
                                              max_depth_questions)
from tracepile.enrich.questions.check import Rerun
from tracepile.enrich.questions.exceptions import exception_questions
from tracepile.enrich.questions.facts import TraceFacts
from tracepile.enrich.questions.loops import first_iteration_questions, loop_iterations_questions
from tracepile.enrich.questions.path import (branch_questions, line_count_questions,
                                             line_executed_questions, next_line_questions)
from tracepile.enrich.questions.rationale import rationale, verify_rationale
from tracepile.enrich.questions.records import KINDS, Question, QuestionConfig
from tracepile.enrich.questions.search import NO_DERIVATION, derive
from tracepile.enrich.questions.state import max_value_questions, state_questions
from tracepile.enrich.questions.steps import answer_step, backward_lead, input_step
from tracepile.model import Program, Sample, Trace, Verification

Generator = Callable[[TraceFacts, QuestionConfig], list[Question]]

GENERATORS: dict[str, Generator] = {
    "state": state_questions, "next_line": next_line_questions,
    "line_executed": line_executed_questions, "line_count": line_count_questions,
    "loop_iterations": loop_iterations_questions, "branch": branch_questions,
    "call_count": call_count_questions, "call_return": call_return_questions,
    "max_depth": max_depth_questions, "max_value": max_value_questions,
    "first_iteration": first_iteration_questions, "exception": exception_questions,
    "input": input_questions,
}


def candidates(trace: Trace, config: QuestionConfig | None = None,
               facts: TraceFacts | None = None) -> dict[str, list[Question]]:
    """Every answerable, non-trivial question of each kind for a trace (before sampling)."""
    config = config or QuestionConfig()
    facts = facts or TraceFacts(trace)
    out: dict[str, list[Question]] = {}
    for kind, generate in GENERATORS.items():
        try:
            found = generate(facts, config)
        except Exception:  # noqa: BLE001 - one kind failing on an odd trace must not stop the others
            found = []
        out[kind] = [q for q in (_with_step(q, facts) for q in found) if q and _fits(q, facts, config)]
    return out


def _with_step(question: Question, facts: TraceFacts) -> Question | None:
    """The question with its answer step; None (not asked) when its answer cannot be worked out in words."""
    if question.kind == "input":
        lead = backward_lead(facts)
        return replace(question, lead=lead, step=input_step(facts)) if lead else None
    step = answer_step(facts, question)
    return replace(question, step=step) if step else None


def _fits(question: Question, facts: TraceFacts, config: QuestionConfig) -> bool:
    if question.kind != "line_executed" and question.params.get("line") in facts.crowded:
        return False
    return not question.full or facts.lines_until(question.stop) <= config.max_full_steps


def choose(pool: list[Question], count: int, rng: random.Random) -> list[Question]:
    """Up to `count` questions, spread over different targets (groups) before repeating one."""
    groups: dict[str, list[Question]] = {}
    for question in pool:
        groups.setdefault(question.group, []).append(question)
    order = list(groups)
    rng.shuffle(order)
    for key in order:
        rng.shuffle(groups[key])
    chosen: list[Question] = []
    while len(chosen) < count and any(groups[k] for k in order):
        for key in order:
            if groups[key] and len(chosen) < count:
                chosen.append(groups[key].pop())
    return chosen


def select(trace: Trace, seed: int = 0, config: QuestionConfig | None = None) -> list[Question]:
    """The seeded selection of questions for one trace ("coe" is not a Question: see below)."""
    config = config or QuestionConfig()
    rng = random.Random(f"{seed}\x00{trace.program_id}\x00{trace.input.kind}\x00{trace.input.text}")
    pools = candidates(trace, config)
    chosen: list[Question] = []
    for kind in KINDS:
        count = config.count(kind, rng)
        if kind in pools and count > 0:
            chosen += choose(pools[kind], count, rng)
    return chosen


def questions_for_trace(program: Program, trace: Trace, seed: int = 0,
                        config: QuestionConfig | None = None,
                        rerun: Rerun | None = None) -> list[Sample]:
    """Question samples for one trace: the output-prediction CoE (kind "coe") and the sampled
    questions, each with a verified partial CoE (an input question with no derivation is left out).
    Never raises for anything the program did."""
    config = config or QuestionConfig()
    if not narratable(trace):
        return []
    samples = []
    if config.count("coe", random.Random(seed)) > 0:
        samples.append(sample_from_trace(program, trace, seed=seed))
    try:
        chosen = select(trace, seed, config)
    except Exception:  # noqa: BLE001 - e.g. code the analyser cannot parse
        return samples
    for question in chosen:
        sample = build_sample(program, trace, question, seed, config, rerun)
        if sample.reason != NO_DERIVATION:
            samples.append(sample)
    return samples


def build_sample(program: Program, trace: Trace, question: Question, seed: int,
                 config: QuestionConfig | None = None, rerun: Rerun | None = None) -> Sample:
    """One question as a Sample; a failure to narrate or verify shows as an unverified sample, and an input
    question that no search derives as one with no response and the reason NO_DERIVATION."""
    config = config or QuestionConfig()
    key = _key(question)
    prompt = wording.prompt(trace.code, None if question.kind == "input" else trace.input,
                            question.text, question.hint, str(program.metadata.get("problem", "")))
    response, compressed, reason = "", 0, trace.outcome.reason
    rerun = rerun or run_trace if config.check_inputs else _original_only(trace)
    try:
        derived = derive(question, trace, rerun) if question.kind == "input" else question
        if derived is None:
            check, reason = Verification(False, 0, 0), NO_DERIVATION
        else:
            question = derived
            response, compressed = rationale(trace, question, zlib.crc32(f"{seed}:{key}".encode()))
            check = verify_rationale(response, trace, question, rerun)
    except Exception as exc:  # noqa: BLE001
        check, reason = Verification(False, 0, 0), f"question failed: {type(exc).__name__}: {exc}"
    stats = trace.stats()
    stats.update(stop=question.stop, loops_compressed=compressed)
    return Sample(
        id=sample_id(program.id, trace.input, key), program_id=program.id, input=trace.input.text,
        input_kind=trace.input.kind, domain=program.domain, kind=question.kind, prompt=prompt,
        response=response, answer=question.answer, status=trace.outcome.status, reason=reason,
        stats=stats, verified=check.passed, claims=check.claims, claims_checked=check.checked,
        claim_failures=list(check.failures + check.unverifiable)[:20],
        provenance={"source": program.source, "license": program.license,
                    "tool": f"tracepile {__version__}", "seed": seed, "python": trace.python,
                    "tracer": trace.backend,
                    "question": {"kind": question.kind, **question.params}},
    )


def _key(question: Question) -> str:
    params = ",".join(f"{k}={question.params[k]}" for k in sorted(question.params))
    return f"{question.kind}:{params}"


def _original_only(trace: Trace) -> Rerun:
    """With re-execution off, only the original input is accepted (its own trace stands in)."""
    def rerun(code, program_input):
        if program_input.text.strip() != trace.input.text.strip():
            raise ValueError("input re-execution is disabled")
        return trace
    return rerun
