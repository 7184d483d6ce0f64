"""Path questions: which line runs right after a line's k-th execution, whether a line runs at
all, how often it runs, and which way an `if` goes the k-th time (with the values that decide it)."""

from __future__ import annotations

from tracepile.enrich.questions.facts import Execution, TraceFacts
from tracepile.enrich.questions.records import Question, QuestionConfig
from tracepile.enrich.questions.steps import innermost_loop
from tracepile.enrich.questions.wording import branch_answer, line_answer, ordinal, times
from tracepile.model import ExceptionEvent

NOT_ASKED = ("def", "class", "import", "global", "try", "pass", "except")


def next_line_questions(facts: TraceFacts, config: QuestionConfig) -> list[Question]:
    """Lines that run several times and are followed by different lines at different times."""
    out: list[Question] = []
    for line, runs in sorted(facts.executions.items()):
        if len(runs) < 2 or _kind(facts, line) in NOT_ASKED:
            continue
        if len({facts.next_line_after(run)[0] for run in runs}) < 2:
            continue
        out += [next_line_question(facts, run) for run in runs]
    return out


def next_line_question(facts: TraceFacts, run: Execution) -> Question:
    """Which line runs right after this execution, anywhere in the program."""
    nxt, index = facts.next_line_after(run)
    total = facts.count(run.line)
    if total > 1:
        text = (f"Line {run.line} runs {total} times. Which line is executed next, right after its "
                f"{ordinal(run.nth)} execution (in whatever function it is)?")
    else:
        text = f"Which line is executed next, right after line {run.line} (in whatever function it is)?"
    return Question("next_line", text, line_answer(nxt), stop=index,
                    params={"line": run.line, "k": run.nth}, group=str(run.line), full=False,
                    hint="`line N`, or `none` if no line runs after it.")


def line_executed_questions(facts: TraceFacts, config: QuestionConfig) -> list[Question]:
    """Guarded lines (inside a branch or loop) of functions that ran: executed or not."""
    ran = {facts.owner_def.get(line, 0) for line in facts.executions}
    out: list[Question] = []
    for line in sorted(_guarded_lines(facts)):
        if _kind(facts, line) in NOT_ASKED or facts.owner_def.get(line, 0) not in ran:
            continue
        runs = facts.executions.get(line)
        text = f"Is line {line} executed at all during this run?"
        stop = runs[0].index if runs else len(facts.events) - 1
        out.append(Question("line_executed", text, "yes" if runs else "no", stop=stop,
                            params={"line": line}, group="yes" if runs else "no", full=not runs,
                            hint="`yes` or `no`."))
    return out


def _guarded_lines(facts: TraceFacts) -> set[int]:
    guarded: set[int] = set()
    for info in facts.info.lines.values():
        if info.kind in ("if", "elif", "while", "for"):
            guarded |= info.body | info.orelse
    return guarded & set(facts.info.lines)


def line_count_questions(facts: TraceFacts, config: QuestionConfig) -> list[Question]:
    """Lines that run at least twice, and not as often as the block that holds them is entered (see
    `read_off`). The run is narrated with loop summaries; the answer step lists every run."""
    out: list[Question] = []
    stop = len(facts.events) - 1
    for line, runs in sorted(facts.executions.items()):
        if len(runs) < 2 or _kind(facts, line) in NOT_ASKED or read_off(facts, line):
            continue
        text = f"How many times is line {line} executed in total during this run?"
        out.append(Question("line_count", text, str(len(runs)), stop=stop, params={"line": line},
                            group=str(line), full=False, hint="a whole number, for example `3`."))
    return out


def read_off(facts: TraceFacts, line: int) -> bool:
    """A line that runs exactly once per iteration of its innermost enclosing loop (all its runs
    together), or, outside loops, once per call of its function: its count is read off the code and
    the loop's or the function's count, which are questions of their own (loop_iterations, call_count)."""
    info = facts.info.lines.get(line)
    if info is not None and info.kind in ("for", "while"):
        return True  # a loop header runs once per iteration and once more to end: the loop's own count
    loop = innermost_loop(facts, line)
    if loop is not None:
        entered = sum(len(run.starts) for (header, _), run in facts.loops.items() if header == loop)
    else:
        func = facts.func.get(facts.executions[line][0].frame)
        entered = len(facts.calls.get(func, ())) if func != "<module>" else 1
    return facts.count(line) == entered


def branch_questions(facts: TraceFacts, config: QuestionConfig) -> list[Question]:
    """`if`/`elif` checks; lines whose condition went both ways are preferred."""
    both: list[Question] = []
    other: list[Question] = []
    for line, runs in sorted(facts.executions.items()):
        info = facts.info.lines.get(line)
        if info is None or info.kind not in ("if", "elif"):
            continue
        items = [q for q in (_branch_question(facts, run, len(runs)) for run in runs) if q]
        outcomes = {q.answer.split(" ")[0] for q in items}
        (both if len(outcomes) == 2 else other).extend(items)
    return both or other


def _branch_question(facts: TraceFacts, run: Execution, total: int) -> Question | None:
    info = facts.info.lines[run.line]
    if _raised(facts, run):
        return None
    event = facts.events[run.index]
    taken = event.next_line is not None and event.next_line in info.body
    keyword = "elif" if info.kind == "elif" else "if"
    text = (f"Line {run.line} checks the `{keyword}` condition `{info.test}`. When it is checked"
            f"{times(run.nth, total)}, is the condition true or false, and which line of that "
            f"function runs next?")
    return Question("branch", text, branch_answer(taken, event.next_line), stop=run.end,
                    params={"line": run.line, "k": run.nth}, group=str(run.line), full=False,
                    hint="`True (then line N)` or `False (then line N)`; write `(then the call ends)` "
                         "when nothing else runs in that call.")


def _raised(facts: TraceFacts, run: Execution) -> bool:
    return any(isinstance(e, ExceptionEvent) and e.frame == run.frame
               for e in facts.events[run.index:run.end + 1])


def _kind(facts: TraceFacts, line: int) -> str:
    info = facts.info.lines.get(line)
    return info.kind if info else "other"
