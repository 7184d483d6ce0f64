"""MATH-style: consecutive integers with a given sum."""
import random
from string import Template

TOPIC = "algebra"

PROBLEM = Template(
    "The sum of $count consecutive positive integers is $total. "
    "What is the largest of these integers?"
)

CODE = Template('''\
def solution():
    count = $count
    total = $total
    # total = count * smallest + (0 + 1 + ... + (count - 1))
    offsets = count * (count - 1) // 2
    smallest = (total - offsets) // count
    largest = smallest + count - 1
    return largest
''')


def sample(rng: random.Random) -> dict:
    count = rng.randint(3, 9)
    smallest = rng.randint(1, 50)
    return {"count": count, "total": sum(range(smallest, smallest + count))}


def answer(params: dict):
    count = params["count"]
    for start in range(1, params["total"] + 1):
        if sum(range(start, start + count)) == params["total"]:
            return start + count - 1
    raise ValueError("no run of integers")
