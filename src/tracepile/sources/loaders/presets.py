"""Ready-made specs for the public datasets under ../shared/datasets (field maps, licenses, filters) and
for the PyPI package `algorithms` (doctests); a build config names them as {"preset": name}."""

from __future__ import annotations

import math
import os
import re
from dataclasses import replace
from pathlib import Path
from typing import Any, Callable, Mapping

from tracepile.sources.loaders.base import Const, FieldMap, RowError
from tracepile.sources.loaders.code import complete_function, fenced_python
from tracepile.sources.loaders.spec import SourceSpec, checked_keys


def default_root() -> Path:
    """$TRACEPILE_SHARED/datasets, else ../shared/datasets from the working directory."""
    shared = os.environ.get("TRACEPILE_SHARED")
    return Path(shared) / "datasets" if shared else Path.cwd().parent / "shared" / "datasets"


def _first_text(field: str) -> Callable[[Mapping], str]:
    """The first item of a list-of-text field (ToRA `code`, PoT `generated`)."""
    def pick(row: Mapping) -> str:
        value = row.get(field)
        if not isinstance(value, list) or not value or not isinstance(value[0], str):
            raise RowError(f"missing field: {field!r} (a non-empty list of text)")
        return value[0]
    return pick


def _tora_code(row: Mapping) -> str:
    return fenced_python(_first_text("code")(row))


def _pot_code(row: Mapping) -> str:
    """PoT programs leave their result in `ans` without printing it: one print line is added."""
    return _first_text("generated")(row).rstrip("\n") + "\nprint(ans)\n"


def _pot_where(row: Mapping) -> str | None:
    """Keep programs whose executed result equals the gold answer (SOURCE.md: filter before use)."""
    if "generated" not in row:
        return None  # the mapper rejects it with the missing field
    got, gold = row.get("executed"), row.get("answer")
    if isinstance(got, (int, float)) and isinstance(gold, (int, float)) \
            and math.isclose(got, gold, rel_tol=1e-6, abs_tol=1e-9):
        return None
    return "the model's answer differs from the gold answer"


def _mbpp_code(row: Mapping) -> str:
    return complete_function(str(row["prompt"]), str(row["canonical_solution"]))


_LEETCODE_TAIL = re.compile(r"\n\s*Please complete the following python code precisely:.*\Z", re.S)


def _leetcode_problem(row: Mapping) -> str | None:
    """The statement without the instruction line before it and the starter code after it."""
    text = row.get("problem")
    if not isinstance(text, str):
        return None
    head, _, body = text.partition("\n\n")
    body = body if head.startswith("Please solve") else text
    return _LEETCODE_TAIL.sub("", body).strip()


def _humaneval_plus_id(row: Mapping) -> str:
    return str(row["task_id"]).replace("_", "/")


def _specs(root: Path) -> dict[str, SourceSpec]:
    d = lambda *parts: str(root.joinpath(*parts))  # noqa: E731
    humaneval = SourceSpec(
        kind="asserts", path=d("humaneval", "HumanEval.jsonl.gz"), source="humaneval", license="MIT",
        domain="function", fields=FieldMap(id="task_id", code="{prompt}{canonical_solution}", tests="test",
                                           metadata={"entry_point": "entry_point"}))
    return {
        "leetcode-rllm": SourceSpec(
            kind="asserts", path=d("leetcode-rllm", "leetcode_train.json"), source="leetcode-rllm",
            license="MIT (rllm) / Apache-2.0 (LeetCodeDataset); statements: LeetCode", domain="competition",
            auto_imports=True,
            fields=FieldMap(id="leetcode-train-{_index}", code="solutions", tests="tests.functional",
                            problem=_leetcode_problem)),
        "pal-gsmhard": SourceSpec(
            kind="programs", path=d("pal-gsmhard", "gsmhardv2.jsonl"), source="pal-gsmhard", license="Apache-2.0",
            domain="math", fields=FieldMap(id="pal-gsmhard-{_index}", calls=Const(["solution()"]), problem="input")),
        "tora-gsm8k-code": SourceSpec(
            kind="programs", path=d("tora-gsm8k-code", "tora-code-34b_gsm8k_test.jsonl"),
            source="tora-gsm8k-code", license="MIT", domain="math",
            fields=FieldMap(id="tora-gsm8k-{idx}", code=_tora_code, stdin=Const([""]), problem="question")),
        "pot-gsm8k": SourceSpec(
            kind="programs", path=d("pot-gsm8k", "gsm8K_s0_e-1_11_17_10_20.jsonl"), source="pot-gsm8k",
            license="MIT", domain="math", where=_pot_where,
            fields=FieldMap(id="pot-gsm8k-{_index}", code=_pot_code, stdin=Const([""]), problem="question")),
        "humaneval": humaneval,
        "mbpp-sanitized-codet": SourceSpec(
            kind="asserts", path=d("mbpp-sanitized-codet", "mbpp_sanitized_for_code_generation.jsonl"),
            source="mbpp-sanitized-codet", license="CC-BY-4.0 (MBPP) / MIT (CodeT)", domain="function",
            fields=FieldMap(id="task_id", code=_mbpp_code, tests="test", metadata={"entry_point": "entry_point"})),
        "evalplus-mbpp": SourceSpec(
            kind="args", path=d("evalplus", "MbppPlus.jsonl"), source="evalplus-mbpp",
            license="Apache-2.0 (EvalPlus) / CC-BY-4.0 (MBPP)", domain="function",
            fields=FieldMap(id="task_id", code="canonical_solution", tests=("base_input", "plus_input"),
                            problem="prompt")),
        "evalplus-humaneval": SourceSpec(
            kind="args", path=d("evalplus", "HumanEvalPlusInputs.jsonl"), source="evalplus-humaneval",
            license="Apache-2.0 (EvalPlus) / MIT (HumanEval)", domain="function",
            fields=FieldMap(id=_humaneval_plus_id, tests="inputs"),
            join=SourceSpec(path=humaneval.path, fields=FieldMap(id="task_id", code="{prompt}{canonical_solution}"))),
        "classeval": SourceSpec(
            kind="unittest", path=d("classeval", "ClassEval_data.json"), source="classeval", license="MIT",
            domain="class", fields=FieldMap(id="task_id", code="solution_code", tests="test",
                                            problem="class_description", metadata={"class_name": "class_name"})),
        "cruxeval": SourceSpec(
            kind="programs", path=d("cruxeval", "cruxeval.jsonl"), source="cruxeval", license="MIT",
            domain="function", fields=FieldMap(calls="f({input})")),
        "algorithms": SourceSpec(kind="doctest", name="algorithms", source="algorithms (PyPI)", license="MIT",
                                 domain="algorithms"),
    }


PRESETS = tuple(_specs(Path(".")))


def preset(name: str, root: str | Path | None = None, **overrides: Any) -> SourceSpec:
    """The spec of a named public source; `root` is the datasets folder (default: see default_root)."""
    specs = _specs(Path(root) if root is not None else default_root())
    if name not in specs:
        raise ValueError(f"unknown preset {name!r}; known: {', '.join(specs)}")
    spec = specs[name]
    return SourceSpec.of({**vars(spec), **overrides}) if overrides else spec


def spec_of(value: SourceSpec | Mapping) -> SourceSpec:
    """A spec from itself or a dict; a dict with `preset` (and optional `root`) starts from that preset."""
    if isinstance(value, Mapping) and "preset" in value:
        value = dict(value)
        base = preset(value.pop("preset"), value.pop("root", None))
        return replace(base, **checked_keys(value))
    return SourceSpec.of(value)
