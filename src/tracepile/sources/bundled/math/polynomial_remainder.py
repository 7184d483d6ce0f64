"""MATH-style, solved with sympy: the remainder of a polynomial division (remainder theorem)."""
import random
from string import Template

TOPIC = "algebra"
REQUIRES = ("sympy",)

PROBLEM = Template(
    "What is the remainder when x^3 + ${a}x^2 + ${b}x + $c is divided by x - $r?"
)

CODE = Template('''\
from sympy import rem, symbols


def solution():
    a = $a
    b = $b
    c = $c
    r = $r
    x = symbols("x")
    polynomial = x**3 + a * x**2 + b * x + c
    remainder = rem(polynomial, x - r, x)
    return remainder
''')


def sample(rng: random.Random) -> dict:
    return {"a": rng.randint(1, 9), "b": rng.randint(1, 9), "c": rng.randint(1, 20), "r": rng.randint(1, 5)}


def answer(params: dict):
    r = params["r"]
    return r ** 3 + params["a"] * r ** 2 + params["b"] * r + params["c"]
