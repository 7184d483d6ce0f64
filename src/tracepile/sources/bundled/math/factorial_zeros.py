"""MATH-style: trailing zeros of n! via Legendre's formula for 5."""
import math
import random
from string import Template

TOPIC = "number-theory"

PROBLEM = Template(
    "How many zeros are at the end of the number $n factorial (the product "
    "1 * 2 * 3 * ... * $n)?"
)

CODE = Template('''\
def solution():
    n = $n
    zeros = 0
    power_of_five = 5
    while power_of_five <= n:
        zeros += n // power_of_five
        power_of_five *= 5
    return zeros
''')


def sample(rng: random.Random) -> dict:
    return {"n": rng.randint(10, 300)}


def answer(params: dict):
    text = str(math.factorial(params["n"]))
    return len(text) - len(text.rstrip("0"))
