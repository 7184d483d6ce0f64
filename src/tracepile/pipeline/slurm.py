"""Whole builds on Slurm: pre-flight (options, a node check through srun), submission of the task array
and a finishing job chained by dependencies, the record of submissions, and polling their state."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from datatrove.executor import SlurmPipelineExecutor

from tracepile.pipeline.config import ConfigError
from tracepile.pipeline.status import BuildFailed, BuildStatus, JobRecord, Submission, parse_sacct, \
    parse_scontrol, task_statuses

# No partition and no time limit unless the config names them: Slurm then uses the cluster's default
# partition and that partition's default time limit. Memory: datatrove's 2 GB per CPU.
DEFAULTS = {"partition": None, "time": None, "cpus_per_task": 1, "mem_per_cpu_gb": 2, "job_name": "tracepile",
            "qos": None, "venv_path": None, "env_command": None, "sbatch_args": {}, "requeue": True,
            "poll_s": 10.0}
CHECK_TIMEOUT_S = 600


class SlurmExecutor(SlurmPipelineExecutor):
    """datatrove's Slurm executor without unset directives (no `--partition=None`), whose dependent
    jobs are cancelled by Slurm when a task fails instead of pending forever."""

    def get_sbatch_args(self, max_array: int = 1) -> dict:
        args = {k: v for k, v in super().get_sbatch_args(max_array).items() if v is not None}
        return {**args, "kill-on-invalid-dep": "yes"}


class StageExecutor(SlurmExecutor):
    """The executor of a finishing stage: its tasks record their counts themselves (_work/finish/counts),
    so no datatrove stats-merging job follows each stage's array."""

    def launch_merge_stats(self) -> None:
        return None


def slurm_options(given: dict) -> dict:
    """The config's `slurm:` block over the defaults, with the venv's activation script resolved."""
    options = {**DEFAULTS, **given}
    options["venv_path"] = activation_script(options["venv_path"])
    return options


def activation_script(venv_path: str | None) -> str | None:
    """`bin/activate` of the given venv (a folder or the script itself), else of the running venv."""
    if venv_path is None:
        if sys.prefix == sys.base_prefix:
            return None
        venv_path = sys.prefix
    path = Path(venv_path).expanduser().resolve()
    if path.is_dir():
        path = path / "bin" / "activate"
    if not path.is_file():
        raise ConfigError(f"slurm.venv_path: no activation script at {path} (give the venv folder or its "
                          "bin/activate; it must be on a filesystem the compute nodes see)")
    return str(path)


def directives(options: dict) -> list[str]:
    """The sbatch flags every job of the build gets (partition, time, qos, extra sbatch_args)."""
    flags = {"partition": options["partition"], "time": options["time"], "qos": options["qos"],
             **options["sbatch_args"]}
    return [f"--{key}={value}" if value != "" else f"--{key}" for key, value in flags.items() if value is not None]


def environment_line(options: dict) -> str:
    if options["env_command"]:
        return options["env_command"]
    return f"source {options['venv_path']}" if options["venv_path"] else ""


# ---------------------------------------------------------------- pre-flight


def preflight(options: dict, sandbox: str, tokenizer: str | None) -> None:
    """Before anything is submitted: Slurm accepts the options (`sbatch --test-only`), and a tiny srun job
    finds the venv, a working sandbox and the tokenizer on a compute node. Raises ConfigError."""
    flags = directives(options) + [f"--cpus-per-task={options['cpus_per_task']}",
                                   f"--mem-per-cpu={options['mem_per_cpu_gb']}G"]
    test = run_slurm(["sbatch", "--test-only", *flags, "--wrap=true"])
    if test.returncode != 0:
        raise ConfigError(f"Slurm refuses the build's job options {' '.join(flags)}: {test.stderr.strip()} "
                          "(fix the `slurm:` block of the config)")
    command = f"python3 -m tracepile.pipeline.node check --sandbox {sandbox}"
    if tokenizer:
        command += f" --tokenizer {tokenizer!r}"
    setup = environment_line(options)
    script = f"{setup} && {command}" if setup else command
    check = run_slurm(["srun", "-N1", "-n1", *flags, "--job-name=tracepile-check", "bash", "-c", script],
                      timeout=CHECK_TIMEOUT_S)
    if check.returncode != 0:
        raise ConfigError("the pre-flight job on a compute node failed, so every task would fail:\n"
                          f"{(check.stderr or check.stdout).strip()[-3000:]}\n(the nodes need the venv "
                          "(slurm.venv_path), bubblewrap with user namespaces, and the tokenizer)")


def run_slurm(command: list[str], timeout: float = 60) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    except FileNotFoundError:
        raise ConfigError(f"`{command[0]}` not found: run the build on a Slurm login node "
                          "(or install slurm-client)") from None
    except subprocess.TimeoutExpired:
        raise ConfigError(f"`{' '.join(command[:3])} ...` did not answer within {timeout:.0f} s") from None


# ---------------------------------------------------------------- submission


def submit(executor: SlurmExecutor, options: dict, layout, tasks: int) -> Submission:
    """Submit the unfinished tasks (datatrove skips completed ranks) and a finishing job that runs after
    all of them succeeded; record the submission in `_work/slurm.json`."""
    try:
        executor.launch_job()
    except subprocess.CalledProcessError as exc:  # sbatch printed its reason on stderr
        raise ConfigError(f"sbatch refused the task array (exit status {exc.returncode}, see above)") from None
    ranks: tuple[int, ...] = ()
    tasks_job = None
    if executor.job_id not in (None, -1):
        tasks_job = str(executor.job_id)
        ranks = tuple(json.loads((layout.logs / "ranks_to_run.json").read_text()))
    stage_jobs: list[str] = []
    try:
        stage_jobs = submit_stages(executor, layout)
        finish_job = submit_finish(options, layout, (stage_jobs or [tasks_job])[-1])
    except (ConfigError, subprocess.CalledProcessError) as exc:
        for job in [tasks_job, *stage_jobs]:  # unrecorded jobs would run again after a rerun's submission
            if job:
                run_slurm(["scancel", job])
        if isinstance(exc, ConfigError):
            raise
        raise ConfigError(f"sbatch refused a finishing stage (exit status {exc.returncode}, see above)") from None
    submission = Submission(tasks_job, finish_job, ranks, executor.slurm_logs_folder, tuple(stage_jobs))
    record = read_record(layout) or {"tasks": tasks, "submissions": []}
    record["submissions"].append(submission.to_dict())
    write_record(layout, record)
    return submission


def submit_stages(tasks_executor: SlurmExecutor, layout) -> list[str]:
    """Submit the finishing stages' unfinished tasks as array jobs, each `afterok` the one before (the
    first after the tasks); returns the ids of the jobs submitted (a finished stage submits none)."""
    from tracepile.pipeline.build import finish_plan, make_executor
    from tracepile.pipeline.config import BuildConfig
    from tracepile.pipeline.dedup import stage_steps

    config = BuildConfig.from_dict(json.loads((layout.work / "config.json").read_text()))
    previous, jobs = tasks_executor, []
    for stage, step, tasks in stage_steps(finish_plan(config, layout)):
        previous = make_executor(config, [step], tasks, layout, stage, depends=previous)
        previous.launch_job()
        if previous.job_id not in (None, -1):
            jobs.append(str(previous.job_id))
    return jobs


def submit_finish(options: dict, layout, after: str | None) -> str:
    logs = layout.logs / "slurm_logs"
    logs.mkdir(parents=True, exist_ok=True)
    lines = ["#!/bin/bash", f"#SBATCH --job-name={options['job_name']}-finish", "#SBATCH --nodes=1",
             f"#SBATCH --cpus-per-task={options['cpus_per_task']}", f"#SBATCH --mem-per-cpu={options['mem_per_cpu_gb']}G",
             f"#SBATCH --output={logs}/finish_%j.out", "#SBATCH --kill-on-invalid-dep=yes",
             *[f"#SBATCH {flag}" for flag in directives(options)], environment_line(options), "set -e",
             f"python3 -m tracepile.pipeline.node finish {layout.out.resolve()}", ""]
    args = [f"--dependency=afterok:{after}"] if after else []
    with tempfile.NamedTemporaryFile("w", suffix=".sh") as script:
        script.write("\n".join(lines))
        script.flush()
        result = run_slurm(["sbatch", "--parsable", *args, script.name])
    if result.returncode != 0:
        raise ConfigError(f"sbatch refused the finishing job: {result.stderr.strip()}")
    return result.stdout.strip().split(";")[0]


def read_record(layout) -> dict | None:
    path = layout.work / "slurm.json"
    return json.loads(path.read_text()) if path.exists() else None


def write_record(layout, record: dict) -> None:
    tmp = layout.work / "slurm.json.tmp"
    tmp.write_text(json.dumps(record, indent=2))
    tmp.replace(layout.work / "slurm.json")


# ---------------------------------------------------------------- state


def slurm_status(layout, record: dict) -> BuildStatus:
    """Where the build stands: completion marks on the shared filesystem, then what Slurm says."""
    from tracepile.pipeline.build import completed_ranks

    submissions = [Submission.from_dict(s) for s in record["submissions"]]
    latest = submissions[-1]
    from tracepile.pipeline.build import finish_progress

    jobs = query_jobs([s.tasks_job for s in submissions if s.tasks_job] + list(latest.stage_jobs) +
                      [latest.finish_job])
    statuses = task_statuses(record["tasks"], completed_ranks(layout), submissions, jobs)
    stage_jobs = tuple(job for key, job in jobs.items() if key.split("_")[0] in latest.stage_jobs)
    return BuildStatus(statuses, jobs.get(latest.finish_job), layout.manifest.exists(), finish_progress(layout),
                       stage_jobs)


def query_jobs(job_ids: list[str]) -> dict[str, JobRecord]:
    """What Slurm knows of these jobs: accounting (sacct) when the cluster keeps it, overridden by the
    controller's live view (`scontrol show job`, which keeps finished jobs for MinJobAge seconds)."""
    records: dict[str, JobRecord] = {}
    try:
        accounting = run_slurm(["sacct", "-n", "-P", "-X", "-o", "JobID,State,ExitCode", "-j", ",".join(job_ids)])
    except ConfigError:  # no sacct, or its database does not answer: the controller's view still holds
        accounting = None
    if accounting is not None and accounting.returncode == 0:
        records.update(parse_sacct(accounting.stdout))
    live = run_slurm(["scontrol", "-o", "show", "job"])  # one call for all the build's jobs
    if live.returncode == 0:
        wanted = set(job_ids)
        records.update({key: record for key, record in parse_scontrol(live.stdout).items()
                        if key.split("_")[0] in wanted})
    return records


def wait(layout, record: dict, poll_s: float, report) -> BuildStatus:
    """Poll until Slurm holds no more work of this build; `report(status)` is called on every change."""
    shown = None
    while True:
        status = slurm_status(layout, record)
        if status.summary() != shown:
            shown = status.summary()
            report(status)
        if not status.active:
            return status
        time.sleep(poll_s)


# ---------------------------------------------------------------- the whole build


def build_on_slurm(config, layout, command: str, progress: bool, detach: bool) -> dict:
    """Submit what is left of the build (never work Slurm still holds), then wait for it unless `detach`;
    returns the manifest, or {"submitted": ...} when detached. Raises BuildFailed, ConfigError."""
    from tracepile.pipeline.build import plan, planned_inputs

    options = slurm_options(config.slurm)
    record = read_record(layout) if layout.work.exists() else None
    status = slurm_status(layout, record) if record else None
    if status is not None and status.finished and not status.to_redo and not status.active:
        plan(config, layout)  # refuses a different config
        return json.loads(layout.manifest.read_text())
    if status is not None and status.active:
        plan(config, layout)
        say(f"attaching to the build's Slurm jobs: {status.summary()}")
    else:
        preflight(options, config.sandbox, config.tokenizer)
        plan(config, layout)
        submission = submit_build(config, options, layout, command)
        say(f"submitted {len(submission.ranks)} tasks (job {submission.tasks_job or 'none needed'}) and the "
            f"finishing job {submission.finish_job}")
    record = read_record(layout)
    if detach:
        return {"submitted": True, "tasks": record["tasks"], "submission": record["submissions"][-1]}
    return wait_for_build(layout, record, planned_inputs(layout), options["poll_s"], progress)


def submit_build(config, options: dict, layout, command: str) -> Submission:
    from tracepile.pipeline.build import make_executor, make_pipeline
    from tracepile.pipeline.build import planned_tasks

    (layout.work / "command.txt").write_text(command)
    tasks = planned_tasks(layout)
    layout.progress.mkdir(parents=True, exist_ok=True)
    executor = make_executor(config, make_pipeline(config, layout), tasks, layout)
    return submit(executor, options, layout, tasks)


def wait_for_build(layout, record: dict, planned: int, poll_s: float, progress: bool) -> dict:
    from tracepile.pipeline.build import ProgressLine

    with ProgressLine(layout.progress, planned, enabled=progress):
        status = wait(layout, record, poll_s, lambda s: say(s.summary()) if progress else None)
    if status.failed or not status.finished:
        raise BuildFailed(status, record["tasks"], finish_note(status, record))
    return json.loads(layout.manifest.read_text())


def finish_note(status: BuildStatus, record: dict) -> str:
    if status.finish is None or status.failed:
        return ""
    logs = Path(record["submissions"][-1]["logs"])
    return (f"the finishing job {status.finish.job_id} ended {status.finish.state} (exit code "
            f"{status.finish.exit_code}); log: {logs / f'finish_{status.finish.job_id}.out'}")


def say(line: str) -> None:
    sys.stderr.write(line + "\n")
    sys.stderr.flush()
