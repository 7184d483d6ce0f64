"""The rewrite contract: a parsed program with its metadata, one edit or one skip reason per attempt.
Each rewrite lists its eligible sites, picks one with the caller's seeded RNG and transforms only that."""

from __future__ import annotations

import ast
import functools
import random
from dataclasses import dataclass, field
from typing import Any

import libcst as cst
from libcst.metadata import MetadataWrapper, ParentNodeProvider, PositionProvider, ScopeProvider

from tracepile.enrich.rewrites import syntax
from tracepile.model import RecordError, parse_call

NO_SITE = "no eligible site"


@dataclass(frozen=True)
class Edit:
    """One rewrite applied at one site: the new program text and the functions it renamed."""

    code: str
    site: str
    renames: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Skip:
    """Why a rewrite was not applied (no site, or every site was unsafe)."""

    reason: str


@dataclass(frozen=True)
class Site:
    """An eligible place for a rewrite: the node to change and whatever the rewrite worked out."""

    node: cst.CSTNode = field(repr=False)
    data: dict[str, Any] = field(default_factory=dict, repr=False)


class Context:
    """One program parsed once: the tree, its scopes, parents, positions and every spelled identifier."""

    def __init__(self, code: str, calls: tuple[str, ...] = ()):
        self.code = code
        self.module = cst.parse_module(code)
        self.wrapper = MetadataWrapper(self.module, unsafe_skip_copy=True)
        self.calls = calls
        self.call_keywords, self.call_names, self.argument_names = _call_words(calls)
        self.taken = syntax.identifiers(self.module) | self.call_keywords | self.call_names | \
            self.argument_names | syntax.RESERVED
        self.dynamic = syntax.uses_dynamic_scope(self.module)

    @functools.cached_property
    def scopes(self):
        return self.wrapper.resolve(ScopeProvider)

    @functools.cached_property
    def parents(self):
        return self.wrapper.resolve(ParentNodeProvider)

    @functools.cached_property
    def positions(self):
        return self.wrapper.resolve(PositionProvider)

    @functools.cached_property
    def bound(self) -> set[str]:
        """Every name bound anywhere in the program (to tell whether `range`, `len`, ... are rebound)."""
        return syntax.bound_names(self.module)

    @functools.cached_property
    def declared(self) -> set[str]:
        """Names some `global` or `nonlocal` statement declares."""
        return syntax.declared_global_or_nonlocal(self.module)

    def line(self, node: cst.CSTNode) -> int:
        return self.positions[node].start.line

    def ancestors(self, node: cst.CSTNode):
        while node in self.parents:
            node = self.parents[node]
            yield node

    def enclosing_function(self, node: cst.CSTNode) -> cst.FunctionDef | None:
        for parent in self.ancestors(node):
            if isinstance(parent, (cst.FunctionDef, cst.Lambda, cst.ClassDef)):
                return parent if isinstance(parent, cst.FunctionDef) else None
        return None

    def function_scope(self, func: cst.FunctionDef):
        """The libcst scope of the function's own body (None for odd trees)."""
        first = func.body.body[0] if isinstance(func.body, cst.IndentedBlock) else func.body
        scope = self.scopes.get(first)
        return scope if getattr(scope, "node", None) is func else None

    def local_names(self, func: cst.FunctionDef) -> set[str]:
        scope = self.function_scope(func)
        return {a.name for a in scope.assignments} if scope is not None else set()

    def block_of(self, node: cst.CSTNode):
        """(statement list owning `node`, its index) when `node` is a statement of a block."""
        parent = self.parents.get(node)
        if isinstance(parent, (cst.IndentedBlock, cst.Module)):
            body = list(parent.body)
            for k, item in enumerate(body):
                if item is node:
                    return body, k
        return None, -1

    def inside_try(self, node: cst.CSTNode, stop: cst.CSTNode) -> bool:
        for parent in self.ancestors(node):
            if parent is stop:
                return False
            if isinstance(parent, (cst.Try, cst.TryStar)):
                return True
        return False

    def free(self, candidates) -> list[str]:
        """The candidates spelled nowhere in the program and not builtins or keywords."""
        return [c for c in dict.fromkeys(candidates) if c not in self.taken and c.isidentifier() and c != c.upper()]

    def fresh(self, candidates, rng: random.Random) -> str | None:
        """A free candidate name (seeded choice), now reserved; None when there is none."""
        free = self.free(candidates)
        if not free:
            return None
        name = rng.choice(free)
        self.taken = self.taken | {name}
        return name

    def fresh_tiered(self, tiers, rng: random.Random) -> str | None:
        """`fresh` from the first tier that has a free name."""
        for tier in tiers:
            if self.free(tier):
                return self.fresh(tier, rng)
        return None

    def render(self, module: cst.Module, site: Site, renames=()) -> Edit | Skip:
        code = module.code
        if code == self.code:
            return Skip("rewrite left the code unchanged")
        if not syntax.compiles(code):
            return Skip("rewrite produced code that does not compile")
        return Edit(code=code, site=f"line {self.line(site.node)}", renames=tuple(renames))


def _call_words(calls: tuple[str, ...]) -> tuple[set[str], set[str], set[str]]:
    """(keyword names, callee names, names inside argument expressions such as lambdas) of the inputs."""
    keywords, names, inside = set(), set(), set()
    for text in calls:
        try:
            call = parse_call(text)
            tree = ast.parse(text.strip(), mode="eval").body
        except (RecordError, SyntaxError, ValueError, RecursionError, MemoryError):
            continue
        keywords |= set(call.kwargs)
        names |= {part.removesuffix("()") for part in call.func}
        for argument in [*tree.args, *(k.value for k in tree.keywords)]:
            inside |= {n.id for n in ast.walk(argument) if isinstance(n, ast.Name)}
    return keywords, names, inside


class Rewrite:
    """One kind of transformation. Subclasses set `name` and implement `sites` and `transform`."""

    name = "rewrite"

    def sites(self, ctx: Context) -> tuple[list[Site], list[str]]:
        """Eligible sites in source order, and the reasons candidate sites were found unsafe."""
        raise NotImplementedError

    def transform(self, ctx: Context, site: Site, rng: random.Random) -> Edit | Skip:
        raise NotImplementedError

    def apply(self, code: str, rng: random.Random, calls: tuple[str, ...] = ()) -> Edit | Skip:
        """Apply at one seeded-random eligible site; never raises."""
        try:
            ctx = Context(code, calls)
        except Exception as exc:  # noqa: BLE001 - ParserSyntaxError, RecursionError, odd bytes ...
            return Skip(f"cannot parse program: {type(exc).__name__}")
        try:
            eligible, unsafe = self.sites(ctx)
            if not eligible:
                return Skip(_most_common(unsafe) if unsafe else NO_SITE)
            return self.transform(ctx, rng.choice(eligible), rng)
        except RecursionError:
            return Skip("program nested too deeply to rewrite")
        except Exception as exc:  # noqa: BLE001 - a rewrite bug must not stop the batch
            return Skip(f"internal error in {self.name}: {type(exc).__name__}: {exc}")


def _most_common(reasons: list[str]) -> str:
    """The reason to report: the most frequent 'unsafe: ...' one if any, else the most frequent."""
    pool = [r for r in reasons if r.startswith("unsafe")] or reasons
    return max(dict.fromkeys(pool), key=pool.count)


def replace(module: cst.Module, replacements: dict[int, tuple[cst.CSTNode, Any]]) -> cst.Module:
    """`module` with each node `old` (keyed by id(old)) replaced by its new node or sentinel."""
    return module.visit(_Replacer(replacements))


def replacing(*pairs) -> dict[int, tuple[cst.CSTNode, Any]]:
    return {id(old): (old, new) for old, new in pairs}


class _Replacer(cst.CSTTransformer):
    def __init__(self, replacements):
        super().__init__()
        self.replacements = replacements

    def on_leave(self, original_node, updated_node):
        hit = self.replacements.get(id(original_node))
        if hit is not None and hit[0] is original_node:
            return hit[1]
        return updated_node


def statement(code: str) -> cst.BaseStatement:
    """One statement (simple or compound) parsed from source text."""
    return cst.parse_statement(code if code.endswith("\n") else code + "\n")
