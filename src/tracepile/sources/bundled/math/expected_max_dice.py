"""MATH-style: expected value of the larger of two dice."""
import random
from fractions import Fraction
from string import Template

TOPIC = "probability"

PROBLEM = Template(
    "Two fair dice, each with faces numbered 1 to $sides, are rolled. "
    "What is the expected value of the larger of the two numbers?"
)

CODE = Template('''\
from fractions import Fraction


def solution():
    sides = $sides
    total_of_max = 0
    for first in range(1, sides + 1):
        for second in range(1, sides + 1):
            total_of_max += max(first, second)
    outcomes = sides * sides
    expected = Fraction(total_of_max, outcomes)
    return expected
''')


def sample(rng: random.Random) -> dict:
    return {"sides": rng.randint(2, 8)}


def answer(params: dict):
    s = params["sides"]
    # P(max = k) = (2k - 1) / s^2
    return sum(Fraction(k * (2 * k - 1), s * s) for k in range(1, s + 1))
