"""GSM8K-style: giving marbles so that two people have the same number."""
import random
from string import Template

TOPIC = "arithmetic"

PROBLEM = Template(
    "Ivy has $ivy marbles and Jon has $jon marbles. Ivy gives some of her marbles to "
    "Jon so that they end up with the same number. How many marbles does Ivy give Jon?"
)

CODE = Template('''\
def solution():
    ivy = $ivy
    jon = $jon
    total = ivy + jon
    each_share = total // 2
    given = ivy - each_share
    return given
''')


def sample(rng: random.Random) -> dict:
    jon = rng.randint(5, 40)
    return {"ivy": jon + 2 * rng.randint(1, 15), "jon": jon}


def answer(params: dict):
    for give in range(params["ivy"] + 1):
        if params["ivy"] - give == params["jon"] + give:
            return give
    raise ValueError("cannot equalize")
