"""Decontamination: eval items embedded in a sample are found and named; common idioms and the
bundled programs are not flagged."""

import json
import pickle
import random

from string import Template

import pytest

from conftest import DATASETS, dataset
from quality_helpers import bundled_programs, prompt_sample
from tracepile.quality import Decontaminator, EvalItem, load_eval_sets
from tracepile.quality.evalsets import load_cruxeval, load_gsm8k, load_humaneval

EVAL_CODE = '''def f(text, sep):
    parts = text.split(sep)
    out = []
    for i, part in enumerate(parts):
        if i % 2 == 0:
            out.append(part.upper())
        else:
            out.append(part[::-1])
    return sep.join(out)
'''
QUESTION = ("A baker makes 48 rolls in the morning and 36 in the afternoon. She packs them in bags of 6 "
            "and sells each bag for $3. How much money does she make in a day?")
ITEMS = [EvalItem("toy-code", "c1", code=EVAL_CODE), EvalItem("toy-text", "t1", text=QUESTION)]


def embedded(code):
    """`code` inside a larger program, with a comment, a docstring and a caller around it."""
    return ('import math\n\n\ndef helper(x):\n    """Round up."""\n    return math.ceil(x)\n\n\n'
            + code.replace("\n", "  # from elsewhere\n", 1) + "\n\ndef main(s):\n    return f(s, '-')\n")


def test_embedded_eval_code_is_found_despite_comments_and_layout():
    decontaminator = Decontaminator(ITEMS)
    match = decontaminator.check(prompt_sample(embedded(EVAL_CODE), "main('a-b-c')"))
    assert (match.benchmark, match.item_id, match.field) == ("toy-code", "c1", "code")
    assert match.fraction == 1.0 and match.hits == match.ngrams
    assert "toy-code item c1" in match.reason


def test_eval_question_in_the_problem_text_is_found():
    decontaminator = Decontaminator(ITEMS)
    problem = "Answer this. " + QUESTION.upper().replace(".", " ;")  # case and punctuation do not matter
    match = decontaminator.check(prompt_sample("def solution():\n    return 72\n", "solution()", problem=problem))
    assert (match.benchmark, match.item_id, match.field) == ("toy-text", "t1", "text")


def test_a_partial_quote_of_13_words_is_enough_for_text():
    words = QUESTION.split()
    problem = "Something else entirely: " + " ".join(words[5:18]) + " and so on."
    assert Decontaminator(ITEMS).check(prompt_sample("x = 1\n", "x", kind="stdin", problem=problem)) is not None
    problem = "Something else entirely: " + " ".join(words[5:17]) + " and so on."  # 12 words
    assert Decontaminator(ITEMS).check(prompt_sample("x = 1\n", "x", kind="stdin", problem=problem)) is None


def test_sharing_an_idiom_is_not_contamination():
    code = ("def g(items, sep):\n    out = []\n    for i, part in enumerate(items):\n"
            "        if i % 2 == 0:\n            out.append(part.upper())\n    return len(out)\n")
    decontaminator = Decontaminator(ITEMS)
    assert decontaminator.check(prompt_sample(code, "g(['a'], '-')")) is None
    loose = Decontaminator(ITEMS, code_fraction=0.0)  # any shared 12-gram
    assert loose.check(prompt_sample(code, "g(['a'], '-')")).field == "code"


def test_short_items_are_matched_whole_or_skipped():
    short = EvalItem("toy", "s", code="def f(x):\n    return x * 7 + 1\n")  # 15 tokens < 20
    tiny = EvalItem("toy", "t", code="def f():\n    pass\n")  # 7 tokens
    decontaminator = Decontaminator([short, tiny], code_n=20)
    assert decontaminator.stats["code_skipped_short"] == 1
    assert decontaminator.check(prompt_sample("def f(x):\n    return x * 7 + 1\n\nprint(f(2))\n", "", "stdin"))
    assert decontaminator.check(prompt_sample("def f(x):\n    return x * 7 + 2\n", "f(1)")) is None


def test_pickled_decontaminator_gives_the_same_answers():
    decontaminator = pickle.loads(pickle.dumps(Decontaminator(ITEMS)))
    assert decontaminator.check(prompt_sample(embedded(EVAL_CODE), "main('a')")).item_id == "c1"


def test_any_jsonl_or_parquet_file_with_named_fields(tmp_path):
    from tracepile.quality import load_eval_file
    rows = [{"qid": "q7", "statement": QUESTION, "solution": EVAL_CODE}, {"qid": "q8", "statement": "short"}]
    jsonl = tmp_path / "mine.jsonl"
    jsonl.write_text("\n".join(json.dumps(r) for r in rows))
    import pyarrow as pa
    import pyarrow.parquet as pq
    parquet = tmp_path / "mine.parquet"
    pq.write_table(pa.Table.from_pylist(rows), parquet)
    for path in (jsonl, parquet):
        items = load_eval_file(path, code_fields=["solution"], text_fields=["statement"], id_field="qid")
        assert [(i.benchmark, i.item_id) for i in items] == [("mine", "q7"), ("mine", "q8")]
        match = Decontaminator(items).check(prompt_sample(embedded(EVAL_CODE), "main('a')"))
        assert (match.benchmark, match.item_id) == ("mine", "q7")
    # the Hugging Face branch, offline: the packaged "json" builder over the same file
    items = load_eval_file("json", "hf-mine", text_fields=["statement"], id_field="qid", split="train",
                           hf_kwargs={"data_files": str(jsonl), "cache_dir": str(tmp_path / "hf")})
    assert [(i.benchmark, i.item_id, i.text) for i in items][0] == ("hf-mine", "q7", QUESTION)
    with pytest.raises(FileNotFoundError):
        load_eval_file(tmp_path / "absent.jsonl", text_fields=["statement"])
    with pytest.raises(ValueError):
        load_eval_file(jsonl)


# ---------------------------------------------------------------- the shared benchmarks


@pytest.fixture(scope="module")
def shared():
    dataset("cruxeval")  # skips with the reason when the shared datasets are absent
    sets = load_eval_sets(root=DATASETS, skip_missing=True)
    return sets, Decontaminator(sets)


@pytest.mark.integration
def test_cruxeval_items_embedded_in_samples_are_named(shared):
    _, decontaminator = shared
    items = load_cruxeval(DATASETS)
    for item in random.Random(0).sample(items, 25):
        sample = prompt_sample(embedded(item.code), f"f({item.item_id!r})")
        matches = decontaminator.matches(sample)
        assert any(m.benchmark == "cruxeval" and m.item_id == item.item_id and m.fraction == 1.0
                   for m in matches), (item.item_id, matches[:3])
        assert decontaminator.check(sample).fraction == 1.0


@pytest.mark.integration
def test_humaneval_solutions_embedded_in_samples_are_named(shared):
    dataset("humaneval")
    _, decontaminator = shared
    for item in load_humaneval(DATASETS)[::20]:
        matches = decontaminator.matches(prompt_sample(item.code + "\n\nprint(1)\n", "", "stdin"))
        assert any(m.benchmark == "humaneval" and m.item_id == item.item_id and m.field == "code"
                   and m.fraction == 1.0 for m in matches), item.item_id
        assert any(m.benchmark == "humaneval" and m.item_id == item.item_id and m.field == "text"
                   for m in matches), item.item_id  # its docstring, through the code's prose


@pytest.mark.integration
def test_gsm8k_questions_as_problem_text_are_named(shared):
    dataset("gsm8k")
    _, decontaminator = shared
    for item in load_gsm8k(DATASETS)[::100]:
        sample = prompt_sample("def solution():\n    return 0\n", "solution()", problem=item.text)
        match = decontaminator.check(sample)
        assert match is not None and (match.benchmark, match.item_id, match.field) == ("gsm8k", item.item_id, "text")


# The check once found a real overlap: the circular_table template's old wording shared the 13-gram
# "in how many ways can 7 people sit around a round table if" with MATH test item 1449. It was reworded.
KNOWN_OVERLAPS: dict = {}
OLD_CIRCULAR_TABLE = ("In how many ways can $people people sit around a round table if two of them, "
                      "Cy and Di, refuse to sit next to each other? Seatings that are rotations of each "
                      "other count as the same.")


@pytest.mark.integration
def test_bundled_programs_are_not_flagged_by_any_eval_set(shared):
    sets, decontaminator = shared
    assert {"cruxeval", "humaneval", "mbpp", "mbppplus", "leetcode", "gsm8k", "math"} <= set(sets)
    flagged = []
    for program in bundled_programs(inputs=4):
        for program_input in program.inputs:
            sample = prompt_sample(program.code, program_input.text, program_input.kind, program.id,
                                   program.metadata.get("problem", ""))
            match = decontaminator.check(sample)
            if match:
                flagged.append((program.id.rsplit("/", 1)[0] if program.domain == "math" else program.id,
                                (match.benchmark, match.item_id), match.reason))
    unexpected = [f for f in flagged if KNOWN_OVERLAPS.get(f[0]) != f[1]]
    assert not unexpected, unexpected


@pytest.mark.integration
def test_the_overlap_found_in_an_old_template_wording_is_caught(shared):
    dataset("math-hendrycks")
    _, decontaminator = shared
    from quality_helpers import BUNDLED, _module
    template = _module(BUNDLED / "math" / "circular_table.py", "_quality_circular_table")
    for people, expected in ((7, ("math", "test/1449")), (6, None)):
        params = {"people": people}
        problem = Template(OLD_CIRCULAR_TABLE).substitute(params)
        sample = prompt_sample(template.CODE.substitute(params), "solution()", problem=problem)
        match = decontaminator.check(sample)
        assert ((match.benchmark, match.item_id) if match else None) == expected, (people, match)
