"""MATH-style, solved with sympy: the highest point of a parabola through its derivative."""
import random
from string import Template

TOPIC = "algebra"
REQUIRES = ("sympy",)

PROBLEM = Template(
    "A ball's height after t seconds is h(t) = -${a}t^2 + ${b}t + $c meters. "
    "What is the greatest height the ball reaches, in meters?"
)

CODE = Template('''\
from sympy import diff, solve, symbols


def solution():
    a = $a
    b = $b
    c = $c
    t = symbols("t")
    height = -a * t**2 + b * t + c
    velocity = diff(height, t)
    peak_time = solve(velocity, t)[0]
    peak_height = height.subs(t, peak_time)
    return peak_height
''')


def sample(rng: random.Random) -> dict:
    a = rng.randint(1, 6)
    return {"a": a, "b": 2 * a * rng.randint(1, 6), "c": rng.randint(0, 30)}


def answer(params: dict):
    t = params["b"] // (2 * params["a"])
    return -params["a"] * t * t + params["b"] * t + params["c"]
