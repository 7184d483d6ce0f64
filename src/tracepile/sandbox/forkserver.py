"""Runs inside one bwrap sandbox: preloads the tracer, then forks one child per job (rlimits, seccomp,
a sealed stdin, a fresh scratch dir) and relays its record stream and exit status to the host."""

from __future__ import annotations

import ctypes
import fcntl
import gc
import json
import os
import select
import signal
import sys
import threading

from tracepile.sandbox import channel
from tracepile.sandbox.seccomp import Filter
from tracepile.tracer import harness

CHILD_FD = 3  # the record stream, inside a job child
STDERR_HEAD = 4096
READ_CHUNK = 65536
SCRATCH_ROOTS = ("/tmp", "/dev/shm")
JOB_DIR = "/tmp/job"
PR_SET_PDEATHSIG, PR_SET_DUMPABLE = 1, 4
# imported once here so a job's `import re` costs nothing; none of them runs code at import time
PRELOAD = ("collections", "functools", "itertools", "math", "heapq", "bisect", "re", "string",
           "operator", "copy", "typing", "dataclasses", "fractions", "decimal", "statistics")
# installed libraries the bundled math programs import, loaded here once when present (a job would pay
# about a second for `import sympy`); importing them starts no thread and touches no program state
PRELOAD_IF_INSTALLED = ("sympy",)
SEALS = fcntl.F_SEAL_SEAL | fcntl.F_SEAL_SHRINK | fcntl.F_SEAL_GROW | fcntl.F_SEAL_WRITE


class ForkServer:
    """The sandbox's pid 1 (non-dumpable): owns the control fd to the host, never runs program code."""

    def __init__(self, ctl: int):
        self.ctl = ctl
        self.prctl = ctypes.CDLL(None, use_errno=True).prctl
        self.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)  # job children cannot open /proc/<us>/mem
        os.environ.pop("PWD", None)  # bwrap sets it; a fresh interpreter (process.py) has none
        for name in PRELOAD:
            __import__(name)
        for name in PRELOAD_IF_INSTALLED:
            try:
                __import__(name)
            except ImportError:
                pass  # not installed for this interpreter: a job importing it fails with that reason
        harness.prepare_process()
        self.filter = Filter()
        self.modes = {root: os.stat(root).st_mode for root in SCRATCH_ROOTS}
        # a venv under /tmp: its site-packages is a read-only bind inside the scratch space, kept across jobs
        self.binds = tuple(p for p in sys.path if any(p.startswith(root + "/") for root in SCRATCH_ROOTS))
        _self_test(self.filter)
        gc.collect()
        gc.freeze()  # children share these pages instead of copying them on the next collection

    def serve(self) -> None:
        info = {"pid": os.getpid(), "python": sys.version.split()[0]}
        channel.send(self.ctl, channel.HELLO, json.dumps(info).encode())
        while True:
            kind, payload = channel.read_frame(self.ctl)
            if kind == channel.QUIT:
                return
            if kind != channel.JOB:
                raise channel.ChannelError(f"unexpected frame {kind!r} while idle")
            self.run(json.loads(payload))

    def run(self, job: dict) -> None:
        token = job.pop("token")
        stdin_fd = _sealed_memfd(job.pop("stdin", "").encode("utf-8"))
        err_fd = os.memfd_create("stderr")
        rec_r, rec_w = os.pipe()
        os.mkdir(JOB_DIR, 0o700)
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            self._child(job, token, stdin_fd, err_fd, rec_w)
        os.close(rec_w)
        os.close(stdin_fd)
        channel.send(self.ctl, channel.STARTED)
        status = self._relay(pid, rec_r)
        os.close(rec_r)
        head = os.pread(err_fd, STDERR_HEAD, 0)
        os.close(err_fd)
        clean = self._clean_scratch()
        channel.send(self.ctl, channel.EXITED, channel.EXIT.pack(status, int(clean)) + head)

    def _child(self, job: dict, token: str, stdin_fd: int, err_fd: int, rec_w: int) -> None:
        try:
            os.setsid()
            null = os.open("/dev/null", os.O_WRONLY)
            for source, target in ((stdin_fd, 0), (null, 1), (err_fd, 2), (rec_w, CHILD_FD)):
                os.dup2(source, target)
            os.closerange(CHILD_FD + 1, 1 << 16)  # the control fd and every other job's pipes
            os.chdir(JOB_DIR)
            self.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
            harness.apply_limits(job["limits"])
            self.filter.load(os.getpid())
        except BaseException as exc:  # noqa: BLE001 - never run a job half-confined
            os.write(2, f"sandbox setup failed: {type(exc).__name__}: {exc}\n".encode())
            os._exit(1)
        try:
            harness.stream_job(job, CHILD_FD, token)  # leaves with os._exit(0)
        except BaseException as exc:  # noqa: BLE001 - e.g. the program closed the record fd
            os.write(2, f"{type(exc).__name__}: {exc}\n".encode("utf-8", "backslashreplace"))
        finally:
            os._exit(1)  # never fall back into the fork-server's code

    def _relay(self, pid: int, rec_r: int) -> int:
        """Forward the child's records until it has exited and its stream is drained; obey KILL."""
        pidfd = os.pidfd_open(pid)
        alive, streaming = True, True
        try:
            while alive or streaming:
                watch = [self.ctl] + [rec_r] * streaming + [pidfd] * alive
                ready = select.select(watch, [], [])[0]
                if rec_r in ready:
                    chunk = os.read(rec_r, READ_CHUNK)
                    if chunk:
                        channel.send(self.ctl, channel.RECORDS, chunk)
                    else:
                        streaming = False
                if pidfd in ready:
                    alive = False
                if self.ctl in ready:
                    self._command(pid)
        except BaseException:
            _kill_group(pid)
            raise
        finally:
            os.close(pidfd)
        return os.waitpid(pid, 0)[1]

    def _command(self, pid: int) -> None:
        kind, _ = channel.read_frame(self.ctl)
        if kind != channel.KILL:
            raise channel.ChannelError(f"unexpected frame {kind!r} during a job")
        _kill_group(pid)

    def _clean_scratch(self) -> bool:
        """Empty /tmp and /dev/shm for the next job but for the read-only binds; False if the job left
        something we cannot remove or moved a bind away (the worker is then replaced)."""
        clean = True
        for root, mode in self.modes.items():
            try:
                if os.stat(root).st_mode != mode:
                    os.chmod(root, mode & 0o7777)
                for name in os.listdir(root):
                    _remove(os.path.join(root, name))
            except OSError:
                clean = False
        return clean and all(os.path.ismount(path) for path in self.binds)


def _remove(path: str) -> bool:
    """Remove `path` except the mount points under it (read-only binds); True if one was kept."""
    if os.path.islink(path) or not os.path.isdir(path):
        os.unlink(path)
        return False
    if os.path.ismount(path):
        return True
    kept = False
    for name in os.listdir(path):
        kept |= _remove(os.path.join(path, name))
    if not kept:
        os.rmdir(path)
    return kept


def _sealed_memfd(data: bytes) -> int:
    fd = os.memfd_create("stdin", os.MFD_ALLOW_SEALING)
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]
    fcntl.fcntl(fd, fcntl.F_ADD_SEALS, SEALS)
    os.lseek(fd, 0, os.SEEK_SET)
    return fd


def _kill_group(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def _self_test(seccomp: Filter) -> None:
    """Prove, once per worker, that a loaded filter stops fork and socket but not threads."""
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            seccomp.load(os.getpid())
            code = 3
            for blocked in (os.fork, lambda: __import__("socket").socket()):
                try:
                    blocked()
                    os._exit(3)
                except PermissionError:
                    pass
            code = 2
            thread = threading.Thread(target=lambda: None)
            thread.start()
            thread.join()
            code = 0
        finally:
            os._exit(code)
    code = os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])
    if code != 0:
        reasons = {1: "the filter did not load", 2: "a thread could not start under it",
                   3: "fork or socket still worked under it"}
        raise RuntimeError(f"seccomp self-test failed: {reasons.get(code, f'exit status {code}')}")


def main(ctl: int) -> None:
    """Entry point inside the sandbox (see bwrap.py for the command line)."""
    try:
        server = ForkServer(ctl)
    except BaseException as exc:  # noqa: BLE001 - tell the host why, then stop
        channel.send(ctl, channel.FAILED, f"{type(exc).__name__}: {exc}".encode())
        os._exit(1)
    try:
        server.serve()
    except channel.ChannelError:
        os._exit(0)  # the host closed the channel: nothing is left to do
    except BaseException as exc:  # noqa: BLE001 - e.g. the scratch dir cannot be made
        channel.send(ctl, channel.FAILED, f"{type(exc).__name__}: {exc}".encode())
        os._exit(1)
    os._exit(0)
