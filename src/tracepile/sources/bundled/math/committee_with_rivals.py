"""MATH-style, with itertools: committees that must not hold two rivals together."""
import random
from string import Template

TOPIC = "combinatorics"

PROBLEM = Template(
    "A club has $members members, numbered 1 to $members. Members 1 and 2 refuse to serve together. In "
    "how many ways can a committee of $size members be chosen?"
)

CODE = Template('''\
from itertools import combinations


def solution():
    members = $members
    size = $size
    allowed = 0
    for committee in combinations(range(1, members + 1), size):
        if not (1 in committee and 2 in committee):
            allowed += 1
    return allowed
''')


def sample(rng: random.Random) -> dict:
    members = rng.randint(4, 8)
    return {"members": members, "size": rng.randint(2, min(4, members - 1))}


def answer(params: dict):
    from math import comb
    n, k = params["members"], params["size"]
    return comb(n, k) - comb(n - 2, k - 2)
