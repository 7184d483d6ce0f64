"""Repeated identical calls: a call that does exactly what an earlier call narrated in full did (same
arguments, path, values and result) is said in one checked sentence; the verifier rejects the sentence
when the earlier call differs in any of these, or the arguments or the result are wrong."""

from tracepile.engine import trace
from tracepile.narration import narrate
from tracepile.verification import verify

COMPARE = '''def cmp(a, b):
    if a < b:
        return -1
    if a > b:
        return 1
    return 0


def count(pairs):
    total = 0
    for a, b in pairs:
        total += cmp(a, b)
    return total
'''

MODE = '''MODE = [0]


def h(x):
    if MODE[0]:
        return x + 1
    return x


def main():
    a = h(1)
    MODE[0] = 1
    b = h(1)
    c = h(1)
    return a, b, c
'''


def narrated(code: str, call: str):
    result = trace(code, call)
    text = narrate(result).response
    report = verify(text, result)
    assert report.passed, report.failures + report.unverifiable
    return text, result


def rejected(text: str, result, lie: str) -> bool:
    return any(lie in check.sentence and check.verdict == "false" for check in verify(text, result).sentences)


def test_a_repeated_call_is_one_verified_sentence():
    text, _ = narrated(COMPARE, "count([('1', '0'), ('0', '0'), ('0', '0'), ('0', '0')])")
    assert text.count("We enter `cmp`") == 2  # calls 1 and 2 differ; calls 3 and 4 repeat call 2
    assert text.count("`cmp('0', '0')` again returns `0`, as in call 2.") == 2
    assert text.count("Back at line 12, `total` stays at `1`.") == 3


def test_same_arguments_but_another_path_is_narrated_in_full():
    text, _ = narrated(MODE, "main()")
    assert text.count("We enter `h`") == 2  # call 2 reads another MODE than call 1
    assert "`h(1)` again returns `2`, as in call 2." in text


def test_false_repeats_are_rejected():
    text, result = narrated(MODE, "main()")
    true = "`h(1)` again returns `2`, as in call 2."
    for lie in ("`h(1)` again returns `2`, as in call 1.",  # same arguments, another path and result
                "`h(1)` again returns `3`, as in call 2.",  # another result
                "`h(2)` again returns `2`, as in call 2.",  # other arguments
                "`h(1)` again returns `2`, as in call 3."):  # not an earlier call
        assert rejected(text.replace(true, lie), result, lie[:-1]), lie
    text, result = narrated(COMPARE, "count([('1', '0'), ('0', '0'), ('0', '0')])")
    lie = "`cmp('0', '0')` again returns `0`, as in call 1."  # call 1 had other arguments
    assert rejected(text.replace("as in call 2.", "as in call 1."), result, lie[:-1])


def test_the_tallied_function_keeps_every_call():
    result = trace(COMPARE, "count([('0', '0'), ('0', '0')])")
    text = narrate(result, tally_calls="cmp").response
    assert "again returns" not in text and verify(text, result).passed
