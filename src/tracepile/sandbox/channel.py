"""The wire formats of the bwrap sandbox: frames between host and fork-server, and the job's record
stream (one JSON line per record, then one end line) with the checks that reject a forged stream."""

from __future__ import annotations

import json
import os
import struct

HEADER = struct.Struct(">cI")  # frame type, payload length
MAX_FRAME = 64 << 20  # a job (code and stdin) may be large; frames from the fork-server are small

# host -> fork-server
JOB, KILL, QUIT = b"J", b"K", b"Q"
# fork-server -> host
HELLO, STARTED, RECORDS, EXITED, FAILED = b"H", b"S", b"R", b"X", b"F"
EXIT = struct.Struct(">iB")  # wait status, 1 if the scratch space was left clean

END_KEY = "end"


class ChannelError(Exception):
    """The peer broke the frame protocol or closed the channel; the message says how."""


class StreamError(Exception):
    """The record stream is not what the harness writes: the job tampered with it."""


def frame(kind: bytes, payload: bytes = b"") -> bytes:
    if len(payload) > MAX_FRAME:
        raise ChannelError(f"frame of {len(payload)} bytes exceeds {MAX_FRAME}")
    return HEADER.pack(kind, len(payload)) + payload


def send(fd: int, kind: bytes, payload: bytes = b"") -> None:
    view = memoryview(frame(kind, payload))
    while view:
        view = view[os.write(fd, view):]


def read_frame(fd: int) -> tuple[bytes, bytes]:
    """Blocking read of one whole frame from a raw fd (fork-server side)."""
    kind, length = HEADER.unpack(_read_exact(fd, HEADER.size))
    if length > MAX_FRAME:
        raise ChannelError(f"frame of {length} bytes exceeds {MAX_FRAME}")
    return kind, _read_exact(fd, length)


def _read_exact(fd: int, size: int) -> bytes:
    parts, left = [], size
    while left:
        chunk = os.read(fd, left)
        if not chunk:
            raise ChannelError("channel closed")
        parts.append(chunk)
        left -= len(chunk)
    return b"".join(parts)


class FrameReader:
    """Incremental frame parser for the host: feed bytes, take whole frames."""

    def __init__(self):
        self._buffer = bytearray()

    def feed(self, data: bytes) -> list[tuple[bytes, bytes]]:
        self._buffer += data
        frames = []
        while len(self._buffer) >= HEADER.size:
            kind, length = HEADER.unpack_from(self._buffer)
            if length > MAX_FRAME:
                raise ChannelError(f"frame of {length} bytes exceeds {MAX_FRAME}")
            if len(self._buffer) < HEADER.size + length:
                break
            frames.append((kind, bytes(self._buffer[HEADER.size:HEADER.size + length])))
            del self._buffer[:HEADER.size + length]
        return frames


# ---------------------------------------------------------------- the job's record stream

def end_line(token: str, count: int, result: dict, encode) -> bytes:
    """The last line the harness writes: the token, how many records came before, the result."""
    return (encode({END_KEY: token, "count": count, "result": result}) + "\n").encode("ascii")


def parse_stream(data: bytes, token: str) -> tuple[list, dict | None]:
    """Records and the end line's result (None if the job died before the end line).
    Raises StreamError for anything the harness would not have written."""
    lines = data.split(b"\n")
    if lines[-1]:
        lines[-1:] = []  # a partial line cut by a kill: everything before it was committed
    else:
        lines.pop()
    records, result = [], None
    for number, line in enumerate(lines):
        item = _decode(line, number)
        if isinstance(item, list):
            if result is not None:
                raise StreamError(f"line {number + 1} follows the end line")
            records.append(item)
            continue
        if result is not None:
            raise StreamError(f"a second end line at line {number + 1}")
        result = _check_end(item, token, len(records))
    return records, result


def _decode(line: bytes, number: int):
    try:
        item = json.loads(line)
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise StreamError(f"line {number + 1} is not JSON") from None
    if isinstance(item, list):
        if not item or not isinstance(item[0], str) or len(item[0]) != 1:
            raise StreamError(f"line {number + 1} is not a trace record")
        return item
    if isinstance(item, dict) and END_KEY in item:
        return item
    raise StreamError(f"line {number + 1} is neither a record nor the end line")


def _check_end(item: dict, token: str, count: int) -> dict:
    if item.get(END_KEY) != token:
        raise StreamError("the end line carries the wrong token")
    if item.get("count") != count:
        raise StreamError(f"the end line counts {item.get('count')!r} records, the stream has {count}")
    result = item.get("result")
    if not isinstance(result, dict) or not isinstance(result.get("status"), str):
        raise StreamError("the end line has no result")
    return result
