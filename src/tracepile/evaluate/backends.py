"""Where generations come from: an OpenAI-compatible endpoint (through tracepile.llm.client) or a
local transformers model. Both return, per prompt, its n texts or the error that stopped it."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


class BackendError(RuntimeError):
    """The backend cannot serve this run at all (bad model, key or URL); retrying will not help."""


@dataclass(frozen=True)
class Sampling:
    """How to sample: n paths per prompt (n > 1 for pass@k), temperature, nucleus, length, seed, stops."""

    n: int = 1
    temperature: float = 0.0
    top_p: float = 1.0
    max_tokens: int = 512
    seed: int = 0
    stop: tuple[str, ...] = ()


@dataclass(frozen=True)
class Generation:
    """The texts of one prompt; `tokens` (local models) counts each text's generated tokens."""

    texts: tuple[str, ...]
    error: str | None = None
    tokens: tuple[int, ...] = ()


@dataclass
class EndpointBackend:
    """Chat completions from `endpoint` (a base URL ending in /v1); the key is read from `api_key_env`."""

    endpoint: str
    model: str
    api_key_env: str = "OPENAI_API_KEY"
    concurrency: int = 8
    cache_path: str | None = None
    timeout_s: float = 300
    _client: object = field(default=None, repr=False)

    def describe(self) -> dict:
        return {"backend": "endpoint", "model": self.model, "endpoint": self.endpoint}

    def generate(self, prompts: list[str], sampling: Sampling) -> list[Generation]:
        from tracepile.llm.client import ChatClient, ChatRequest, ConfigurationError

        if self._client is None:
            self._client = ChatClient(self.endpoint, api_key_env=self.api_key_env, concurrency=self.concurrency,
                                      timeout_s=self.timeout_s, cache_path=self.cache_path)
        extra = {"stop": list(sampling.stop)} if sampling.stop else {}
        requests = [ChatRequest(model=self.model, messages=({"role": "user", "content": p},),
                                temperature=sampling.temperature, top_p=sampling.top_p,
                                max_tokens=sampling.max_tokens, n=sampling.n, seed=sampling.seed, extra=extra)
                    for p in prompts]
        try:
            results = self._client.complete_all(requests)
        except ConfigurationError as exc:
            raise BackendError(f"{self.endpoint} refused the run: {exc}") from None
        return [Generation(tuple(r.texts) or ("",) * sampling.n, r.error) for r in results]

    def close(self) -> None:
        if self._client is not None:
            self._client.close()


@dataclass
class LocalBackend:
    """A local transformers model (a folder, a hub name in the cache, or a GGUF file via `gguf_file`);
    chat-templated when its tokenizer has a template. Imports torch/transformers only when used."""

    model: str
    gguf_file: str | None = None
    batch_size: int = 8
    _loaded: tuple = field(default=None, repr=False)

    def describe(self) -> dict:
        return {"backend": "local", "model": self.model, "gguf_file": self.gguf_file}

    def generate(self, prompts: list[str], sampling: Sampling, answer_prefix: str = "") -> list[Generation]:
        """Greedy or sampled continuations; `answer_prefix` opens every reply (a direct-answer probe)."""
        model, tokenizer = self._load()
        texts = [self._render(tokenizer, p) + answer_prefix for p in prompts]
        out = []
        for start in range(0, len(texts), self.batch_size):
            out += self._batch(model, tokenizer, texts[start:start + self.batch_size], sampling)
        return out

    def close(self) -> None:
        self._loaded = None

    def _load(self):
        if self._loaded is None:
            import torch
            from transformers import AutoModelForCausalLM, AutoTokenizer

            options = {"gguf_file": self.gguf_file} if self.gguf_file else {}
            tokenizer = AutoTokenizer.from_pretrained(self.model, **options)
            tokenizer.padding_side = "left"
            if tokenizer.pad_token is None:
                tokenizer.pad_token = tokenizer.eos_token
            model = AutoModelForCausalLM.from_pretrained(self.model, **options).eval()
            if torch.cuda.is_available():
                model = model.to("cuda")
            self._loaded = (model, tokenizer)
        return self._loaded

    @staticmethod
    def _render(tokenizer, prompt: str) -> str:
        if getattr(tokenizer, "chat_template", None):
            return tokenizer.apply_chat_template([{"role": "user", "content": prompt}], tokenize=False,
                                                 add_generation_prompt=True)
        return prompt

    @staticmethod
    def _batch(model, tokenizer, texts: list[str], sampling: Sampling) -> list[Generation]:
        import torch

        torch.manual_seed(sampling.seed)
        encoded = tokenizer(texts, return_tensors="pt", padding=True, add_special_tokens=False).to(model.device)
        sample = sampling.temperature > 0
        with torch.no_grad():
            output = model.generate(**encoded, max_new_tokens=sampling.max_tokens, do_sample=sample,
                                    temperature=sampling.temperature if sample else None,
                                    top_p=sampling.top_p if sample else None, top_k=None,
                                    num_return_sequences=sampling.n, pad_token_id=tokenizer.pad_token_id,
                                    stop_strings=list(sampling.stop) or None, tokenizer=tokenizer)
        width = encoded["input_ids"].shape[1]
        decoded = tokenizer.batch_decode(output[:, width:], skip_special_tokens=True)
        counts = [_generated_tokens(row, {tokenizer.eos_token_id, tokenizer.pad_token_id}) for row in output[:, width:]]
        return [Generation(tuple(decoded[i * sampling.n:(i + 1) * sampling.n]), None,
                           tuple(counts[i * sampling.n:(i + 1) * sampling.n])) for i in range(len(texts))]


def _generated_tokens(row, ends: set) -> int:
    """Tokens generated before the first end-of-text or padding token (the whole row if none)."""
    ids = row.tolist()
    return next((i for i, token in enumerate(ids) if token in ends), len(ids))


def sampling_dict(sampling: Sampling) -> dict:
    return asdict(sampling)
