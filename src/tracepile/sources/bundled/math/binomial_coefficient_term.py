"""MATH-style, solved with sympy: one coefficient of an expanded binomial power."""
import random
from string import Template

TOPIC = "combinatorics"
REQUIRES = ("sympy",)

PROBLEM = Template("What is the coefficient of x^$k in the expansion of (${a}x + $b)^$n?")

CODE = Template('''\
from sympy import expand, symbols


def solution():
    a = $a
    b = $b
    n = $n
    k = $k
    x = symbols("x")
    expansion = expand((a * x + b) ** n)
    coefficient = expansion.coeff(x, k)
    return coefficient
''')


def sample(rng: random.Random) -> dict:
    n = rng.randint(2, 6)
    return {"a": rng.randint(1, 4), "b": rng.randint(1, 5), "n": n, "k": rng.randint(1, n)}


def answer(params: dict):
    from math import comb
    p = params
    return comb(p["n"], p["k"]) * p["a"] ** p["k"] * p["b"] ** (p["n"] - p["k"])
