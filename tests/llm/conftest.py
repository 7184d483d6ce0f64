"""Fixtures for the LLM tests: one small template corpus, built once per session, to narrate."""

import pytest

from tracepile.pipeline import BuildConfig, build


@pytest.fixture(scope="session")
def template_corpus(tmp_path_factory):
    out = tmp_path_factory.mktemp("template")
    build(BuildConfig(samples=12, seed=5, workers=1, sandbox="none", questions_per_trace=0, inputs_per_task=4),
          out, progress=False)
    return out
