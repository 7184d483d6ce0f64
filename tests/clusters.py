"""Real single-node clusters for the tests: a Slurm cluster (munged, slurmctld, slurmd with a generated
slurm.conf, all under one temp folder) and a `ray start --head` cluster; started and stopped by fixtures."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

SLURM_PACKAGES = "slurmctld slurmd slurm-client munge"
SLURM_PROGRAMS = ("munged", "slurmctld", "slurmd", "sbatch", "squeue", "sinfo", "scontrol", "srun", "scancel")


class ClusterError(RuntimeError):
    """A test cluster could not be brought up; the message says what is missing or what failed."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def node_hardware() -> dict[str, str]:
    """NodeName, CPUs, RealMemory, ... as `slurmd -C` reports them for this machine."""
    line = subprocess.run(["slurmd", "-C"], capture_output=True, text=True, check=True).stdout.splitlines()[0]
    return dict(item.split("=", 1) for item in line.split())


def slurm_conf(base: Path, hardware: dict[str, str], ports: tuple[int, int]) -> str:
    node = hardware["NodeName"]
    return "\n".join([
        "ClusterName=tracepile-test",
        f"SlurmctldHost={node}(127.0.0.1)",
        f"SlurmctldPort={ports[0]}",
        f"SlurmdPort={ports[1]}",
        "SlurmUser=root",
        "SlurmdUser=root",
        "AuthType=auth/munge",
        "CredType=cred/munge",
        f"AuthInfo=socket={base / 'munge.socket'}",
        f"StateSaveLocation={base / 'state'}",
        f"SlurmdSpoolDir={base / 'spool'}",
        f"SlurmctldPidFile={base / 'slurmctld.pid'}",
        f"SlurmdPidFile={base / 'slurmd.pid'}",
        f"SlurmctldLogFile={base / 'slurmctld.log'}",
        f"SlurmdLogFile={base / 'slurmd.log'}",
        "ProctrackType=proctrack/linuxproc",
        "TaskPlugin=task/none",
        "SelectType=select/cons_tres",
        "SelectTypeParameters=CR_CPU_Memory",
        "SchedulerType=sched/backfill",
        "SchedulerParameters=sched_interval=2",
        "JobAcctGatherType=jobacct_gather/none",
        "AccountingStorageType=accounting_storage/none",
        "MpiDefault=none",
        "ReturnToService=2",
        "MinJobAge=3600",
        "KillWait=5",
        f"NodeName={node} NodeAddr=127.0.0.1 CPUs={hardware['CPUs']} RealMemory={hardware['RealMemory']} "
        "State=UNKNOWN",
        f"PartitionName=debug Nodes={node} Default=YES MaxTime=INFINITE State=UP",
        "",
    ])


@dataclass
class SlurmCluster:
    """munged + slurmctld + slurmd for this one machine; `env` is what clients (sbatch, squeue) need."""

    base: Path
    env: dict[str, str] = field(default_factory=dict)
    processes: list[subprocess.Popen] = field(default_factory=list)

    def start(self, timeout: float = 60.0) -> SlurmCluster:
        missing = [p for p in SLURM_PROGRAMS if shutil.which(p) is None]
        if missing:
            raise ClusterError(f"Slurm tests need {', '.join(missing)}: apt-get install -y {SLURM_PACKAGES}")
        for folder in ("state", "spool"):
            (self.base / folder).mkdir(parents=True, exist_ok=True)
        key = self.base / "munge.key"
        key.write_bytes(os.urandom(1024))
        key.chmod(0o400)
        conf = self.base / "slurm.conf"
        conf.write_text(slurm_conf(self.base, node_hardware(), (free_port(), free_port())))
        self.env = {**os.environ, "SLURM_CONF": str(conf)}
        self._spawn(["munged", "-F", "--force", f"--socket={self.base / 'munge.socket'}", f"--key-file={key}",
                     f"--pid-file={self.base / 'munged.pid'}", f"--log-file={self.base / 'munged.log'}",
                     f"--seed-file={self.base / 'munged.seed'}"])
        self._wait(lambda: (self.base / "munge.socket").exists(), timeout, "munged did not create its socket")
        self._spawn(["slurmctld", "-D", "-i", "-f", str(conf)])
        self._spawn(["slurmd", "-D", "-f", str(conf)])
        self._wait(self.idle, timeout, "the Slurm node did not become idle")
        return self

    def _spawn(self, command: list[str]) -> None:
        log = (self.base / f"{command[0]}.out").open("ab")
        self.processes.append(subprocess.Popen(command, env=self.env, stdout=log, stderr=subprocess.STDOUT,
                                               start_new_session=True))

    def _wait(self, ready, timeout: float, message: str) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if ready():
                return
            dead = [p.args[0] for p in self.processes if p.poll() is not None]
            if dead:
                break
            time.sleep(0.2)
        logs = {path.name: path.read_text(errors="replace")[-1500:] for path in self.base.glob("*.log")}
        self.stop()
        raise ClusterError(f"{message} (exited: {dead or 'none'}); logs: {logs}")

    def idle(self) -> bool:
        result = subprocess.run(["sinfo", "-h", "-o", "%T"], env=self.env, capture_output=True, text=True)
        return result.returncode == 0 and result.stdout.strip() == "idle"

    def stop(self) -> None:
        for process in reversed(self.processes):
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
        self.processes.clear()


@dataclass
class RayCluster:
    """A `ray start --head` cluster with its own temp folder; `address` is what builds attach to."""

    base: Path
    cpus: int = 2
    address: str = ""
    env: dict[str, str] = field(default_factory=dict)

    process: subprocess.Popen | None = None

    def start(self, timeout: float = 120.0) -> RayCluster:
        ray = Path(sys.executable).with_name("ray")
        if not ray.exists():
            raise ClusterError(f"Ray tests need the `ray` command beside {sys.executable}: pip install -e '.[test]'")
        port = free_port()
        self.env = {**os.environ, "RAY_AUTH_MODE": "disabled", "RAY_USAGE_STATS_ENABLED": "0"}
        log = (self.base / "ray-start.out").open("ab")
        # --block keeps `ray start` in the foreground, so stopping its process group stops exactly this
        # cluster (`ray stop` would stop every Ray cluster of this user on the machine)
        self.process = subprocess.Popen(
            [str(ray), "start", "--head", "--block", f"--port={port}", f"--num-cpus={self.cpus}",
             f"--temp-dir={self.base}", "--include-dashboard=false", "--disable-usage-stats"],
            env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        self.address = f"127.0.0.1:{port}"
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self.process.poll() is None:
            status = subprocess.run([str(ray), "status", f"--address={self.address}"], env=self.env,
                                    capture_output=True, text=True)
            if status.returncode == 0 and "CPU" in status.stdout:
                return self
            time.sleep(1)
        output = (self.base / "ray-start.out").read_text(errors="replace")[-2000:]
        self.stop()
        raise ClusterError(f"`ray start --head` did not come up within {timeout:.0f} s: {output}")

    def stop(self) -> None:
        """SIGTERM to the cluster's process group, then SIGKILL to whatever of it is left (gcs_server
        outlives its parent's SIGTERM)."""
        if self.process is None:
            return
        for sig, grace in ((signal.SIGTERM, 5), (signal.SIGKILL, 10)):
            try:
                os.killpg(self.process.pid, sig)
            except ProcessLookupError:
                break
            try:
                self.process.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                continue
        self.process = None
