"""Execution tracing: static line analysis, the recorder and its hooks (run inside the child), and
the assembly of raw records into a typed Trace (run in the parent)."""
