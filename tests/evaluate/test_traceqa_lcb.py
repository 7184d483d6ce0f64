"""Trace-QA on an export's held-out split (oracle 100%, wrong 0%, per kind), the answer forms it
accepts, the LiveCodeBench test-output scorer, and the `tracepile eval` command."""

import json

import pytest
from typer.testing import CliRunner

from oracle_server import serve
from tracepile.cli import app
from tracepile.enrich.questions.wording import final_paragraph
from tracepile.evaluate import EndpointBackend, EvalConfig, evaluate
from tracepile.evaluate.lcb import LcbItem, is_correct, load_items, prompt
from tracepile.evaluate.traceqa import answers_match, final_answer
from tracepile.export import ExportConfig, export_corpus


@pytest.fixture(scope="module")
def held_out(small_corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("export")
    export_corpus(small_corpus, out, ExportConfig(format="sft", test=0.4, seed=5))
    items = [json.loads(line) for line in (out / "trace_qa_test.jsonl").read_text().splitlines()]
    return out, items


def qa_oracle(items, wrong=False):
    answers = {item["prompt"]: item["answer"] for item in items}
    return lambda text: "I traced it.\n\n" + final_paragraph("zz-not-an-answer" if wrong else answers[text])


def test_trace_qa_oracle_scores_100_and_wrong_0_per_kind(held_out):
    out, items = held_out
    kinds = {item["kind"] for item in items}
    assert len(kinds) >= 3 and len(items) >= 10
    config = EvalConfig(tasks=("trace-qa",), trace_qa=str(out))
    for wrong, expected in ((False, 100.0), (True, 0.0)):
        with serve(qa_oracle(items, wrong)) as (url, _):
            result = evaluate(config, EndpointBackend(url, "oracle"))["tasks"][0]
        assert result["scores"]["exact_match"] == expected and result["items"] == len(items)
        assert set(result["by_kind"]) == kinds
        assert all(tally["exact_match"] == expected for tally in result["by_kind"].values())


@pytest.mark.parametrize("kind, predicted, gold, same", [
    ("state", "[1, 2] (list)", "[1,2] (list)", True),
    ("state", "3 (float)", "3 (int)", False),
    ("next_line", "Line 5.", "line 5", True),
    ("next_line", "none", "line 5", False),
    ("branch", "True (then line 4)", "True (then line 4)", True),
    ("loop_iterations", "7", "8", False),
    ("line_executed", "Yes", "yes", True),
    ("coe", "'ab'", '"ab"', True),
    ("call_return", "(1, 2)", "[1, 2]", False),
])
def test_answer_forms(kind, predicted, gold, same):
    assert answers_match(kind, predicted, gold) is same


def test_final_answer_is_taken_from_the_last_final_paragraph():
    assert final_answer("Line 1 ...\n\nFinal answer: 42") == "42"
    assert final_answer("x\n\nFinal answer (standard output):\n```\na\nb\n```\n") == "a\nb"
    assert final_answer("just 7") == "just 7"


def test_lcb_scorer(tmp_path):
    rows = [{"question_id": "q1", "question_content": "Add one.", "starter_code": "def inc(x):", "function_name": "inc",
             "test": json.dumps([{"input": "3", "output": "4", "testtype": "functional"}])},
            {"question_id": "q2", "question_content": "Pair.", "function_name": "pair",
             "test": [{"input": "1\n2", "output": "[1, 2]"}]}]
    path = tmp_path / "lcb.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    first, second = load_items(path)
    assert "assert inc(3) == # TODO" in prompt(first) and "assert pair(1, 2) ==" in prompt(second)
    assert is_correct(first, "```python\nassert inc(3) == 4\n```")
    assert not is_correct(first, "```python\nassert inc(3) == 5\n```")
    assert is_correct(second, "assert pair(1, 2) == [1, 2]") and not is_correct(second, "no assertion")
    assert not is_correct(first, "assert inc(3) == __import__('os').getpid()")
    path.write_text('{"question_id": "bad"}\n')
    with pytest.raises(ValueError, match="lcb.jsonl:1"):
        load_items(path)
    answers = {prompt(first): "```python\nassert inc(3) == 4\n```", prompt(second): "assert pair(1, 2) == [2, 1]"}
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    with serve(answers.get) as (url, _):
        result = evaluate(EvalConfig(tasks=("lcb-output",), lcb=str(path)), EndpointBackend(url, "m"))
    assert result["tasks"][0]["scores"] == {"pass@1": 50.0}


def test_cli_eval_prints_the_table_and_writes_json(held_out, tmp_path):
    out, items = held_out
    with serve(qa_oracle(items)) as (url, _):
        result = CliRunner().invoke(app, ["eval", "--endpoint", url, "--model", "oracle", "--task", "trace-qa",
                                          "--trace-qa", str(out), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "trace-qa" in result.output and "100.00" in result.output
    saved = json.loads((tmp_path / "eval_results.json").read_text())
    assert saved["model"] == {"backend": "endpoint", "model": "oracle", "endpoint": url}
    assert saved["sampling"]["temperature"] == 0.0 and saved["prompt_version"]["cruxeval"]
    bad = CliRunner().invoke(app, ["eval", "--model", "m", "--endpoint", url, "--task", "trace-qa"])
    assert bad.exit_code == 1 and "needs its data" in bad.output


def test_results_appear_in_the_corpus_html_report(small_corpus, held_out, tmp_path):
    import shutil

    from tracepile.pipeline.report import write_report

    out, items = held_out
    corpus = tmp_path / "corpus"
    shutil.copytree(small_corpus, corpus)
    with serve(qa_oracle(items)) as (url, _):
        result = CliRunner().invoke(app, ["eval", "--endpoint", url, "--model", "oracle-model", "--task", "trace-qa",
                                          "--trace-qa", str(out), "--out", str(corpus / "eval-oracle")])
    assert result.exit_code == 0, result.output
    page = write_report(corpus).read_text()
    section = page.split("<h2>Evaluation</h2>", 1)[1].split("</section>", 1)[0]
    assert "oracle-model" in section and "eval-oracle" in section and "<td>100.00</td>" in section
    assert "n=1 T=0.0" in section and "cruxeval-official" in section
