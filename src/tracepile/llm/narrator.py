"""The multi-path LLM narrator: k sampled paths per input, each verified in a process pool (the gate), rejected
paths repaired with the verifier's reasons for up to R follow-up turns, kept per a policy (`best` or `all`), or
the input rejected with every path's reasons (optional template fallback)."""

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
from tracepile.llm.repair import EMPTY_FEEDBACK, repair_messages, truncation_feedback, verifier_feedback
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
    repair_rounds: int = 2  # follow-up turns that send a rejected path's failures back to the model (0: none)
    extra: dict = field(default_factory=dict)

    def __post_init__(self):
        if self.mode not in MODES:
            raise ValueError(f"unknown mode {self.mode!r} (use one of {', '.join(MODES)})")
        if self.policy not in POLICIES:
            raise ValueError(f"unknown policy {self.policy!r} (use one of {', '.join(POLICIES)})")
        if self.paths < 1:
            raise ValueError("paths must be at least 1")
        if self.repair_rounds < 0:
            raise ValueError("repair_rounds must be 0 (no repair) or more")

    def sampling(self) -> dict:
        """The sampling parameters recorded in each sample's provenance."""
        extra = {k: "<claim grammar>" if k in ("grammar", "structured_outputs") else v for k, v in self.extra.items()}
        return {"temperature": self.temperature, "top_p": self.top_p, "max_tokens": self.max_tokens,
                "paths": self.paths, "policy": self.policy, "batch_paths": self.batch_paths,
                "repair_rounds": self.repair_rounds, **extra}


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
    """One sampled path and its verdict: its latest text (after `rounds` repair turns), the tokens of that
    text, and the prompt and completion tokens of all its turns (its share of a request with n choices)."""

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
    verify_s: float = 0.0  # over all of the path's texts
    verifications: int = 0  # texts of this path the verifier read
    rounds: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    feedback: str = ""  # the repair turn for a rejected text ("" when verified or not repairable)

    @property
    def score(self) -> float:
        """Checked claims per completion token (the `best` policy's ranking)."""
        return self.checked / max(self.tokens, 1)


@dataclass(frozen=True)
class Usage:
    """Requests and tokens spent on one input; `paid_*` excludes cache hits; `repair_*` counts repair turns."""

    requests: int = 0
    cache_hits: int = 0
    attempts: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    paid_prompt_tokens: int = 0
    paid_completion_tokens: int = 0
    repair_requests: int = 0
    repair_prompt_tokens: int = 0
    repair_completion_tokens: int = 0

    def add(self, result: ChatResult, repair: bool = False) -> "Usage":
        paid = not result.cached
        return Usage(self.requests + 1, self.cache_hits + result.cached, self.attempts + result.attempts,
                     self.prompt_tokens + result.prompt_tokens, self.completion_tokens + result.completion_tokens,
                     self.paid_prompt_tokens + result.prompt_tokens * paid,
                     self.paid_completion_tokens + result.completion_tokens * paid,
                     self.repair_requests + repair, self.repair_prompt_tokens + result.prompt_tokens * repair,
                     self.repair_completion_tokens + result.completion_tokens * repair)


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

    @property
    def accepted_round(self) -> int | None:
        """The repair round of the earliest kept path (0: a first answer), None when nothing was kept."""
        return min(p.rounds for p in self.kept) if self.kept else None


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
    checked = await asyncio.gather(*(_verify_path(path, item, loop, verifier, settings) for path in sampled))
    repaired, usage = await repair_paths(chat, list(checked), usage, item, client, settings, verifier)
    return select(item, tuple(repaired), usage, settings)


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


async def repair_paths(chat: tuple[dict, ...], paths: list[PathResult], usage: Usage, item: NarrationInput,
                       client: ChatClient, settings: NarrationSettings,
                       verifier: ProcessPoolExecutor) -> tuple[list[PathResult], Usage]:
    """Up to `repair_rounds` rounds: each rejected path that has feedback gets one follow-up turn (its latest
    text as the assistant turn, the verifier's reasons as the user turn) and the answer is verified again.
    Under `best`, rounds stop once any path verifies. Each turn is an ordinary (cached) request."""
    loop = asyncio.get_running_loop()
    for round_ in range(1, settings.repair_rounds + 1):
        if settings.policy == "best" and any(p.verified for p in paths):
            break
        todo = [i for i, p in enumerate(paths) if not p.verified and p.feedback]
        if not todo:
            break
        requests = [_repair_request(chat, paths[i], settings, round_) for i in todo]
        results = await asyncio.gather(*(client.complete(r) for r in requests))
        answers = []
        for i, result in zip(todo, results):
            usage = usage.add(result, repair=True)
            answers.append(_repaired(paths[i], result, round_))
        checked = await asyncio.gather(*(_verify_path(a, item, loop, verifier, settings) for a in answers))
        for i, path in zip(todo, checked):
            paths[i] = path
    return paths, usage


def _repair_request(chat: tuple[dict, ...], path: PathResult, settings: NarrationSettings,
                    round_: int) -> ChatRequest:
    """Round r asks with the path's seed + r, so a model that repeats its text is not asked the same request."""
    return ChatRequest(model=settings.model, messages=repair_messages(chat, path.text, path.feedback),
                       temperature=settings.temperature, top_p=settings.top_p, max_tokens=settings.max_tokens,
                       n=1, seed=None if path.seed is None else path.seed + round_, extra=settings.extra)


def _repaired(previous: PathResult, result: ChatResult, round_: int) -> PathResult:
    """The path after one repair turn: the new answer with the tokens of every turn so far; a failed request
    keeps the previous text and reasons, with the failure added, and ends the path's repair."""
    if result.error is not None:
        failed = f"repair round {round_} request failed: {result.error}"
        return _with(previous, reasons=previous.reasons + (failed,), feedback="",
                     attempts=previous.attempts + result.attempts)
    answer = _paths_of(result, start=previous.index, seed=previous.seed or 0)[0]
    return _with(answer, seed=previous.seed, rounds=round_, attempts=previous.attempts + result.attempts,
                 verify_s=previous.verify_s, verifications=previous.verifications,
                 prompt_tokens=previous.prompt_tokens + result.prompt_tokens,
                 completion_tokens=previous.completion_tokens + result.completion_tokens)


def _paths_of(result: ChatResult, start: int, seed: int) -> list[PathResult]:
    if result.error is not None:
        return [PathResult(start, seed, "", "error", 0, result.attempts, result.cached,
                           reasons=(f"request failed: {result.error}",))]
    count = len(result.texts)
    total_chars = sum(len(t) for t in result.texts) or 1
    paths = []
    for i, (text, finish) in enumerate(zip(result.texts, result.finish_reasons)):
        tokens = round(result.completion_tokens * len(text) / total_chars)
        prompt_share = _share(result.prompt_tokens, i, count)
        paths.append(PathResult(start + i, seed + i if count > 1 else seed, text, finish, tokens, result.attempts,
                                result.cached, prompt_tokens=prompt_share, completion_tokens=tokens))
    return paths


def _share(total: int, index: int, count: int) -> int:
    """Choice `index`'s part of a total split over `count` choices (the parts sum to the total)."""
    return total * (index + 1) // count - total * index // count


async def _verify_path(path: PathResult, item: NarrationInput, loop, verifier: ProcessPoolExecutor,
                       settings: NarrationSettings) -> PathResult:
    if path.reasons:
        return path
    if path.finish_reason == "length":
        return _with(path, reasons=("truncated: the answer hit max_tokens (finish_reason length)",),
                     feedback=truncation_feedback(settings.max_tokens))
    if not path.text.strip():
        return _with(path, reasons=("empty answer",), feedback=EMPTY_FEEDBACK)
    verdict, seconds = await loop.run_in_executor(verifier, verify_text, path.text, item.trace, item.problem)
    reasons = tuple(verdict.failures) + tuple(f"unverifiable: {u}" for u in verdict.unverifiable)
    if not verdict.passed and not reasons:
        reasons = ("the verifier rejected the text",)
    return _with(path, verified=verdict.passed, claims=verdict.claims, checked=verdict.checked,
                 reasons=() if verdict.passed else reasons, verify_s=path.verify_s + seconds,
                 verifications=path.verifications + 1,
                 feedback="" if verdict.passed else verifier_feedback(verdict))


def _with(path: PathResult, **changes) -> PathResult:
    return replace(path, **changes)


def select(item: NarrationInput, paths: tuple[PathResult, ...], usage: Usage,
           settings: NarrationSettings) -> NarrationResult:
    """Keep per the policy: `best` (most checked claims per token) or `all` distinct verified paths."""
    verified = [p for p in paths if p.verified]
    if not verified:
        failed = all(r.startswith("request failed") for p in paths for r in p.reasons)
        reason = "request failed" if paths and failed else "no verified path"
        detail = "; ".join(f"path {p.index}{_after(p.rounds)}: {' | '.join(p.reasons[:3])}" for p in paths)
        return _rejected(item, paths, usage, reason, detail, settings)
    if settings.policy == "best":
        kept = (max(verified, key=lambda p: (p.score, -p.index)),)
    else:
        first_with_text: dict[str, PathResult] = {}
        for path in verified:
            first_with_text.setdefault(path.text, path)
        kept = tuple(first_with_text.values())
    return NarrationResult(item.id, kept, paths, usage)


def _after(rounds: int) -> str:
    return f" (after {rounds} repair round{'s' * (rounds != 1)})" if rounds else ""


def _rejected(item: NarrationInput, paths: tuple[PathResult, ...], usage: Usage, reason: str, detail: str,
              settings: NarrationSettings) -> NarrationResult:
    return NarrationResult(item.id, (), paths, usage, fallback=settings.fallback, reason=reason, detail=detail)

