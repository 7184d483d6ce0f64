"""The state of a build's tasks (done, queued, running, failed, not submitted) as plain records, derived
from datatrove's completion marks and what the scheduler reports; also which tasks a rerun must redo."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

QUEUED = ("PENDING", "CONFIGURING", "REQUEUED", "REQUEUE_HOLD", "REQUEUE_FED", "RESV_DEL_HOLD", "SUSPENDED",
          "STOPPED", "RESIZING", "SIGNALING", "STAGE_OUT")
RUNNING = ("RUNNING", "COMPLETING")


@dataclass(frozen=True)
class JobRecord:
    """One Slurm job or array task as the scheduler reports it; exit code as `code:signal`."""

    job_id: str
    state: str
    exit_code: str = ""
    reason: str = ""

    @property
    def active(self) -> bool:
        return self.state in QUEUED or self.state in RUNNING


@dataclass(frozen=True)
class Submission:
    """One submission of a build: the array job (array index i runs `ranks[i]`), the array jobs of the
    finishing stages (each after the one before) and the finishing job that writes the manifest."""

    tasks_job: str | None
    finish_job: str
    ranks: tuple[int, ...]
    logs: str  # folder of the Slurm logs, `<job>_<index>.out`
    stage_jobs: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        return {"tasks_job": self.tasks_job, "finish_job": self.finish_job, "ranks": list(self.ranks),
                "logs": self.logs, "stage_jobs": list(self.stage_jobs)}

    @classmethod
    def from_dict(cls, data: dict) -> Submission:
        return cls(data["tasks_job"], data["finish_job"], tuple(data["ranks"]), data["logs"],
                   tuple(data.get("stage_jobs", ())))


@dataclass(frozen=True)
class TaskStatus:
    """One datatrove task (rank): its state, and for a failed one the scheduler's word and its log."""

    rank: int
    state: str  # done, queued, running, failed, not submitted; unfinished (no scheduler to ask)
    job: str | None = None
    detail: str = ""
    log: str | None = None

    def describe(self) -> str:
        where = f" (job {self.job})" if self.job else ""
        detail = f": {self.detail}" if self.detail else ""
        log = f"; log: {self.log}" if self.log else ""
        return f"task {self.rank}{where} {self.state}{detail}{log}"


@dataclass(frozen=True)
class BuildStatus:
    """All tasks of a build, the finishing step's state and whether the manifest is written; `stages`:
    (name, tasks done, tasks) of each finishing stage once planned, `stage_jobs` their Slurm array jobs."""

    tasks: tuple[TaskStatus, ...]
    finish: JobRecord | None = None
    finished: bool = False
    stages: tuple[tuple[str, int, int], ...] = ()
    stage_jobs: tuple[JobRecord, ...] = ()

    def count(self, state: str) -> int:
        return sum(task.state == state for task in self.tasks)

    @property
    def failed(self) -> list[TaskStatus]:
        return [task for task in self.tasks if task.state == "failed"]

    @property
    def active(self) -> bool:
        """Whether the scheduler still holds work of this build (tasks or the finishing job)."""
        return any(t.state in ("queued", "running") for t in self.tasks) or bool(self.finish and self.finish.active) \
            or any(job.active for job in self.stage_jobs)

    @property
    def to_redo(self) -> list[int]:
        """Ranks a rerun must submit again: neither done nor still held by the scheduler."""
        return [t.rank for t in self.tasks if t.state in ("failed", "not submitted", "unfinished")]

    def summary(self) -> str:
        counts = [f"{self.count(s)} {s}" for s in ("done", "running", "queued", "failed", "not submitted",
                                                    "unfinished")
                  if self.count(s)]
        ending = "finished" if self.finished else self._finish_state()
        return f"{len(self.tasks)} tasks: {', '.join(counts)}; {ending}"

    def _finish_state(self) -> str:
        stages = [f"{name} {done}/{total}" for name, done, total in self.stages]
        progress = f" (finishing stages: {', '.join(stages)})" if any(done for _, done, _ in self.stages) else ""
        if self.finish is None:
            return "dataset not written yet" + progress
        return f"finishing job {self.finish.job_id} {self.finish.state.lower()}" + progress


class BuildFailed(RuntimeError):
    """Some tasks of a build failed (or the finishing step did); the message lists them with their logs."""

    def __init__(self, status: BuildStatus, tasks: int, note: str = ""):
        self.status = status
        failed = status.failed
        lines = [f"{len(failed)} of {tasks} tasks failed:" if failed else note or "the build did not finish",
                 *(f"  {task.describe()}" for task in failed)]
        if failed and note:
            lines.append(note)
        lines.append("Re-run the same command to redo only the failed work.")
        super().__init__("\n".join(lines))


def task_statuses(tasks: int, completed: set[int], submissions: list[Submission],
                  jobs: dict[str, JobRecord]) -> tuple[TaskStatus, ...]:
    """Each rank's state: done when datatrove marked it complete, else what its latest submission's
    array task says (a task the scheduler no longer knows and that left no mark failed)."""
    latest: dict[int, tuple[Submission, int]] = {}
    for submission in submissions:
        for index, rank in enumerate(submission.ranks):
            latest[rank] = (submission, index)
    statuses = []
    for rank in range(tasks):
        if rank in completed:
            statuses.append(TaskStatus(rank, "done"))
        elif rank not in latest:
            statuses.append(TaskStatus(rank, "not submitted"))
        else:
            submission, index = latest[rank]
            statuses.append(array_task_status(rank, submission, index, jobs))
    return tuple(statuses)


def array_task_status(rank: int, submission: Submission, index: int, jobs: dict[str, JobRecord]) -> TaskStatus:
    job = f"{submission.tasks_job}_{index}"
    log = str(Path(submission.logs) / f"{submission.tasks_job}_{index}.out")
    record = jobs.get(job)
    if record is None:
        return TaskStatus(rank, "failed", job, "no completion mark and unknown to Slurm", log)
    if record.state in QUEUED:
        return TaskStatus(rank, "queued", job, record.reason)
    if record.state in RUNNING:
        return TaskStatus(rank, "running", job)
    detail = f"{record.state}, exit code {record.exit_code or 'unknown'}"
    if record.state == "COMPLETED":
        detail += ", but the task left no completion mark"
    return TaskStatus(rank, "failed", job, detail, log)


# ---------------------------------------------------------------- what Slurm says


def parse_scontrol(text: str) -> dict[str, JobRecord]:
    """`scontrol -o show job` lines → records keyed `<array job>_<index>` (or the job id); a pending
    array remainder such as `ArrayTaskId=2-3,5` gives one record per index."""
    records = {}
    for line in text.splitlines():
        fields = dict(re.findall(r"(\w+)=(\S*)", line))
        if "JobId" not in fields:
            continue
        record = JobRecord(fields["JobId"], fields.get("JobState", ""), fields.get("ExitCode", ""),
                           fields.get("Reason", "").replace("None", ""))
        if fields.get("ArrayJobId") and fields.get("ArrayTaskId"):
            for index in expand_indices(fields["ArrayTaskId"]):
                key = f"{fields['ArrayJobId']}_{index}"
                records[key] = JobRecord(key, record.state, record.exit_code, record.reason)
        else:
            records[record.job_id] = record
    return records


def parse_sacct(text: str) -> dict[str, JobRecord]:
    """`sacct -n -P -o JobID,State,ExitCode` lines → records keyed like `parse_scontrol`; job steps
    (`12_3.batch`) are left out."""
    records = {}
    for line in text.splitlines():
        parts = line.strip().split("|")
        if len(parts) < 3 or "." in parts[0]:
            continue
        job, state, code = parts[0], parts[1].split()[0] if parts[1] else "", parts[2]
        match = re.fullmatch(r"(\d+)_\[(.+)\]", job)
        keys = [f"{match.group(1)}_{i}" for i in expand_indices(match.group(2))] if match else [job]
        for key in keys:
            records[key] = JobRecord(key, state, code)
    return records


def expand_indices(spec: str) -> list[int]:
    """`0-2,5%1` → [0, 1, 2, 5] (a `%N` throttle suffix is ignored)."""
    indices = []
    for part in spec.split("%")[0].split(","):
        low, _, high = part.partition("-")
        indices += range(int(low), int(high or low) + 1)
    return indices
