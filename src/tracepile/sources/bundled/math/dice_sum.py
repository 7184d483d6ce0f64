"""MATH-style: probability of a dice total by listing all outcomes."""
import random
from fractions import Fraction
from string import Template

TOPIC = "probability"

PROBLEM = Template(
    "Two fair dice, each with faces numbered 1 to $sides, are rolled. "
    "What is the probability that the two numbers add up to $target?"
)

CODE = Template('''\
from fractions import Fraction


def solution():
    sides = $sides
    target = $target
    favorable = 0
    for first in range(1, sides + 1):
        for second in range(1, sides + 1):
            if first + second == target:
                favorable += 1
    outcomes = sides * sides
    probability = Fraction(favorable, outcomes)
    return probability
''')


def sample(rng: random.Random) -> dict:
    sides = rng.choice([4, 6, 6, 8])
    return {"sides": sides, "target": rng.randint(2, 2 * sides)}


def answer(params: dict):
    sides = params["sides"]
    ways = sides - abs(params["target"] - (sides + 1))
    return Fraction(ways, sides * sides)
