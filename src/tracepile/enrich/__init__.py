"""Enrichment: more samples per trace and per program, each as exact as the CoE itself.
Variable-tracing questions (questions/) and verified structure-preserving rewrites (rewrites/)."""
