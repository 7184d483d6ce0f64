"""The one OpenAI-compatible chat client: async with bounded concurrency, retries with backoff and jitter
(Retry-After honoured, cool-down after 429), timeouts, a SQLite cache keyed by the request body, token accounting."""

from __future__ import annotations

import asyncio
import email.utils
import hashlib
import json
import os
import random
import sqlite3
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

import httpx

RETRYABLE_STATUS = frozenset({408, 409, 425, 429, 500, 502, 503, 504})
CONFIGURATION_STATUS = frozenset({401, 403, 404, 405})


class ConfigurationError(Exception):
    """A 4xx answer that retrying cannot fix (bad model, bad key, bad URL): the run must stop."""


@dataclass(frozen=True)
class ChatRequest:
    """One chat-completions request body; its canonical JSON is the cache key."""

    model: str
    messages: tuple[dict, ...]
    temperature: float = 0.0
    top_p: float = 1.0
    max_tokens: int = 1024
    n: int = 1
    seed: int | None = None
    extra: dict = field(default_factory=dict)

    def body(self) -> dict:
        """The JSON body sent to `/chat/completions` (`extra` keys are merged in last)."""
        body = {"model": self.model, "messages": list(self.messages), "temperature": self.temperature,
                "top_p": self.top_p, "max_tokens": self.max_tokens, "n": self.n}
        if self.seed is not None:
            body["seed"] = self.seed
        return {**body, **self.extra}

    def canonical_json(self) -> str:
        return json.dumps(self.body(), sort_keys=True, separators=(",", ":"), ensure_ascii=False)

    def cache_key(self) -> str:
        return hashlib.sha256(self.canonical_json().encode()).hexdigest()


@dataclass(frozen=True)
class ChatResult:
    """What came back for one request: one text per choice, or the final error."""

    texts: tuple[str, ...]
    finish_reasons: tuple[str, ...]
    prompt_tokens: int
    completion_tokens: int
    cached: bool
    attempts: int
    error: str | None = None


@dataclass(frozen=True)
class ClientStats:
    """Totals over a client's life; tokens are those paid for (cache hits excluded)."""

    requests: int = 0
    cache_hits: int = 0
    http_attempts: int = 0
    failures: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    seconds: float = 0.0


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a `Retry-After` header (delta-seconds or an HTTP date); None if absent/invalid."""
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def backoff_delay(attempt: int, base_s: float, cap_s: float, rng: random.Random) -> float:
    """Exponential backoff with jitter for the given (1-based) retry: uniform in [d/2, d], d = base * 2^(n-1)."""
    ceiling = min(cap_s, base_s * 2 ** (attempt - 1))
    return rng.uniform(ceiling / 2, ceiling)


def result_from_response(payload: dict, attempts: int, cached: bool) -> ChatResult:
    """A ChatResult from an OpenAI chat-completions response body."""
    choices = sorted(payload.get("choices") or [], key=lambda c: c.get("index", 0))
    if not choices:
        raise ValueError("response has no choices")
    usage = payload.get("usage") or {}
    return ChatResult(
        texts=tuple((c.get("message") or {}).get("content") or "" for c in choices),
        finish_reasons=tuple(c.get("finish_reason") or "unknown" for c in choices),
        prompt_tokens=int(usage.get("prompt_tokens") or 0),
        completion_tokens=int(usage.get("completion_tokens") or 0),
        cached=cached, attempts=attempts)


class ResponseCache:
    """SQLite store of successful response bodies keyed by the request's canonical JSON hash."""

    def __init__(self, path: str | Path):
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(path), timeout=60, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("CREATE TABLE IF NOT EXISTS responses (key TEXT PRIMARY KEY, request TEXT NOT NULL, "
                         "response TEXT NOT NULL, created REAL NOT NULL)")
        self._lock = threading.Lock()

    def get(self, request: ChatRequest) -> dict | None:
        with self._lock:
            row = self._db.execute("SELECT response FROM responses WHERE key = ?",
                                   (request.cache_key(),)).fetchone()
        return json.loads(row[0]) if row else None

    def put(self, request: ChatRequest, response: dict) -> None:
        with self._lock:
            self._db.execute("INSERT OR REPLACE INTO responses VALUES (?, ?, ?, ?)",
                             (request.cache_key(), request.canonical_json(), json.dumps(response), time.time()))

    def __len__(self) -> int:
        with self._lock:
            return self._db.execute("SELECT COUNT(*) FROM responses").fetchone()[0]

    def close(self) -> None:
        self._db.close()


class _Attempt(Exception):
    """One failed HTTP attempt: whether to retry, and the server's Retry-After if any."""

    def __init__(self, message: str, retry: bool, retry_after: float | None = None, throttled: bool = False):
        super().__init__(message)
        self.retry, self.retry_after, self.throttled = retry, retry_after, throttled


class ChatClient:
    """Sends ChatRequests to an OpenAI-compatible `/chat/completions` endpoint; see the module docstring."""

    def __init__(self, endpoint: str, *, api_key_env: str = "OPENAI_API_KEY", concurrency: int = 8,
                 timeout_s: float = 120, max_retries: int = 6, cache_path: str | Path | None = None,
                 backoff_base_s: float = 1.0, backoff_cap_s: float = 60.0, cooldown_s: float = 5.0,
                 seed: int = 0):
        self.url = endpoint.rstrip("/") + "/chat/completions"
        self._api_key = os.environ.get(api_key_env) or None
        self.concurrency, self.timeout_s, self.max_retries = concurrency, timeout_s, max_retries
        self.backoff_base_s, self.backoff_cap_s, self.cooldown_s = backoff_base_s, backoff_cap_s, cooldown_s
        self.cache = ResponseCache(cache_path) if cache_path is not None else None
        self._rng = random.Random(seed)
        self._stats = ClientStats()
        self._stats_lock = threading.Lock()
        self._cooldown_until = 0.0
        self._succeeded = False
        self._loop_state: tuple[asyncio.AbstractEventLoop, httpx.AsyncClient, asyncio.Semaphore] | None = None

    # -- public API ---------------------------------------------------------------------------------------

    async def complete(self, request: ChatRequest) -> ChatResult:
        """One request: from the cache if there, else over HTTP with retries. Raises ConfigurationError."""
        started = time.monotonic()
        payload = self.cache.get(request) if self.cache else None
        if payload is not None:
            result = result_from_response(payload, attempts=0, cached=True)
        else:
            result = await self._fetch(request)
        self._account(result, time.monotonic() - started)
        return result

    def complete_all(self, requests: Sequence[ChatRequest], progress: bool = False) -> list[ChatResult]:
        """Sync convenience: run them concurrently (bounded) and return results in order."""
        return asyncio.run(self._complete_all(requests, progress))

    @property
    def stats(self) -> ClientStats:
        return self._stats

    def close(self) -> None:
        """Close the cache (the HTTP connection pool is closed at the end of each event loop's use)."""
        if self._loop_state is not None:
            loop, http, _ = self._loop_state
            if not loop.is_closed() and not loop.is_running():
                loop.run_until_complete(http.aclose())
            self._loop_state = None
        if self.cache is not None:
            self.cache.close()
            self.cache = None

    async def aclose(self) -> None:
        """Close the HTTP connection pool of the running event loop."""
        if self._loop_state is not None and self._loop_state[0] is asyncio.get_running_loop():
            await self._loop_state[1].aclose()
            self._loop_state = None

    # -- internals ---------------------------------------------------------------------------------------

    async def _complete_all(self, requests: Sequence[ChatRequest], progress: bool) -> list[ChatResult]:
        bar = _ProgressBar(len(requests)) if progress else None
        async def one(request):
            result = await self.complete(request)
            if bar:
                bar.advance()
            return result
        try:
            return list(await asyncio.gather(*(one(r) for r in requests)))
        finally:
            if bar:
                bar.stop()
            await self.aclose()

    def _state(self) -> tuple[httpx.AsyncClient, asyncio.Semaphore]:
        loop = asyncio.get_running_loop()
        if self._loop_state is None or self._loop_state[0] is not loop:
            limits = httpx.Limits(max_connections=self.concurrency, max_keepalive_connections=self.concurrency)
            http = httpx.AsyncClient(timeout=self.timeout_s, limits=limits, headers=self._headers())
            self._loop_state = (loop, http, asyncio.Semaphore(self.concurrency))
        return self._loop_state[1], self._loop_state[2]

    def _headers(self) -> dict:
        return {"Authorization": f"Bearer {self._api_key}"} if self._api_key else {}

    async def _fetch(self, request: ChatRequest) -> ChatResult:
        http, semaphore = self._state()
        last_error = "no attempt made"
        for attempt in range(1, self.max_retries + 2):
            await self._wait_cooldown()
            async with semaphore:
                try:
                    payload = await self._post(http, request)
                except _Attempt as failed:
                    last_error = str(failed)
                    if not failed.retry or attempt > self.max_retries:
                        return _failure(last_error, attempt)
                    delay = max(failed.retry_after or 0.0, self._backoff(attempt))
                    if failed.throttled:
                        self._cooldown_until = max(self._cooldown_until,
                                                   time.monotonic() + max(delay, self.cooldown_s))
                else:
                    self._succeeded = True
                    if self.cache is not None:
                        self.cache.put(request, payload)
                    return result_from_response(payload, attempts=attempt, cached=False)
            await asyncio.sleep(delay)
        return _failure(last_error, self.max_retries + 1)

    async def _post(self, http: httpx.AsyncClient, request: ChatRequest) -> dict:
        """One HTTP attempt; returns the parsed body or raises _Attempt / ConfigurationError."""
        try:
            response = await http.post(self.url, json=request.body())
        except httpx.TimeoutException:
            raise _Attempt(f"timed out after {self.timeout_s:g}s", retry=True) from None
        except httpx.TransportError as error:
            raise _Attempt(f"connection error: {type(error).__name__}: {error}", retry=True) from None
        if response.status_code == 200:
            return _parse_body(response)
        return self._reject_status(response)

    def _reject_status(self, response: httpx.Response):
        status, detail = response.status_code, _error_detail(response)
        message = f"HTTP {status} from {self.url}: {detail}"
        if status in RETRYABLE_STATUS:
            raise _Attempt(message, retry=True, retry_after=parse_retry_after(response.headers.get("retry-after")),
                           throttled=status == 429)
        if status in CONFIGURATION_STATUS or (400 <= status < 500 and not self._succeeded):
            raise ConfigurationError(f"{message} (check --endpoint, --model and the API key variable)")
        raise _Attempt(message, retry=False)

    def _backoff(self, attempt: int) -> float:
        return backoff_delay(attempt, self.backoff_base_s, self.backoff_cap_s, self._rng)

    async def _wait_cooldown(self) -> None:
        while (remaining := self._cooldown_until - time.monotonic()) > 0:
            await asyncio.sleep(remaining)

    def _account(self, result: ChatResult, seconds: float) -> None:
        paid = not result.cached
        with self._stats_lock:
            s = self._stats
            self._stats = ClientStats(
                requests=s.requests + 1, cache_hits=s.cache_hits + result.cached,
                http_attempts=s.http_attempts + result.attempts, failures=s.failures + (result.error is not None),
                prompt_tokens=s.prompt_tokens + result.prompt_tokens * paid,
                completion_tokens=s.completion_tokens + result.completion_tokens * paid,
                seconds=s.seconds + seconds)


def _failure(error: str, attempts: int) -> ChatResult:
    return ChatResult(texts=(), finish_reasons=(), prompt_tokens=0, completion_tokens=0, cached=False,
                      attempts=attempts, error=error)


def _parse_body(response: httpx.Response) -> dict:
    try:
        payload = response.json()
    except ValueError:
        raise _Attempt("HTTP 200 with a body that is not JSON", retry=True) from None
    if not isinstance(payload, dict) or not payload.get("choices"):
        raise _Attempt("HTTP 200 without choices", retry=True)
    return payload


def _error_detail(response: httpx.Response) -> str:
    try:
        error = response.json().get("error")
    except (ValueError, AttributeError):
        return response.text[:300] or response.reason_phrase
    if isinstance(error, dict):
        return str(error.get("message") or error)[:300]
    return str(error)[:300] if error else response.reason_phrase


class _ProgressBar:
    """A rich progress bar with ETA on stderr."""

    def __init__(self, total: int):
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

        self._progress = Progress("requests", BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                                  transient=True)
        self._task = self._progress.add_task("requests", total=total)
        self._progress.start()

    def advance(self) -> None:
        self._progress.advance(self._task)

    def stop(self) -> None:
        self._progress.stop()
