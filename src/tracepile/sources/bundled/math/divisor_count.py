"""MATH-style: counting divisors by trial division up to the square root."""
import random
from string import Template

TOPIC = "number-theory"

PROBLEM = Template("How many positive divisors does $number have?")

CODE = Template('''\
def solution():
    number = $number
    count = 0
    d = 1
    while d * d <= number:
        if number % d == 0:
            if d * d == number:
                count += 1
            else:
                count += 2
        d += 1
    return count
''')


def sample(rng: random.Random) -> dict:
    while True:
        number = (2 ** rng.randint(0, 5)) * (3 ** rng.randint(0, 3)) \
            * (5 ** rng.randint(0, 2)) * rng.choice([1, 1, 7, 11, 13])
        if 12 <= number <= 400:
            return {"number": number}


def answer(params: dict):
    return sum(1 for d in range(1, params["number"] + 1) if params["number"] % d == 0)
