"""GSM8K-style, solved with sympy: present ages from a multiple and a future sum."""
import random
from string import Template

TOPIC = "algebra"
REQUIRES = ("sympy",)

PROBLEM = Template(
    "Maya is $times times as old as her brother. In $years years the sum of their ages will be "
    "$future_sum. How old is Maya now?"
)

CODE = Template('''\
from sympy import Eq, solve, symbols


def solution():
    times = $times
    years = $years
    future_sum = $future_sum
    brother = symbols("brother")
    maya = times * brother
    equation = Eq((maya + years) + (brother + years), future_sum)
    brother_age = solve(equation, brother)[0]
    maya_age = maya.subs(brother, brother_age)
    return maya_age
''')


def sample(rng: random.Random) -> dict:
    times = rng.randint(2, 5)
    brother = rng.randint(2, 15)
    years = rng.randint(1, 12)
    return {"times": times, "years": years, "future_sum": times * brother + brother + 2 * years}


def answer(params: dict):
    brother = (params["future_sum"] - 2 * params["years"]) // (params["times"] + 1)
    return params["times"] * brother
