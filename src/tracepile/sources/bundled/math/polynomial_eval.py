"""MATH-style: evaluating a cubic with Horner's rule."""
import random
from string import Template

TOPIC = "algebra"

PROBLEM = Template(
    "Let p(x) = ${c3}x^3 + ${c2}x^2 + ${c1}x + $c0. What is the value of p($x)?"
)

CODE = Template('''\
def solution():
    c3 = $c3
    c2 = $c2
    c1 = $c1
    c0 = $c0
    x = $x
    coefficients = [c3, c2, c1, c0]
    value = 0
    for coefficient in coefficients:
        value = value * x + coefficient
    return value
''')


def sample(rng: random.Random) -> dict:
    return {"c3": rng.randint(2, 6), "c2": rng.randint(2, 9), "c1": rng.randint(2, 9),
            "c0": rng.randint(1, 20), "x": rng.randint(1, 6)}


def answer(params: dict):
    x = params["x"]
    return params["c3"] * x ** 3 + params["c2"] * x ** 2 + params["c1"] * x + params["c0"]
