"""MATH-style: row arrangements where two people must sit together."""
import random
from string import Template

TOPIC = "combinatorics"

PROBLEM = Template(
    "In how many ways can $people people sit in a row of $people chairs if two of "
    "them, Ana and Bo, insist on sitting next to each other?"
)

CODE = Template('''\
import math


def solution():
    people = $people
    # glue Ana and Bo into one block, then arrange the blocks
    units = people - 1
    unit_arrangements = math.factorial(units)
    orders_inside_block = 2
    total = unit_arrangements * orders_inside_block
    return total
''')


def sample(rng: random.Random) -> dict:
    return {"people": rng.randint(3, 7)}


def answer(params: dict):
    from itertools import permutations
    count = 0
    for order in permutations(range(params["people"])):
        if abs(order.index(0) - order.index(1)) == 1:
            count += 1
    return count
