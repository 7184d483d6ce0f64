"""MATH-style: counting integer points inside a circle."""
import math
import random
from string import Template

TOPIC = "geometry"

PROBLEM = Template(
    "How many points (x, y) with integer coordinates satisfy x^2 + y^2 <= $r_squared?"
)

CODE = Template('''\
import math


def solution():
    r_squared = $r_squared
    bound = math.isqrt(r_squared)
    count = 0
    for x in range(-bound, bound + 1):
        for y in range(-bound, bound + 1):
            if x * x + y * y <= r_squared:
                count += 1
    return count
''')


def sample(rng: random.Random) -> dict:
    return {"r_squared": rng.randint(2, 15)}


def answer(params: dict):
    r2 = params["r_squared"]
    bound = math.isqrt(r2)
    # for each column x, y ranges over -isqrt(r2 - x^2) .. isqrt(r2 - x^2)
    return sum(2 * math.isqrt(r2 - x * x) + 1 for x in range(-bound, bound + 1))
