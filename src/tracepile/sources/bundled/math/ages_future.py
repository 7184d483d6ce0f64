"""GSM8K-style: ages with a multiple now and a sum in the future."""
import random
from string import Template

TOPIC = "algebra"

PROBLEM = Template(
    "Tom is $times times as old as his sister Mia. In $years years, the sum of "
    "their ages will be $future_sum. How old is Tom now?"
)

CODE = Template('''\
def solution():
    times = $times
    years = $years
    future_sum = $future_sum
    # both of them get older by the same number of years
    current_sum = future_sum - 2 * years
    # Tom's age + Mia's age = times * Mia + Mia
    mia_age = current_sum // (times + 1)
    tom_age = times * mia_age
    return tom_age
''')


def sample(rng: random.Random) -> dict:
    mia = rng.randint(2, 12)
    times = rng.randint(2, 4)
    years = rng.randint(2, 10)
    return {"times": times, "years": years,
            "future_sum": (times + 1) * mia + 2 * years}


def answer(params: dict):
    for mia in range(1, 200):
        tom = params["times"] * mia
        if (tom + params["years"]) + (mia + params["years"]) == params["future_sum"]:
            return tom
    raise ValueError("no solution")
