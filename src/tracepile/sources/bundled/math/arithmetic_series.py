"""MATH-style: summing an arithmetic sequence term by term."""
import random
from string import Template

TOPIC = "algebra"

PROBLEM = Template(
    "An arithmetic sequence starts at $first, and each term is $diff more than the "
    "term before it. What is the sum of the first $count terms?"
)

CODE = Template('''\
def solution():
    first = $first
    diff = $diff
    count = $count
    term = first
    total = 0
    for _ in range(count):
        total += term
        term += diff
    return total
''')


def sample(rng: random.Random) -> dict:
    return {"first": rng.randint(1, 20), "diff": rng.randint(1, 9),
            "count": rng.randint(5, 40)}


def answer(params: dict):
    n = params["count"]
    return n * (2 * params["first"] + (n - 1) * params["diff"]) // 2
