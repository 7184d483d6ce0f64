"""Programs from doctests: each `>>>` example in a Python file, folder or installed package that calls a
function or class its module defines becomes an input of a program cut out of that module."""

from __future__ import annotations

import ast
import doctest
import importlib.util
import re
from pathlib import Path
from typing import Iterator

from tracepile.model import Program
from tracepile.sources.loaders.base import Rejected
from tracepile.sources.loaders.code import bound_by, docstring_node, parse
from tracepile.sources.loaders.inputs import Options, finish
from tracepile.sources.loaders.asserts import program_targets
from tracepile.sources.loaders.scope import Found, Scope, scan

_DEFS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
_PARSER = doctest.DocTestParser()


class CutError(Exception):
    """The program cannot be cut out of its module; the message is the rejection reason."""


def package_root(name: str) -> Path:
    """Folder (or file) of an installed package or module, found without importing it."""
    spec = importlib.util.find_spec(name) if "." not in name else None
    if spec is None:
        raise ModuleNotFoundError(f"no installed top-level package or module named {name!r}")
    if spec.submodule_search_locations:
        return Path(next(iter(spec.submodule_search_locations)))
    if not spec.origin or not spec.origin.endswith(".py"):
        raise ModuleNotFoundError(f"{name!r} is not a Python source package")
    return Path(spec.origin)


def python_files(root: Path) -> list[Path]:
    """Every .py file under a folder (caches and hidden folders skipped), or the file itself."""
    if root.is_file():
        return [root]
    if not root.is_dir():
        raise FileNotFoundError(f"no such Python file or folder: {root}")
    skip = lambda p: any(part.startswith((".", "__pycache__")) for part in p.relative_to(root).parts)  # noqa: E731
    return sorted(p for p in root.rglob("*.py") if not skip(p))


def doctest_programs(root: Path, options: Options, prefix: str = "") -> Iterator[Program | Rejected]:
    """Programs of every module under `root`; module names are dotted paths under `prefix`."""
    for path in python_files(root):
        parts = path.relative_to(root).with_suffix("").parts if root.is_dir() else (path.stem,)
        parts = tuple(p for p in ((prefix,) if prefix else ()) + parts if p)
        module = ".".join(parts[:-1] if parts[-1] == "__init__" else parts) or path.stem
        yield from module_programs(path, module, options)


def module_programs(path: Path, module: str, options: Options) -> Iterator[Program | Rejected]:
    """The programs of one module (one per function or class its examples call), or why there are none."""
    ref = module
    try:
        text = path.read_text(encoding="utf-8")
        tree = parse(text)
    except (UnicodeDecodeError, OSError) as exc:
        yield Rejected(options.source, ref, f"bad row: cannot read the module: {exc}")
        return
    except (SyntaxError, ValueError, RecursionError) as exc:
        yield Rejected(options.source, ref, f"syntax error: {getattr(exc, 'msg', exc)}")
        return
    sessions = list(_sessions(tree))
    if not sessions:
        yield Rejected(options.source, ref, "no doctests: the module has no >>> examples")
        return
    groups = _group(tree, sessions)
    if not groups:
        yield Rejected(options.source, ref, "no inputs: no example calls a function or class of the module")
    for callee, found in groups.items():
        yield _program(tree, text, module, callee, found, str(path), options)


def _sessions(tree: ast.Module) -> Iterator[list[doctest.Example]]:
    """The examples of each docstring (module, classes, functions, methods), in source order."""
    for node in [tree, *(n for n in ast.walk(tree) if isinstance(n, _DEFS))]:
        doc = ast.get_docstring(node, clean=True)
        if doc and ">>>" in doc:
            try:
                examples = _PARSER.get_examples(doc)
            except ValueError:
                continue
            if examples:
                yield examples


def _group(tree: ast.Module, sessions: list[list[doctest.Example]]) -> dict[str, list[tuple[Found, str | None]]]:
    """Found calls (with the example's expected output) grouped by the module function or class called."""
    targets = program_targets(tree)
    groups: dict[str, list[tuple[Found, str | None]]] = {}
    for examples in sessions:
        scope = Scope(targets)
        for example in examples:
            try:
                body = parse(example.source).body
            except (SyntaxError, ValueError, RecursionError):
                continue
            plain = ast.unparse(body[0].value) if len(body) == 1 and isinstance(body[0], ast.Expr) else None
            for found in scan(body, scope, asserts_only=False):
                want = example.want.strip() if found.text and found.text == plain else None
                groups.setdefault(found.callee, []).append((found, want))
    return groups


def _program(tree: ast.Module, text: str, module: str, callee: str,
             found: list[tuple[Found, str | None]], ref: str, options: Options) -> Program | Rejected:
    program_id = f"{module}:{callee}"
    try:
        code = cut_program(tree, text, callee)
    except CutError as exc:
        return Rejected(options.source, program_id, str(exc))
    calls = [f.text for f, _ in found if not f.problem]
    expected = {f.text: want for f, want in found if want is not None and not f.problem}
    record = {"id": program_id, "code": code, "calls": calls, "module": module, "function": callee,
              "source_ref": ref}
    if expected:
        record["expected"] = expected
    return finish(record, program_id, options, [f.problem for f, _ in found if f.problem])


# ---------------------------------------------------------------- cutting a program out of a module


def cut_program(tree: ast.Module, text: str, name: str, keep_docstrings: bool = False) -> str:
    """The program for `name`: its definition plus, transitively, every module-level definition,
    assignment and import it reads by name, in module order, after any `from __future__` line.

    Docstrings are left out (they hold the expected answers; a body left empty gets `pass`). With
    `from __future__ import annotations`, names used only in annotations are not followed. A needed
    import that is not installed (the package's own relative imports included) is rejected later, by
    the loader's import check."""
    lazy = any(isinstance(n, ast.ImportFrom) and n.module == "__future__"
               and any(a.name == "annotations" for a in n.names) for n in tree.body)
    candidates = [s for s in tree.body if not _skipped(s)]
    chosen = _closure(candidates, {name}, lazy)
    if not any(isinstance(s, _DEFS) and s.name == name for s in chosen):
        raise CutError(f"no inputs: {name!r} is not defined at module level")
    futures = [s for s in tree.body if isinstance(s, ast.ImportFrom) and s.module == "__future__"]
    lines = text.splitlines(keepends=True)
    code, previous = "", None
    for stmt in futures + chosen:
        imports = isinstance(stmt, (ast.Import, ast.ImportFrom))
        gap = "" if previous is None or (imports and previous) else "\n\n"
        code += gap + _segment(lines, stmt, keep_docstrings).rstrip("\n") + "\n"
        previous = imports
    return code


def _skipped(stmt: ast.stmt) -> bool:
    if isinstance(stmt, ast.Expr):
        return True  # docstrings and bare expressions
    if isinstance(stmt, ast.ImportFrom) and stmt.module == "__future__":
        return True
    return isinstance(stmt, ast.If) and "__name__" in ast.unparse(stmt.test)


def _closure(statements: list[ast.stmt], needed: set[str], lazy: bool) -> list[ast.stmt]:
    chosen: list[ast.stmt] = []
    changed = True
    while changed:
        changed = False
        for stmt in statements:
            if stmt not in chosen and bound_by(stmt) & needed:
                chosen.append(stmt)
                needed |= read_names(stmt, lazy)
                changed = True
    return sorted(chosen, key=lambda s: s.lineno)


def read_names(node: ast.AST, lazy: bool) -> set[str]:
    """Names a statement reads; with lazy annotations, names only used in annotations do not count."""
    names: set[str] = set()
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, ast.Name) and isinstance(current.ctx, ast.Load):
            names.add(current.id)
        for name, child in ast.iter_fields(current):
            if lazy and name in ("annotation", "returns"):
                continue
            stack.extend(c for c in (child if isinstance(child, list) else [child]) if isinstance(c, ast.AST))
    return names


def _segment(lines: list[str], stmt: ast.stmt, keep_docstrings: bool) -> str:
    start = min([stmt.lineno] + [d.lineno for d in getattr(stmt, "decorator_list", [])])
    chunk = lines[start - 1: stmt.end_lineno]
    if keep_docstrings:
        return "".join(chunk)
    for doc, owner in sorted(_docstrings(stmt), key=lambda pair: -pair[0].lineno):
        first, last = doc.lineno - start, doc.end_lineno - start
        if chunk[first][: doc.col_offset].strip() or chunk[last][doc.end_col_offset:].strip():
            continue  # shares a line with other code: keep it
        filler = [" " * doc.col_offset + "pass\n"] if len(owner.body) == 1 else []
        chunk[first: last + 1] = filler
    return "".join(chunk)


def _docstrings(stmt: ast.stmt) -> list[tuple[ast.Expr, ast.AST]]:
    found = []
    for node in ast.walk(stmt):
        if isinstance(node, _DEFS):
            doc = docstring_node(node)
            if doc is not None:
                found.append((doc, node))
    return found


# ---------------------------------------------------------------- doctest examples inside a whole module


def without_examples(code: str) -> tuple[str, int]:
    """The code with the `>>>` examples (and their expected output) taken out of every docstring, as
    the loader leaves docstrings out of the programs it cuts: they show the answers. Also how many
    examples went. A docstring left with nothing else, or with an example on a line of its quotes,
    goes whole (`pass` keeps its body)."""
    try:
        tree = parse(code)
    except (SyntaxError, ValueError, RecursionError):
        return code, 0
    lines = code.splitlines(keepends=True)
    owners = [tree, *(n for n in ast.walk(tree) if isinstance(n, _DEFS))]
    docs = sorted(((docstring_node(o), o) for o in owners if docstring_node(o) is not None),
                  key=lambda pair: -pair[0].lineno)
    removed = 0
    for doc, owner in docs:
        count = len(_PARSER.get_examples(doc.value.value)) if ">>>" in doc.value.value else 0
        if not count:
            continue
        removed += count
        first, last = doc.lineno - 1, doc.end_lineno - 1
        kept, open_example = _without_example_lines(lines[first + 1: last])
        head = _QUOTES_START.sub("", lines[first][doc.col_offset:].strip()) if first != last else ""
        tail = _QUOTES_END.sub("", lines[last][:doc.end_col_offset].strip())
        whole = first == last or ">>>" in head + tail or open_example and tail or not (head or tail or kept)
        if not whole:
            lines[first + 1: last] = kept
        elif not lines[first][: doc.col_offset].strip() and not lines[last][doc.end_col_offset:].strip():
            lines[first: last + 1] = [" " * doc.col_offset + "pass\n"] if owner is not tree and \
                len(owner.body) == 1 else []
        else:  # shares a line with other code: an empty string keeps it valid
            lines[first: last + 1] = [lines[first][: doc.col_offset] + '""' + lines[last][doc.end_col_offset:]]
    return "".join(lines), removed


_QUOTES_START = re.compile("^[A-Za-z]*(\"\"\"|\'\'\'|\"|\')")
_QUOTES_END = re.compile("(\"\"\"|\'\'\'|\"|\')$")


def _without_example_lines(lines: list[str]) -> tuple[list[str], bool]:
    """Docstring lines without their examples: a `>>>` line, its `...` lines and the expected output
    after them (up to a blank line or the next `>>>`); no two blank lines in a row, none at the end.
    Also whether the last example is still open (its output may go on into the closing line)."""
    kept: list[str] = []
    state = "text"
    for line in lines:
        text = line.strip()
        if text.startswith(">>>"):
            state = "source"
        elif state == "source" and text.startswith("..."):
            pass
        elif state != "text" and text:
            state = "want"
        else:
            state = "text"
            if text or not kept or kept[-1].strip():
                kept.append(line)
    while kept and not kept[-1].strip():
        kept.pop()
    return kept, state != "text"
