"""MATH-style, solved with sympy: primes in an interval."""
import random
from string import Template

TOPIC = "number-theory"
REQUIRES = ("sympy",)

PROBLEM = Template("What is the sum of all prime numbers greater than $low and less than $high?")

CODE = Template('''\
from sympy import primerange


def solution():
    low = $low
    high = $high
    primes = list(primerange(low + 1, high))
    total = sum(primes)
    return total
''')


def sample(rng: random.Random) -> dict:
    low = rng.randint(1, 60)
    return {"low": low, "high": low + rng.randint(8, 30)}


def answer(params: dict):
    def is_prime(n):
        return n > 1 and all(n % d for d in range(2, int(n ** 0.5) + 1))
    return sum(n for n in range(params["low"] + 1, params["high"]) if is_prime(n))
