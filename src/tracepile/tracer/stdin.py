"""Standard input for a traced script: a text stream over the real stdin (same encoding and newline
rule as Python's own) that reports each read to the recorder with the exact text it consumed."""

from __future__ import annotations

import builtins
import io
import sys

BUILTIN_INPUT = builtins.input  # bound at import, before any program runs
_getframe = sys._getframe
_REPORT: dict = {}  # RecordingStdin -> the recorder's callback of the run in progress (one at a time)


class RecordingStdin(io.TextIOWrapper):
    """`sys.stdin` while a script is traced. `input()`, `for line in sys.stdin` and `readlines()` all
    read through `readline` (the C iterator of a subclass calls it, and stops at '' without raising
    in a Python frame, exactly like Python's own stdin); reads of `sys.stdin.buffer`, `open(0)` or file
    descriptor 0 bypass it and are not reported (so never narrated)."""

    def __init__(self, stdin: io.TextIOWrapper, on_read):
        super().__init__(stdin.buffer, encoding=stdin.encoding, errors=stdin.errors, newline="\n")
        _REPORT[type(self)] = on_read  # not an attribute: the stream renders like Python's own
        self.mode = "r"

    def _on_read(self, how: str, text: str, frame) -> None:
        _REPORT[RecordingStdin](how, text, frame)

    def readline(self, *args):
        text = super().readline(*args)
        self._on_read("line" if _whole(args) else "part", text, _getframe(1))
        return text

    def read(self, *args):
        text = super().read(*args)
        self._on_read("all" if _whole(args) else "part", text, _getframe(1))
        return text


def _whole(args: tuple) -> bool:
    return not args or args[0] is None or type(args[0]) is int and args[0] < 0


def produced(callee, stdin: RecordingStdin, how: str, text: str) -> tuple[bool, object]:
    """The value a read call returned, from the text it consumed: `input()` drops one final newline
    (and raises EOFError at the end); `sys.stdin.readline()` / `read()` return the text itself."""
    if callee is BUILTIN_INPUT:
        if how != "line" or text == "":
            return False, None
        return True, text[:-1] if text.endswith("\n") else text
    self_ = getattr(callee, "__self__", None)
    func = getattr(callee, "__func__", None)
    if self_ is stdin and func in (RecordingStdin.readline, RecordingStdin.read):
        return True, text
    return False, None
