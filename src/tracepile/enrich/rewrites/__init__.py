"""Structure-preserving program rewrites (libcst), each accepted only when proven equivalent in the sandbox.
`rewrite_program` composes seeded rewrites into verified variants; `REWRITES` names every rewrite."""

from tracepile.enrich.rewrites.assignments import AugToPlain, PlainToAug
from tracepile.enrich.rewrites.base import Edit, Rewrite, Skip
from tracepile.enrich.rewrites.branches import IfToTernary, InvertIf, TernaryToIf
from tracepile.enrich.rewrites.comprehensions import ComprehensionToLoop, LoopToComprehension
from tracepile.enrich.rewrites.extract import ExtractHelper
from tracepile.enrich.rewrites.loops import EnumerateToRangeLen, ForToWhile, RangeLenToEnumerate, WhileToFor
from tracepile.enrich.rewrites.rename import RenameFunction, RenameLocal
from tracepile.enrich.rewrites.returns import EarlyReturnToFlag, FlagToEarlyReturn

REWRITES: dict[str, Rewrite] = {r.name: r for r in (
    RenameLocal(), RenameFunction(), ForToWhile(), WhileToFor(), InvertIf(), TernaryToIf(), IfToTernary(),
    ComprehensionToLoop(), LoopToComprehension(), RangeLenToEnumerate(), EnumerateToRangeLen(),
    AugToPlain(), PlainToAug(), ExtractHelper(), EarlyReturnToFlag(), FlagToEarlyReturn(),
)}

from tracepile.enrich.rewrites.compose import (  # noqa: E402 - the registry above is what compose runs
    RewriteResult, StepResult, rename_calls, rewrite_program, session_for, try_rewrite,
)

__all__ = ["REWRITES", "Edit", "Rewrite", "RewriteResult", "Skip", "StepResult", "rename_calls",
           "rewrite_program", "session_for", "try_rewrite"]
