"""MATH-style: parity of the sum of two cards drawn without replacement."""
import math
import random
from fractions import Fraction
from itertools import combinations
from string import Template

TOPIC = "probability"

PROBLEM = Template(
    "Cards numbered 1 through $n are placed in a hat, and two cards are drawn at "
    "random without replacement. What is the probability that the sum of the two "
    "numbers is even?"
)

CODE = Template('''\
import math
from fractions import Fraction


def solution():
    n = $n
    evens = n // 2
    odds = n - evens
    # an even sum needs two evens or two odds
    even_pairs = math.comb(evens, 2)
    odd_pairs = math.comb(odds, 2)
    all_pairs = math.comb(n, 2)
    probability = Fraction(even_pairs + odd_pairs, all_pairs)
    return probability
''')


def sample(rng: random.Random) -> dict:
    return {"n": rng.randint(4, 20)}


def answer(params: dict):
    pairs = list(combinations(range(1, params["n"] + 1), 2))
    return Fraction(sum(1 for a, b in pairs if (a + b) % 2 == 0), len(pairs))
