"""MATH-style: probability of at least k heads in n fair flips."""
import random
from fractions import Fraction
from itertools import product
from string import Template

TOPIC = "probability"

PROBLEM = Template(
    "A fair coin is flipped $flips times. What is the probability of getting at "
    "least $heads heads?"
)

CODE = Template('''\
import math
from fractions import Fraction


def solution():
    flips = $flips
    heads = $heads
    favorable = 0
    for k in range(heads, flips + 1):
        favorable += math.comb(flips, k)
    outcomes = 2 ** flips
    probability = Fraction(favorable, outcomes)
    return probability
''')


def sample(rng: random.Random) -> dict:
    flips = rng.randint(3, 10)
    return {"flips": flips, "heads": rng.randint(1, flips)}


def answer(params: dict):
    sequences = list(product("HT", repeat=params["flips"]))
    good = sum(1 for seq in sequences if seq.count("H") >= params["heads"])
    return Fraction(good, len(sequences))
