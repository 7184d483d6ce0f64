"""GSM8K-style, with exact fractions: what is left after three people take their shares."""
import random
from string import Template

TOPIC = "arithmetic"

PROBLEM = Template(
    "Three friends share a pizza. Ana eats 1/$first of it, Ben eats 1/$second of it and Cy eats "
    "1/$third of it. What fraction of the pizza is left?"
)

CODE = Template('''\
from fractions import Fraction


def solution():
    first = $first
    second = $second
    third = $third
    eaten = Fraction(1, first) + Fraction(1, second) + Fraction(1, third)
    left = 1 - eaten
    return left
''')


def sample(rng: random.Random) -> dict:
    while True:
        first, second, third = (rng.randint(3, 12) for _ in range(3))
        if 1 / first + 1 / second + 1 / third < 1:
            return {"first": first, "second": second, "third": third}


def answer(params: dict):
    from math import lcm
    whole = lcm(params["first"], params["second"], params["third"])
    left = whole - whole // params["first"] - whole // params["second"] - whole // params["third"]
    from fractions import Fraction
    return Fraction(left, whole)
