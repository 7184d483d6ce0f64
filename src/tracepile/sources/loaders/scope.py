"""Turning calls found in test code (asserts, unittest methods, doctest sessions) into call expressions
that stand alone: literal bindings are substituted and `obj = Cls()` becomes `Cls()` for obj's first call."""

from __future__ import annotations

import ast
import copy
from dataclasses import dataclass, field
from typing import Iterator

_COMPOUND = (ast.For, ast.AsyncFor, ast.While, ast.If, ast.With, ast.AsyncWith, ast.Try)
_DEFS = (ast.FunctionDef, ast.AsyncFunctionDef)


@dataclass(frozen=True)
class Found:
    """One call of the program under test: its stand-alone text, the expected value an assert gives
    (`assert call == expected`), or why it cannot stand alone."""

    text: str = ""
    expected: str | None = None
    problem: str | None = None
    callee: str = ""  # the program function or class called


@dataclass
class Targets:
    """What counts as a call of the program: its module-level functions and classes, and aliases such as
    `candidate` -> `Solution().twoSum` (HumanEval's check(candidate), LeetCode's check(Solution().m))."""

    functions: set[str]
    classes: set[str]
    aliases: dict[str, ast.expr] = field(default_factory=dict)
    generators: set[str] = field(default_factory=set)  # generator functions: a call alone runs nothing

    def alias(self, name: str, expression: str) -> None:
        try:
            self.aliases[name] = ast.parse(expression, mode="eval").body
        except SyntaxError:
            pass


@dataclass
class Scope:
    """Bindings known along a straight run of statements: literal values and instances of program classes
    (`fresh` while still as `Cls()` left them)."""

    targets: Targets
    values: dict[str, ast.expr] = field(default_factory=dict)
    instances: dict[str, str] = field(default_factory=dict)  # name -> class name
    fresh: set[str] = field(default_factory=set)
    built_with_args: set[str] = field(default_factory=set)

    def child(self) -> Scope:
        return Scope(self.targets, dict(self.values), dict(self.instances), set(self.fresh),
                     set(self.built_with_args))

    # ------------------------------------------------------------ finding calls

    def calls_in(self, node: ast.AST) -> list[ast.Call]:
        """Calls of the program inside a node, outermost first."""
        return [n for n in ast.walk(node) if isinstance(n, ast.Call) and self.is_target(n)]

    def is_target(self, call: ast.Call) -> bool:
        func = call.func
        if isinstance(func, ast.Name):
            return func.id in self.targets.aliases or func.id in self.targets.functions
        if isinstance(func, ast.Attribute):
            receiver = func.value
            key = _key(receiver)
            if key is not None and key in self.instances:
                return True
            if isinstance(receiver, ast.Name) and receiver.id in self.targets.classes:
                return True  # a static or class method: Cls.method(...)
            return (isinstance(receiver, ast.Call) and isinstance(receiver.func, ast.Name)
                    and receiver.func.id in self.targets.classes)
        return False

    def resolve(self, call: ast.Call, used: set[str]) -> Found:
        """The stand-alone form of a program call, or why there is none. `used` collects fresh
        instances consumed by this statement."""
        callee = self._callee_name(call.func)
        if isinstance(call.func, ast.Name) and callee in self.targets.generators:
            return Found(problem="calls a generator function: its values need a consumer", callee=callee)
        func, problem = self._callee(call.func, used)
        if problem:
            return Found(problem=problem, callee=callee)
        new = ast.Call(func=func, args=[self._substitute(a) for a in call.args],
                       keywords=[ast.keyword(arg=k.arg, value=self._substitute(k.value)) for k in call.keywords])
        try:
            return Found(text=ast.unparse(ast.fix_missing_locations(new)), callee=callee)
        except (ValueError, RecursionError) as exc:
            return Found(problem=f"bad call: {exc}", callee=callee)

    def _callee_name(self, func: ast.expr) -> str:
        if isinstance(func, ast.Name):
            return func.id
        receiver = func.value
        if isinstance(receiver, ast.Name) and receiver.id in self.targets.classes:
            return receiver.id
        if isinstance(receiver, ast.Call) and isinstance(receiver.func, ast.Name):
            return receiver.func.id
        return self.instances.get(_key(receiver) or "", "")

    def _callee(self, func: ast.expr, used: set[str]) -> tuple[ast.expr | None, str | None]:
        if isinstance(func, ast.Name):
            return copy.deepcopy(self.targets.aliases.get(func.id, func)), None
        receiver = func.value
        if isinstance(receiver, ast.Name) and receiver.id in self.targets.classes \
                and receiver.id not in self.instances:
            return func, None
        if isinstance(receiver, ast.Call):
            if receiver.args or receiver.keywords:
                return None, "instance built with arguments: the call needs `Cls()`"
            return func, None
        key = _key(receiver)
        if key in self.built_with_args:
            return None, "instance built with arguments: the call needs `Cls()`"
        if key not in self.fresh or key in used:
            return None, "method call on an object changed by earlier steps"
        used.add(key)
        instance = ast.Call(func=ast.Name(self.instances[key], ast.Load()), args=[], keywords=[])
        return ast.Attribute(value=instance, attr=func.attr, ctx=ast.Load()), None

    def _substitute(self, node: ast.expr) -> ast.expr:
        values = self.values

        class Substitute(ast.NodeTransformer):
            def visit_Name(self, name: ast.Name):
                return copy.deepcopy(values[name.id]) if name.id in values else name

            def visit_Attribute(self, attr: ast.Attribute):
                key = _key(attr)
                if key is not None and key in values:
                    return copy.deepcopy(values[key])
                return self.generic_visit(attr)

            def visit_Lambda(self, node: ast.Lambda):
                return node  # its names are its own

        return Substitute().visit(copy.deepcopy(node))

    # ------------------------------------------------------------ updating bindings

    def after(self, stmt: ast.stmt, used: set[str]) -> None:
        """Update the bindings once a statement has run."""
        for name in used:
            self.fresh.discard(name)
        self.forget_changed(stmt)
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
            self._assign(stmt.targets[0], stmt.value)

    def _assign(self, target: ast.expr, value: ast.expr) -> None:
        key = _key(target)
        if key is None:
            return
        if isinstance(value, ast.Call) and isinstance(value.func, ast.Name) \
                and value.func.id in self.targets.classes:
            self.instances[key] = value.func.id
            (self.built_with_args if value.args or value.keywords else self.fresh).add(key)
        elif is_value(value, self.values):
            self.values[key] = self._substitute(value)

    def forget_changed(self, stmt: ast.stmt) -> None:
        stored, touched = changed_names(stmt)
        for key in stored:
            self.forget(key)
        for key in touched:
            self.values.pop(key, None)  # a mutated literal is no longer what the text says
            self.fresh.discard(key)  # an instance whose method ran is no longer `Cls()`

    def forget(self, key: str) -> None:
        self.values.pop(key, None)
        self.instances.pop(key, None)
        self.fresh.discard(key)
        self.built_with_args.discard(key)


def _key(node: ast.expr) -> str | None:
    """`x` or `self.x` as a binding key."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "self":
        return f"self.{node.attr}"
    return None


def is_value(node: ast.expr, known: dict[str, ast.expr]) -> bool:
    """A value the call can carry as text: a literal, or builtin-only arithmetic over known values."""
    try:
        ast.literal_eval(node)
        return True
    except (ValueError, TypeError, SyntaxError, RecursionError, MemoryError):
        pass
    for sub in ast.walk(node):
        if isinstance(sub, (ast.Call, ast.Lambda, ast.comprehension, ast.Await, ast.Yield, ast.NamedExpr)):
            return False
        if isinstance(sub, ast.Name) and sub.id not in known:
            return False
    return True


def changed_names(stmt: ast.stmt) -> tuple[set[str], set[str]]:
    """Bindings a statement may change: (names it stores or deletes, objects it mutates or hands to a call)."""
    stored: set[str] = set()
    touched: set[str] = set()
    for node in ast.walk(stmt):
        ctx = getattr(node, "ctx", None)
        if isinstance(node, ast.Name) and isinstance(ctx, (ast.Store, ast.Del)):
            stored.add(node.id)
        elif isinstance(node, ast.Attribute) and isinstance(ctx, (ast.Store, ast.Del)):
            stored.add(_key(node) or "")
            touched.add(_key(node.value) or "")
        elif isinstance(node, ast.Subscript) and isinstance(ctx, (ast.Store, ast.Del)):
            touched.add(_key(node.value) or "")
        elif isinstance(node, ast.Call):
            for arg in [*node.args, *(k.value for k in node.keywords)]:
                touched.add(_key(arg) or "")
            if isinstance(node.func, ast.Attribute):
                touched.add(_key(node.func.value) or "")
    stored.discard("")
    touched.discard("")
    return stored, touched


# ---------------------------------------------------------------- walking statement runs


def scan(body: list[ast.stmt], scope: Scope, *, asserts_only: bool) -> Iterator[Found]:
    """Program calls along a block, in order. With `asserts_only`, only calls inside `assert` statements
    count (assert-style tests); otherwise every statement's calls do (unittest methods, doctest sessions)."""
    for stmt in body:
        if isinstance(stmt, _DEFS):
            yield from scan(stmt.body, scope.child(), asserts_only=asserts_only)
            continue
        if isinstance(stmt, ast.ClassDef):
            continue
        if isinstance(stmt, _COMPOUND):
            yield from _scan_compound(stmt, scope, asserts_only)
            continue
        used: set[str] = set()
        if isinstance(stmt, ast.Assert):
            yield from _from_assert(stmt, scope, used)
        elif not asserts_only:
            for call in _outermost(scope.calls_in(stmt)):
                yield scope.resolve(call, used)
        scope.after(stmt, used)


def _scan_compound(stmt: ast.stmt, scope: Scope, asserts_only: bool) -> Iterator[Found]:
    """Inside a loop or a branch the values may differ per pass: names it changes are unknown there."""
    inner = scope.child()
    inner.forget_changed(stmt)
    for block in ("body", "orelse", "finalbody"):
        yield from scan(getattr(stmt, block, []) or [], inner.child(), asserts_only=asserts_only)
    for handler in getattr(stmt, "handlers", []) or []:
        yield from scan(handler.body, inner.child(), asserts_only=asserts_only)
    scope.forget_changed(stmt)


def _from_assert(stmt: ast.Assert, scope: Scope, used: set[str]) -> Iterator[Found]:
    calls = scope.calls_in(stmt.test)
    if not calls:
        return
    found = scope.resolve(calls[0], used)
    yield Found(found.text, _expected(stmt.test, calls[0]), found.problem, found.callee)


def _expected(test: ast.expr, call: ast.Call) -> str | None:
    if isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], ast.Eq):
        left, right = test.left, test.comparators[0]
        other = right if left is call else left if right is call else None
        return ast.unparse(other) if other is not None else None
    if test is call:
        return "True"
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not) and test.operand is call:
        return "False"
    return None


def _outermost(calls: list[ast.Call]) -> list[ast.Call]:
    """Drop program calls nested inside another program call's arguments (f(g(1)) is one input, f's)."""
    inner = {id(n) for c in calls for arg in [*c.args, *(k.value for k in c.keywords)] for n in ast.walk(arg)}
    return [c for c in calls if id(c) not in inner]
