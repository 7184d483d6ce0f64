"""MATH-style, solved with sympy: distinct prime factors from a factorisation."""
import random
from string import Template

TOPIC = "number-theory"
REQUIRES = ("sympy",)

PROBLEM = Template("What is the sum of the distinct prime factors of $number?")

CODE = Template('''\
from sympy import factorint


def solution():
    number = $number
    factors = factorint(number)
    prime_sum = sum(factors)
    return prime_sum
''')


def sample(rng: random.Random) -> dict:
    number = 1
    while number < 12:
        number = 1
        for prime in rng.sample([2, 3, 5, 7, 11, 13, 17, 19, 23], rng.randint(2, 4)):
            number *= prime ** rng.randint(1, 3)
    return {"number": number}


def answer(params: dict):
    n, d, found = params["number"], 2, set()
    while n > 1:
        while n % d == 0:
            found.add(d)
            n //= d
        d += 1
    return sum(found)
