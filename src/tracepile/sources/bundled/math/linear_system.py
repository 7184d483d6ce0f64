"""MATH-style: a 2x2 linear system solved by elimination and substitution."""
import random
from string import Template

TOPIC = "algebra"

PROBLEM = Template(
    "If ${a1}x + ${b1}y = $c1 and ${a2}x + ${b2}y = $c2, what is the value of x + y?"
)

CODE = Template('''\
def solution():
    a1 = $a1
    b1 = $b1
    c1 = $c1
    a2 = $a2
    b2 = $b2
    c2 = $c2
    # eliminate y: multiply the first equation by b2 and the second by b1
    x_coefficient = a1 * b2 - a2 * b1
    right_side = c1 * b2 - c2 * b1
    x = right_side // x_coefficient
    # substitute x back into the first equation
    y = (c1 - a1 * x) // b1
    return x + y
''')


def sample(rng: random.Random) -> dict:
    while True:
        a1, b1, a2, b2 = (rng.randint(2, 7) for _ in range(4))
        if a1 * b2 - a2 * b1 != 0:
            break
    x = rng.randint(1, 9)
    y = rng.randint(1, 9)
    return {"a1": a1, "b1": b1, "c1": a1 * x + b1 * y,
            "a2": a2, "b2": b2, "c2": a2 * x + b2 * y}


def answer(params: dict):
    p = params
    for x in range(0, 60):
        for y in range(0, 60):
            if p["a1"] * x + p["b1"] * y == p["c1"] and p["a2"] * x + p["b2"] * y == p["c2"]:
                return x + y
    raise ValueError("no solution")
