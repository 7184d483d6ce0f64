"""Narrators are checked, they do not check: narration/ never imports verification/, and verification/
never imports narration/ (it trusts no narrator's own plan)."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "tracepile"


def imported_modules(folder: str) -> set[str]:
    found = set()
    paths = sorted((PACKAGE / folder).rglob("*.py"))
    assert paths, f"no Python files under {PACKAGE / folder}"
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                found.add(node.module)
            elif isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
    return found


@pytest.mark.parametrize("folder,forbidden", [("narration", "tracepile.verification"),
                                              ("verification", "tracepile.narration"),
                                              ("verification", "tracepile.engine")])
def test_stage_does_not_import(folder, forbidden):
    bad = sorted(m for m in imported_modules(folder) if m == forbidden or m.startswith(forbidden + "."))
    assert not bad, f"{folder}/ imports {bad}"
