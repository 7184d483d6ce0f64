"""MATH-style: writing a number in another base and adding its digits."""
import random
from string import Template

TOPIC = "number-theory"

PROBLEM = Template(
    "When the number $number is written in base $base, what is the sum of its digits?"
)

CODE = Template('''\
def solution():
    number = $number
    base = $base
    digits = []
    value = number
    while value > 0:
        digits.append(value % base)
        value = value // base
    digit_sum = sum(digits)
    return digit_sum
''')


def sample(rng: random.Random) -> dict:
    return {"number": rng.randint(20, 999), "base": rng.randint(2, 9)}


def answer(params: dict):
    # greedy from the highest power of the base downwards
    number, base = params["number"], params["base"]
    power = 1
    while power * base <= number:
        power *= base
    total = 0
    while power >= 1:
        digit = 0
        while number >= power:
            number -= power
            digit += 1
        total += digit
        power //= base
    return total
