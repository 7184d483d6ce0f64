"""MATH-style, solved with sympy: the roots of a cubic with integer roots."""
import random
from string import Template

TOPIC = "algebra"
REQUIRES = ("sympy",)

PROBLEM = Template(
    "The equation x^3 - ${s1}x^2 + ${s2}x - $s3 = 0 has three positive integer roots. "
    "What is the largest root minus the smallest root?"
)

CODE = Template('''\
from sympy import Poly, symbols


def solution():
    s1 = $s1
    s2 = $s2
    s3 = $s3
    x = symbols("x")
    cubic = Poly(x**3 - s1 * x**2 + s2 * x - s3, x)
    roots = cubic.all_roots()
    spread = max(roots) - min(roots)
    return spread
''')


def sample(rng: random.Random) -> dict:
    a, b, c = (rng.randint(1, 9) for _ in range(3))
    return {"s1": a + b + c, "s2": a * b + b * c + a * c, "s3": a * b * c}


def answer(params: dict):
    roots = []
    for r in range(1, params["s1"] + 1):
        value = r ** 3 - params["s1"] * r ** 2 + params["s2"] * r - params["s3"]
        if value == 0:
            roots.append(r)
    return max(roots) - min(roots)
