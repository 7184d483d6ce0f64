"""The typed records of trace-derived questions: a Question, the sampler's config, the kind names.
Plain data only; generators, checker and sample builder all exchange these."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Every question kind, in the order the sampler visits them ("coe" is the output-prediction CoE).
KINDS = (
    "coe", "state", "next_line", "line_executed", "line_count", "loop_iterations", "branch",
    "call_count", "call_return", "max_depth", "max_value", "first_iteration", "exception", "input",
)

DEFAULT_COUNTS: dict[str, int | tuple[int, int]] = {
    "coe": 1, "state": 2, "next_line": 1, "line_executed": 1, "line_count": 1, "loop_iterations": 1,
    "branch": 1, "call_count": 1, "call_return": 1, "max_depth": 1, "max_value": 1,
    "first_iteration": 1, "exception": 1, "input": 1,
}


@dataclass(frozen=True)
class Question:
    """One question about one trace, with its exact answer and the event its rationale stops at.

    `params` name the target (line, var, k, func, ...) for the checker; `group` keeps the sampler
    from asking near-duplicates; `full` asks for a CoE without loop compression (a line that never
    runs needs every step in view; counts and extremes are listed by their step, checked on the trace)."""

    kind: str
    text: str
    answer: str
    stop: int
    params: dict[str, Any] = field(default_factory=dict)
    group: str = ""
    full: bool = True
    hint: str = ""  # how to write the answer, shown in the prompt
    step: str = ""  # the sentence that works the answer out, just before it (steps.py)
    lead: str = ""  # what the rationale reasons first (input prediction: backwards from the result)


@dataclass(frozen=True)
class QuestionConfig:
    """How many questions of each kind to ask per trace and the limits on what is asked.

    A count is a maximum (an int) or a seeded range (lo, hi); kinds left out are not asked."""

    counts: dict[str, int | tuple[int, int]] = field(default_factory=lambda: dict(DEFAULT_COUNTS))
    max_full_steps: int = 300  # executed lines a full (uncompressed) rationale may narrate
    max_value_chars: int = 80  # longest rendered value a question may ask for
    check_inputs: bool = True  # re-execute input-prediction answers while verifying

    def count(self, kind: str, rng) -> int:
        spec = self.counts.get(kind, 0)
        if isinstance(spec, (tuple, list)):
            lo, hi = spec
            return rng.randint(int(lo), int(hi))
        return int(spec)
