"""MATH-style: smallest number with two given remainders (search by steps)."""
import math
import random
from string import Template

TOPIC = "number-theory"

PROBLEM = Template(
    "What is the smallest positive integer that leaves a remainder of $r1 when divided "
    "by $m1 and a remainder of $r2 when divided by $m2?"
)

CODE = Template('''\
def solution():
    r1 = $r1
    m1 = $m1
    r2 = $r2
    m2 = $m2
    # candidates with remainder r1 mod m1 are r1, r1 + m1, r1 + 2*m1, ...
    candidate = r1
    while candidate % m2 != r2:
        candidate += m1
    return candidate
''')


def sample(rng: random.Random) -> dict:
    while True:
        m1 = rng.randint(3, 11)
        m2 = rng.randint(3, 13)
        if m1 != m2 and math.gcd(m1, m2) == 1:
            break
    return {"r1": rng.randint(1, m1 - 1), "m1": m1, "r2": rng.randint(1, m2 - 1), "m2": m2}


def answer(params: dict):
    for n in range(1, params["m1"] * params["m2"] + 1):
        if n % params["m1"] == params["r1"] and n % params["m2"] == params["r2"]:
            return n
    raise ValueError("no solution")
