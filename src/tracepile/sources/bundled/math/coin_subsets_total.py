"""MATH-style, with itertools: which handfuls of coins make an amount."""
import random
from string import Template

TOPIC = "combinatorics"

PROBLEM = Template(
    "Eli has five coins worth $c1, $c2, $c3, $c4 and $c5 cents. In how many ways can he choose some of "
    "the coins (the coins are all different) so that they add up to exactly $target cents?"
)

CODE = Template('''\
from itertools import combinations


def solution():
    c1 = $c1
    c2 = $c2
    c3 = $c3
    c4 = $c4
    c5 = $c5
    target = $target
    coins = [c1, c2, c3, c4, c5]
    ways = 0
    for size in range(1, len(coins) + 1):
        for handful in combinations(coins, size):
            if sum(handful) == target:
                ways += 1
    return ways
''')


def sample(rng: random.Random) -> dict:
    coins = [rng.choice([1, 5, 10, 25]) for _ in range(5)]
    chosen = [c for c in coins if rng.random() < 0.5] or coins[:2]
    return {**{f"c{i}": c for i, c in enumerate(coins, 1)}, "target": sum(chosen)}


def answer(params: dict):
    coins = [params[f"c{i}"] for i in range(1, 6)]
    return sum(1 for mask in range(1, 32) if sum(c for i, c in enumerate(coins) if mask >> i & 1)
               == params["target"])
