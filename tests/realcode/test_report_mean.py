"""The HTML report's "all" row gives the mean tokens per sample in the unit of the rows above it."""

from tracepile.pipeline.report import _summary_table


def test_all_row_mean_is_total_tokens_over_total_samples():
    rows = [{"domain": "math", "kind": "coe", "samples": 3000, "tokens": 5_000_000, "mean_steps": 9.0},
            {"domain": "algorithms", "kind": "coe", "samples": 476, "tokens": 1_263_180, "mean_steps": 20.0}]
    summary = {"rows": rows, "total_samples": 3476, "total_tokens": 6_263_180, "token_unit": "tokens"}
    total_row = _summary_table(summary).split("<tr class=total>")[1]
    assert "<td>6,263,180</td><td>1,802</td>" in total_row
