"""The multi-path LLM narrator: k sampled paths per input, each verified in a process pool (the gate), kept
per a policy (`best` or `all`), or the input rejected with every path's reasons (optional template fallback)."""

from __future__ import annotations

import asyncio
import hashlib
import multiprocessing
import random
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from typing import Sequence

from tracepile.llm.client import ChatClient, ChatRequest, ChatResult
from tracepile.llm.prompts import MODES, PROMPT_VERSION, Example, fact_lines, messages, pick_examples
from tracepile.model import Trace, Verification

POLICIES = ("best", "all")


@dataclass(frozen=True)
class NarrationSettings:
    """How inputs are narrated: model, mode, paths per input, keep policy and sampling parameters."""

    model: str
    mode: str = "narrate"
    paths: int = 4
    policy: str = "best"
    fallback: bool = False
    temperature: float = 0.8
    top_p: float = 0.95
    max_tokens: int = 2048
    seed: int = 0
    batch_paths: bool = True  # one request with n=paths (topped up with seeded requests if fewer come back)
    examples: int = 2
    max_fact_lines: int = 300
    extra: dict = field(default_factory=dict)

    def __post_init__(self):
        if self.mode not in MODES:
            raise ValueError(f"unknown mode {self.mode!r} (use one of {', '.join(MODES)})")
        if self.policy not in POLICIES:
            raise ValueError(f"unknown policy {self.policy!r} (use one of {', '.join(POLICIES)})")
        if self.paths < 1:
            raise ValueError("paths must be at least 1")

    def sampling(self) -> dict:
        """The sampling parameters recorded in each sample's provenance."""
        extra = {k: "<claim grammar>" if k in ("grammar", "structured_outputs") else v for k, v in self.extra.items()}
        return {"temperature": self.temperature, "top_p": self.top_p, "max_tokens": self.max_tokens,
                "paths": self.paths, "policy": self.policy, "batch_paths": self.batch_paths, **extra}


@dataclass(frozen=True)
class NarrationInput:
    """One traced input to narrate, with its question and verified template CoE."""

    id: str
    program_id: str
    domain: str
    kind: str
    question: str
    template: str
    trace: Trace
    problem: str = ""  # the word problem the prompt states, which the text may quote


@dataclass(frozen=True)
class PathResult:
    """One sampled path and its verdict."""

    index: int
    seed: int | None
    text: str
    finish_reason: str
    tokens: int
    attempts: int
    cached: bool
    verified: bool = False
    claims: int = 0
    checked: int = 0
    reasons: tuple[str, ...] = ()
    verify_s: float = 0.0

    @property
    def score(self) -> float:
        """Checked claims per completion token (the `best` policy's ranking)."""
        return self.checked / max(self.tokens, 1)


@dataclass(frozen=True)
class Usage:
    """Requests and tokens spent on one input; `paid_*` excludes cache hits."""

    requests: int = 0
    cache_hits: int = 0
    attempts: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    paid_prompt_tokens: int = 0
    paid_completion_tokens: int = 0

    def add(self, result: ChatResult) -> "Usage":
        paid = not result.cached
        return Usage(self.requests + 1, self.cache_hits + result.cached, self.attempts + result.attempts,
                     self.prompt_tokens + result.prompt_tokens, self.completion_tokens + result.completion_tokens,
                     self.paid_prompt_tokens + result.prompt_tokens * paid,
                     self.paid_completion_tokens + result.completion_tokens * paid)


@dataclass(frozen=True)
class NarrationResult:
    """The outcome for one input: kept paths (or the fallback), every path, why it was rejected, usage."""

    input_id: str
    kept: tuple[PathResult, ...]
    paths: tuple[PathResult, ...]
    usage: Usage
    fallback: bool = False
    reason: str | None = None
    detail: str = ""


def path_seed(seed: int, input_id: str) -> int:
    """The seed of path 0 for an input (path i uses seed + i), stable across runs and machines."""
    return int(hashlib.sha256(f"{seed}\x00{input_id}".encode()).hexdigest()[:8], 16)


def verify_text(text: str, trace: Trace, problem: str = "") -> tuple[Verification, float]:
    """The verifier's verdict on one text and the seconds it took (runs in the verification pool)."""
    from tracepile.engine import verify  # tracepile.verify, the public function

    started = time.perf_counter()
    verdict = verify(text, trace, problem=problem)
    return verdict, time.perf_counter() - started


def verifier_pool(workers: int = 1) -> ProcessPoolExecutor:
    """A process pool for verification, so checking never blocks the event loop (spawned: no forked locks)."""
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"))


def narrate_all(items: Sequence[NarrationInput], client: ChatClient, settings: NarrationSettings,
                pool: list[Example], verifier: ProcessPoolExecutor, progress: bool = False) -> list[NarrationResult]:
    """Narrate every input concurrently (the client bounds the requests); results in input order."""
    async def run():
        try:
            return await asyncio.gather(*(narrate_one(item, client, settings, pool, verifier) for item in items))
        finally:
            await client.aclose()
    return list(asyncio.run(run()))


async def narrate_one(item: NarrationInput, client: ChatClient, settings: NarrationSettings,
                      pool: list[Example], verifier: ProcessPoolExecutor) -> NarrationResult:
    """Sample, verify and select the paths for one input. Raises only ConfigurationError."""
    lines = fact_lines(item.trace)
    if len(lines) > settings.max_fact_lines:
        return _rejected(item, (), Usage(), "trace too long for a prompt",
                         f"{len(lines)} trace events > max_fact_lines {settings.max_fact_lines}", settings)
    rng = random.Random(path_seed(settings.seed, item.id))
    examples = pick_examples(pool, settings.examples, rng, item.program_id)
    chat = messages(settings.mode, item.question, "\n".join(lines), item.template, examples)
    sampled, usage = await sample_paths(chat, client, settings, path_seed(settings.seed, item.id))
    loop = asyncio.get_running_loop()
    checked = await asyncio.gather(*(_verify_path(path, item, loop, verifier) for path in sampled))
    return select(item, tuple(checked), usage, settings)


async def sample_paths(chat: tuple[dict, ...], client: ChatClient, settings: NarrationSettings,
                       seed: int) -> tuple[list[PathResult], Usage]:
    """k paths: one request with n=k (path i: seed + i on servers that support it), topped up with seeded
    single requests when fewer choices come back, or k seeded single requests."""
    def request(n: int, path_seed_: int) -> ChatRequest:
        return ChatRequest(model=settings.model, messages=chat, temperature=settings.temperature,
                           top_p=settings.top_p, max_tokens=settings.max_tokens, n=n, seed=path_seed_,
                           extra=settings.extra)

    paths: list[PathResult] = []
    usage = Usage()
    if settings.batch_paths and settings.paths > 1:
        result = await client.complete(request(settings.paths, seed))
        usage = usage.add(result)
        paths += _paths_of(result, start=0, seed=seed)
        if result.error is not None:
            return paths, usage
    missing = range(len(paths), settings.paths)
    results = await asyncio.gather(*(client.complete(request(1, seed + i)) for i in missing))
    for index, result in zip(missing, results):
        usage = usage.add(result)
        paths += _paths_of(result, start=index, seed=seed + index)
    return paths, usage


def _paths_of(result: ChatResult, start: int, seed: int) -> list[PathResult]:
    if result.error is not None:
        return [PathResult(start, seed, "", "error", 0, result.attempts, result.cached,
                           reasons=(f"request failed: {result.error}",))]
    total_chars = sum(len(t) for t in result.texts) or 1
    return [PathResult(start + i, seed + i if len(result.texts) > 1 else seed, text, finish,
                       round(result.completion_tokens * len(text) / total_chars), result.attempts, result.cached)
            for i, (text, finish) in enumerate(zip(result.texts, result.finish_reasons))]


async def _verify_path(path: PathResult, item: NarrationInput, loop, verifier: ProcessPoolExecutor) -> PathResult:
    if path.reasons:
        return path
    if path.finish_reason == "length":
        return _with(path, reasons=("truncated: the answer hit max_tokens (finish_reason length)",))
    if not path.text.strip():
        return _with(path, reasons=("empty answer",))
    verdict, seconds = await loop.run_in_executor(verifier, verify_text, path.text, item.trace, item.problem)
    reasons = tuple(verdict.failures) + tuple(f"unverifiable: {u}" for u in verdict.unverifiable)
    if not verdict.passed and not reasons:
        reasons = ("the verifier rejected the text",)
    return _with(path, verified=verdict.passed, claims=verdict.claims, checked=verdict.checked,
                 reasons=() if verdict.passed else reasons, verify_s=seconds)


def _with(path: PathResult, **changes) -> PathResult:
    return replace(path, **changes)


def select(item: NarrationInput, paths: tuple[PathResult, ...], usage: Usage,
           settings: NarrationSettings) -> NarrationResult:
    """Keep per the policy: `best` (most checked claims per token) or `all` distinct verified paths."""
    verified = [p for p in paths if p.verified]
    if not verified:
        failed = all(r.startswith("request failed") for p in paths for r in p.reasons)
        reason = "request failed" if paths and failed else "no verified path"
        detail = "; ".join(f"path {p.index}: {' | '.join(p.reasons[:3])}" for p in paths)
        return _rejected(item, paths, usage, reason, detail, settings)
    if settings.policy == "best":
        kept = (max(verified, key=lambda p: (p.score, -p.index)),)
    else:
        first_with_text: dict[str, PathResult] = {}
        for path in verified:
            first_with_text.setdefault(path.text, path)
        kept = tuple(first_with_text.values())
    return NarrationResult(item.id, kept, paths, usage)


def _rejected(item: NarrationInput, paths: tuple[PathResult, ...], usage: Usage, reason: str, detail: str,
              settings: NarrationSettings) -> NarrationResult:
    return NarrationResult(item.id, (), paths, usage, fallback=settings.fallback, reason=reason, detail=detail)

