"""Verification: extracts every checkable claim from a CoE text and checks it against the trace.
Works on any narrator's text that follows the claim grammar in claims.py."""

from tracepile.verification.check import verify

__all__ = ["verify"]
