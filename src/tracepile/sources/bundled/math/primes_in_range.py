"""MATH-style: counting primes in an interval by trial division."""
import random
from string import Template

TOPIC = "number-theory"

PROBLEM = Template(
    "How many prime numbers are there between $low and $high, inclusive?"
)

CODE = Template('''\
def solution():
    low = $low
    high = $high
    count = 0
    for number in range(low, high + 1):
        is_prime = number >= 2
        divisor = 2
        while divisor * divisor <= number:
            if number % divisor == 0:
                is_prime = False
                break
            divisor += 1
        if is_prime:
            count += 1
    return count
''')


def sample(rng: random.Random) -> dict:
    low = rng.randint(2, 60)
    return {"low": low, "high": low + rng.randint(5, 12)}


def answer(params: dict):
    high = params["high"]
    sieve = [True] * (high + 1)
    sieve[0] = sieve[1] = False
    for p in range(2, high + 1):
        if sieve[p]:
            for multiple in range(p * p, high + 1, p):
                sieve[multiple] = False
    return sum(sieve[params["low"]:high + 1])
