"""MATH-style: digit sum of a power, peeling digits with % and //."""
import random
from string import Template

TOPIC = "number-theory"

PROBLEM = Template(
    "What is the sum of the digits of $base raised to the power $exponent?"
)

CODE = Template('''\
def solution():
    base = $base
    exponent = $exponent
    value = base ** exponent
    digit_total = 0
    while value > 0:
        digit_total += value % 10
        value //= 10
    return digit_total
''')


def sample(rng: random.Random) -> dict:
    base = rng.randint(2, 9)
    return {"base": base, "exponent": rng.randint(5, 30 if base < 6 else 22)}


def answer(params: dict):
    return sum(int(ch) for ch in str(params["base"] ** params["exponent"]))
