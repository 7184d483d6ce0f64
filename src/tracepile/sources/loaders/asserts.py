"""Inputs from test code: `assert f(x) == y` lines (HumanEval's `candidate`, LeetCode's
`check(Solution().m)`) and unittest methods (ClassEval), each program call becoming a call expression."""

from __future__ import annotations

import ast

from tracepile.sources.loaders.base import RowError
from tracepile.sources.loaders.code import generator_functions, parse
from tracepile.sources.loaders.scope import Found, Scope, Targets, scan


def program_targets(code: str | ast.Module) -> Targets:
    """The module-level functions and classes a program defines."""
    try:
        tree = parse(code) if isinstance(code, str) else code
    except (SyntaxError, ValueError, RecursionError):
        return Targets(set(), set())
    functions = {n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}
    classes = {n.name for n in tree.body if isinstance(n, ast.ClassDef)}
    return Targets(functions, classes, generators=generator_functions(tree))


def parse_tests(text: str) -> ast.Module:
    try:
        return parse(text)
    except SyntaxError as exc:
        raise RowError(f"syntax error: in the tests: {exc.msg} (line {exc.lineno})") from None
    except (ValueError, RecursionError, MemoryError) as exc:
        raise RowError(f"syntax error: in the tests: {type(exc).__name__}") from None


def assert_inputs(tests: str, code: str, entry_point: str | None = None) -> list[Found]:
    """Program calls in the asserts of a test text. `candidate` stands for what the tests pass to
    `check(...)` at module level, else for the entry point."""
    tree = parse_tests(tests)
    targets = program_targets(code)
    candidate = _checked_expression(tree) or entry_point
    if candidate:
        targets.alias("candidate", candidate)
    return list(scan(tree.body, Scope(targets), asserts_only=True))


def _checked_expression(tree: ast.Module) -> str | None:
    """`X` in a module-level `check(X)` (LeetCode: check(Solution().twoSum))."""
    for stmt in tree.body:
        if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call):
            call = stmt.value
            if isinstance(call.func, ast.Name) and call.func.id == "check" and len(call.args) == 1:
                return ast.unparse(call.args[0])
    return None


def unittest_inputs(tests: str, code: str) -> list[Found]:
    """Program calls in the test methods of unittest.TestCase classes, each method starting from what
    its class's setUp binds. Every statement counts, not only assertions."""
    tree = parse_tests(tests)
    targets = program_targets(code)
    found: list[Found] = []
    for case in (n for n in tree.body if isinstance(n, ast.ClassDef) and _is_test_case(n)):
        methods = [n for n in case.body if isinstance(n, ast.FunctionDef)]
        base = Scope(targets)
        for setup in (m for m in methods if m.name == "setUp"):
            list(scan(setup.body, base, asserts_only=False))  # its bindings, not its calls
        for method in (m for m in methods if m.name.startswith("test")):
            found.extend(scan(method.body, base.child(), asserts_only=False))
    return found


def _is_test_case(node: ast.ClassDef) -> bool:
    names = [b.attr if isinstance(b, ast.Attribute) else getattr(b, "id", "") for b in node.bases]
    return any(name.endswith("TestCase") for name in names)
