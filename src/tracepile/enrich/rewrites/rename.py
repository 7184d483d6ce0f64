"""Scope-aware renaming of local variables and of functions, to natural names that shadow nothing.
Occurrences are resolved with libcst's scopes and the result is checked against `symtable`."""

from __future__ import annotations

import random
import symtable

import libcst as cst
from libcst.metadata import ClassScope, ComprehensionScope, FunctionScope, GlobalScope

from tracepile.enrich.rewrites import naming, syntax
from tracepile.enrich.rewrites.base import Context, Edit, Rewrite, Site, Skip, replace, replacing

DYNAMIC = "unsafe: program uses eval/exec/locals/globals"
DECLARED = "unsafe: name used by global/nonlocal"
KEYWORD = "unsafe: parameter may be passed by keyword"


class RenameLocal(Rewrite):
    """Rename one local variable or parameter of one function, everywhere it resolves to that binding."""

    name = "rename_local"

    def sites(self, ctx: Context):
        if ctx.dynamic:
            return [], [DYNAMIC]
        declared = ctx.declared
        keywords = _keyword_names(ctx)
        eligible, unsafe = [], []
        for func in syntax.functions(ctx.module):
            scope = ctx.function_scope(func)
            if not isinstance(scope, FunctionScope):
                continue
            for name in sorted({a.name for a in scope.assignments}):
                reason = _local_problem(scope, name, declared, keywords)
                if reason is None and not any(ctx.free(t) for t in naming.local_candidates(func, name)):
                    reason = "not eligible: no free natural name"
                if reason is None:
                    eligible.append(Site(func, {"name": name, "scope": scope}))
                elif reason:
                    unsafe.append(reason)
        return eligible, unsafe

    def transform(self, ctx: Context, site: Site, rng: random.Random):
        old, scope, func = site.data["name"], site.data["scope"], site.node
        new = ctx.fresh_tiered(naming.local_candidates(func, old), rng)
        if new is None:
            return Skip("no free natural name")
        return _rename(ctx, func, scope, old, new, site)


class RenameFunction(Rewrite):
    """Rename one module-level or nested function (not a method), its uses, and the input calls."""

    name = "rename_function"

    def sites(self, ctx: Context):
        if ctx.dynamic:
            return [], [DYNAMIC]
        declared = ctx.declared
        eligible, unsafe = [], []
        for func in syntax.functions(ctx.module):
            scope = ctx.scopes.get(func)
            name = func.name.value
            if not isinstance(scope, (GlobalScope, FunctionScope)) or name.startswith("__"):
                continue
            if name in declared:
                unsafe.append(DECLARED)
            elif name in ctx.argument_names:
                unsafe.append("unsafe: an input's argument expression names the function")
            elif len(scope.assignments[name]) != 1:
                unsafe.append("unsafe: function name is bound more than once")
            else:
                eligible.append(Site(func, {"name": name, "scope": scope}))
        return eligible, unsafe

    def transform(self, ctx: Context, site: Site, rng: random.Random):
        old, scope, func = site.data["name"], site.data["scope"], site.node
        new = ctx.fresh(naming.function_candidates(func), rng)
        if new is None:
            return Skip("no free natural name")
        renames = ((old, new),) if isinstance(scope, GlobalScope) else ()
        return _rename(ctx, ctx.module, scope, old, new, site, renames)


def _keyword_names(ctx: Context) -> set[str] | None:
    """Keyword-argument names any call uses; None when some call unpacks `**kwargs` (any name may be)."""
    names = set(ctx.call_keywords)
    for node in syntax.walk(ctx.module):
        if isinstance(node, cst.Arg):
            if node.star == "**":
                return None
            if node.keyword is not None:
                names.add(node.keyword.value)
    return names


def _local_problem(scope, name: str, declared: set[str], keywords: set[str] | None) -> str | None:
    """Why local `name` cannot be renamed; '' to pass over it silently; None when it can."""
    if name in syntax.RESERVED or name.startswith("__"):
        return ""
    if name in declared:
        return DECLARED
    nodes = [a.node for a in scope.assignments[name]]
    if any(isinstance(n, (cst.FunctionDef, cst.ClassDef)) for n in nodes):
        return ""  # functions are renamed by rename_function; classes are kept
    if not all(isinstance(n, (cst.Name, cst.Param)) for n in nodes):
        return "unsafe: name is bound by an import"
    if any(isinstance(n, cst.Param) for n in nodes) and (keywords is None or name in keywords):
        return KEYWORD
    return None


def _rename(ctx: Context, root: cst.CSTNode, scope, old: str, new: str, site: Site, renames=()):
    occurrences = []
    for node in syntax.iter_names(root):
        if node.value != old:
            continue
        owner = _resolve(ctx, node)
        if owner is None:
            return Skip("unsafe: an occurrence cannot be resolved to a scope")
        if owner is scope:
            occurrences.append(node)
    if not occurrences:
        return Skip("no occurrence to rename")
    module = replace(ctx.module, replacing(*((n, n.with_changes(value=new)) for n in occurrences)))
    edit = ctx.render(module, site, renames)
    if isinstance(edit, Edit) and not same_symbols(ctx.code, edit.code, new, old):
        return Skip("rename check failed: symbol tables differ")
    return edit


def _resolve(ctx: Context, node: cst.Name):
    """The scope a name occurrence binds or reads in, by Python's rules (class bodies are skipped
    by the functions nested in them); None when libcst has no scope for the node."""
    scope = ctx.scopes.get(node)
    if scope is None:
        return None
    first = True
    while scope is not None:
        if isinstance(scope, GlobalScope):
            return scope
        if (first or not isinstance(scope, ClassScope)) and node.value in scope.assignments:
            return scope
        if isinstance(scope, (FunctionScope, ComprehensionScope, ClassScope)) and first \
                and node.value in getattr(scope, "_scope_overwrites", {}):
            return None
        scope, first = scope.parent, False
    return None


def same_symbols(before: str, after: str, new: str, old: str) -> bool:
    """True when `after` has exactly the symbol tables of `before` once `new` is read as `old`."""
    try:
        return _signature(before, {}) == _signature(after, {new: old})
    except (SyntaxError, ValueError, RecursionError):
        return False


def _signature(code: str, mapping: dict[str, str]) -> list:
    out = []
    stack = [symtable.symtable(code, "<rewrite>", "exec")]
    while stack:
        table = stack.pop()
        symbols = sorted(
            (mapping.get(s.get_name(), s.get_name()), s.is_local(), s.is_parameter(), s.is_global(),
             s.is_free(), s.is_referenced(), s.is_assigned(), s.is_imported())
            for s in table.get_symbols())
        out.append((table.get_type(), mapping.get(table.get_name(), table.get_name()), symbols))
        stack.extend(reversed(table.get_children()))
    return out
