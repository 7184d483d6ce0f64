"""Python's own repr for values of exact library types (numpy, sympy, mpmath, datetime), on one line;
None for anything else. Only types the library itself defines qualify, so no user `__repr__` runs."""

from __future__ import annotations

import datetime
import re
import sys

MAX_NODES = 500  # a sympy expression with more nodes is summarised instead (printing is costly)
MAX_ELEMENTS = 100_000  # a numpy array with more elements is summarised instead

_module_of = type.__dict__["__module__"].__get__
_DATETIME = frozenset({datetime.date, datetime.datetime, datetime.time, datetime.timedelta})
_OPEN_BREAK = re.compile(r"([\[(])\n\s*")
_BREAK = re.compile(r"\n\s*")


def library_repr(obj: object, cls: type) -> str | None:
    """`repr(obj)` on one line when `cls` is a known library type, else None."""
    module = _module_of(cls)
    if cls in _DATETIME:
        ok = getattr(obj, "tzinfo", None) is None  # a user tzinfo's repr would run
    elif type(module) is not str and module is not None:
        return None
    elif module == "numpy":
        ok = _plain_numpy(obj, cls)
    elif module is None or module.startswith("sympy."):
        ok = _sympy_tree(obj)
    elif module.startswith("mpmath."):
        ok = cls.__name__ in ("mpf", "mpc")
    else:
        return None
    if not ok:
        return None
    try:
        text = repr(obj)
    except Exception:  # noqa: BLE001 - a library that cannot print this value: summarise it
        return None
    if type(text) is not str:
        return None
    return _BREAK.sub(" ", _OPEN_BREAK.sub(r"\1", text)) if "\n" in text else text


def _plain_numpy(obj, cls) -> bool:
    """An ndarray or numpy scalar with no Python objects inside, printed with numpy's own formatters."""
    np = sys.modules.get("numpy")
    if np is None or np.get_printoptions().get("formatter") is not None:
        return False
    if cls is np.ndarray:
        return not obj.dtype.hasobject and obj.size <= MAX_ELEMENTS
    return issubclass(cls, np.generic) and cls is not np.object_ and not obj.dtype.hasobject


def _sympy_tree(obj) -> bool:
    """Every node of a sympy expression (or matrix) is of a type sympy itself made, and not too many."""
    sympy = sys.modules.get("sympy")
    if sympy is None:
        return False
    basic, args_of = sympy.Basic, sympy.Basic.__dict__["_args"].__get__
    if isinstance(obj, sympy.MatrixBase) and _module_of(type(obj)).startswith("sympy."):
        if obj.rows * obj.cols > MAX_NODES:
            return False
        todo = list(obj.flat())
    elif isinstance(obj, basic):
        todo = [obj]
    else:
        return False
    seen = 0
    while todo:
        node = todo.pop()
        seen += 1
        cls = type(node)
        if seen > MAX_NODES or not _made_by_sympy(cls, basic):
            return False
        try:
            todo.extend(args_of(node))
        except AttributeError:
            continue
    return True


def _made_by_sympy(cls: type, basic: type) -> bool:
    module = _module_of(cls)
    if type(module) is str:
        return module.startswith("sympy.") and issubclass(cls, basic)
    return module is None and _module_of(type(cls)) == "sympy.core.function"  # Function('f')(x)
