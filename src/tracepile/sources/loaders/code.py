"""Turning dataset text into runnable program code: fenced blocks, prompt + body joins, missing stdlib
imports, the syntax check and the names a module binds. Text and AST work only; nothing is executed."""

from __future__ import annotations

import ast
import builtins
import warnings

from tracepile.sandbox.libraries import in_stdlib, installed

PYTHON_FENCES = ("python", "py", "python3")
BUILTIN_NAMES = frozenset(dir(builtins))

# Names solution snippets often use without importing them (LeetCode-style code assumes a header).
_FROM_IMPORTS = {
    "typing": "List Dict Set Tuple Optional Union Any Callable Iterable Iterator Deque DefaultDict",
    "collections": "defaultdict Counter deque OrderedDict namedtuple ChainMap",
    "heapq": "heappush heappop heapify heapreplace heappushpop nlargest nsmallest",
    "bisect": "bisect_left bisect_right insort insort_left insort_right",
    "math": "inf pi gcd lcm sqrt isqrt ceil floor log log2 log10 comb perm factorial atan2",
    "functools": "lru_cache cache reduce cmp_to_key partial",
    "itertools": "accumulate permutations combinations combinations_with_replacement product pairwise "
                 "groupby zip_longest islice chain count",
    "string": "ascii_lowercase ascii_uppercase ascii_letters digits",
    "operator": "itemgetter attrgetter xor or_ and_",
}
_MODULES = ("math heapq bisect collections itertools functools string re operator random sys copy "
            "statistics fractions decimal datetime json typing").split()
IMPORT_FOR = {
    **{name: f"from {module} import {name}" for module, names in _FROM_IMPORTS.items() for name in names.split()},
    **{module: f"import {module}" for module in _MODULES},
}


def parse(code: str) -> ast.Module:
    """ast.parse without the warnings dataset code triggers (invalid escape sequences ...)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return ast.parse(code)


def syntax_problem(code: str) -> str | None:
    """None when the code compiles, else the reason as `syntax error: message (line n)`."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            compile(code, "<program>", "exec", dont_inherit=True)
    except SyntaxError as exc:
        return f"syntax error: {exc.msg} (line {exc.lineno})"
    except (ValueError, RecursionError, MemoryError) as exc:
        return f"syntax error: {type(exc).__name__}: {exc}"
    return None


def fenced_python(text: str) -> str:
    """The ```python blocks of a Markdown answer joined in order (unlabelled blocks if there is no
    labelled one); text without any fence is returned as it is."""
    if "```" not in text:
        return text
    labelled, plain = [], []
    block, label = None, ""
    for line in text.splitlines(keepends=True):
        if line.lstrip().startswith("```"):
            if block is None:
                block, label = [], line.strip()[3:].strip().lower()
            else:
                (labelled if label in PYTHON_FENCES else plain if not label else []).append("".join(block))
                block = None
        elif block is not None:
            block.append(line)
    chosen = labelled or plain
    return "\n".join(b if b.endswith("\n") else b + "\n" for b in chosen)


def complete_function(prompt: str, body: str) -> str:
    """A signature-and-docstring prompt plus its body. When the two do not compile together (a body
    indented differently from the docstring), the prompt's last docstring is dropped and tried again."""
    code = prompt + body
    if syntax_problem(code) is None:
        return code
    trimmed = _without_last_docstring(prompt)
    if trimmed is not None and syntax_problem(trimmed + body) is None:
        return trimmed + body
    return code  # the syntax check reports the real error


def _without_last_docstring(prompt: str) -> str | None:
    try:
        tree = parse(prompt)
    except (SyntaxError, ValueError, RecursionError):
        return None
    funcs = [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
    if not funcs or docstring_node(funcs[-1]) is None:
        return None
    doc = docstring_node(funcs[-1])
    lines = prompt.splitlines(keepends=True)
    return "".join(lines[: doc.lineno - 1] + lines[doc.end_lineno:])


def docstring_node(node: ast.AST) -> ast.Expr | None:
    body = getattr(node, "body", None)
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
            and isinstance(body[0].value.value, str):
        return body[0]
    return None


def with_missing_imports(code: str) -> tuple[str, list[str]]:
    """The code with stdlib imports added for names it uses but never binds (List, defaultdict, inf ...),
    placed after any `from __future__` line; also the import lines added."""
    try:
        tree = parse(code)
    except (SyntaxError, ValueError, RecursionError):
        return code, []
    needed = sorted(free_names(tree) & IMPORT_FOR.keys())
    if not needed:
        return code, []
    added = [IMPORT_FOR[name] for name in needed]
    futures = [n for n in tree.body if isinstance(n, ast.ImportFrom) and n.module == "__future__"]
    cut = futures[-1].end_lineno if futures else 0
    lines = code.splitlines(keepends=True)
    return "".join(lines[:cut]) + "\n".join(added) + "\n" + "".join(lines[cut:]), added


def free_names(tree: ast.AST) -> set[str]:
    """Names read somewhere and bound nowhere in the tree (scopes merged), builtins excluded."""
    loaded, bound = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            (loaded if isinstance(node.ctx, ast.Load) else bound).add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bound.add(node.name)
        elif isinstance(node, ast.arg):
            bound.add(node.arg)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            bound.update((a.asname or a.name).split(".")[0] for a in node.names)
        elif isinstance(node, (ast.Global, ast.Nonlocal)):
            bound.update(node.names)
        elif isinstance(node, ast.ExceptHandler) and node.name:
            bound.add(node.name)
    return loaded - bound - BUILTIN_NAMES


def module_names(code: str) -> set[str]:
    """Names bound at module level (defs, classes, assignments, imports), nested blocks included."""
    try:
        tree = parse(code)
    except (SyntaxError, ValueError, RecursionError):
        return set()
    names: set[str] = set()
    for stmt in tree.body:
        names |= bound_by(stmt)
    return names


def bound_by(stmt: ast.stmt) -> set[str]:
    """Names one module-level statement binds (without looking into function or class bodies)."""
    if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return {stmt.name}
    if isinstance(stmt, (ast.Import, ast.ImportFrom)):
        return {(a.asname or a.name).split(".")[0] for a in stmt.names if a.name != "*"}
    names = set()
    for node in _walk_outside_defs(stmt):
        if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            names.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update((a.asname or a.name).split(".")[0] for a in node.names if a.name != "*")
    return names


def _walk_outside_defs(node: ast.AST):
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        if current is not node and isinstance(current, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef,
                                                         ast.Lambda)):
            continue
        stack.extend(ast.iter_child_nodes(current))


def missing_imports(code: str, stdlib_only: bool = False, python: str | None = None) -> list[str]:
    """Modules the code imports outside any try block that a job cannot import (relative imports
    included): the sandbox sees the standard library and the installed site-packages only (`stdlib_only`:
    the standard library only) of the interpreter jobs run under (`python`; None: this one)."""
    try:
        tree = parse(code)
    except (SyntaxError, ValueError, RecursionError):
        return []
    guarded = {id(n) for t in ast.walk(tree) if isinstance(t, ast.Try) for b in t.body for n in ast.walk(b)}
    found = []
    for node in ast.walk(tree):
        if id(node) in guarded:
            continue
        if isinstance(node, ast.ImportFrom):
            names = ["." * node.level + (node.module or "")]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        else:
            continue
        found += [n for n in names if n.startswith(".") or not (
            in_stdlib(n.split(".")[0], python) if stdlib_only else installed(n.split(".")[0], python))]
    return sorted(set(found))


def generator_functions(tree: ast.Module) -> set[str]:
    """Module-level functions that are generators: calling one runs none of its lines."""
    found = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and \
                any(isinstance(n, (ast.Yield, ast.YieldFrom)) for n in _walk_outside_defs(node)):
            found.add(node.name)
    return found
