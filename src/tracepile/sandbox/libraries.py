"""Which installed libraries a job may import: the running interpreter's standard library and its own
site-packages (read-only in the sandbox), added to sys.path without running `site` (no .pth hooks)."""

from __future__ import annotations

import os
import sys
import sysconfig

# numerical libraries start one thread per core at import; one is enough and keeps fork-servers simple
THREAD_ENV = {name: "1" for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS",
                                     "NUMEXPR_NUM_THREADS", "VECLIB_MAXIMUM_THREADS")}
COMMON = ("numpy", "sympy", "mpmath", "scipy", "pandas", "networkx", "sortedcontainers")


def site_packages() -> list[str]:
    """The interpreter's own site-packages folders (purelib, platlib) that exist; no user site."""
    paths = sysconfig.get_paths()
    found = []
    for key in ("purelib", "platlib"):
        path = os.path.realpath(paths[key])
        if os.path.isdir(path) and path not in found:
            found.append(path)
    return found


def expose_site_packages() -> None:
    """Put site-packages on sys.path after everything already there (the tracer's package first)."""
    for path in site_packages():
        if path not in sys.path:
            sys.path.append(path)
