"""GSM8K-style, with itertools: running totals of monthly savings until a goal is met."""
import random
from string import Template

TOPIC = "money"

PROBLEM = Template(
    "Priya saves $$$start in the first month and $$$step more each month than the month before. "
    "In which month does her total savings first reach at least $$$goal?"
)

CODE = Template('''\
from itertools import accumulate, count


def solution():
    start = $start
    step = $step
    goal = $goal
    deposits = (start + step * k for k in count())
    for month, total in enumerate(accumulate(deposits), start=1):
        if total >= goal:
            return month
''')


def sample(rng: random.Random) -> dict:
    return {"start": rng.randint(5, 50), "step": rng.randint(1, 20), "goal": rng.randint(100, 900)}


def answer(params: dict):
    total, month, deposit = 0, 0, params["start"]
    while total < params["goal"]:
        month += 1
        total += deposit
        deposit += params["step"]
    return month
