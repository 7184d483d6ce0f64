"""LLM narration: the OpenAI-compatible client (client.py), versioned prompts (prompts.py) and the
multi-path narrator gated by the verifier (narrator.py). Nothing here is imported by `import tracepile`."""
