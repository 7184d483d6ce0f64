"""MATH-style, solved with sympy: a linear congruence through a modular inverse."""
import random
from string import Template

TOPIC = "number-theory"
REQUIRES = ("sympy",)

PROBLEM = Template(
    "What is the smallest positive integer x such that ${a}x leaves a remainder of $b when divided "
    "by $m?"
)

CODE = Template('''\
from sympy import mod_inverse


def solution():
    a = $a
    b = $b
    m = $m
    inverse = mod_inverse(a, m)
    x = (b * inverse) % m
    if x == 0:
        x = m
    return x
''')


def sample(rng: random.Random) -> dict:
    m = rng.choice([7, 11, 13, 17, 19, 23, 29, 31])
    return {"a": rng.randint(2, m - 1), "b": rng.randint(1, m - 1), "m": m}


def answer(params: dict):
    return next(x for x in range(1, params["m"] + 1) if params["a"] * x % params["m"] == params["b"])
