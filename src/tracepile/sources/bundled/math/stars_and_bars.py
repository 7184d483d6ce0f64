"""MATH-style: identical candies to children with a minimum each."""
import random
from string import Template

TOPIC = "combinatorics"

PROBLEM = Template(
    "In how many ways can $candies identical candies be given to $children children "
    "if every child must get at least $minimum of them?"
)

CODE = Template('''\
import math


def solution():
    candies = $candies
    children = $children
    minimum = $minimum
    # hand out the minimum first, then share the rest freely
    leftover = candies - children * minimum
    ways = math.comb(leftover + children - 1, children - 1)
    return ways
''')


def sample(rng: random.Random) -> dict:
    children = rng.randint(2, 4)
    minimum = rng.randint(1, 3)
    return {"candies": children * minimum + rng.randint(0, 10), "children": children,
            "minimum": minimum}


def answer(params: dict):
    from functools import lru_cache

    @lru_cache(maxsize=None)
    def count(remaining, kids):
        if kids == 0:
            return 1 if remaining == 0 else 0
        return sum(count(remaining - give, kids - 1)
                   for give in range(params["minimum"], remaining + 1))

    return count(params["candies"], params["children"])
