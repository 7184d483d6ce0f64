"""The seccomp filter every sandboxed job loads: no new processes, exec, sockets, tracing or IPC.
A small classic-BPF assembler over the kernel ABI (x86_64); built once, loaded with one prctl."""

from __future__ import annotations

import ctypes
import errno
import platform
import struct

# struct seccomp_data: int nr; u32 arch; u64 instruction_pointer; u64 args[6] (little-endian)
OFFSET_NR, OFFSET_ARCH, OFFSET_ARG0 = 0, 4, 16
AUDIT_ARCH_X86_64 = 0xC000003E
X32_SYSCALL_BIT = 0x40000000

RET_KILL_PROCESS = 0x80000000
RET_ERRNO = 0x00050000
RET_ALLOW = 0x7FFF0000

LD_W_ABS = 0x20   # BPF_LD | BPF_W | BPF_ABS
JEQ_K = 0x15      # BPF_JMP | BPF_JEQ | BPF_K
JGE_K = 0x35      # BPF_JMP | BPF_JGE | BPF_K
JSET_K = 0x45     # BPF_JMP | BPF_JSET | BPF_K
RET_K = 0x06      # BPF_RET | BPF_K

CLONE_THREAD = 0x00010000
CLONE_NAMESPACES = 0x7E020000  # NEWNS | NEWCGROUP | NEWUTS | NEWIPC | NEWUSER | NEWPID | NEWNET

PR_SET_NO_NEW_PRIVS, PR_SET_SECCOMP, SECCOMP_MODE_FILTER = 38, 22, 2

# x86_64 numbers (arch/x86/entry/syscalls/syscall_64.tbl); every one answers EPERM
DENIED_X86_64 = {
    "fork": 57, "vfork": 58, "execve": 59, "execveat": 322,
    "socket": 41, "socketpair": 53, "connect": 42, "accept": 43, "bind": 49, "listen": 50,
    "accept4": 288,
    "ptrace": 101, "process_vm_readv": 310, "process_vm_writev": 311, "kcmp": 312,
    "pidfd_open": 434, "pidfd_send_signal": 424, "pidfd_getfd": 438, "process_madvise": 440,
    "tkill": 200, "rt_sigqueueinfo": 129, "rt_tgsigqueueinfo": 297,
    "unshare": 272, "setns": 308, "mount": 165, "umount2": 166, "pivot_root": 155, "chroot": 161,
    "open_tree": 428, "move_mount": 429, "fsopen": 430, "fsconfig": 431, "fsmount": 432,
    "fspick": 433, "mount_setattr": 442,
    "bpf": 321, "perf_event_open": 298, "userfaultfd": 323, "personality": 135,
    "keyctl": 250, "add_key": 248, "request_key": 249,
    "io_uring_setup": 425, "io_uring_enter": 426, "io_uring_register": 427,
    "open_by_handle_at": 304, "name_to_handle_at": 303,
    "shmget": 29, "shmat": 30, "shmctl": 31, "semget": 64, "semop": 65, "semctl": 66,
    "semtimedop": 220, "msgget": 68, "msgsnd": 69, "msgrcv": 70, "msgctl": 71,
    "mq_open": 240, "mq_unlink": 241, "mq_timedsend": 242, "mq_timedreceive": 243,
    "mq_notify": 244, "mq_getsetattr": 245,
    "reboot": 169, "kexec_load": 246, "kexec_file_load": 320, "init_module": 175,
    "finit_module": 313, "delete_module": 176, "iopl": 172, "ioperm": 173, "swapon": 167,
    "swapoff": 168, "quotactl": 179, "acct": 163, "syslog": 103, "vhangup": 153,
}
CLONE, CLONE3, KILL, TGKILL = 56, 435, 62, 234


class SeccompUnsupported(RuntimeError):
    """This machine cannot load the filter (architecture or kernel); the message says which."""


def _assemble(program: list[tuple]) -> tuple[bytes, dict[str, int]]:
    """`program` holds labels (str) and instructions (code, k, jump-if-true, jump-if-false), where
    a jump is a label or None (next instruction). Returns the bytes and each label's index."""
    labels, code = {}, []
    for item in program:
        if isinstance(item, str):
            labels[item] = len(code)
        else:
            code.append(item)
    out = bytearray()
    for index, (op, k, jt, jf) in enumerate(code):
        out += struct.pack("=HBBI", op, _offset(labels, jt, index), _offset(labels, jf, index), k)
    return bytes(out), labels


def _offset(labels: dict[str, int], target: str | None, index: int) -> int:
    if target is None:
        return 0
    offset = labels[target] - index - 1
    if not 0 <= offset <= 255:
        raise ValueError(f"BPF jump to {target!r} out of range ({offset})")
    return offset


def build_program() -> tuple[bytes, int]:
    """The filter for x86_64 and the byte offset of the 'own pid' constant patched in per job."""
    program: list = [
        (LD_W_ABS, OFFSET_ARCH, None, None),
        (JEQ_K, AUDIT_ARCH_X86_64, None, "kill"),
        (LD_W_ABS, OFFSET_NR, None, None),
        (JGE_K, X32_SYSCALL_BIT, "deny", None),
        (JEQ_K, CLONE, "clone", None),
        (JEQ_K, CLONE3, "enosys", None),
        (JEQ_K, KILL, "own_pid", None),
        (JEQ_K, TGKILL, "own_pid", None),
    ]
    program += [(JEQ_K, nr, "deny", None) for nr in sorted(DENIED_X86_64.values())]
    program += [
        (RET_K, RET_ALLOW, None, None),
        "clone",  # a thread (CLONE_THREAD, no new namespace) is fine; a new process is not
        (LD_W_ABS, OFFSET_ARG0, None, None),
        (JSET_K, CLONE_NAMESPACES, "deny", None),
        (JSET_K, CLONE_THREAD, "allow", "deny"),
        "own_pid",  # kill/tgkill only to the job itself; the pid is patched in after fork
        (LD_W_ABS, OFFSET_ARG0, None, None),
        "pid",
        (JEQ_K, 0, "allow", "deny"),
        "allow", (RET_K, RET_ALLOW, None, None),
        "deny", (RET_K, RET_ERRNO | errno.EPERM, None, None),
        "enosys", (RET_K, RET_ERRNO | errno.ENOSYS, None, None),  # glibc falls back to clone
        "kill", (RET_K, RET_KILL_PROCESS, None, None),
    ]
    data, labels = _assemble(program)
    return data, labels["pid"] * 8 + 4


class _SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]


class Filter:
    """A pre-built filter: construct once (in the fork-server), `load(pid)` once per job child."""

    def __init__(self):
        if platform.machine() != "x86_64":
            raise SeccompUnsupported(
                f"the seccomp filter is written for x86_64, this machine is {platform.machine()}")
        data, self._pid_offset = build_program()
        self._buffer = ctypes.create_string_buffer(data, len(data))
        self._prog = _SockFprog(len(data) // 8, ctypes.addressof(self._buffer))
        self._prctl = ctypes.CDLL(None, use_errno=True).prctl
        self._prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong,
                                ctypes.c_ulong]
        self._prctl.restype = ctypes.c_int

    def load(self, pid: int) -> None:
        """Install the filter on the calling process (irrevocable); raises OSError on failure."""
        ctypes.c_uint32.from_buffer(self._buffer, self._pid_offset).value = pid
        if self._prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_SET_NO_NEW_PRIVS) failed")
        if self._prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, ctypes.addressof(self._prog), 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_SET_SECCOMP) failed")
