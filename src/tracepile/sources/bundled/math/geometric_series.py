"""MATH-style: summing a geometric sequence term by term."""
import random
from string import Template

TOPIC = "algebra"

PROBLEM = Template(
    "A geometric sequence has first term $first and common ratio $ratio. "
    "What is the sum of its first $count terms?"
)

CODE = Template('''\
def solution():
    first = $first
    ratio = $ratio
    count = $count
    term = first
    total = 0
    for _ in range(count):
        total += term
        term *= ratio
    return total
''')


def sample(rng: random.Random) -> dict:
    return {"first": rng.randint(1, 9), "ratio": rng.randint(2, 5),
            "count": rng.randint(3, 10)}


def answer(params: dict):
    r = params["ratio"]
    return params["first"] * (r ** params["count"] - 1) // (r - 1)
