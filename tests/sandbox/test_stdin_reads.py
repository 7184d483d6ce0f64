"""Standard-input reads in traces: what each read consumed and produced, recorded by the tracer in a
real child process and in the bwrap sandbox, narrated as checked claims, and false claims rejected."""

from __future__ import annotations

import pytest

from tracepile import narrate, trace, verify
from tracepile.model import LineEvent, ProgramInput
from sandbox_support import bwrap_executor

MIXED = ("import sys\n"
         "n = int(input())\n"
         "a = input().split()\n"
         "for _ in range(int(input())):\n"
         "    x = sys.stdin.readline().split()\n"
         "g = [input() for _ in range(n)]\n"
         "for line in sys.stdin:\n"
         "    print(line.strip())\n")
MIXED_INPUT = "2\n5 3\n2\na b\nc\nq\nw\nrest1\nrest2"


def reads_by_line(result) -> list[tuple[int, tuple]]:
    return [(e.line, e.reads) for e in result.events if isinstance(e, LineEvent) and e.reads]


def values_of(result, line: int) -> dict:
    return dict(next(e.values for e in result.events if isinstance(e, LineEvent) and e.line == line))


EXPECTED_READS = [
    (2, (("line", "2\n"),)), (3, (("line", "5 3\n"),)), (4, (("line", "2\n"),)), (5, (("line", "a b\n"),)),
    (5, (("line", "c\n"),)), (6, (("line", "q\n"), ("line", "w\n"))), (7, (("line", "rest1\n"),)),
    (7, (("line", "rest2"),)), (7, (("line", ""),)),
]


def test_each_read_records_the_text_it_consumed_and_the_values_it_produced():
    result = trace(MIXED, ProgramInput("stdin", MIXED_INPUT))
    assert result.outcome.status == "ok" and result.outcome.stdout == "rest1\nrest2\n"
    assert reads_by_line(result) == EXPECTED_READS
    assert values_of(result, 2) == {"input()": "'2'", "int(input())": "2"}
    assert values_of(result, 3) == {"input()": "'5 3'", "input().split()": "['5', '3']"}
    assert values_of(result, 4)["range(int(input()))"] == "range(0, 2)"
    assert values_of(result, 5)["sys.stdin.readline()"] == "'a b\\n'"


def test_the_sandbox_records_the_same_reads():
    executor = bwrap_executor()
    try:
        result = trace(MIXED, ProgramInput("stdin", MIXED_INPUT), executor=executor)
    finally:
        executor.close()
    assert result.outcome.stdout == "rest1\nrest2\n"
    assert reads_by_line(result) == EXPECTED_READS


def test_read_and_read_all_and_end_of_input():
    code = "import sys\nfirst = sys.stdin.readline(2)\nrest = sys.stdin.read().split()\nlast = input()\n"
    result = trace(code, ProgramInput("stdin", "ab3\n4 5\n"))
    assert reads_by_line(result) == [(2, (("part", "ab"),)), (3, (("all", "3\n4 5\n"),)), (4, (("line", ""),))]
    assert values_of(result, 3)["sys.stdin.read().split()"] == "['3', '4', '5']"
    assert "input()" not in values_of(result, 4)  # input() raised EOFError: it produced nothing
    assert result.outcome.exception[0] == "EOFError"


def test_an_alias_of_readline_keeps_the_newline():
    code = "import sys\ninput = sys.stdin.readline\nn = input()\nm = int(input())\n"
    result = trace(code, ProgramInput("stdin", "7\n8\n"))
    assert values_of(result, 3) == {"input()": "'7\\n'"}
    assert values_of(result, 4)["int(input())"] == "8"


def test_reads_past_the_text_stream_are_not_recorded_but_behave_as_in_python():
    buffered = "import sys\nhead = sys.stdin.buffer.readline()\nrest = open(0).read()\nprint(head, len(rest))\n"
    result = trace(buffered, ProgramInput("stdin", "1\n2\n3\n"))
    assert result.outcome.stdout == "b'1\\n' 0\n"  # as in Python: the buffer took all six bytes
    assert reads_by_line(result) == []
    result = trace("rest = open(0).read()\nprint(len(rest))\n", ProgramInput("stdin", "1\n2\n3\n"))
    assert result.outcome.stdout == "6\n" and reads_by_line(result) == []


def test_reads_are_narrated_and_verified():
    result = trace(MIXED, ProgramInput("stdin", MIXED_INPUT))
    text = narrate(result).response
    assert "Line 2 reads the line `'2\\n'` from standard input" in text
    assert "`int(input()) = 2`" in text
    assert "reads the lines `'q\\n'` and `'w\\n'` from standard input" in text
    assert verify(text, result).passed


@pytest.mark.parametrize("old, new, why", [
    ("reads the line `'2\\n'`", "reads the line `'3\\n'`", "reads ['2\\n']"),
    ("reads the lines `'q\\n'` and `'w\\n'`", "reads the lines `'q\\n'`", "reads ['q\\n', 'w\\n']"),
    ("`int(input()) = 2`", "`int(input()) = 3`", "`int(input())` is `2`"),
])
def test_false_read_claims_are_rejected(old, new, why):
    result = trace(MIXED, ProgramInput("stdin", MIXED_INPUT))
    text = narrate(result).response
    assert old in text
    report = verify(text.replace(old, new, 1), result)
    assert not report.passed and any(why in failure for failure in report.failures)


def test_a_long_read_is_stated_by_its_length():
    result = trace("import sys\ndata = sys.stdin.read()\n", ProgramInput("stdin", "1 2 3\n" * 40))
    text = narrate(result).response
    assert "Line 2 reads 240 characters from standard input" in text
    assert verify(text, result).passed
    assert not verify(text.replace("reads 240 characters", "reads 241 characters"), result).passed
