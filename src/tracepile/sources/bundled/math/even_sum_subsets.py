"""MATH-style: subsets with an even sum, counted by brute force."""
import math
import random
from string import Template

TOPIC = "combinatorics"

PROBLEM = Template(
    "How many $size-element subsets of the set {1, 2, ..., $n} have an even sum?"
)

CODE = Template('''\
from itertools import combinations


def solution():
    size = $size
    n = $n
    count = 0
    for subset in combinations(range(1, n + 1), size):
        if sum(subset) % 2 == 0:
            count += 1
    return count
''')


def sample(rng: random.Random) -> dict:
    return {"size": rng.randint(2, 3), "n": rng.randint(5, 8)}


def answer(params: dict):
    n, size = params["n"], params["size"]
    evens = n // 2
    odds = n - evens
    # an even sum needs an even number of odd elements
    return sum(math.comb(odds, k) * math.comb(evens, size - k)
               for k in range(0, size + 1, 2))
