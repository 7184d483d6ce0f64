"""MATH-style: Euclid's algorithm, then the lcm from the gcd."""
import math
import random
from string import Template

TOPIC = "number-theory"

PROBLEM = Template(
    "What is the sum of the greatest common divisor and the least common multiple "
    "of $a and $b?"
)

CODE = Template('''\
def solution():
    a = $a
    b = $b
    x = a
    y = b
    while y != 0:
        remainder = x % y
        x = y
        y = remainder
    gcd = x
    lcm = a * b // gcd
    return gcd + lcm
''')


def sample(rng: random.Random) -> dict:
    g = rng.randint(2, 12)
    p, q = rng.sample(range(1, 13), 2)
    return {"a": g * p, "b": g * q}


def answer(params: dict):
    return math.gcd(params["a"], params["b"]) + math.lcm(params["a"], params["b"])
