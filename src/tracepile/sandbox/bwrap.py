"""Host side of the bubblewrap sandbox: the allow-list command line, one fork-server worker per
sandbox, the deadline and byte caps of each job, and a thread-safe pool that recycles workers."""

from __future__ import annotations

import functools
import itertools
import json
import os
import platform
import queue
import secrets
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import tracepile
from tracepile.model import Limits
from tracepile.sandbox import channel
from tracepile.sandbox.base import Executor, SandboxError, SandboxUnavailable
from tracepile.sandbox.process import MAX_RESULT_BYTES, Job, RawResult, _death_reason, child_env

PACKAGE_DIR = str(Path(tracepile.__file__).resolve().parent)
PACKAGE_MOUNT = "/opt/tracepile"  # the package is bound at PACKAGE_MOUNT/tracepile wherever it lives on the host
SCRATCH = ("/tmp", "/dev/shm")  # fresh tmpfs mounts inside: nothing of the host's is visible there
BOOT = ("import sys; sys.path[:0] = [sys.argv[1]]; "
        "from tracepile.sandbox.libraries import expose_site_packages; "
        "expose_site_packages(sys.argv[4].split(':') if sys.argv[4] else []); "
        "from tracepile.sandbox.forkserver import main; main(int(sys.argv[2]))")
INFO = ("import json, os, sys; sys.path.insert(0, sys.argv[1]); "
        "from tracepile.sandbox.libraries import base_site_packages, site_packages, top_level_modules; "
        "print(json.dumps({'executable': os.path.realpath(sys.executable), 'version': list(sys.version_info[:2]), "
        "'prefixes': [sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix], "
        "'site': site_packages(), 'base_site': base_site_packages(), 'stdlib': sorted(sys.stdlib_module_names), "
        "'modules': top_level_modules(site_packages())}))")
START_TIMEOUT_S = 20.0
KILL_GRACE_S = 1.0
STDERR_HEAD = 4096
SYSTEM_LINKS = ("/bin", "/sbin", "/lib", "/lib64", "/lib32", "/libx32")
PRIVATE = ("/etc", "/home", "/root", "/var", os.path.expanduser("~"))  # never bound as a whole
_worker_ids = itertools.count(1)


class WorkerLost(Exception):
    """The worker died before the job started: the job can be retried on a fresh worker."""


# ---------------------------------------------------------------- the command line


@dataclass(frozen=True)
class Interpreter:
    """What the sandbox must expose for one Python: its real executable and its installation."""

    executable: str
    version: tuple[int, int]
    roots: tuple[str, ...]  # prefixes bound read-only (besides /usr)
    site: tuple[str, ...]  # its (venv's) site-packages: bound read-only, on sys.path (no .pth hooks)
    hidden: tuple[str, ...] = ()  # the base installation's site-packages when a venv does not import them
    stdlib: frozenset[str] = frozenset()  # its standard library's top-level module names
    modules: frozenset[str] = frozenset()  # the top-level modules and packages in `site`


@functools.lru_cache(maxsize=16)
def interpreter(python: str) -> Interpreter:
    """Ask `python` where it lives (once per path); SandboxError if it cannot run or is too old."""
    try:
        out = subprocess.run([python, "-S", "-s", "-B", "-c", INFO, os.path.dirname(PACKAGE_DIR)], env={},
                             capture_output=True,
                             timeout=30, check=True).stdout
        info = json.loads(out)
    except (OSError, subprocess.SubprocessError, ValueError) as exc:
        raise SandboxError(f"cannot inspect the interpreter {python!r}: {exc}") from None
    version = tuple(info["version"])
    if version < (3, 10):
        raise SandboxError(f"the sandbox needs Python 3.10+, {python!r} is {version[0]}.{version[1]}")
    roots = [os.path.realpath(p) for p in info["prefixes"]]
    roots.append(os.path.dirname(info["executable"]))
    executable_dir = os.path.dirname(info["executable"])
    if any(_inside(executable_dir, scratch) for scratch in SCRATCH):
        raise SandboxError(f"{python!r} is installed under {executable_dir}, which the sandbox replaces with "
                           f"its own scratch space; use an interpreter installed elsewhere")
    roots = _outermost(roots, exclude=("/usr", *SCRATCH))  # a venv under /tmp: its python is elsewhere
    for root in roots:
        exposed = [p for p in PRIVATE if _inside(p, root)]
        if exposed:
            raise SandboxError(f"{python!r} lives under {root}, and binding it would expose {exposed[0]}")
    site = tuple(p for p in info["site"] if os.path.isdir(p))
    for path in site:
        exposed = [p for p in PRIVATE if _inside(p, path)]
        if exposed or ":" in path:
            raise SandboxError(f"{python!r} imports from {path}, which the sandbox cannot bind"
                               + (f" without exposing {exposed[0]}" if exposed else " (a ':' in the path)"))
    hidden = tuple(p for p in info["base_site"] if p not in site and os.path.isdir(p))
    return Interpreter(info["executable"], version, roots, site, hidden, frozenset(info["stdlib"]),
                       frozenset(info["modules"]))


def _outermost(paths: list[str], exclude: tuple[str, ...]) -> tuple[str, ...]:
    """Distinct paths with none inside another or inside an excluded root."""
    kept: list[str] = []
    for path in sorted(set(paths), key=len):
        if not any(_inside(path, root) for root in [*exclude, *kept]):
            kept.append(path)
    return tuple(kept)


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip("/") + "/")


def find_bwrap() -> str:
    path = shutil.which("bwrap", path=os.pathsep.join(
        [os.environ.get("PATH", ""), "/usr/bin", "/bin", "/usr/local/bin"]))
    if path is None:
        raise SandboxUnavailable("bwrap (bubblewrap) is not installed")
    return path


def sandbox_command(bwrap: str, interp: Interpreter, seed: int, scratch_mb: int, ctl_fd: int,
                    worker_id: int) -> list[str]:
    """bwrap with an allow-list of read-only binds, every namespace unshared, no capabilities,
    sized scratch space, a root remounted read-only last, and only `child_env(seed)` inside.
    `--as-pid-1`: the (non-dumpable) fork-server is pid 1, so no bwrap reaper whose descriptors
    (its stderr is a host file) a job could open through /proc/1/fd."""
    cmd = [bwrap, "--unshare-all", "--as-pid-1", "--die-with-parent", "--new-session", "--cap-drop",
           "ALL", "--hostname", "tracepile", "--ro-bind", "/usr", "/usr"]
    for link in SYSTEM_LINKS:
        if os.path.islink(link):
            cmd += ["--symlink", os.readlink(link), link]
        elif os.path.isdir(link):
            cmd += ["--ro-bind", link, link]
    if os.path.exists("/etc/ld.so.cache"):
        cmd += ["--ro-bind", "/etc/ld.so.cache", "/etc/ld.so.cache"]
    bound = ["/usr", *interp.roots]
    for root in interp.roots:
        cmd += ["--ro-bind", root, root]
    cmd += ["--proc", "/proc", "--dev", "/dev",  # scratch first: a venv's site-packages under /tmp binds over it
            "--size", str(1 << 20), "--tmpfs", "/dev/shm",
            "--size", str(scratch_mb << 20), "--tmpfs", "/tmp"]
    hidden = [s for s in interp.hidden if any(_inside(s, r) for r in bound)]
    for site in hidden:
        cmd += ["--size", "4096", "--tmpfs", site]
    for site in interp.site:
        if not any(_inside(site, root) for root in bound) or any(_inside(site, h) for h in hidden):
            cmd += ["--ro-bind", site, site]
    cmd += ["--ro-bind", PACKAGE_DIR, f"{PACKAGE_MOUNT}/tracepile"]  # any checkout or install location
    for site in hidden:
        cmd += ["--remount-ro", site]
    cmd += ["--chdir", "/tmp", "--clearenv"]
    for name, value in child_env(seed).items():
        cmd += ["--setenv", name, value]
    cmd += ["--remount-ro", "/", "--", interp.executable, "-S", "-s", "-B", "-c", BOOT,
            PACKAGE_MOUNT, str(ctl_fd), f"tracepile-worker-{os.getpid()}-{worker_id}", ":".join(interp.site)]
    return cmd


# ---------------------------------------------------------------- one worker


@dataclass
class _Collected:
    """What came back from the fork-server for one job."""

    started: bool = False
    stream: bytearray = field(default_factory=bytearray)
    exit: tuple[int, bool, bytes] | None = None  # wait status, scratch left clean, stderr head
    timed_out: bool = False
    too_big: bool = False
    lost: str = ""  # why the worker stopped answering, if it did


class Worker:
    """One bwrap sandbox running the fork-server; used by one thread at a time."""

    def __init__(self, bwrap: str, interp: Interpreter, seed: int, scratch_mb: int):
        self.key = (interp, seed)
        self.id = next(_worker_ids)
        self.marker = f"tracepile-worker-{os.getpid()}-{self.id}"
        self._errors = tempfile.TemporaryFile()
        self._sock, inner = socket.socketpair()
        cmd = sandbox_command(bwrap, interp, seed, scratch_mb, inner.fileno(), self.id)
        try:
            self._proc = subprocess.Popen(cmd, env={}, stdin=subprocess.DEVNULL,
                                          stdout=subprocess.DEVNULL, stderr=self._errors,
                                          pass_fds=(inner.fileno(),), start_new_session=True)
        except OSError as exc:
            self._sock.close()
            self._errors.close()
            raise SandboxUnavailable(f"cannot run {bwrap}: {exc}") from None
        finally:
            inner.close()
        self._poll = select.poll()  # not select.select: a busy host may hold fds beyond 1024
        self._poll.register(self._sock, select.POLLIN)
        self._reader = channel.FrameReader()
        self.hello = self._await_hello()

    def _await_hello(self) -> dict:
        deadline = time.monotonic() + START_TIMEOUT_S
        try:
            while True:
                left = deadline - time.monotonic()
                data = self._recv(left) if left > 0 else None
                if not data:
                    why = "it did not answer" if data is None else "it exited"
                    raise SandboxUnavailable(f"the sandbox did not start ({why}): {self._error_text()}")
                for kind, payload in self._reader.feed(data):
                    text = payload.decode("utf-8", "backslashreplace")
                    if kind == channel.HELLO:
                        return json.loads(text)
                    raise SandboxUnavailable(f"the sandbox did not start: {text} {self._error_text()}")
        except (channel.ChannelError, ValueError) as exc:
            self.kill()
            raise SandboxUnavailable(f"the sandbox did not start: {exc}") from None
        except BaseException:
            self.kill()
            raise

    def _recv(self, timeout: float) -> bytes | None:
        """Bytes from the fork-server, b"" at end of stream, None if nothing came in time."""
        if not self._poll.poll(max(timeout, 0) * 1000):
            return None
        try:
            return self._sock.recv(1 << 20)
        except OSError:
            return b""

    def _error_text(self) -> str:
        try:
            self._errors.seek(0)
            return self._errors.read(2000).decode("utf-8", "backslashreplace").strip()
        except (OSError, ValueError):
            return ""

    def run(self, job: Job) -> tuple[RawResult, bool]:
        """Run one job; the flag says whether this worker may take another one."""
        token = secrets.token_hex(16)
        payload = json.dumps({
            "code": job.code, "kind": job.kind, "text": job.text, "seed": job.seed,
            "backend": job.backend, "limits": asdict(job.limits), "token": token, "setup": job.setup,
            "stdin": job.text if job.kind == "stdin" else "",
        }).encode("utf-8")
        if len(payload) > channel.MAX_FRAME:
            return RawResult("error", f"job larger than {channel.MAX_FRAME} bytes", {}, "", 0.0), True
        started = time.perf_counter()
        try:
            self._sock.sendall(channel.frame(channel.JOB, payload))
        except OSError as exc:
            raise WorkerLost(f"cannot send the job: {exc}") from None
        collected = self._collect(job.limits.timeout_s)
        return _raw_result(collected, token, job.limits, time.perf_counter() - started)

    def _collect(self, timeout_s: float) -> _Collected:
        got = _Collected()
        deadline = time.monotonic() + timeout_s
        kill_by = None
        while got.exit is None and not got.lost:
            now = time.monotonic()
            if kill_by is None and now >= deadline:
                got.timed_out, kill_by = True, self._request_kill(now)
            if kill_by is not None and now >= kill_by:
                got.lost = "the fork-server did not answer the kill"
                break
            data = self._recv((kill_by or deadline) - now)
            if data is None:
                continue
            if not data:
                got.lost = "the worker exited"
                break
            try:
                frames = self._reader.feed(data)
            except channel.ChannelError as exc:
                got.lost = str(exc)
                break
            for kind, payload in frames:
                _take(got, kind, payload)
            if got.too_big and kill_by is None:
                kill_by = self._request_kill(time.monotonic())
        return got

    def _request_kill(self, now: float) -> float:
        try:
            self._sock.sendall(channel.frame(channel.KILL))
        except OSError:
            pass
        return now + KILL_GRACE_S

    def kill(self) -> None:
        """SIGKILL the sandbox and wait until it is gone: the fork-server (pid 1 inside) dies with
        the outer bwrap (--die-with-parent) and the kernel kills every process of its namespace."""
        inner = _pidfds(_children(self._proc.pid)) if self._proc.poll() is None else []
        try:
            if self._proc.poll() is None:
                try:
                    os.killpg(self._proc.pid, signal.SIGKILL)
                except (ProcessLookupError, PermissionError):
                    pass
            self._proc.wait()
            _wait_readable(inner, KILL_GRACE_S * 2)
        finally:
            for fd in inner:
                os.close(fd)
            self._sock.close()
            self._errors.close()

    def close(self) -> None:
        """Ask the fork-server to leave; kill the sandbox if it does not within a second."""
        try:
            self._sock.sendall(channel.frame(channel.QUIT))
            self._proc.wait(timeout=1.0)
        except (OSError, subprocess.TimeoutExpired):
            pass
        self.kill()


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as fh:
            return [int(p) for p in fh.read().split()]
    except (OSError, ValueError):
        return []


def _pidfds(pids: list[int]) -> list[int]:
    fds = []
    for pid in pids:
        try:
            fds.append(os.pidfd_open(pid))
        except OSError:
            pass
    return fds


def _wait_readable(fds: list[int], timeout: float) -> None:
    """Wait until every pidfd says its process exited (or `timeout` passed)."""
    deadline = time.monotonic() + timeout
    for fd in fds:
        waiter = select.poll()
        waiter.register(fd, select.POLLIN)
        left = deadline - time.monotonic()
        if left <= 0 or not waiter.poll(left * 1000):
            return


def _take(got: _Collected, kind: bytes, payload: bytes) -> None:
    if kind == channel.STARTED:
        got.started = True
    elif kind == channel.RECORDS:
        if got.too_big or len(got.stream) + len(payload) > MAX_RESULT_BYTES:
            got.too_big = True
        else:
            got.stream += payload
    elif kind == channel.EXITED and len(payload) >= channel.EXIT.size:
        status, clean = channel.EXIT.unpack_from(payload)
        got.exit = (status, bool(clean), payload[channel.EXIT.size:channel.EXIT.size + STDERR_HEAD])
    elif kind == channel.FAILED:
        got.lost = "the fork-server failed: " + payload.decode("utf-8", "backslashreplace")[:500]
    else:
        got.lost = f"unexpected frame {kind!r} from the fork-server"


def _raw_result(got: _Collected, token: str, limits: Limits, seconds: float) -> tuple[RawResult, bool]:
    """The RawResult process.py would give for the same ending, and whether the worker is reusable."""
    err = got.exit[2].decode("utf-8", "backslashreplace") if got.exit else ""
    if not got.started and got.exit is None and not got.timed_out:
        raise WorkerLost(got.lost or "the worker died before the job started")
    if got.timed_out:
        return RawResult("timeout", f"wall-clock deadline of {limits.timeout_s:g} s exceeded",
                         _partial(got.stream, token), err, seconds), False
    if got.too_big:
        return RawResult("limit", f"trace larger than {MAX_RESULT_BYTES} bytes", {}, err, seconds), False
    if got.exit is None:
        return RawResult("crash", f"the sandbox worker died during the job ({got.lost})",
                         _partial(got.stream, token), err, seconds), False
    status, clean, _ = got.exit
    try:
        records, result = channel.parse_stream(bytes(got.stream), token)
    except channel.StreamError as exc:
        return RawResult("crash", f"the program tampered with the tracer's channel: {exc}", {}, err,
                         seconds), False
    returncode = os.waitstatus_to_exitcode(status)
    if returncode != 0 or result is None:
        data = {"records": records} if records else {}
        return RawResult(*_death_reason(returncode, err, limits), data, err, seconds), False
    result["records"] = records
    return RawResult(result["status"], result.get("reason", ""), result, err, seconds), clean


def _partial(stream: bytearray, token: str) -> dict:
    """Every record committed before a kill (none if the stream was tampered with)."""
    try:
        records, _ = channel.parse_stream(bytes(stream), token)
    except channel.StreamError:
        return {}
    return {"records": records} if records else {}


# ---------------------------------------------------------------- the pool


class _Spawner:
    """Starts every worker from one long-lived thread: bwrap --die-with-parent kills a sandbox when
    the thread that started it exits, and pipeline threads come and go."""

    def __init__(self):
        self._queue: queue.SimpleQueue = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._closed = False
        threading.Thread(target=self._loop, name="tracepile-bwrap-spawner", daemon=True).start()

    def call(self, fn, *args):
        box: dict = {}
        done = threading.Event()
        with self._lock:
            if self._closed:
                raise SandboxError("the executor is closed")
            self._queue.put((fn, args, box, done))
        done.wait()
        if "error" in box:
            raise box["error"]
        return box["value"]

    def _loop(self) -> None:
        while True:
            item = self._queue.get()
            if item is None:
                return
            fn, args, box, done = item
            try:
                box["value"] = fn(*args)
            except BaseException as exc:  # noqa: BLE001 - handed to the caller
                box["error"] = exc
            finally:
                done.set()

    def close(self) -> None:
        with self._lock:
            self._closed = True
            self._queue.put(None)  # after every call already queued


class BwrapExecutor(Executor):
    """Up to `workers` bwrap sandboxes, each a fork-server that forks one confined child per job.
    A worker serves jobs of one interpreter and hash seed; it is replaced after any timeout, crash
    or anomaly. Thread-safe; the probe worker started here raises SandboxUnavailable if bwrap fails."""

    name = "bwrap"

    def __init__(self, workers: int = 1, scratch_mb: int = 64, python: str = sys.executable):
        if platform.machine() != "x86_64":
            raise SandboxUnavailable(f"the seccomp filter supports x86_64 only, not {platform.machine()}")
        self._bwrap = find_bwrap()
        self._workers, self._scratch_mb = workers, scratch_mb
        self._cond = threading.Condition()
        self._idle: list[Worker] = []
        self._count = 0
        self._closed = False
        self._spawner = _Spawner()
        self._pid = os.getpid()  # workers, sockets and the spawner thread do not survive a fork
        self.stats = {"workers_started": 0, "workers_recycled": 0, "jobs": 0}
        try:
            self._count += 1
            self._release(self._spawn(self._key(python, 0)), True)
        except BaseException:
            self._count -= 1
            self.close()
            raise

    def __call__(self, job: Job) -> RawResult:
        if os.getpid() != self._pid:
            raise SandboxError("a BwrapExecutor cannot be used in a forked child: make one per process")
        key = self._key(job.python, job.seed)
        for attempt in (1, 2):
            worker = self._acquire(key)
            try:
                result, reusable = worker.run(job)
            except WorkerLost as lost:
                self._release(worker, False)
                if attempt == 2:
                    raise SandboxError(f"sandbox workers keep dying before a job starts: {lost}") from None
                continue
            except BaseException:
                self._release(worker, False)
                raise
            with self._cond:
                self.stats["jobs"] += 1
            self._release(worker, reusable)
            return result
        raise AssertionError("unreachable")

    def _key(self, python: str, seed: int) -> tuple[Interpreter, int]:
        return interpreter(python), seed % 4294967296

    def _acquire(self, key) -> Worker:
        evicted = None
        with self._cond:
            while True:
                if self._closed:
                    raise SandboxError("the executor is closed")
                for index, worker in enumerate(self._idle):
                    if worker.key == key:
                        return self._idle.pop(index)
                if self._count < self._workers:
                    self._count += 1
                    break
                if self._idle:
                    evicted = self._idle.pop(0)  # its slot passes to the new worker
                    break
                self._cond.wait()
        if evicted is not None:
            evicted.close()
        try:
            return self._spawn(key)
        except BaseException:
            with self._cond:
                self._count -= 1
                self._cond.notify()
            raise

    def _spawn(self, key) -> Worker:
        interp, seed = key
        worker = self._spawner.call(Worker, self._bwrap, interp, seed, self._scratch_mb)
        with self._cond:
            self.stats["workers_started"] += 1
        return worker

    def _release(self, worker: Worker, reusable: bool) -> None:
        with self._cond:
            self._cond.notify()
            if reusable and not self._closed:
                self._idle.append(worker)
                return
            self._count -= 1
            self.stats["workers_recycled"] += 1
        worker.kill()

    def close(self) -> None:
        with self._cond:
            if self._closed:
                return
            self._closed = True
            idle, self._idle = self._idle, []
            self._count -= len(idle)
            self._cond.notify_all()
        for worker in idle:
            worker.close()
        self._spawner.close()
