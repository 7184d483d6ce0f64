"""MATH-style: remainder of a power by repeated modular multiplication."""
import random
from string import Template

TOPIC = "number-theory"

PROBLEM = Template(
    "What is the remainder when $base raised to the power $exponent is divided by $modulus?"
)

CODE = Template('''\
def solution():
    base = $base
    exponent = $exponent
    modulus = $modulus
    result = 1
    for _ in range(exponent):
        result = result * base % modulus
    return result
''')


def sample(rng: random.Random) -> dict:
    return {"base": rng.randint(2, 30), "exponent": rng.randint(5, 60),
            "modulus": rng.randint(5, 40)}


def answer(params: dict):
    return pow(params["base"], params["exponent"], params["modulus"])
