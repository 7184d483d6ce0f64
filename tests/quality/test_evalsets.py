"""Loaders of the shared evaluation sets: every item read, ids and fields as the SOURCE.md schemas say."""

import pytest

from conftest import DATASETS, dataset
from tracepile.quality import LOADERS, load_eval_sets
from tracepile.quality.normalize import code_tokens, parse

pytestmark = pytest.mark.integration

EXPECTED = {  # benchmark: (items, first id, has code, items with text at least)
    "cruxeval": (800, "sample_0", True, 0),
    "humaneval": (164, "HumanEval/0", True, 162),
    "mbpp": (427, "MbppEval/2", True, 427),
    "mbppplus": (399, "Mbpp/2", True, 399),
    "leetcode": (200, "test/0/minOperations", True, 200),
    "gsm8k": (1319, "test/0", False, 1319),
    "math": (5000, "test/0", False, 5000),
    "bbh": (6511, "boolean_expressions/0", False, 6511),
    "reval": (154, "DREval/0", True, 85),  # the 85 HumanEval-derived functions keep their docstrings
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_loader_reads_every_item(name):
    folder = {"mbpp": "mbpp-sanitized-codet", "mbppplus": "evalplus", "leetcode": "leetcode-rllm",
              "math": "math-hendrycks"}.get(name, name)
    dataset(folder)
    items = LOADERS[name](DATASETS)
    count, first, has_code, with_text = EXPECTED[name]
    assert len(items) == count and items[0].item_id == first
    assert len({i.item_id for i in items}) == count
    assert all(bool(i.code) == has_code for i in items)
    assert sum(bool(i.text) for i in items) >= with_text


def test_mbpp_bodies_are_reindented_so_the_code_parses():
    dataset("mbpp-sanitized-codet")
    items = LOADERS["mbpp"](DATASETS)
    parsed = 0
    for item in items:
        try:
            parse(item.code)
            parsed += 1
        except SyntaxError:
            pass
    assert parsed >= 420, parsed
    assert "Write a function to find the shared elements" in items[0].text
    assert "'''" not in items[0].code and code_tokens(items[0].code)[:2] == ["def", "similar_elements"]


def test_leetcode_text_drops_the_prompt_boilerplate():
    dataset("leetcode-rllm")
    item = LOADERS["leetcode"](DATASETS)[0]
    assert "Please solve" not in item.text and "class Solution" not in item.text
    assert "minimum number of operations" in item.text


def test_unknown_and_missing_sets(tmp_path):
    with pytest.raises(KeyError, match="unknown evaluation set"):
        load_eval_sets(["nope"], root=DATASETS)
    with pytest.raises(FileNotFoundError):
        load_eval_sets(["gsm8k"], root=tmp_path)
    assert load_eval_sets(["gsm8k"], root=tmp_path, skip_missing=True) == {}
