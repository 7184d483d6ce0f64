"""MATH-style: inclusion-exclusion for multiples of two numbers."""
import random
from string import Template

TOPIC = "number-theory"

PROBLEM = Template(
    "How many integers from 1 to $limit, inclusive, are divisible by $a or by $b (or both)?"
)

CODE = Template('''\
import math


def solution():
    limit = $limit
    a = $a
    b = $b
    multiples_of_a = limit // a
    multiples_of_b = limit // b
    lcm_ab = a * b // math.gcd(a, b)
    multiples_of_both = limit // lcm_ab
    count = multiples_of_a + multiples_of_b - multiples_of_both
    return count
''')


def sample(rng: random.Random) -> dict:
    a, b = rng.sample(range(2, 13), 2)
    return {"limit": rng.randint(30, 500), "a": a, "b": b}


def answer(params: dict):
    return sum(1 for k in range(1, params["limit"] + 1)
               if k % params["a"] == 0 or k % params["b"] == 0)
