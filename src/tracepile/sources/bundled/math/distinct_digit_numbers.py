"""MATH-style: counting numbers with distinct digits and a banned digit."""
import random
from string import Template

TOPIC = "combinatorics"

PROBLEM = Template(
    "How many $digits-digit positive integers have all different digits and do not "
    "use the digit $banned at all?"
)

CODE = Template('''\
def solution():
    digits = $digits
    banned = $banned
    usable = 10 - 1
    count = 1
    for position in range(digits):
        if position == 0 and banned == 0:
            choices = usable
        elif position == 0:
            # the leading digit can be neither 0 nor the banned digit
            choices = usable - 1
        else:
            choices = usable - position
        count = count * choices
    return count
''')


def sample(rng: random.Random) -> dict:
    return {"digits": rng.randint(2, 4), "banned": rng.randint(0, 9)}


def answer(params: dict):
    banned = str(params["banned"])
    low = 10 ** (params["digits"] - 1)
    count = 0
    for number in range(low, 10 * low):
        text = str(number)
        if banned not in text and len(set(text)) == len(text):
            count += 1
    return count
