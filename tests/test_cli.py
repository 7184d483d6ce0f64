"""The command line: output, JSON records, exit codes and one-line errors."""

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

from typer.testing import CliRunner

from tracepile.cli import app

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
runner = CliRunner()


def test_run_prints_question_coe_and_answer():
    result = runner.invoke(app, ["run", str(EXAMPLES / "bubble_sort.py"), "--call", "bubble_sort([5, 1, 4, 2])"])
    assert result.exit_code == 0, result.output
    assert "Question" in result.output and "Chain of Execution" in result.output
    assert "Answer: [1, 2, 4, 5]" in result.output and "verified" in result.output


def test_run_json_is_the_sample_record():
    result = runner.invoke(app, ["run", str(EXAMPLES / "contest.py"), "--stdin", str(EXAMPLES / "input.txt"), "--json"])
    assert result.exit_code == 0, result.output
    sample = json.loads(result.stdout.strip())
    assert sample["answer"] == "7\n-1\n" and sample["verified"] and sample["kind"] == "coe"
    assert set(sample) >= {"id", "program_id", "input", "domain", "prompt", "response", "status", "stats",
                           "claims", "provenance"}
    assert sample["provenance"]["tool"].startswith("tracepile")


def test_run_programs_file_rejects_bad_lines_and_keeps_going(tmp_path):
    path = tmp_path / "programs.jsonl"
    lines = [
        json.dumps({"id": "a", "code": "def f(x):\n    return x + 1\n", "calls": ["f(1)", "f(2)"]}),
        "{not json",
        json.dumps({"id": "b", "code": "x = 1"}),
        json.dumps({"id": "c", "code": "print(input())", "stdin": ["hi\n"], "extra": 1}),
    ]
    path.write_bytes(("\n".join(lines) + "\n").encode() + b"\xff\xfe\n")
    result = runner.invoke(app, ["run", "--programs", str(path), "--json"])
    assert result.exit_code == 0, result.output
    samples = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert [s["answer"] for s in samples] == ["2", "3", "hi\n"]
    assert "programs.jsonl:2: invalid JSON" in result.stderr
    assert "programs.jsonl:3: the record has no inputs" in result.stderr
    assert "programs.jsonl:5: the line is not valid UTF-8" in result.stderr


DOCTESTED = '''"""Sums.

>>> total([9])
9
"""


def total(values):
    """Return the sum of `values`.

    >>> total([1, 2])
    3
    """
    return sum(values)


def twice(x):
    """
    >>> twice(21)
    42
    """
    return 2 * x
'''


def test_run_leaves_doctest_answers_out_of_the_prompt_and_says_so(tmp_path):
    module = tmp_path / "sums.py"
    module.write_text(DOCTESTED)
    result = runner.invoke(app, ["run", str(module), "--call", "total([1, 2])", "--call", "twice(21)", "--json"])
    assert result.exit_code == 0, result.output
    samples = [json.loads(line) for line in result.stdout.splitlines()]
    assert [s["answer"] for s in samples] == ["3", "42"] and all(s["verified"] for s in samples)
    for sample in samples:
        assert ">>>" not in sample["prompt"] and "42" not in sample["prompt"]
        assert "Return the sum of `values`." in sample["prompt"] and "Sums." in sample["prompt"]
    assert "sums: 3 doctest examples left out of its docstrings (they show the expected answers)" in result.stderr
    records = tmp_path / "programs.jsonl"
    records.write_text(json.dumps({"id": "m", "code": DOCTESTED, "calls": ["twice(21)"]}) + "\n")
    result = runner.invoke(app, ["run", "--programs", str(records), "--json"])
    assert result.exit_code == 0 and ">>>" not in json.loads(result.stdout)["prompt"]
    assert "m: 3 doctest examples left out" in result.stderr


def test_usage_errors_are_one_line():
    result = runner.invoke(app, ["run", "missing.py", "--call", "f()"])
    assert result.exit_code == 1 and "Error: no such file: missing.py" in result.stderr
    result = runner.invoke(app, ["run", str(EXAMPLES / "contest.py"), "--stdin", "missing.txt"])
    assert result.exit_code == 1 and "Error: cannot read the --stdin file missing.txt" in result.stderr
    result = runner.invoke(app, ["run", str(EXAMPLES / "contest.py"), "--stdin", "-", "--stdin", "-"])
    assert result.exit_code == 1 and "--stdin - (this command's standard input) can be given once" in result.stderr


SUM_SCRIPT = "import sys\nnumbers = sys.stdin.read().split()\nprint(sum(map(int, numbers)))\n"


def _tracepile(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
    """The real command in a child process, as a user runs it from a shell."""
    return subprocess.run([sys.executable, "-c", "from tracepile.cli import app; app()", *args],
                          input=stdin, capture_output=True, text=True, timeout=120)


def test_run_script_without_inputs_runs_on_empty_stdin(tmp_path):
    script = tmp_path / "hello.py"
    script.write_text("print('hello')\n")
    result = runner.invoke(app, ["run", str(script), "--json"])
    assert result.exit_code == 0, result.output
    sample = json.loads(result.stdout.strip())
    assert sample["input_kind"] == "stdin" and sample["input"] == ""
    assert sample["answer"] == "hello\n" and sample["verified"]


def test_run_reads_stdin_from_dash_dev_null_and_a_pipe(tmp_path):
    script = tmp_path / "sum.py"
    script.write_text(SUM_SCRIPT)
    piped = _tracepile("run", str(script), "--stdin", "-", "--json", stdin="1 2 3\n")
    assert piped.returncode == 0, piped.stderr
    assert json.loads(piped.stdout)["answer"] == "6\n"
    empty = _tracepile("run", str(script), "--stdin", "/dev/null", "--json")
    assert empty.returncode == 0, empty.stderr
    assert json.loads(empty.stdout)["answer"] == "0\n"
    fifo = tmp_path / "numbers.fifo"
    os.mkfifo(fifo)
    writer = threading.Thread(target=fifo.write_text, args=("4 5\n",))
    writer.start()
    named = _tracepile("run", str(script), "--stdin", str(fifo), "--json")
    writer.join()
    assert named.returncode == 0, named.stderr
    sample = json.loads(named.stdout)
    assert sample["answer"] == "9\n" and sample["verified"]
