"""Judging predictions by running them: check scripts go through the project's sandbox (one job
each, in parallel); a clean exit is a pass. Plus the unbiased pass@k estimator."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Sequence

from tracepile.engine import trace
from tracepile.model import Limits, ProgramInput

CHECK_LIMITS = Limits(timeout_s=12.0, cpu_s=3, memory_mb=1024, max_events=2000, max_output_chars=2000)
_NO_INPUT = ProgramInput("stdin", "")


def run_checks(scripts: Sequence[str | None], executor, workers: int = 2,
               limits: Limits = CHECK_LIMITS) -> list[bool]:
    """Whether each script exits cleanly (no exception, no timeout) in the sandbox; None is a fail."""
    def one(script: str | None) -> bool:
        if script is None:
            return False
        result = trace(script, _NO_INPUT, program_id="check", limits=limits, executor=executor)
        return result.outcome.exception is None and result.outcome.status in ("ok", "truncated")

    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(one, scripts))


def pass_at_k(n: int, c: int, k: int) -> float:
    """The unbiased estimate of pass@k from n samples with c correct: 1 - C(n-c, k) / C(n, k)."""
    if k > n:
        raise ValueError(f"pass@{k} needs at least {k} samples per item, got {n}")
    if n - c < k:
        return 1.0
    product = 1.0
    for i in range(n - c + 1, n + 1):
        product *= 1.0 - k / i
    return 1.0 - product
