"""MATH-style: integer roots from the quadratic formula."""
import random
from string import Template

TOPIC = "algebra"

PROBLEM = Template(
    "The equation x^2 - ${root_sum}x + $root_product = 0 has two integer roots. "
    "What is the sum of the squares of the roots?"
)

CODE = Template('''\
import math


def solution():
    root_sum = $root_sum
    root_product = $root_product
    # x^2 + b*x + c = 0 with b = -root_sum and c = root_product
    b = -root_sum
    c = root_product
    discriminant = b * b - 4 * c
    sqrt_discriminant = math.isqrt(discriminant)
    root1 = (-b + sqrt_discriminant) // 2
    root2 = (-b - sqrt_discriminant) // 2
    sum_of_squares = root1 ** 2 + root2 ** 2
    return sum_of_squares
''')


def sample(rng: random.Random) -> dict:
    root1 = rng.randint(1, 12)
    root2 = rng.randint(1, 12)
    return {"root_sum": root1 + root2, "root_product": root1 * root2}


def answer(params: dict):
    # Vieta: r1^2 + r2^2 = (r1 + r2)^2 - 2 r1 r2
    return params["root_sum"] ** 2 - 2 * params["root_product"]
