"""MATH-style, solved with sympy: a rectangle's sides from its perimeter and area."""
import random
from string import Template

TOPIC = "geometry"
REQUIRES = ("sympy",)

PROBLEM = Template(
    "A rectangle has a perimeter of $perimeter cm and an area of $area square cm. "
    "How long is its longer side, in cm?"
)

CODE = Template('''\
from sympy import solve, symbols


def solution():
    perimeter = $perimeter
    area = $area
    side = symbols("side")
    other_side = perimeter // 2 - side
    roots = solve(side * other_side - area, side)
    longer_side = max(roots)
    return longer_side
''')


def sample(rng: random.Random) -> dict:
    short = rng.randint(1, 12)
    long = rng.randint(short + 1, 20)
    return {"perimeter": 2 * (short + long), "area": short * long}


def answer(params: dict):
    half = params["perimeter"] // 2
    return max(s for s in range(1, half) if s * (half - s) == params["area"])
