"""Running untrusted programs outside our own process: `execute(job)` (a fresh limited process per job)
and `make_executor(sandbox, workers)` (that, or bubblewrap fork-server workers); names load lazily."""

_EXPORTS = {
    "Job": "process", "RawResult": "process", "execute": "process",
    "Executor": "base", "ProcessExecutor": "executor", "SandboxError": "base",
    "SandboxUnavailable": "base", "make_executor": "executor",
}


def __getattr__(name):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'tracepile.sandbox' has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(f"tracepile.sandbox.{module}"), name)


__all__ = sorted(_EXPORTS)
