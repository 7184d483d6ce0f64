"""Quality control of built samples: token counts and the length budget, deduplication across shards,
and decontamination against evaluation sets. Plain functions and records, no pipeline dependency."""

from tracepile.quality.budget import DEFAULT_BUDGET, BudgetResult, compression_ladder, fit_to_budget
from tracepile.quality.decontam import Decontaminator, Match
from tracepile.quality.dedup import (Cluster, DedupConfig, DedupResult, Signature, deduplicate,
                                     shard_signatures, signature)
from tracepile.quality.evalsets import (LOADERS, EvalItem, items_from_records, load_eval_file,
                                        load_eval_sets)
from tracepile.quality.tokens import (TokenCount, TokenizerError, count_tokens, count_tokens_batch,
                                      default_tokenizer_path, load_tokenizer)

__all__ = [
    "DEFAULT_BUDGET", "BudgetResult", "compression_ladder", "fit_to_budget",
    "Decontaminator", "Match",
    "Cluster", "DedupConfig", "DedupResult", "Signature", "deduplicate", "shard_signatures", "signature",
    "LOADERS", "EvalItem", "items_from_records", "load_eval_file", "load_eval_sets",
    "TokenCount", "TokenizerError", "count_tokens", "count_tokens_batch", "default_tokenizer_path",
    "load_tokenizer",
]
