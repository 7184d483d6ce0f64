"""Evaluation: CRUXEval-O/I (official prompts, sandboxed assertions, pass@k), trace-QA on an export's
held-out split and LiveCodeBench test-output prediction, against an endpoint or a local model."""

from tracepile.evaluate.backends import BackendError, EndpointBackend, LocalBackend, Sampling
from tracepile.evaluate.run import EvalConfig, EvalError, evaluate, summary_rows, write_results

__all__ = ["BackendError", "EndpointBackend", "EvalConfig", "EvalError", "LocalBackend", "Sampling", "evaluate",
           "summary_rows", "write_results"]
