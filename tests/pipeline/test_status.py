"""Build status without daemons: Slurm's answers parsed, task states derived, failures reported, options
validated, and a folder planned by one executor accepted by another."""

import json

import pytest

from tracepile.pipeline import BuildConfig, BuildFailed, ConfigError
from tracepile.pipeline.build import Layout, make_executor, make_pipeline, plan
from tracepile.pipeline.slurm import activation_script, slurm_options
from tracepile.pipeline.status import (BuildStatus, JobRecord, Submission, expand_indices, parse_sacct,
                                       parse_scontrol, task_statuses)

SCONTROL = """\
JobId=13 ArrayJobId=10 ArrayTaskId=0 ArrayTaskThrottle=1 JobName=tracepile JobState=COMPLETED Reason=None ExitCode=0:0
JobId=14 ArrayJobId=10 ArrayTaskId=1 JobName=tracepile JobState=CANCELLED Reason=None ExitCode=0:15
JobId=15 ArrayJobId=10 ArrayTaskId=2 JobName=tracepile JobState=RUNNING Reason=None ExitCode=0:0
JobId=10 ArrayJobId=10 ArrayTaskId=3-4,6%1 JobName=tracepile JobState=PENDING Reason=JobArrayTaskLimit ExitCode=0:0
"""


def test_scontrol_lines_become_one_record_per_array_task():
    jobs = parse_scontrol(SCONTROL)
    assert sorted(jobs) == ["10_0", "10_1", "10_2", "10_3", "10_4", "10_6"]
    assert jobs["10_1"] == JobRecord("10_1", "CANCELLED", "0:15", "")
    assert jobs["10_4"].state == "PENDING" and jobs["10_4"].reason == "JobArrayTaskLimit" and jobs["10_4"].active
    assert not jobs["10_0"].active
    assert parse_scontrol("JobId=12 JobName=tracepile-finish JobState=PENDING Reason=Dependency ExitCode=0:0")[
        "12"].reason == "Dependency"


def test_sacct_lines_skip_steps_and_expand_pending_ranges():
    jobs = parse_sacct("10_0|COMPLETED|0:0\n10_0.batch|COMPLETED|0:0\n10_1|CANCELLED by 0|0:15\n"
                       "10_[2-3]|PENDING|0:0\n11|FAILED|1:0\n")
    assert sorted(jobs) == ["10_0", "10_1", "10_2", "10_3", "11"]
    assert jobs["10_1"].state == "CANCELLED" and jobs["11"] == JobRecord("11", "FAILED", "1:0")
    assert expand_indices("0-2,5%1") == [0, 1, 2, 5]


def test_task_states_come_from_marks_then_the_latest_submission():
    first = Submission("10", "12", (0, 1, 2, 3, 4, 5), "/out/_logs/slurm_logs")
    retry = Submission("20", "22", (5,), "/out/_logs/slurm_logs")
    jobs = {**parse_scontrol(SCONTROL), "20_0": JobRecord("20_0", "FAILED", "1:0")}
    statuses = task_statuses(7, {0}, [first, retry], jobs)
    assert [s.state for s in statuses] == ["done", "failed", "running", "queued", "queued", "failed",
                                           "not submitted"]
    cancelled, lost = statuses[1], statuses[5]
    assert cancelled.job == "10_1" and "CANCELLED, exit code 0:15" in cancelled.detail
    assert cancelled.log == "/out/_logs/slurm_logs/10_1.out"
    assert lost.job == "20_0" and "FAILED, exit code 1:0" in lost.detail  # the retry, not the first run
    status = BuildStatus(statuses, JobRecord("12", "PENDING", "0:0", "Dependency"))
    assert status.active and status.to_redo == [1, 5, 6]
    assert status.summary() == ("7 tasks: 1 done, 1 running, 2 queued, 2 failed, 1 not submitted; "
                                "finishing job 12 pending")


def test_a_task_slurm_forgot_without_a_mark_failed_and_a_completed_one_without_a_mark_too():
    submission = Submission("10", "12", (0, 1), "/logs")
    statuses = task_statuses(2, set(), [submission], {"10_1": JobRecord("10_1", "COMPLETED", "0:0")})
    assert [s.state for s in statuses] == ["failed", "failed"]
    assert "unknown to Slurm" in statuses[0].detail and "no completion mark" in statuses[1].detail
    finished = BuildStatus(task_statuses(2, {0, 1}, [submission], {}), JobRecord("12", "COMPLETED", "0:0"), True)
    assert not finished.active and finished.to_redo == [] and finished.summary() == "2 tasks: 2 done; finished"


def test_finishing_stages_show_their_progress_and_their_jobs_keep_the_build_active():
    submission = Submission("10", "19", (0, 1), "/logs", ("13", "14"))
    assert Submission.from_dict(submission.to_dict()) == submission
    older = {k: v for k, v in submission.to_dict().items() if k != "stage_jobs"}  # recorded before the stages
    assert Submission.from_dict(older).stage_jobs == ()
    done = task_statuses(2, {0, 1}, [submission], {})
    stages = (("index", 1, 1), ("pairs", 4, 10), ("clusters", 0, 1))
    status = BuildStatus(done, JobRecord("19", "PENDING", "0:0", "Dependency"), stages=stages,
                         stage_jobs=(JobRecord("14_3", "RUNNING"),))
    assert status.active and status.summary() == ("2 tasks: 2 done; finishing job 19 pending (finishing stages: "
                                                  "index 1/1, pairs 4/10, clusters 0/1)")
    assert not BuildStatus(done, stages=stages, stage_jobs=(JobRecord("14_3", "COMPLETED"),)).active


def test_build_failed_lists_each_failed_task_with_its_log():
    statuses = task_statuses(3, {0, 2}, [Submission("10", "12", (0, 1, 2), "/logs")],
                             {"10_1": JobRecord("10_1", "CANCELLED", "0:15")})
    message = str(BuildFailed(BuildStatus(statuses), 3))
    assert message.splitlines() == [
        "1 of 3 tasks failed:",
        "  task 1 (job 10_1) failed: CANCELLED, exit code 0:15; log: /logs/10_1.out",
        "Re-run the same command to redo only the failed work.",
    ]


def test_slurm_and_ray_blocks_are_checked():
    with pytest.raises(ConfigError, match="unknown slurm option.*partiton.*known: partition"):
        BuildConfig(slurm={"partiton": "cpu"})
    with pytest.raises(ConfigError, match="unknown ray option.*concurency"):
        BuildConfig(ray={"concurency": 4})
    with pytest.raises(ConfigError, match="ray must be a mapping"):
        BuildConfig(ray="auto")


def test_the_venv_is_activated_by_its_script(tmp_path):
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    (venv / "bin/activate").write_text("")
    assert activation_script(str(venv)) == str(venv / "bin/activate")
    assert activation_script(str(venv / "bin/activate")) == str(venv / "bin/activate")
    with pytest.raises(ConfigError, match="no activation script"):
        activation_script(str(tmp_path / "missing"))


def test_launch_script_sets_no_partition_or_time_unless_asked_and_cancels_dependents(tmp_path):
    programs = tmp_path / "programs.jsonl"
    programs.write_text(json.dumps({"id": "p", "code": "def f(x):\n    return x\n", "calls": ["f(1)", "f(2)"]}))
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    (venv / "bin/activate").write_text("")
    config = BuildConfig(programs=str(programs), inputs_per_task=1, executor="slurm", eval_sets=[],
                         slurm={"venv_path": str(venv)})
    layout = Layout(tmp_path / "out")
    plan(config, layout)
    executor = make_executor(config, make_pipeline(config, layout), 2, layout)
    script = executor.get_launch_file_contents(executor.get_sbatch_args(max_array=2), "launch")
    assert "--partition" not in script and "--time" not in script and "--qos" not in script
    assert "#SBATCH --kill-on-invalid-dep=yes" in script and "#SBATCH --array=0-1" in script
    assert f"source {venv / 'bin/activate'}" in script
    assert slurm_options({"partition": "gpu"})["partition"] == "gpu"


def test_another_executor_may_finish_a_folder_but_not_another_build(tmp_path):
    programs = tmp_path / "programs.jsonl"
    programs.write_text(json.dumps({"id": "p", "code": "def f(x):\n    return x\n", "calls": ["f(1)"]}))
    base = dict(programs=str(programs), eval_sets=[])
    layout = Layout(tmp_path / "out")
    plan(BuildConfig(**base, executor="slurm", slurm={"partition": "cpu"}), layout)
    plan(BuildConfig(**base, executor="local", workers=3), layout)
    assert json.loads((layout.work / "config.json").read_text())["executor"] == "local"
    with pytest.raises(ConfigError, match="different configuration"):
        plan(BuildConfig(**base, seed=1), layout)


def test_detach_is_refused_where_nothing_is_submitted(tmp_path):
    from typer.testing import CliRunner

    from tracepile.cli import app

    result = CliRunner().invoke(app, ["build", "--out", str(tmp_path / "out"), "--detach"])
    assert result.exit_code == 1 and "--detach only applies to --executor slurm" in result.stderr
    assert not (tmp_path / "out").exists()
