"""MATH-style: choosing a committee with a fixed number of men and women."""
import random
from string import Template

TOPIC = "combinatorics"

PROBLEM = Template(
    "A club has $men men and $women women. In how many ways can a committee of "
    "$pick_men men and $pick_women women be chosen?"
)

CODE = Template('''\
import math


def solution():
    men = $men
    women = $women
    pick_men = $pick_men
    pick_women = $pick_women
    ways_men = math.comb(men, pick_men)
    ways_women = math.comb(women, pick_women)
    total_ways = ways_men * ways_women
    return total_ways
''')


def sample(rng: random.Random) -> dict:
    men = rng.randint(3, 10)
    women = rng.randint(3, 10)
    return {"men": men, "women": women, "pick_men": rng.randint(1, men - 1),
            "pick_women": rng.randint(1, women - 1)}


def answer(params: dict):
    from itertools import combinations
    men_groups = sum(1 for _ in combinations(range(params["men"]), params["pick_men"]))
    women_groups = sum(1 for _ in combinations(range(params["women"]), params["pick_women"]))
    return men_groups * women_groups
