"""Canonical code (no comments, docstrings or layout), its tokens, and code/prose read back from prompts."""

import random

from quality_helpers import prompt_sample
from tracepile.model import ProgramInput
from tracepile.narration.prompt import question
from tracepile.quality.normalize import (canonical_code, canonical_input, code_prose, code_tokens,
                                         normalize_code, sample_code, sample_prose, split_prompt, words)

PLAIN = "def f(xs):\n    total = 0\n    for x in xs:\n        total += x\n    return total\n"
NOISY = '''"""Module docstring."""


def f(xs):   # sum the list
    """Add up xs."""
    total  =  0
    for x in xs:     # every element


        total += x
    return (total)
'''


def test_comments_docstrings_and_layout_do_not_change_the_canonical_code():
    assert canonical_code(NOISY) == canonical_code(PLAIN)
    assert "docstring" not in normalize_code(NOISY) and "#" not in normalize_code(NOISY)
    assert canonical_code(PLAIN.replace("total += x", "total -= x")) != canonical_code(PLAIN)


def test_quoting_is_normalised_but_string_contents_are_kept():
    assert canonical_code("s = \"a#b\"\n") == canonical_code("s = 'a#b'  # c\n")
    assert "'a#b'" in code_tokens("s = \"a#b\"\n")


def test_unparsable_code_still_loses_its_comments():
    broken = "def f(:\n    return 1  # note\n"
    assert normalize_code(broken) == broken
    assert "#" not in " ".join(code_tokens(broken)) and "note" not in code_tokens(broken)


def test_literals_can_be_abstracted():
    assert code_tokens("x = 3 + 'a'\n", abstract_literals=True) == ["x", "=", "NUM", "+", "STR"]
    assert code_tokens("x = 3.5e-2 ** 2\n") == ["x", "=", "0.035", "**", "2"]  # as ast.unparse writes it


def test_inputs_and_words():
    assert canonical_input("call", "f( [1,2],  k=3 )") == canonical_input("call", "f([1, 2], k=3)")
    assert canonical_input("stdin", "3 4  \n5\n\n") == "3 4\n5"
    assert words("Janet's ducks lay 16 eggs; $2 each.") == ["janet", "s", "ducks", "lay", "16", "eggs", "2", "each"]


def test_code_and_prose_come_back_out_of_the_real_prompt():
    code = "def f(n):\n    '''Double n.'''\n    # twice\n" + "\n".join(f"    n = n + {k}" for k in range(12)) + "\n    return n\n"
    prompt = question(code, ProgramInput("call", "f(3)"), random.Random(1), "How much is it?")
    got, prose = split_prompt(prompt)
    assert got == code  # line numbers (two digits wide here) removed, blank lines kept
    assert "How much is it?" in prose and "f(3)" in prose and "return n" not in prose
    sample = prompt_sample(code, "f(3)", problem="How much is it?")
    assert sample_code(sample) == code
    assert "Double n." in sample_prose(sample) and "twice" in sample_prose(sample)
    assert code_prose(code).split("\n") == ["twice", "Double n."]


def test_stdin_prompt_keeps_the_input_as_prose():
    sample = prompt_sample("print(input()[::-1])\n", "hello world\n", kind="stdin")
    assert sample_code(sample) == "print(input()[::-1])\n"
    assert "hello world" in sample_prose(sample)


def test_prompt_without_code_block():
    assert split_prompt("just text") == ("", "just text")
