"""TracePile: execute programs, trace every step, narrate it as a verified Chain of Execution.
The public API is re-exported lazily so the sandboxed child imports nothing it does not need."""

__version__ = "0.1.0"

_API = {"trace", "narrate", "verify", "make_sample", "run_program"}
_MODEL = {"Program", "ProgramInput", "Trace", "Sample", "Limits", "parse_call"}


def __getattr__(name):
    if name in _API:
        from tracepile import engine
        return getattr(engine, name)
    if name in _MODEL:
        from tracepile import model
        return getattr(model, name)
    raise AttributeError(f"module 'tracepile' has no attribute {name!r}")


__all__ = sorted(_API | _MODEL)
