"""MATH-style, with exact fractions: drawing two balls without replacement."""
import random
from string import Template

TOPIC = "probability"

PROBLEM = Template(
    "A bag holds $red red balls and $blue blue balls. Two balls are drawn without replacement. What is "
    "the probability that both are red? Give the answer as a fraction."
)

CODE = Template('''\
from fractions import Fraction


def solution():
    red = $red
    blue = $blue
    total = red + blue
    first_red = Fraction(red, total)
    second_red = Fraction(red - 1, total - 1)
    both_red = first_red * second_red
    return both_red
''')


def sample(rng: random.Random) -> dict:
    return {"red": rng.randint(2, 10), "blue": rng.randint(1, 10)}


def answer(params: dict):
    from fractions import Fraction
    from itertools import combinations
    balls = ["r"] * params["red"] + ["b"] * params["blue"]
    pairs = list(combinations(range(len(balls)), 2))
    return Fraction(sum(balls[i] == balls[j] == "r" for i, j in pairs), len(pairs))
