"""MATH-style, solved with sympy: a closed-form sum, then its value."""
import random
from string import Template

TOPIC = "algebra"
REQUIRES = ("sympy",)

PROBLEM = Template(
    "A pyramid of cans has 1 can in the top row, 4 in the next, 9 in the next, and so on, with "
    "$rows rows in all (row k holds k^2 cans). How many cans are in the pyramid?"
)

CODE = Template('''\
from sympy import summation, symbols


def solution():
    rows = $rows
    k, n = symbols("k n", integer=True, positive=True)
    formula = summation(k**2, (k, 1, n))
    cans = formula.subs(n, rows)
    return cans
''')


def sample(rng: random.Random) -> dict:
    return {"rows": rng.randint(3, 40)}


def answer(params: dict):
    return sum(k * k for k in range(1, params["rows"] + 1))
