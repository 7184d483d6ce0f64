"""A loopback OpenAI-compatible chat server for tests: `serve(answer)` answers every chat request
with `answer(last user message)`; the CRUXEval oracles know the benchmark's true answers."""

from __future__ import annotations

import contextlib
import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

_BLOCK = re.compile(r"\[PYTHON\]\n(.*?)\n\[/PYTHON\]", re.S)


@contextlib.contextmanager
def serve(answer):
    """A running server on 127.0.0.1; yields its base URL (…/v1) and records request bodies."""
    requests: list[dict] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 - http.server's name
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            requests.append(body)
            content = body["messages"][-1]["content"]
            text = content if isinstance(content, str) else content[0]["text"]
            choices = [{"index": i, "message": {"role": "assistant", "content": answer(text)},
                        "finish_reason": "stop"} for i in range(body.get("n", 1))]
            payload = json.dumps({"id": "oracle", "object": "chat.completion", "model": body.get("model"),
                                  "choices": choices, "usage": {"prompt_tokens": len(text.split()),
                                                                "completion_tokens": 5, "total_tokens": 0}})
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload.encode())

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/v1", requests
    finally:
        server.shutdown()
        server.server_close()


def cruxeval_oracle(items, wrong: bool = False):
    """Answers a CRUXEval prompt with the item's true assertion (or a wrong one) in [ANSWER] tags."""
    by_output = {(i.code, i.input): i for i in items}
    by_input = {(i.code, i.output): i for i in items}

    def answer(prompt: str) -> str:
        code, assertion = _BLOCK.findall(prompt)[-1].rsplit("\n", 1)
        if "f(??)" in assertion:
            item = by_input[(code, assertion.split(" == ", 1)[1])]
            call = f"(f({item.input}), [{item.output}])[1]" if wrong else f"f({item.input})"
            return f"[ANSWER]\nassert {call} == {item.output}\n[/ANSWER]"
        item = by_output[(code, assertion[len("assert f("):-len(") == ??")])]
        value = f"[{item.output}]" if wrong else item.output
        return f"[ANSWER]\nassert f({item.input}) == {value}\n[/ANSWER]"

    return answer
