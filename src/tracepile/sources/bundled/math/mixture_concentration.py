"""GSM8K-style, solved with sympy: how much of each solution makes a mixture, with exact fractions."""
import random
from string import Template

TOPIC = "percentages"
REQUIRES = ("sympy",)

PROBLEM = Template(
    "A chemist mixes a $low% salt solution with a $high% salt solution to make $total liters of a "
    "$target% solution. How many liters of the $high% solution does she use?"
)

CODE = Template('''\
from sympy import Rational, solve, symbols


def solution():
    low = $low
    high = $high
    total = $total
    target = $target
    strong = symbols("strong")
    weak = total - strong
    salt = Rational(high, 100) * strong + Rational(low, 100) * weak
    strong_liters = solve(salt - Rational(target, 100) * total, strong)[0]
    return strong_liters
''')


def sample(rng: random.Random) -> dict:
    low = rng.choice([5, 10, 15, 20])
    high = rng.choice([40, 50, 60, 80])
    target = rng.randrange(low + 5, high, 5)
    return {"low": low, "high": high, "total": rng.randint(2, 30), "target": target}


def answer(params: dict):
    from fractions import Fraction
    p = params
    return Fraction(p["total"] * (p["target"] - p["low"]), p["high"] - p["low"])
