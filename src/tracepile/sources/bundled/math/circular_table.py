"""MATH-style: round-table seatings where two people must not be neighbors."""
import random
from string import Template

TOPIC = "combinatorics"

PROBLEM = Template(
    "A club of $people friends takes seats at a circular dinner table. Two of the friends, "
    "Cy and Di, must not be neighbours. Counting seatings that differ only by a rotation "
    "once, how many seatings are possible?"
)

CODE = Template('''\
import math


def solution():
    people = $people
    all_seatings = math.factorial(people - 1)
    # Cy and Di as one block: people - 1 units around the table, 2 orders in the block
    together = math.factorial(people - 2) * 2
    apart = all_seatings - together
    return apart
''')


def sample(rng: random.Random) -> dict:
    return {"people": rng.randint(4, 7)}


def answer(params: dict):
    from itertools import permutations
    n = params["people"]
    count = 0
    # fix person 0 in seat 0 to remove rotations; Cy = 0, Di = 1
    for rest in permutations(range(1, n)):
        seats = (0,) + rest
        position = seats.index(1)
        if position not in (1, n - 1):
            count += 1
    return count
