"""MATH-style: drawing two balls without replacement."""
import random
from fractions import Fraction
from itertools import combinations
from string import Template

TOPIC = "probability"

PROBLEM = Template(
    "A bag holds $red red balls and $blue blue balls. Two balls are drawn at random "
    "without replacement. What is the probability that both balls are the same color?"
)

CODE = Template('''\
from fractions import Fraction


def solution():
    red = $red
    blue = $blue
    total = red + blue
    both_red = Fraction(red, total) * Fraction(red - 1, total - 1)
    both_blue = Fraction(blue, total) * Fraction(blue - 1, total - 1)
    same_color = both_red + both_blue
    return same_color
''')


def sample(rng: random.Random) -> dict:
    return {"red": rng.randint(1, 9), "blue": rng.randint(1, 9)}


def answer(params: dict):
    balls = ["r"] * params["red"] + ["b"] * params["blue"]
    pairs = list(combinations(range(len(balls)), 2))
    same = sum(1 for i, j in pairs if balls[i] == balls[j])
    return Fraction(same, len(pairs))
