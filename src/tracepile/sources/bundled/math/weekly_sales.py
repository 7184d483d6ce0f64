"""GSM8K-style: sales over three days with 'times as many' and 'fewer than'."""
import random
from string import Template

TOPIC = "arithmetic"

PROBLEM = Template(
    "A bakery sold $monday pies on Monday. On Tuesday it sold $factor times as many as "
    "on Monday, and on Wednesday it sold $fewer fewer than on Tuesday. How many pies did "
    "it sell over the three days?"
)

CODE = Template('''\
def solution():
    monday = $monday
    factor = $factor
    fewer = $fewer
    tuesday = monday * factor
    wednesday = tuesday - fewer
    total_pies = monday + tuesday + wednesday
    return total_pies
''')


def sample(rng: random.Random) -> dict:
    monday = rng.randint(5, 40)
    factor = rng.randint(2, 4)
    return {"monday": monday, "factor": factor,
            "fewer": rng.randint(1, monday * factor - 1)}


def answer(params: dict):
    return params["monday"] * (1 + 2 * params["factor"]) - params["fewer"]
