"""Evaluation sets as plain items (benchmark, item id, code, text) for decontamination: loaders for the
shared public benchmarks, and for any JSONL / JSON / Parquet file or Hugging Face dataset a user names."""

from __future__ import annotations

import ast
import gzip
import json
import os
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from tracepile.quality.normalize import parse


@dataclass(frozen=True)
class EvalItem:
    """One evaluation item: `code` is matched as code tokens, `text` as words."""

    benchmark: str
    item_id: str
    code: str = ""
    text: str = ""


def default_root() -> Path:
    """The shared datasets folder: $TRACEPILE_SHARED/datasets, else ../shared/datasets from the working
    directory, else ../shared/datasets beside the checkout tracepile is installed from."""
    if "TRACEPILE_SHARED" in os.environ:
        return Path(os.environ["TRACEPILE_SHARED"]) / "datasets"
    here = Path("../shared/datasets")
    beside_checkout = Path(__file__).resolve().parents[4] / "shared" / "datasets"
    return here if here.is_dir() or not beside_checkout.is_dir() else beside_checkout


def _file(root: Path | None, *parts: str) -> Path:
    path = Path(root or default_root()).joinpath(*parts)
    if not path.is_file():
        raise FileNotFoundError(f"evaluation file not found: {path}")
    return path


def read_records(path: str | os.PathLike) -> list[dict[str, Any]]:
    """Records of a .jsonl / .jsonl.gz / .json (a list, or an object with one list) / .parquet file."""
    path = Path(path)
    name = path.name.lower()
    if name.endswith(".parquet"):
        import pyarrow.parquet as pq
        return pq.read_table(path).to_pylist()
    opener = gzip.open if name.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as handle:
        if name.endswith((".jsonl", ".jsonl.gz", ".ndjson")):
            return [json.loads(line) for line in handle if line.strip()]
        data = json.load(handle)
    if isinstance(data, dict):
        lists = [v for v in data.values() if isinstance(v, list)]
        if len(lists) != 1:
            raise ValueError(f"{path}: a JSON object must hold exactly one list of records")
        data = lists[0]
    if not isinstance(data, list):
        raise ValueError(f"{path}: expected a list of records")
    return data


def items_from_records(records: Iterable[dict[str, Any]], benchmark: str, *,
                       code_fields: Sequence[str] = (), text_fields: Sequence[str] = (),
                       id_field: str | None = None) -> list[EvalItem]:
    """EvalItems from records: the named fields joined by newlines; ids from `id_field` or the index."""
    items = []
    for index, record in enumerate(records):
        code = "\n".join(str(record[f]) for f in code_fields if record.get(f) is not None)
        text = "\n".join(str(record[f]) for f in text_fields if record.get(f) is not None)
        item_id = str(record[id_field]) if id_field and record.get(id_field) is not None else str(index)
        items.append(EvalItem(benchmark, item_id, code, text))
    return items


def load_eval_file(source: str | os.PathLike, benchmark: str | None = None, *,
                   code_fields: Sequence[str] = (), text_fields: Sequence[str] = (),
                   id_field: str | None = None, split: str = "test",
                   hf_kwargs: dict[str, Any] | None = None) -> list[EvalItem]:
    """Any local JSONL / JSON / Parquet file, or else a Hugging Face dataset name (needs network or a
    local cache; `hf_kwargs` go to `datasets.load_dataset`), with the fields to use as code and text."""
    if not code_fields and not text_fields:
        raise ValueError("give code_fields and/or text_fields")
    path = Path(source).expanduser()
    if path.is_file():
        records = read_records(path)
        benchmark = benchmark or path.stem
    else:
        if path.suffix in (".jsonl", ".json", ".parquet", ".gz") or str(source).startswith(("/", ".")):
            raise FileNotFoundError(f"evaluation file not found: {path}")
        import datasets
        records = datasets.load_dataset(str(source), split=split, **(hf_kwargs or {}))
        benchmark = benchmark or str(source)
    return items_from_records(records, benchmark, code_fields=code_fields, text_fields=text_fields,
                              id_field=id_field)


# ---------------------------------------------------------------- the shared benchmarks


def load_cruxeval(root: Path | None = None) -> list[EvalItem]:
    return items_from_records(read_records(_file(root, "cruxeval", "cruxeval.jsonl")), "cruxeval",
                              code_fields=("code",), id_field="id")


def load_humaneval(root: Path | None = None) -> list[EvalItem]:
    records = read_records(_file(root, "humaneval", "HumanEval.jsonl.gz"))
    return [EvalItem("humaneval", r["task_id"], r["prompt"] + r["canonical_solution"], _docstrings(r["prompt"]))
            for r in records]


def load_mbpp(root: Path | None = None) -> list[EvalItem]:
    """MBPP sanitized (CodeT copy): the prompt's docstring is the text; signature + body the code."""
    records = read_records(_file(root, "mbpp-sanitized-codet", "mbpp_sanitized_for_code_generation.jsonl"))
    return [EvalItem("mbpp", r["task_id"], _mbpp_code(r["prompt"], r["canonical_solution"]),
                     _docstrings(r["prompt"])) for r in records]


def load_mbppplus(root: Path | None = None) -> list[EvalItem]:
    records = read_records(_file(root, "evalplus", "MbppPlus.jsonl"))
    return [EvalItem("mbppplus", r["task_id"], r["canonical_solution"], _docstrings(r["prompt"]) or r["prompt"])
            for r in records]


LEETCODE_BOILERPLATE = (
    "Please solve the programming task below using a self-contained code snippet in a markdown code block.",
    "Please complete the following python code precisely:",
)


def load_leetcode(root: Path | None = None) -> list[EvalItem]:
    """LeetCode test split (rLLM copy); ids are `test/<index>/<method>`; the prompt boilerplate and
    the code stub are left out of the text."""
    items = []
    for index, r in enumerate(read_records(_file(root, "leetcode-rllm", "leetcode_test.json"))):
        text = r["problem"].split("```", 1)[0]
        for line in LEETCODE_BOILERPLATE:
            text = text.replace(line, "")
        items.append(EvalItem("leetcode", f"test/{index}/{_method(r['solutions'])}", r["solutions"], text))
    return items


def load_gsm8k(root: Path | None = None) -> list[EvalItem]:
    records = read_records(_file(root, "gsm8k", "test.jsonl"))
    return [EvalItem("gsm8k", f"test/{i}", "", r["question"]) for i, r in enumerate(records)]


def load_math(root: Path | None = None) -> list[EvalItem]:
    records = read_records(_file(root, "math-hendrycks", "test.jsonl"))
    return [EvalItem("math", f"test/{r.get('idx', i)}", "", r["problem"]) for i, r in enumerate(records)]


def load_bbh(root: Path | None = None) -> list[EvalItem]:
    folder = Path(root or default_root()) / "bbh"
    if not folder.is_dir():
        raise FileNotFoundError(f"evaluation folder not found: {folder}")
    items = []
    for path in sorted(folder.glob("*.json")):
        for i, example in enumerate(json.loads(path.read_text(encoding="utf-8"))["examples"]):
            items.append(EvalItem("bbh", f"{path.stem}/{i}", "", example["input"]))
    return items


def load_reval(root: Path | None = None) -> list[EvalItem]:
    records = read_records(_file(root, "reval", "DREval_data.jsonl"))
    return [EvalItem("reval", r["task_id"], r["code"], _docstrings(r["code"])) for r in records]


# HumanEval+ extra inputs are not loaded: they are inputs to HumanEval's own code, which the
# `humaneval` loader already covers, and inputs are not matched as n-grams.
LOADERS: dict[str, Callable[[Path | None], list[EvalItem]]] = {
    "cruxeval": load_cruxeval,
    "humaneval": load_humaneval,
    "mbpp": load_mbpp,
    "mbppplus": load_mbppplus,
    "leetcode": load_leetcode,
    "gsm8k": load_gsm8k,
    "math": load_math,
    "bbh": load_bbh,
    "reval": load_reval,
}


def load_eval_sets(names: Iterable[str] | None = None, root: Path | None = None,
                   skip_missing: bool = False) -> dict[str, list[EvalItem]]:
    """The named shared benchmarks (all of LOADERS by default); a missing file raises
    FileNotFoundError unless `skip_missing`."""
    sets = {}
    for name in names or LOADERS:
        if name not in LOADERS:
            raise KeyError(f"unknown evaluation set {name!r}; known: {', '.join(LOADERS)}")
        try:
            sets[name] = LOADERS[name](root)
        except FileNotFoundError:
            if not skip_missing:
                raise
    return sets


# ---------------------------------------------------------------- helpers


def _docstrings(code: str) -> str:
    """Docstrings of a (possibly body-less) prompt, or "" when it does not parse."""
    try:
        tree = parse(code)
    except SyntaxError:
        try:
            tree = parse(code + "\n    pass\n")
        except SyntaxError:
            return ""
    docs = [ast.get_docstring(n, clean=True) for n in ast.walk(tree)
            if isinstance(n, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))]
    return "\n".join(d for d in docs if d)


def _mbpp_code(prompt: str, body: str) -> str:
    """Signature + body: the CodeT prompt indents its docstring by 4 and many bodies by 2 spaces, so the
    docstring is cut out and, if that is not enough, the body re-indented."""
    try:
        tree = parse(prompt)
        lines = prompt.splitlines(keepends=True)
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.body \
                    and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant):
                doc = node.body[0]
                del lines[doc.lineno - 1:doc.end_lineno]
                break
        head = "".join(lines)
    except SyntaxError:
        head = prompt
    code = head + body
    try:
        parse(code)
        return code
    except SyntaxError:
        return head + textwrap.indent(textwrap.dedent(body), "    ")


def _method(solution: str) -> str:
    try:
        tree = parse(solution)
    except SyntaxError:
        return "?"
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef) and node.name == "Solution":
            for item in node.body:
                if isinstance(item, ast.FunctionDef) and not item.name.startswith("_"):
                    return item.name
    return "?"
