"""A loopback OpenAI-compatible stub server for the LLM tests: a script decides each reply (canned texts,
429s, 500s, truncations, slow answers) and every request body it received is recorded."""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable


@dataclass
class Reply:
    """One scripted answer: status, JSON body, headers, and a delay before answering."""

    status: int = 200
    body: dict | None = None
    headers: dict = field(default_factory=dict)
    delay_s: float = 0.0


def completion(texts: list[str], finish_reason: str = "stop", prompt_tokens: int = 10,
               completion_tokens: int | None = None) -> Reply:
    """A 200 chat-completions reply with one choice per text."""
    choices = [{"index": i, "message": {"role": "assistant", "content": t}, "finish_reason": finish_reason}
               for i, t in enumerate(texts)]
    used = completion_tokens if completion_tokens is not None else sum(len(t.split()) for t in texts)
    return Reply(body={"id": "stub", "object": "chat.completion", "choices": choices,
                       "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": used,
                                 "total_tokens": prompt_tokens + used}})


def error(status: int, message: str = "stub error", **headers) -> Reply:
    return Reply(status=status, body={"error": {"message": message}},
                 headers={k.replace("_", "-"): v for k, v in headers.items()})


class StubServer:
    """Serves `script(body, index) -> Reply` on 127.0.0.1; `requests` lists the bodies received, in order."""

    def __init__(self, script: Callable[[dict, int], Reply]):
        self.script = script
        self.requests: list[dict] = []
        self.times: list[float] = []  # when each request arrived
        self.answered: list[float] = []  # when each reply was sent, in reply order
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def __enter__(self) -> "StubServer":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _record(self, body: dict) -> int:
        with self._lock:
            self.requests.append(body)
            self.times.append(time.monotonic())
            return len(self.requests) - 1

    def _handler(self):
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                body["_auth"] = self.headers.get("Authorization")
                body["_path"] = self.path
                reply = stub.script(body, stub._record(body))
                time.sleep(reply.delay_s)
                data = json.dumps(reply.body or {}).encode()
                try:
                    self.send_response(reply.status)
                    for name, value in {"Content-Type": "application/json", **reply.headers}.items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                    self.wfile.flush()
                    stub.answered.append(time.monotonic())
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args):
                pass

        return Handler
