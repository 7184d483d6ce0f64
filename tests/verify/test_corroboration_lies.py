"""Fluent lies planted in v4 honest texts (tests/data/gate/v4) that grammar 3.3 now accepts, one per relaxed
word family: the honest text has no such finding, and the same text with the one false statement is rejected
for it (a base text may still fail elsewhere, for a word family grammar 3.3 leaves stray)."""

import pytest

from gate_support import checker, rows

# (id, mode, true words, false words, a part of the reason the lie must be rejected with)
LIES = (
    ("holdout/key_error#925fbcd2", "narrate", "and appending it gives `found = [1]`",
     "and appending it leaves an empty list, `found = [1]`", "is not empty"),
    ("math/ratio_share/1-1#8fcd6bea", "narrate", "Line 11 picks the maximum of", "Line 11 picks the minimum of",
     "computes `min(...)`"),
    ("math/ratio_share/1-1#8fcd6bea", "narrate", "Line 8 multiplies `part_a = 3`", "Line 8 takes the largest part, "
     "multiplying `part_a = 3`", "computes `max(...)`"),
    ("holdout/countdown_print#509df9a9", "rewrite", "Now `n > 0` is False because `n = -1`",
     "It is True because `n = -1`", "counts as false"),
    ("holdout/running_max#7230d2aa", "rewrite", "It is True because `x = 9` is greater than `best = 4`",
     "It is False because `x = 9` is greater than `best = 4`", "counts as true"),
    ("math/digit_sum_power/1-0#8fcd6bea", "narrate", "Line 7 peels off the ones digit: `value % 10 = 5`, so now",
     "Line 7 peels off the ones digit: `value % 10 = 5`, so now the even sum", "is not even"),
    ("math/digit_sum_power/1-0#8fcd6bea", "narrate", "Line 8 drops that digit; now `value = 195312`.",
     "Line 8 drops that digit and the value stays positive; now `value = 195312`, which is odd.", "is not odd"),
    ("math/ratio_share/1-1#8fcd6bea", "rewrite", 'The problem says "2", which is where `part_b = 2` comes from.',
     'That same sentence, "How many dollars does the friend with the largest share get", is where `part_b = 2` '
     'comes from.', "is not in the sentence quoted before"),
    ("algorithms/subsets_with_sum#7e841a1c", "rewrite", "makes the first call", "makes the second call",
     "this is call 1 of"),
    ("algorithms/subsets_with_sum#7e841a1c", "rewrite", "makes the first call", "makes the last call",
     "this is call 1 of"),
    ("math/ages_equation/1-1#8fcd6bea", "rewrite", "The first sentence,", "The second sentence,",
     "is not in the second sentence"),
    ("math/digit_sum_power/1-0#8fcd6bea", "rewrite", "Line 6 checks the loop condition `value > 0`. It is True",
     "Line 6 checks the loop condition `value > 0` one more time. It is True", "has not run earlier"),
    ("math/digit_sum_power/1-0#8fcd6bea", "narrate", "Line 7 peels off the ones digit", "Line 7 raises the base to "
     "the exponent", "does not compute a power"),
    ("math/digit_sum_power/1-0#8fcd6bea", "narrate", "Line 7 reads `value % 10 = 2`", "Line 7 drops that digit, "
     "reading `value % 10 = 2`", "does not compute a division by 10"),
    ("math/linear_system/1-2#8fcd6bea", "narrate", '"what is the value of x + y?"', '"what is the value of x?"',
     "the problem's last question is another"),
    ("competition/array_gcd_lcm#0e096271", "rewrite", "`l * x // gcd(l, x) = 6`", "`l * x // gcd(l, x) = 36`",
     "`l * x // gcd(l, x)` is `6`"),
)




@pytest.fixture(scope="module")
def v4():
    texts = {(row["id"], row["mode"]): row["text"] for row in rows("v4/honest.jsonl")}
    check = checker(rows("v4/items.jsonl"))
    return texts, check


@pytest.mark.parametrize("key, mode, true, lie, reason", LIES)
def test_a_lie_in_a_relaxed_word_is_rejected(v4, key, mode, true, lie, reason):
    texts, check = v4
    text = texts[(key, mode)]
    assert true in text and not [r for r in reasons_of(check((key, mode), text)) if reason in r]
    report = check((key, mode), text.replace(true, lie, 1))
    assert not report.passed and [r for r in reasons_of(report) if reason in r], reasons_of(report)


def reasons_of(report) -> list[str]:
    return [issue.reason for s in report.sentences if s.verdict != "verified" for issue in s.issues]
