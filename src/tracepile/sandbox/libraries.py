"""Which installed libraries a job may import: those its interpreter imports normally (its venv's
site-packages, as `site` finds them), put on sys.path without running `site` (no .pth hooks)."""

from __future__ import annotations

import importlib.machinery
import os
import sys
import sysconfig
from functools import lru_cache

# numerical libraries start one thread per core at import; one is enough and keeps fork-servers simple
THREAD_ENV = {name: "1" for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS",
                                     "NUMEXPR_NUM_THREADS", "VECLIB_MAXIMUM_THREADS")}
COMMON = ("numpy", "sympy", "mpmath", "scipy", "pandas", "networkx", "sortedcontainers")


def site_packages(executable: str | None = None) -> list[str]:
    """The existing site-packages folders (purelib, platlib) of the interpreter at `executable` (this
    one by default): a venv's own, plus the base installation's when its pyvenv.cfg includes them.
    Runs in that interpreter, which may have started with -S (then sys.prefix is the base's)."""
    schemes = [_SYSTEM]
    venv = _venv(executable or sys.executable)
    if venv is not None:
        root, include_system = venv
        schemes = [{"base": root, "platbase": root}] + ([_SYSTEM] if include_system else [])
    return _existing(schemes)


@lru_cache(maxsize=None)
def installed(module: str, python: str | None = None) -> bool:
    """Whether a job can import the top-level `module`: it is in the standard library or in the
    site-packages jobs see (looked up there, never imported). `python`: the interpreter jobs run
    under, asked once which modules it has (None: this one)."""
    if python is not None:
        job = _job_interpreter(python)
        return module in job.stdlib or module in job.modules
    if module in sys.stdlib_module_names:
        return True
    return importlib.machinery.PathFinder.find_spec(module, site_packages()) is not None


def in_stdlib(module: str, python: str | None = None) -> bool:
    """Whether the top-level `module` is in the standard library of `python` (None: this one)."""
    return module in (_job_interpreter(python).stdlib if python is not None else sys.stdlib_module_names)


def _job_interpreter(python: str):
    import shutil

    from tracepile.sandbox.bwrap import interpreter  # host side only: bwrap imports this module

    return interpreter(shutil.which(python) or python)


def top_level_modules(paths: list[str]) -> list[str]:
    """The top-level modules and packages (namespace packages too) in `paths`, as this interpreter
    finds them (its own extension-module suffixes)."""
    import pkgutil

    names = {module.name for module in pkgutil.iter_modules(paths)}
    for path in paths:
        names.update(entry for entry in os.listdir(path)
                     if entry.isidentifier() and os.path.isdir(os.path.join(path, entry)))
    return sorted(names)


def base_site_packages() -> list[str]:
    """The base installation's own site-packages folders (a venv may not import them)."""
    return _existing([_SYSTEM])


_SYSTEM = {"base": sys.base_prefix, "platbase": sys.base_exec_prefix}


def _existing(schemes: list[dict]) -> list[str]:
    found: list[str] = []
    for variables in schemes:
        paths = sysconfig.get_paths(vars=variables)
        for key in ("purelib", "platlib"):
            path = os.path.realpath(paths[key])
            if os.path.isdir(path) and path not in found:
                found.append(path)
    return found


def _venv(executable: str) -> tuple[str, bool] | None:
    """(venv root, whether it includes the system site-packages) when `executable` belongs to a venv,
    found the way `site` does: a pyvenv.cfg beside the executable or one folder up."""
    bin_dir = os.path.dirname(os.path.abspath(executable))  # not realpath: a venv's python is a link
    for folder in (bin_dir, os.path.dirname(bin_dir)):
        config = os.path.join(folder, "pyvenv.cfg")
        if os.path.isfile(config):
            with open(config, encoding="utf-8", errors="replace") as fh:
                pairs = [line.split("=", 1) for line in fh if "=" in line]
            settings = {key.strip().lower(): value.strip().lower() for key, value in pairs}
            return os.path.dirname(bin_dir), settings.get("include-system-site-packages") == "true"
    return None


def expose_site_packages(paths: list[str] | None = None) -> None:
    """Put site-packages on sys.path after everything already there (the tracer's package first)."""
    for path in site_packages() if paths is None else paths:
        if path and path not in sys.path:
            sys.path.append(path)
