"""Builds on Ray: attach to a cluster (the `ray:` block's address, RAY_ADDRESS, or a local one), check a
worker node before any task runs, and run the tasks with datatrove's Ray executor sized to the cluster."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from tracepile.pipeline.config import ConfigError

PREFLIGHT_TIMEOUT_S = 600


def run_on_ray(config, pipeline: list, tasks: int, layout, progress: bool) -> None:
    """Run the build's unfinished tasks on Ray; failed tasks are left without completion marks."""
    import ray

    from tracepile.pipeline.build import ProgressLine, make_executor, planned_inputs, run_tasks

    attached_here = connect(config.ray)
    try:
        preflight(config)
        executor = make_executor(config, pipeline, tasks, layout)
        with ProgressLine(layout.progress, planned_inputs(layout), enabled=progress):
            run_tasks(executor)
    finally:
        if attached_here:
            ray.shutdown()


@contextlib.contextmanager
def attached(options: dict):
    """This process attached to Ray for the duration (detached after, if it attached here)."""
    import ray

    attached_here = connect(options)
    try:
        yield
    finally:
        if attached_here:
            ray.shutdown()


def connect(options: dict) -> bool:
    """Attach this process to Ray unless it already is; returns whether it attached here."""
    try:
        import ray
    except ImportError:
        raise ConfigError("the Ray executor needs Ray: pip install 'tracepile[ray]'") from None
    if ray.is_initialized():
        return False
    address = options.get("address") or os.environ.get("RAY_ADDRESS")
    try:
        ray.init(address=address, log_to_driver=False, logging_level="WARNING")
    except Exception as exc:  # noqa: BLE001 - ray raises ConnectionError, RuntimeError, its own errors
        raise ConfigError(connect_error(address, exc)) from None
    return True


def connect_error(address: str | None, exc: Exception) -> str:
    return f"cannot attach to the Ray cluster at {address or 'this machine'}: {type(exc).__name__}: {exc}" + auth_note()


def auth_note() -> str:
    """The token-authentication trap, spelled out when this client may be in token mode: a cluster started
    without token auth accepts its connection and plain tasks but kills its actors (which run the tasks)."""
    mode = os.environ.get("RAY_AUTH_MODE")
    token = Path.home() / ".ray" / "auth_token"
    if mode == "token" or (mode is None and (token.exists() or "RAY_AUTH_TOKEN" in os.environ)):
        return (f"\nThis client uses Ray token authentication (RAY_AUTH_MODE={mode or 'unset'}; {token} "
                f"{'exists: an earlier ray.init() on this machine writes it' if token.exists() else 'is absent'}). "
                "A cluster started without token auth rejects it: set RAY_AUTH_MODE=disabled for such a cluster, "
                "or give the cluster's own token in RAY_AUTH_TOKEN.")
    return ""


class NodeCheck:
    """The pre-flight check in a Ray actor, as datatrove runs the build's tasks."""

    def problems(self, sandbox: str, tokenizer: str | None) -> list[str]:
        from tracepile.pipeline.node import node_problems

        return node_problems(sandbox, tokenizer)


def preflight(config) -> None:
    """One small actor checks a worker node (sandbox doctor, tokenizer) before the build's tasks run."""
    import ray

    actor = ray.remote(NodeCheck).options(num_cpus=config.ray.get("cpus_per_task", 1)).remote()
    try:
        problems = ray.get(actor.problems.remote(config.sandbox, config.tokenizer), timeout=PREFLIGHT_TIMEOUT_S)
    except Exception as exc:  # noqa: BLE001 - a worker that cannot even run the check
        raise ConfigError(f"the pre-flight actor on a Ray worker failed: {type(exc).__name__}: "
                          f"{str(exc).splitlines()[0]}" + auth_note()) from None
    finally:
        ray.kill(actor)
    if problems:
        raise ConfigError("a Ray worker node cannot run the build's tasks:\n" + "\n".join(problems))


def make_ray_executor(config, common: dict):
    """datatrove's Ray executor with the `ray:` options; concurrency defaults to the cluster's CPUs."""
    import ray
    from datatrove.executor import RayPipelineExecutor

    options = config.ray
    cpus = options.get("cpus_per_task", 1)
    concurrency = options.get("concurrency") or config.workers or \
        max(1, int(ray.cluster_resources().get("CPU", 1) // cpus))
    remote = {"resources": options["resources"]} if options.get("resources") else None
    return RayPipelineExecutor(workers=concurrency, cpus_per_task=cpus,
                               mem_per_cpu_gb=options.get("mem_per_cpu_gb", 2), ray_remote_kwargs=remote, **common)
